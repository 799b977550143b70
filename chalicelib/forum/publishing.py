"""A thread that arrives whole: several posts by several members, published at once.

Shared letters (chalicelib/correspondence/sharing.py) become such a thread: each letter a
post under its own writer's name, the thread naming both writers (``shared_by``). After
that it is a thread like any other: replies, reports, moderation, withdrawal.

The items join the caller's transaction, so the consent that publishes them (a proposal's
approval, conditioned on the version the approver saw) commits with them or not at all.
"""
from datetime import timedelta

from chalicelib.core import clock
from chalicelib.forum import keys, page_index, posting
from chalicelib.models.forum import CATEGORY_PARTITION, Category, Post, Thread


class Author:
    """Who wrote one post (posting.new_post reads ``member_id`` and ``handle``)."""

    def __init__(self, member_id, handle):
        self.member_id, self.handle = member_id, handle


def build_thread(category_slug, title, entries, shared_by, now, shared_from=None):
    """(thread, posts) for ``entries`` ``[(author_id, handle, body)]``, in that order.

    Post ids are a millisecond apart, so the posts keep the entries' order. ``shared_from``
    is the publishing feature's own reference (shown to no reader).
    """
    opened = now
    last = now + timedelta(milliseconds=len(entries) - 1)
    thread_id = clock.new_id(opened)
    thread = Thread(thread_id=thread_id, category_slug=category_slug, title=title,
                    author_id=entries[0][0], author_handle=entries[0][1], created_at=opened,
                    last_activity_at=last, last_author_handle=entries[-1][1],
                    reply_count=len(entries) - 1, shared_by=list(shared_by),
                    shared_from=shared_from,
                    list_key=keys.list_key(False, last, thread_id),
                    open_activity=keys.open_activity(last),
                    activity_key=keys.activity_key(last, thread_id),
                    page_marks_size=page_index.size())
    posts = []
    for number, (author_id, handle, body) in enumerate(entries):
        moment = opened + timedelta(milliseconds=number)
        post = posting.new_post(thread, Author(author_id, handle), body, now=moment,
                                post_id=thread_id if number == 0 else None)
        post.with_thread = True  # no reply notice, mention or "replied to your thread"
        posts.append(post)
    thread.page_marks = page_index.marks_of([post.post_id for post in posts])
    thread.last_post_id = posts[-1].post_id
    return thread, posts


def add_thread(transaction, thread, posts):
    """Put the thread and its posts, and count them in the category, in ``transaction``."""
    transaction.save(thread, condition=Thread.thread_id.does_not_exist())
    for post in posts:
        transaction.save(post, condition=Post.post_id.does_not_exist())
    transaction.update(Category(CATEGORY_PARTITION, thread.category_slug),
                       condition=Category.slug.exists(), actions=[
                           Category.thread_count.add(1), Category.post_count.add(len(posts)),
                           Category.last_activity_at.set(thread.last_activity_at),
                           Category.last_thread_id.set(thread.thread_id),
                           Category.last_thread_title.set(thread.title)])


def forget_sharer(thread_id, handle, replacement):
    """A departing writer's handle leaves the thread's ``shared_by`` (account deletion)."""
    try:
        thread = Thread.get(thread_id, consistent_read=True)
    except Thread.DoesNotExist:
        return
    if handle in (thread.shared_by or []):
        thread.update(actions=[Thread.shared_by.set(
            [replacement if name == handle else name for name in thread.shared_by])])
