"""The scheduled jobs, queue and stream handlers by name: app.py wires them, the CLI runs jobs on demand.

Jobs are named by ``"module:function"`` strings, as routes are in chalicelib/route_table.py,
and resolved by ``core.hooks.resolve`` when they run, so a cold Lambda serving a page never
loads the jobs' code (see chalicelib/web/routing.py for the same reason).
"""
from chalicelib.core.hooks import resolve

JOBS = {
    "close-stale": "chalicelib.forum.closing:close_stale_threads",
    "digests": "chalicelib.subscriptions.digests:enqueue_due_digests",
    "letter-digests": "chalicelib.correspondence.notifications:send_letter_digests",
    "greet-newcomers": "chalicelib.care.greeters:call_greeters",
    "rebuild-search-index": "chalicelib.search.rebuild:rebuild_index",
}

# How often `make run` runs each job by itself (seconds); in AWS, app.py's schedules rule.
LOCAL_INTERVALS = {
    "close-stale": 24 * 3600,
    "digests": 3600,
    "letter-digests": 24 * 3600,
    "greet-newcomers": 15 * 60,
    "rebuild-search-index": 3600,
}


def run_job(name, now=None):
    """:raise KeyError: for an unknown job name."""
    return resolve(JOBS[name])(now=now)


def deliver_digests(bodies):
    """The digest queue's messages, one digest each."""
    handle_message = resolve("chalicelib.subscriptions.digests:handle_message")
    return [handle_message(body) for body in bodies]


def handle_ses_notification(message):
    """A bounce or complaint that SES published to the topic."""
    return resolve("chalicelib.subscriptions.suppression:handle_ses_notification")(message)


def handle_inbound_mail(message):
    """An email SES stored in the inbound bucket (a reply, or an unsubscribe by mail)."""
    return resolve("chalicelib.inbound.ses:handle_notification")(message)


def handle_stream(table, event):
    """A batch of ``table``'s stream records (Chalice's event), to its registered handlers.

    :return: the failed records by sequence number, for Lambda to retry.
    """
    raw = event.to_dict() if hasattr(event, "to_dict") else event
    return resolve("chalicelib.platform.stream_batches:handle_batch")(table, raw)
