"""Restoring a hidden thread: the reverse of chalicelib/forum/withdrawal.py.

The thread gets its list keys back as chalicelib/forum/keys.py computes them from its
fields (so it sorts where its last activity puts it, pinned or not), the state it had
before (open, or closed as it was), its newcomer and milestone keys, and the category's
counts. An open thread's idle clock starts again from now, as a moderator's reopening
does, so the close-stale job does not close it at once. Care's handler puts an unanswered
open thread back on that list (the threads stream), and search indexes its posts again
(chalicelib/search/indexing.py).

Only a thread hidden by a moderator is restored: unpublished shared letters are published
again only by their writers.
"""
from pynamodb.exceptions import UpdateError

from chalicelib.forum import keys, reading
from chalicelib.models import writes
from chalicelib.models.forum import CATEGORY_PARTITION, Category, Thread
from chalicelib.platform import pagination


def _status_actions(held, now):
    if held is None or held.status == "open":
        return [Thread.status.set("open"), Thread.closed_at.remove(),
                Thread.closed_reason.remove(), Thread.open_activity.set(keys.open_activity(now))]
    closed_at = [Thread.closed_at.set(held.closed_at)] if held.closed_at \
        else [Thread.closed_at.remove()]
    reason = [Thread.closed_reason.set(held.closed_reason)] if held.closed_reason \
        else [Thread.closed_reason.remove()]
    return [Thread.status.set("closed")] + closed_at + reason


def _care_keys(held):
    if held is None:
        return []
    return [getattr(Thread, name).set(getattr(held, name))
            for name in ("newcomer_key", "milestone_key") if getattr(held, name)]


def restore_thread(transaction, thread, now):
    """Restore ``thread`` (read just before, hidden) in the caller's transaction.

    Conditioned on the very withdrawal that was read (``withdrawn_at``), so a second
    restore, or one racing another moderator's, fails the transaction and the counts move
    once. A thread hidden before its state was kept comes back open.
    """
    held = thread.withdrawn_before
    posts = int(held.post_count) if held is not None else int(thread.reply_count or 0) + 1
    transaction.update(thread, condition=(Thread.withdrawn == "hidden")
                       & (Thread.withdrawn_at == thread.withdrawn_at), actions=[
                           Thread.withdrawn.remove(), Thread.withdrawn_at.remove(),
                           Thread.withdrawn_before.remove(),
                           Thread.list_key.set(keys.list_key(
                               thread.pinned, thread.last_activity_at, thread.thread_id)),
                           Thread.activity_key.set(keys.activity_key(
                               thread.last_activity_at, thread.thread_id)),
                       ] + _status_actions(held, now) + _care_keys(held))
    transaction.update(Category(CATEGORY_PARTITION, thread.category_slug),
                       condition=Category.slug.exists(), actions=[
                           Category.thread_count.add(1), Category.post_count.add(posts)])


def after_restore(thread):
    """Once committed: the category's "latest in" line names this thread again if it was
    the latest there and no thread has taken the line since."""
    try:
        Category(CATEGORY_PARTITION, thread.category_slug).update(
            condition=Category.last_thread_id.does_not_exist()
            & (Category.last_activity_at <= thread.last_activity_at),
            actions=[Category.last_thread_id.set(thread.thread_id),
                     Category.last_thread_title.set(thread.title)])
    except UpdateError as error:
        if not writes.condition_failed(error):
            raise


def hidden_threads(cursor=None, size=None):
    """A page of hidden threads, latest hidden first: one Query on the sparse index."""
    def query(**options):
        return Thread.withdrawn_threads.query("hidden", scan_index_forward=False, **options)

    return pagination.fetch_page(query, ("thread_id", "withdrawn", "withdrawn_at"), cursor,
                                 size or reading.page_size())
