"""Lantern's wiring: routes, schedules, queue and stream handlers; the work is in chalicelib/."""
from chalice import Cron

from chalicelib import features, jobs  # noqa: F401  (features: wires every feature's hooks)
from chalicelib.core import config
from chalicelib.web import routing, security
from chalicelib.web import permissions  # noqa: F401  (the templates' role predicates)
from chalicelib.core.logs import configure_logging, log_invocation
from chalicelib.route_table import LOCAL_ROUTES, ROUTES

app = routing.Site(app_name="lantern")
configure_logging(app)
app.register_middleware(log_invocation, "all")
app.register_middleware(security.http_middleware, "http")

routing.register_routes(app, ROUTES)
if config.settings.is_local:
    routing.register_routes(app, LOCAL_ROUTES)


@app.schedule(Cron(15, 3, "*", "*", "?", "*"))
def close_stale_threads(event):
    return jobs.run_job("close-stale")


@app.schedule(Cron(0, "*", "*", "*", "?", "*"))
def enqueue_digests(event):
    return jobs.run_job("digests")


@app.on_sqs_message(queue=config.settings.digest_queue_name, batch_size=1)
def deliver_digests(event):
    return jobs.deliver_digests(record.body for record in event)


@app.schedule(Cron("5/15", "*", "*", "*", "?", "*"))
def greet_newcomers(event):
    return jobs.run_job("greet-newcomers")


@app.schedule(Cron(30, "*", "*", "*", "?", "*"))
def rebuild_search_index(event):
    return jobs.run_job("rebuild-search-index")


@app.on_sns_message(topic=config.settings.bounce_topic_name)
def ses_notifications(event):
    return jobs.handle_ses_notification(event.message)


@app.on_sns_message(topic=config.settings.inbound_topic_name)
def inbound_mail(event):
    return jobs.handle_inbound_mail(event.message)


@app.schedule(Cron(0, 7, "*", "*", "?", "*"))
def send_letter_digests(event):
    return jobs.run_job("letter-digests")


@app.on_dynamodb_record(stream_arn=config.settings.posts_stream_arn, batch_size=100)
def posts_stream(event):
    return jobs.handle_stream("posts", event)


@app.on_dynamodb_record(stream_arn=config.settings.threads_stream_arn, batch_size=100)
def threads_stream(event):
    return jobs.handle_stream("threads", event)


@app.on_dynamodb_record(stream_arn=config.settings.blocks_stream_arn, batch_size=100)
def blocks_stream(event):
    return jobs.handle_stream("blocks", event)


@app.on_dynamodb_record(stream_arn=config.settings.suppressions_stream_arn, batch_size=100)
def suppressions_stream(event):
    return jobs.handle_stream("suppressions", event)


@app.on_dynamodb_record(stream_arn=config.settings.reactions_stream_arn, batch_size=100)
def reactions_stream(event):
    return jobs.handle_stream("reactions", event)


@app.on_dynamodb_record(stream_arn=config.settings.letters_stream_arn, batch_size=100)
def letters_stream(event):
    return jobs.handle_stream("letters", event)


@app.on_dynamodb_record(stream_arn=config.settings.letter_shares_stream_arn, batch_size=100)
def letter_shares_stream(event):
    return jobs.handle_stream("letter_shares", event)
