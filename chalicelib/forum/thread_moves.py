"""Moving a thread to another category: the forum's writes (chalicelib/moderation/moving.py
decides when, retries, and records the move in the audit log).

``move_thread`` adds the thread and the two categories' counters to the caller's
transaction, and holds only while the thread has the reply count whose posts it moves; a
reply that read the thread before the move is conditioned on the category it read, and
follows the thread (``posting.add_reply``). ``update_latest_lines`` then brings the home
page's "latest" lines along. The request does that constant work only: the posts follow
in batches through the threads stream (``on_thread_change``), each batch's progress written
on the thread, whose write is the next batch's stream record, and the thread says it is
being moved until the last batch clears the mark.
"""
from chalicelib.models.forum import CATEGORY_PARTITION, Category, Post, Thread
from chalicelib.models import writes

# Pinned threads come first in a category's listing; the newest of them and of the first
# unpinned one is the category's latest. A few more than anyone pins.
LATEST_CANDIDATES = 10
# Posts brought to the new category per stream record: well inside a consumer's timeout.
POSTS_PER_BATCH = 200


def move_thread(transaction, thread, source_slug, target_slug):
    posts = 1 + int(thread.reply_count or 0)
    transaction.update(thread, condition=(Thread.category_slug == source_slug)
                       & (Thread.reply_count == int(thread.reply_count or 0)),
                       actions=[Thread.category_slug.set(target_slug),
                                Thread.posts_moving_to.set(target_slug),
                                Thread.posts_moved_through.remove()])
    transaction.update(Category(CATEGORY_PARTITION, source_slug), actions=[
        Category.thread_count.add(-1), Category.post_count.add(-posts)])
    transaction.update(Category(CATEGORY_PARTITION, target_slug),
                       condition=Category.slug.exists(), actions=[
                           Category.thread_count.add(1), Category.post_count.add(posts)])


def on_thread_change(change):
    """Threads stream: while a thread's posts are being moved, bring the next batch along."""
    thread = change.new or {}
    target = thread.get("posts_moving_to")
    if target and thread.get("category_slug") == target:
        move_post_batch(thread["thread_id"], target, thread.get("posts_moved_through"))


def move_post_batch(thread_id, category_slug, after=None):
    """Point up to POSTS_PER_BATCH posts after ``after`` at ``category_slug`` (a post already
    there is left alone, so a repeated record changes nothing), then record the progress,
    or clear the mark after the last post. A record of a move since overtaken or finished
    does nothing: the thread is read first."""
    try:
        current = Thread.get(thread_id, consistent_read=True)
    except Thread.DoesNotExist:
        return
    if current.posts_moving_to != category_slug or current.category_slug != category_slug:
        return
    page = Post.query(thread_id, Post.post_id > after if after else None,
                      limit=POSTS_PER_BATCH)
    last = None
    for post in page:
        last = post.post_id
        if post.category_slug != category_slug:
            _set_category(post, category_slug)
    if page.last_evaluated_key is not None and last is not None:
        progress = [Thread.posts_moved_through.set(last)]
    else:
        progress = [Thread.posts_moving_to.remove(), Thread.posts_moved_through.remove()]
    writes.applied(lambda: Thread(thread_id).update(actions=progress, condition=(
        Thread.category_slug == category_slug) & (Thread.posts_moving_to == category_slug)))


def _set_category(post, category_slug):
    writes.applied(lambda: post.update(  # never recreate a post deleted meanwhile
        actions=[Post.category_slug.set(category_slug)], condition=Post.post_id.exists(),
        add_version_condition=False))


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
    writes.applied(lambda: Category(CATEGORY_PARTITION, category_slug).update(
        actions=actions, condition=condition))
