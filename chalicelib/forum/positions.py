"""Read positions: what is new for a member, and moving their position forward.

A member's position in a thread is the newest post id they have seen there; opening a page
moves it only forward, with a conditional UpdateItem, and only when the page shows posts
past it (so reading again costs no write). "Mark all as read" is one PutItem of a horizon
that every position counts from.
"""
from collections import namedtuple

from pynamodb.exceptions import UpdateError

from chalicelib.core import clock
from chalicelib.platform import rendering
from chalicelib.forum import own_state, page_index
from chalicelib.models import writes
from chalicelib.models.readings import HORIZON_KEY, ReadingItem, thread_key

# ``count``: how many posts are new (None when the position does not say); ``href``: the
# page holding the first of them, at its "New since your last visit" mark.
NewPosts = namedtuple("NewPosts", "count href")


def new_posts(thread, state, member):
    """What is new in ``thread`` for ``member`` (None when nothing is)."""
    through = own_state.seen_through(state, member)
    if (thread.last_post_id or thread.thread_id) <= through:
        return None
    total = 1 + int(thread.reply_count or 0)
    if state.last_read_id and state.last_read_id >= through and state.read_count is not None:
        count, first = total - int(state.read_count), int(state.read_count) + 1
    elif thread.thread_id > through:
        count, first = total, 1
    else:
        count, first = None, None
    if count is not None and count <= 0:
        count, first = None, None
    number = (first - 1) // page_index.size() + 1 if first else page_index.page_count(thread)
    start = page_index.start_after(thread, number)
    query = {"page": number, "from": start} if number > 1 and start else {}
    return NewPosts(count, rendering.url(f"/t/{thread.thread_id}", **query) + "#new")


def for_list(reader, threads):
    """``{thread id: NewPosts}`` for the threads of a list with something new to the
    reader: their session and positions in one BatchGetItem (none without a cookie)."""
    visitor, states = own_state.for_threads(reader, threads)
    found = {thread.thread_id: new_posts(thread, states[thread.thread_id], visitor.member)
             for thread in threads if thread.thread_id in states}
    return {thread_id: news for thread_id, news in found.items() if news is not None}


def first_new_id(state, posts, is_first_page):
    """The post to mark "New since your last visit" on this page, if the reader has been
    here before (a first visit is all new: no mark)."""
    through = max(state.last_read_id or "", state.horizon or "")
    if not through:
        return None
    for index, post in enumerate(posts):
        if post.post_id > through:
            return post.post_id if index or not is_first_page else None
    return None


def position_after(thread, posts, current, from_cursor, has_more):
    """How many posts of ``thread`` a reader has seen once they reach this page's last
    post: exact on the last page and on numbered pages, None after a free cursor."""
    if not has_more:
        return 1 + int(thread.reply_count or 0)
    if page_index.is_indexed(thread) and not from_cursor:
        return (current - 1) * page_index.size() + len(posts)
    return None


def record(member, thread, posts, state, read_count, now=None):
    """Move ``member``'s position to this page's last post, if that is forward (one
    conditional UpdateItem; nothing when it is not)."""
    if member is None or not posts or posts[-1].post_id <= (state.last_read_id or ""):
        return False
    newest = posts[-1].post_id
    actions = [ReadingItem.thread_id.set(thread.thread_id),
               ReadingItem.last_read_id.set(newest), ReadingItem.read_at.set(now or clock.utcnow())]
    actions.append(ReadingItem.read_count.set(read_count) if read_count is not None
                   else ReadingItem.read_count.remove())
    forward = ReadingItem.last_read_id.does_not_exist() | (ReadingItem.last_read_id < newest)
    try:
        ReadingItem(member.member_id, thread_key(thread.thread_id)).update(
            actions=actions, condition=forward)
    except UpdateError as error:
        if not writes.condition_failed(error):
            raise
        return False  # another tab of the same reader got further first
    return True


def mark_all_read(member, now=None):
    """Everything posted until now counts as read: one PutItem, whatever was unread."""
    now = now or clock.utcnow()
    # The largest id of this millisecond: every post up to now is at or below it.
    ReadingItem(member.member_id, HORIZON_KEY, read_at=now,
                read_through=clock.id_floor(now)[:10] + "Z" * 16).save()
