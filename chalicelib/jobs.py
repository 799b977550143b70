"""The scheduled jobs by name: app.py schedules them, the CLI runs them on demand."""
from chalicelib.care.greeters import call_greeters
from chalicelib.correspondence.notifications import send_letter_digests
from chalicelib.forum.closing import close_stale_threads
from chalicelib.subscriptions.digests import enqueue_due_digests

JOBS = {
    "close-stale": close_stale_threads,
    "digests": enqueue_due_digests,
    "letter-digests": send_letter_digests,
    "greet-newcomers": call_greeters,
}

# How often `make run` runs each job by itself (seconds); in AWS, app.py's schedules rule.
LOCAL_INTERVALS = {
    "close-stale": 24 * 3600,
    "digests": 3600,
    "letter-digests": 24 * 3600,
    "greet-newcomers": 15 * 60,
}


def run_job(name, now=None):
    """:raise KeyError: for an unknown job name."""
    return JOBS[name](now=now)
