"""Lantern's wiring: routes, schedules and queue handlers; the work is in chalicelib/."""
from chalice import Chalice, Cron

from chalicelib import config, jobs, security
from chalicelib.accounts.login_views import login_pages
from chalicelib.accounts.settings_views import settings_pages
from chalicelib.accounts.views import account_pages
from chalicelib.care.greeter_views import greeter_pages
from chalicelib.care.views import care_pages
from chalicelib.correspondence.views import correspondence_pages
from chalicelib.devtools import dev_tools
from chalicelib.forum.admin_views import admin_pages
from chalicelib.forum.compose_views import compose_pages
from chalicelib.forum.post_views import post_pages
from chalicelib.forum.views import forum_pages
from chalicelib.journal.views import journal_pages
from chalicelib.logs import configure_logging, log_invocation
from chalicelib.moderation.safety_views import safety_pages
from chalicelib.moderation.views import moderation_pages
from chalicelib.pages import content_pages
from chalicelib.profiles.views import peer_pages
from chalicelib.static_files import static_files
from chalicelib.subscriptions import digests, suppression
from chalicelib.subscriptions.views import subscription_pages

app = Chalice(app_name="lantern")
configure_logging(app)
app.register_middleware(log_invocation, "all")
app.register_middleware(security.http_middleware, "http")

app.register_blueprint(static_files)
app.register_blueprint(forum_pages)
app.register_blueprint(compose_pages)
app.register_blueprint(post_pages)
app.register_blueprint(admin_pages)
app.register_blueprint(content_pages)
app.register_blueprint(subscription_pages)
app.register_blueprint(account_pages)
app.register_blueprint(login_pages)
app.register_blueprint(settings_pages)
app.register_blueprint(peer_pages)
app.register_blueprint(correspondence_pages)
app.register_blueprint(journal_pages)
app.register_blueprint(safety_pages)
app.register_blueprint(moderation_pages)
app.register_blueprint(care_pages)
app.register_blueprint(greeter_pages)
if config.settings.is_local:
    app.register_blueprint(dev_tools)


@app.schedule(Cron(15, 3, "*", "*", "?", "*"))
def close_stale_threads(event):
    return jobs.run_job("close-stale")


@app.schedule(Cron(0, "*", "*", "*", "?", "*"))
def enqueue_digests(event):
    return jobs.run_job("digests")


@app.on_sqs_message(queue=config.settings.digest_queue_name, batch_size=1)
def deliver_digests(event):
    return [digests.handle_message(record.body) for record in event]


@app.schedule(Cron("5/15", "*", "*", "*", "?", "*"))
def greet_newcomers(event):
    return jobs.run_job("greet-newcomers")


@app.on_sns_message(topic=config.settings.bounce_topic_name)
def ses_notifications(event):
    return suppression.handle_ses_notification(event.message)


@app.schedule(Cron(0, 7, "*", "*", "?", "*"))
def send_letter_digests(event):
    return jobs.run_job("letter-digests")
