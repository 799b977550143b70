"""Closing threads that have gone quiet (the close-stale scheduled job), and reopening.

A thread leaving or rejoining the unanswered list is care's reaction to the threads
stream (chalicelib/care/unanswered.py), not part of these writes.
"""
import logging
import time
from datetime import timedelta

from chalicelib.core import clock, config, errors
from chalicelib.forum import keys, reading
from chalicelib.models import writes
from chalicelib.models.forum import Thread

log = logging.getLogger("lantern.jobs")
MODERATOR_ROLES = {"moderator", "admin"}


def stale_after_days(category):
    return int(category.stale_after_days or config.settings.stale_after_days)


def close_if_still_stale(thread_id, seen_activity, days, now):
    """Close one thread unless a reply landed since the index was read (the reply wins).

    The sparse index is eventually consistent (docs/pitfalls.md #5), so the write itself re-checks
    that the thread is open and its last activity is the one we saw.
    :return: True if this call closed it.
    """
    condition = (Thread.status == "open") & (Thread.open_activity == seen_activity)
    actions = [Thread.status.set("closed"), Thread.closed_at.set(now),
               Thread.closed_reason.set("stale"), Thread.closed_after_days.set(days),
               Thread.open_activity.remove()]
    return _update_if(Thread(thread_id=thread_id), condition, actions)


def _update_if(thread, condition, actions):
    """:return: True if this call wrote, False if ``condition`` no longer held."""
    return writes.applied(lambda: thread.update(condition=condition, actions=actions))


def close_stale_threads(now=None):
    """Close every open thread idle for its category's stale-after days.

    Reads only the sparse index of open threads idle past the cutoff, so its cost grows
    with the number of stale threads, not with the forum. Safe to run twice.
    """
    now = now or clock.utcnow()
    started = time.monotonic()
    closed = skipped = 0
    for category in reading.list_categories():
        days = stale_after_days(category)
        cutoff = clock.iso(now - timedelta(days=days))
        for entry in Thread.open_threads_by_activity.query(
                category.slug, Thread.open_activity < cutoff):
            if close_if_still_stale(entry.thread_id, entry.open_activity, days, now):
                closed += 1
            else:
                skipped += 1
    summary = {"job": "close-stale", "closed": closed, "skipped": skipped,
               "took_ms": round((time.monotonic() - started) * 1000)}
    log.info("close-stale finished", extra={"summary": summary})
    return summary


def reopen_thread(thread_id, moderator, now=None):
    """Reopen a closed thread; its idle clock starts again from ``now``.

    :raise Forbidden: unless ``moderator`` is a moderator or an admin.
    :raise NotFound: for an unknown thread.
    :return: True if this call reopened it, False if it was open already.
    """
    if moderator is None or moderator.role not in MODERATOR_ROLES:
        raise errors.Forbidden("Only moderators can reopen a thread.")
    now = now or clock.utcnow()
    found = reading.get_thread(thread_id, consistent=True)
    condition = Thread.thread_id.exists() & (Thread.status == "closed")
    actions = [Thread.status.set("open"), Thread.closed_at.remove(),
               Thread.closed_reason.remove(), Thread.closed_after_days.remove(),
               Thread.open_activity.set(keys.open_activity(now))]
    return _update_if(Thread(thread_id=found.thread_id), condition, actions)
