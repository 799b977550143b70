"""Newcomers: a member's first thread in their first 14 days is watched over by greeters.

Such a thread gets two sparse keys a moment after it starts (from the threads stream):
``newcomer_key`` (the Newcomers view, by when the author joined) and ``greeting_due``
(six hours on, when greeters are emailed if no one else has replied; a reply or closing
removes it).
"""
from datetime import timedelta

from chalicelib.core import clock
from chalicelib.forum import marks
from chalicelib.platform import members
from chalicelib.models.forum import ALL_THREADS, Thread

NEWCOMER_PERIOD = timedelta(days=14)
GREETING_AFTER = timedelta(hours=6)


def is_newcomer(member, now):
    return member is not None and now - member.created_at <= NEWCOMER_PERIOD


def started_a_thread_before(author_id, thread_id):
    """One Query (Limit 1) on the author's threads older than ``thread_id`` (ULIDs sort by
    time); only newcomers pay for it."""
    return any(True for _ in Thread.threads_by_author.query(
        author_id, Thread.thread_id < thread_id, limit=1))


def on_thread_change(change):
    """threads stream: mark a newcomer's first thread (the same keys on every delivery)."""
    if change.event_name != "INSERT":
        return False
    thread = change.new
    created_at = Thread.created_at.deserialize(thread["created_at"])
    author = members.get_member(thread["author_id"])
    if not is_newcomer(author, created_at) or started_a_thread_before(
            author.member_id, thread["thread_id"]):
        return False
    keys = {"newcomer_feed": ALL_THREADS,
            "newcomer_key": f"{clock.iso(author.created_at)}#{thread['thread_id']}"}
    due = {"greeting_due": clock.iso(created_at + GREETING_AFTER)}
    # Greeters wait only for an open thread no one has answered yet (the reply or the
    # closing may have been handled first); the Newcomers view lists it either way.
    return (marks.write_marks(thread["thread_id"], set_values=keys | due,
                              absent=("answered_at", "greeters_told_at"),
                              equal={"status": "open"})
            or marks.write_marks(thread["thread_id"], set_values=keys))


def newcomer_threads(now, limit=50):
    """First threads by members who joined in the last 14 days, newest members first."""
    since = clock.iso(now - NEWCOMER_PERIOD)
    return list(Thread.newcomer_threads.query(
        ALL_THREADS, Thread.newcomer_key > since, scan_index_forward=False, limit=limit))
