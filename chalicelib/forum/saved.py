"""Saved posts: a member keeps posts to read again, newest saved first.

Saving is one transaction: the saved item (which the ``saved_by_time`` index lists) and the
post's id in the member's item for that thread (so the thread page shows "Unsave" from the
item it reads anyway), on condition that the post is visible. Unsaving deletes both. Both
are idempotent: saving twice only moves the post to the top.
"""
from pynamodb.exceptions import TransactWriteError

from chalicelib.core import clock, errors
from chalicelib.platform import batches, pagination
from chalicelib.forum import reading
from chalicelib.models import writes
from chalicelib.models.forum import Post, Thread
from chalicelib.models.readings import ReadingItem, saved_key, thread_key

SAVED_KEYS = ("member_id", "item_key", "saved_order")
GONE = "That post is no longer there, so it cannot be saved."


def save(member, thread_id, post_id, now=None):
    """:raise NotFound: the post is missing, hidden or removed."""
    now = now or clock.utcnow()
    item = ReadingItem(member.member_id, saved_key(thread_id, post_id), thread_id=thread_id,
                       post_id=post_id, saved_at=now,
                       saved_order=f"{clock.iso(now)}#{thread_id}#{post_id}")
    try:
        with writes.transaction() as transaction:
            transaction.condition_check(Post, thread_id, post_id,
                                        condition=Post.status == "visible")
            transaction.save(item)
            transaction.update(ReadingItem(member.member_id, thread_key(thread_id)),
                               actions=[ReadingItem.thread_id.set(thread_id),
                                        ReadingItem.saved.add({post_id})])
    except TransactWriteError as error:
        if writes.condition_failed(error):
            raise errors.NotFound(GONE)
        raise


def unsave(member, thread_id, post_id):
    """Forget a saved post (nothing happens if it was not saved)."""
    with writes.transaction() as transaction:
        transaction.delete(ReadingItem(member.member_id, saved_key(thread_id, post_id)))
        transaction.update(ReadingItem(member.member_id, thread_key(thread_id)),
                           actions=[ReadingItem.saved.delete({post_id})])


def saved_page(reader, cursor=None):
    """A page of the member's saved posts, newest saved first, with their posts and
    threads as they are now, and the reader's session: 1 Query + 1 BatchGetItem (the
    Query uses the id the session cookie names; nothing is shown unless it is live).

    :return: (visitor, [(saved item, post or None, thread or None)], next cursor)
    :raise LoginRequired: for a visitor without a live session.
    """
    if reader.member_id is None:
        raise errors.LoginRequired()

    def query(**options):
        return ReadingItem.saved_by_time.query(reader.member_id, scan_index_forward=False,
                                               **options)

    items, next_cursor = pagination.fetch_page(query, SAVED_KEYS, cursor, reading.page_size())
    found = batches.batch_get(batches.merge(reader.request_items(), _keys(items)))
    visitor = reader.settle(found)
    if visitor.member is None or visitor.member.member_id != reader.member_id:
        raise errors.LoginRequired()
    posts = (Post.from_raw_data(raw) for raw in found.get(Post.Meta.table_name, []))
    threads = (Thread.from_raw_data(raw) for raw in found.get(Thread.Meta.table_name, []))
    posts = {(post.thread_id, post.post_id): post for post in posts}
    threads = {thread.thread_id: thread for thread in threads}
    return visitor, [(item, posts.get((item.thread_id, item.post_id)),
                      threads.get(item.thread_id)) for item in items], next_cursor


def _keys(items):
    return batches.merge(
        {Post.Meta.table_name: {"Keys": [{"thread_id": {"S": item.thread_id},
                                          "post_id": {"S": item.post_id}} for item in items]}},
        {Thread.Meta.table_name: {"Keys": [{"thread_id": {"S": item.thread_id}}
                                           for item in items]}})
