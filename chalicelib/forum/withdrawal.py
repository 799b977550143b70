"""Withdrawing a thread from every reader: the forum's one "no longer public" state.

A withdrawn thread keeps its item and its posts (a moderator's records, an author's
export), but:

- it loses its list keys (``list_key``, ``activity_key``, ``open_activity``, the newcomer
  and milestone keys), so the category pages, Latest, the feeds, Unanswered, Newcomers and
  Milestones, which are all Queries on sparse indexes, no longer hold it;
- it is closed (``status`` "closed"), so no reply can land and care's stream handler takes
  it off the unanswered count as it does for any closed thread;
- ``reading.get_thread`` and the thread page answer it with the calm 404 of a removed
  thread, and so does every page that loads a thread through them (reply, permalink,
  follow, report, moderation tools); only a thread hidden by moderators stays readable,
  on its page and by its post links, to moderators and admins (``shown_to``);
- profile pages leave it out (``is_withdrawn``), and the search index drops its posts
  (the threads stream: chalicelib/search/indexing.py).

Like the moderators' changes (moderating.py), the write joins the caller's transaction,
so the reason for withdrawing (a shared-letters record, an audit entry) commits with it.
What the withdrawal took away is kept on the thread (``withdrawn_before``), so a hidden
thread can be restored exactly (restoring.py); unpublished letters are only ever published
again by their writers.
"""
from pynamodb.exceptions import UpdateError

from chalicelib.models import writes
from chalicelib.models.forum import (CATEGORY_PARTITION, WITHDRAWN_REASONS, Category, HeldState,
                                     Thread)
from chalicelib.web.permissions import is_moderator

GONE = "This conversation is no longer public."


def is_withdrawn(thread):
    return bool(getattr(thread, "withdrawn", None))


def shown_to(thread, member):
    """Whether ``member`` (None for a visitor) reads ``thread`` on its page: a public one,
    everyone; one moderators hid, moderators and admins, who may restore it; unpublished
    letters, no one: their writers took them back, and moderation has no part in that."""
    if not is_withdrawn(thread):
        return True
    return thread.withdrawn == "hidden" and is_moderator(member)


def withdraw_thread(transaction, thread, reason, now, by_handle=None, note=None):
    """Withdraw ``thread`` (read just before) for ``reason``, with the category's counts.

    The condition (not withdrawn yet, and still in the state read: open or closed) makes a
    second withdrawal, or one racing a close, fail the caller's transaction, so the counts
    move once and the state kept for restoring is the one the thread had.
    :raise ValueError: for a reason not in WITHDRAWN_REASONS.
    """
    if reason not in WITHDRAWN_REASONS:
        raise ValueError(f"not a reason to withdraw a thread: {reason}")
    posts = int(thread.reply_count or 0) + 1
    held = HeldState(status=thread.status, closed_at=thread.closed_at,
                     closed_reason=thread.closed_reason, newcomer_key=thread.newcomer_key,
                     milestone_key=thread.milestone_key, post_count=posts,
                     by_handle=by_handle, note=note or None)
    transaction.update(thread, condition=Thread.thread_id.exists() & Thread.withdrawn.does_not_exist()
                       & (Thread.status == thread.status),
                       actions=[
                           Thread.withdrawn.set(reason), Thread.withdrawn_at.set(now),
                           Thread.withdrawn_before.set(held),
                           Thread.status.set("closed"), Thread.closed_at.set(now),
                           Thread.closed_reason.set(reason), Thread.list_key.remove(),
                           Thread.activity_key.remove(), Thread.open_activity.remove(),
                           Thread.newcomer_key.remove(), Thread.milestone_key.remove()])
    transaction.update(Category(CATEGORY_PARTITION, thread.category_slug),
                       condition=Category.slug.exists(), actions=[
                           Category.thread_count.add(-1), Category.post_count.add(-posts)])


def unpublish_hidden(transaction, thread):
    """A hidden thread whose writers unpublish their letters: it stays withdrawn, now as
    unpublished, so no moderator's restore can publish it again."""
    transaction.update(thread, condition=Thread.withdrawn == "hidden",
                       actions=[Thread.withdrawn.set("unpublished")])


def after_withdrawal(thread):
    """Once committed: a category whose "latest in" line names this thread forgets it."""
    try:
        Category(CATEGORY_PARTITION, thread.category_slug).update(
            condition=Category.last_thread_id == thread.thread_id,
            actions=[Category.last_thread_id.remove(), Category.last_thread_title.remove()])
    except UpdateError as error:
        if not writes.condition_failed(error):
            raise


def visible(threads):
    """``threads`` without the withdrawn ones (lists read from an index that keeps them)."""
    return [thread for thread in threads if not is_withdrawn(thread)]


def load(thread_id):
    """The thread, withdrawn or not, or None when there is no such thread (the withdrawing
    feature decides what a thread already gone means)."""
    try:
        return Thread.get(thread_id, consistent_read=True)
    except Thread.DoesNotExist:
        return None
