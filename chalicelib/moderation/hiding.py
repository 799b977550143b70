"""Hiding a whole thread from every reader, and restoring it (Discourse's unlist and
recover): the forum's withdrawn state (chalicelib/forum/withdrawal.py, restoring.py) with
the audit entry in the same transaction.

A hidden thread leaves every list, feed and search and answers readers a calm 404; its
author is told through the threads stream (chalicelib/notifications/events.py), and
moderators still read it on its own page and its moderator page and find it in Hidden
threads. Unpublished shared letters are their writers' to publish again, never a
moderator's.
"""
from dataclasses import dataclass

from chalicelib.core import errors
from chalicelib.forum import reading, restoring, withdrawal
from chalicelib.moderation import threads

MAX_REASON = 1000
NOT_FOUND = "We could not find that thread. It may have been removed."
UNPUBLISHED = ("Its writers unpublished these shared letters: only they can publish them "
               "again, so moderators cannot restore or hide this thread.")


def validate_reason(reason):
    if not reason:
        return {"reason": "Say why the thread is hidden: it goes in the audit log."}
    if len(reason) > MAX_REASON:
        return {"reason": f"Keep the reason under {MAX_REASON} characters."}
    return {}


def _withdrawn_thread(thread_id):
    """The thread whatever its state, or NotFound; unpublished letters are refused."""
    thread = withdrawal.load(thread_id)
    if thread is None:
        raise errors.NotFound(NOT_FOUND)
    if thread.withdrawn == "unpublished":
        raise errors.Conflict(UNPUBLISHED)
    return thread


def thread_to_hide(thread_id):
    """The thread the Hide page asks about; None when it is hidden already."""
    thread = _withdrawn_thread(thread_id)
    return None if withdrawal.is_withdrawn(thread) else thread


def hide(thread_id, moderator, reason, now):
    """Hide a public thread. :raise Conflict: hidden already, or it changed meanwhile."""
    thread = _withdrawn_thread(thread_id)
    if withdrawal.is_withdrawn(thread):
        raise errors.Conflict("Nothing changed: that thread is hidden already.")
    threads.apply_change(
        thread, moderator, "hide-thread", reason, now,
        lambda transaction: withdrawal.withdraw_thread(
            transaction, thread, "hidden", now, by_handle=moderator.handle, note=reason),
        conflict="Nothing changed: another moderator hid or closed that thread just now. "
                 "Please look at it again.")
    withdrawal.after_withdrawal(thread)
    return thread


def restore(thread_id, moderator, reason, now):
    """Restore a hidden thread. :raise Conflict: not hidden (any more)."""
    thread = _withdrawn_thread(thread_id)
    if not withdrawal.is_withdrawn(thread):
        raise errors.Conflict("Nothing changed: that thread is not hidden.")
    threads.apply_change(
        thread, moderator, "restore-thread", reason, now,
        lambda transaction: restoring.restore_thread(transaction, thread, now),
        conflict="Nothing changed: another moderator restored that thread just now.")
    restoring.after_restore(thread)
    return thread


@dataclass
class HiddenThread:
    thread: object
    posts: list
    next_cursor: str = None


def hidden_thread(thread_id, cursor=None):
    """What a moderator reads of a hidden thread (2 requests); None when it is public."""
    thread = _withdrawn_thread(thread_id)
    if not withdrawal.is_withdrawn(thread):
        return None
    posts, next_cursor = reading.thread_posts(thread_id, cursor)
    return HiddenThread(thread, posts, next_cursor)


def hidden_threads(cursor=None):
    return restoring.hidden_threads(cursor)
