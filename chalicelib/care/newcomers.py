"""Newcomers: a member's first thread in their first 14 days is watched over by greeters.

Starting such a thread sets two sparse keys: ``newcomer_key`` (the Newcomers view, by when
the author joined) and ``greeting_due`` (six hours on, when greeters are emailed if no one
else has replied; a reply or closing removes it).
"""
from datetime import timedelta

from chalicelib.core import clock
from chalicelib.models.forum import ALL_THREADS, Thread

NEWCOMER_PERIOD = timedelta(days=14)
GREETING_AFTER = timedelta(hours=6)


def is_newcomer(member, now):
    return member is not None and now - member.created_at <= NEWCOMER_PERIOD


def has_started_a_thread(author):
    """One Query (Limit 1) on the author's threads; only newcomers pay for it."""
    return any(True for _ in Thread.threads_by_author.query(author.member_id, limit=1))


def mark_if_first_thread(thread, author, now):
    """Set the newcomer keys on ``thread`` before its creating transaction."""
    if not is_newcomer(author, now) or has_started_a_thread(author):
        return
    thread.newcomer_feed = ALL_THREADS
    thread.newcomer_key = f"{clock.iso(author.created_at)}#{thread.thread_id}"
    thread.greeting_due = clock.iso(thread.created_at + GREETING_AFTER)


def newcomer_threads(now, limit=50):
    """First threads by members who joined in the last 14 days, newest members first."""
    since = clock.iso(now - NEWCOMER_PERIOD)
    return list(Thread.newcomer_threads.query(
        ALL_THREADS, Thread.newcomer_key > since, scan_index_forward=False, limit=limit))
