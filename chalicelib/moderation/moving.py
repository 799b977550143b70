"""Moving a thread to another category: counters, posts and the "latest" lines follow.

A move and a reply can run at the same time. The move's transaction holds only while
the thread has the reply count whose posts it moves, so a reply landing first makes the
move run again with the new count; a reply that read the thread before the move is
conditioned on the category it read, and follows the thread (``posting.add_reply``).
"""
from pynamodb.exceptions import TransactWriteError, UpdateError

from chalicelib.core import errors
from chalicelib.forum import reading
from chalicelib.models.forum import CATEGORY_PARTITION, Category, Post, Thread
from chalicelib.models import writes
from chalicelib.moderation import audit

MOVE_ATTEMPTS = 3
# Pinned threads come first in a category's listing; the newest of them and of the first
# unpinned one is the category's latest. A few more than anyone pins.
LATEST_CANDIDATES = 10


def move(thread, moderator, category_slug, reason, now):
    """Move a thread and its posts to another category, counters and all.

    :raise NotFound: for an unknown category.
    :raise Conflict: when another moderator moved the thread first.
    """
    target = reading.get_category(category_slug)
    source_slug = thread.category_slug
    if target.slug == source_slug:
        raise errors.Conflict("That thread is in that category already.")
    for _ in range(MOVE_ATTEMPTS):
        try:
            _move_once(thread, source_slug, target.slug, moderator, reason, now)
            break
        except TransactWriteError as error:
            if not writes.condition_failed(error):
                raise
        seen_replies = thread.reply_count
        thread = reading.get_thread(thread.thread_id, consistent=True)
        if thread.category_slug != source_slug:
            raise errors.Conflict("That thread was moved meanwhile; nothing changed.")
        if thread.reply_count == seen_replies:  # not a reply: the category went away
            raise errors.Conflict("That category changed meanwhile; nothing changed.")
    else:
        raise errors.Conflict("Replies kept arriving while the thread was being moved; "
                              "nothing changed. Please try again.")
    sync_post_categories(thread.thread_id, target.slug)
    update_latest_lines(thread, source_slug, target.slug)


def _move_once(thread, source_slug, target_slug, moderator, reason, now):
    posts = 1 + int(thread.reply_count or 0)
    with writes.transaction() as transaction:
        transaction.update(thread, condition=(Thread.category_slug == source_slug)
                           & (Thread.reply_count == int(thread.reply_count or 0)),
                           actions=[Thread.category_slug.set(target_slug)])
        transaction.update(Category(CATEGORY_PARTITION, source_slug), actions=[
            Category.thread_count.add(-1), Category.post_count.add(-posts)])
        transaction.update(Category(CATEGORY_PARTITION, target_slug),
                           condition=Category.slug.exists(), actions=[
                               Category.thread_count.add(1), Category.post_count.add(posts)])
        audit.save_in(transaction, audit.entry(
            moderator, "move", now, reason, subject=(thread.author_id, thread.author_handle),
            thread_id=thread.thread_id, detail=f"from {source_slug} to {target_slug}"))


def sync_post_categories(thread_id, category_slug):
    """Point every post of a thread at its category (safe to run again), one UpdateItem
    per post, so "new posts in a category" stays right."""
    for post in Post.query(thread_id):
        if post.category_slug != category_slug:
            post.update(actions=[Post.category_slug.set(category_slug)],
                        add_version_condition=False)


def update_latest_lines(thread, source_slug, target_slug):
    """The home page's "latest … in <thread>" line of both categories after a move.

    The target names the thread if it is newer than its latest; the source, if it named
    the thread, names its newest remaining thread instead (or nothing, when empty).
    """
    _update_if(target_slug, _latest_actions(thread),
               Category.last_activity_at.does_not_exist()
               | (Category.last_activity_at < thread.last_activity_at))
    remaining = newest_thread(source_slug, excluding=thread.thread_id)
    _update_if(source_slug, _latest_actions(remaining),
               Category.last_thread_id == thread.thread_id)


def newest_thread(category_slug, excluding):
    """The category's most recently active thread other than ``excluding``: one Query.

    (The index lags a moment behind a move, so the moved thread may still show there.)
    """
    newest = None
    listing = Thread.threads_by_category.query(category_slug, scan_index_forward=False,
                                               limit=LATEST_CANDIDATES)
    for candidate in listing:
        if candidate.thread_id == excluding:
            continue
        if newest is None or candidate.last_activity_at > newest.last_activity_at:
            newest = candidate
        if not candidate.pinned:
            break
    return newest


def _latest_actions(thread):
    if thread is None:
        return [Category.last_activity_at.remove(), Category.last_thread_id.remove(),
                Category.last_thread_title.remove()]
    return [Category.last_activity_at.set(thread.last_activity_at),
            Category.last_thread_id.set(thread.thread_id),
            Category.last_thread_title.set(thread.title)]


def _update_if(category_slug, actions, condition):
    try:
        Category(CATEGORY_PARTITION, category_slug).update(actions=actions,
                                                           condition=condition)
    except UpdateError as error:
        if not writes.condition_failed(error):
            raise
