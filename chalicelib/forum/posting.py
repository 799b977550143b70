"""Writing to the forum: a new thread or a reply is one all-or-nothing transaction.

What posting sets in motion elsewhere (following, reply notices, the unanswered and
newcomer lists) reacts to the posts and threads streams (docs/streams.md): the forum
calls no feature above it.
"""
from pynamodb.exceptions import TransactWriteError

from chalicelib.core import clock
from chalicelib.forum import keys, page_index
from chalicelib.models.forum import CATEGORY_PARTITION, Category, Post, Thread
from chalicelib.models import writes
from chalicelib.platform import mentions

# A reply retried against a moved thread or one another reply changed at a page's end.
REPLY_ATTEMPTS = 4


def new_post(thread, author, body, content_warning=None, now=None, post_id=None):
    now = now or clock.utcnow()
    return Post(thread_id=thread.thread_id, post_id=post_id or clock.new_id(now),
                category_slug=thread.category_slug, author_id=author.member_id,
                author_handle=author.handle, body_source=body,
                body_html=mentions.resolve(body).html(body),
                content_warning=content_warning or None, created_at=now)


def start_thread(category_slug, author, title, body, content_warning=None, now=None):
    """Create a thread with its opening post, and count both in the category."""
    now = now or clock.utcnow()
    thread_id = clock.new_id(now)
    thread = Thread(thread_id=thread_id, category_slug=category_slug, title=title,
                    author_id=author.member_id, author_handle=author.handle,
                    created_at=now, last_activity_at=now, last_author_handle=author.handle,
                    reply_count=0, list_key=keys.list_key(False, now, thread_id),
                    open_activity=keys.open_activity(now),
                    activity_key=keys.activity_key(now, thread_id),
                    page_marks=[], page_marks_size=page_index.size())
    post = new_post(thread, author, body, content_warning, now, post_id=thread_id)
    thread.last_post_id = post.post_id
    category = Category(CATEGORY_PARTITION, category_slug)
    with writes.transaction() as transaction:
        transaction.save(thread, condition=Thread.thread_id.does_not_exist())
        transaction.save(post, condition=Post.post_id.does_not_exist())
        transaction.update(category, condition=Category.slug.exists(), actions=[
            Category.thread_count.add(1), Category.post_count.add(1),
            Category.last_activity_at.set(now), Category.last_thread_id.set(thread_id),
            Category.last_thread_title.set(title)])
    return thread, post


def add_reply(thread, author, body, content_warning=None, now=None):
    """Post a reply: the post, the thread's counters and the category's move together.

    The transaction only succeeds while the thread is open and still in the category
    that was read, so a reply can never land in a thread that closed after the page was
    read, nor count in a category the thread has left.
    :raise TransactWriteError: when the thread closed or vanished meanwhile.
    """
    now = now or clock.utcnow()
    post = new_post(thread, author, body, content_warning, now)
    for attempt in range(REPLY_ATTEMPTS):
        try:
            _write_reply(thread, author, post, now)
            return post
        except TransactWriteError:
            # Worth another try against the thread as it is now: a moderator moved it
            # (the reply follows it to its new category), or this reply completes a page
            # and another reply landed first (the page marks are counted again).
            fresh = Thread.get(thread.thread_id, consistent_read=True)
            moved = fresh.category_slug != thread.category_slug
            recount = (fresh.reply_count, fresh.page_marks) != (thread.reply_count,
                                                                thread.page_marks)
            if fresh.status != "open" or not (moved or recount) \
                    or attempt == REPLY_ATTEMPTS - 1:
                raise
            thread, post.category_slug = fresh, fresh.category_slug


def _write_reply(thread, author, post, now):
    category = Category(CATEGORY_PARTITION, thread.category_slug)
    # The counters and the post go to the category read; a move in between fails this.
    condition = (Thread.thread_id.exists() & (Thread.status == "open")
                 & (Thread.category_slug == thread.category_slug))
    highest, marks = page_index.reply_rule(thread, post.post_id)
    if highest is None:
        if thread.page_marks is None:  # unmarked: must still be, or the backfill came first
            condition &= Thread.page_marks.does_not_exist()
    else:
        condition &= Thread.reply_count <= highest
    page_actions = [] if marks is None else [Thread.page_marks.set(marks)]
    with writes.transaction() as transaction:
        transaction.save(post, condition=Post.post_id.does_not_exist())
        transaction.update(
            thread, condition=condition,
            actions=page_actions + [
                Thread.reply_count.add(1), Thread.last_activity_at.set(now),
                Thread.last_post_id.set(post.post_id),
                Thread.last_author_handle.set(author.handle),
                Thread.list_key.set(keys.list_key(thread.pinned, now, thread.thread_id)),
                Thread.open_activity.set(keys.open_activity(now)),
                Thread.activity_key.set(keys.activity_key(now, thread.thread_id))])
        transaction.update(category, actions=[
            Category.post_count.add(1), Category.last_activity_at.set(now),
            Category.last_thread_id.set(thread.thread_id),
            Category.last_thread_title.set(thread.title)])


def set_pinned(thread, pinned):
    """Pin or unpin a thread; its list key moves with it so category pages stay one Query."""
    thread.update(actions=[
        Thread.pinned.set(pinned),
        Thread.list_key.set(keys.list_key(pinned, thread.last_activity_at, thread.thread_id))])
