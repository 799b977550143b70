"""What readers see: every page here costs at most two DynamoDB requests."""
from chalicelib.core import config, errors
from chalicelib.platform import batches, pagination
from chalicelib.forum import hooks, own_state, page_index, withdrawal
from chalicelib.models.forum import (CATEGORY_PARTITION, LATEST_FEED, SITE_STATS_SLUG, Category,
                                     Post, Thread, is_category, is_site_stats)

THREAD_LIST_KEYS = ("thread_id", "category_slug", "list_key")
LATEST_KEYS = ("thread_id", "feed", "activity_key")
POST_KEYS = ("thread_id", "post_id")
NO_SUCH_THREAD = "We could not find that thread. It may have been removed."


def page_size():
    return config.settings.page_size


def list_categories():
    """All categories in their display order (one Query)."""
    return categories_and_stats()[0]


def categories_and_stats():
    """The categories in display order, and the site stats (or None), in one Query: the
    stats' shards come with the categories and are added up here."""
    items = list(Category.query(CATEGORY_PARTITION))
    shards = [item for item in items if is_site_stats(item.slug)]
    stats = Category(CATEGORY_PARTITION, SITE_STATS_SLUG, name="", unanswered_count=sum(
        int(shard.unanswered_count or 0) for shard in shards)) if shards else None
    categories = [item for item in items if is_category(item.slug)]
    return sorted(categories, key=lambda category: (category.position, category.name)), stats


def get_category(slug):
    """:raise NotFound: for an unknown slug."""
    if not is_category(slug):
        raise errors.NotFound("There is no such category.")
    try:
        return Category.get(CATEGORY_PARTITION, slug)
    except Category.DoesNotExist:
        raise errors.NotFound("There is no such category.")


def get_thread(thread_id, consistent=False):
    """:raise NotFound: for an unknown or withdrawn thread (chalicelib/forum/withdrawal.py)."""
    try:
        found = Thread.get(thread_id, consistent_read=consistent)
    except Thread.DoesNotExist:
        raise errors.NotFound(NO_SUCH_THREAD)
    return _readable(found)


def thread_in(found, thread_id):
    """``get_thread`` from a BatchGetItem's raw items (``{table name: [items]}``)."""
    raw = next((raw for raw in found.get(Thread.Meta.table_name, [])
                if raw["thread_id"]["S"] == thread_id), None)
    if raw is None:
        raise errors.NotFound(NO_SUCH_THREAD)
    return _readable(Thread.from_raw_data(raw))


def _readable(thread, member=None):
    if not withdrawal.shown_to(thread, member):
        raise errors.NotFound(withdrawal.GONE)
    return thread


def _marked_thread(thread_id, reader):
    """The thread a bare page number reads first for its page marks: withdrawn too for a
    reader with a session cookie (a moderator may read a hidden thread; their session,
    read with the posts, decides), the readers' 404 at once for anyone else."""
    if not (reader and reader.member_id):
        return get_thread(thread_id)
    try:
        return Thread.get(thread_id)
    except Thread.DoesNotExist:
        raise errors.NotFound("We could not find that thread. It may have been removed.")


def category_threads(slug, cursor=None, size=None):
    """A page of a category's threads, pinned first, then newest activity first."""
    size = size or config.settings.page_size

    def query(**options):
        return Thread.threads_by_category.query(slug, scan_index_forward=False, **options)

    return pagination.fetch_page(query, THREAD_LIST_KEYS, cursor, size)


def latest_threads(cursor=None, size=None):
    size = size or config.settings.page_size

    def query(**options):
        return Thread.latest_threads.query(LATEST_FEED, scan_index_forward=False, **options)

    return pagination.fetch_page(query, LATEST_KEYS, cursor, size)


def thread_posts(thread_id, cursor=None, size=None, start_after=None):
    """A page of a thread's posts, oldest first: from a signed cursor, or right after the
    post ``start_after`` (a page mark; any id only moves where the page starts)."""
    size = size or config.settings.page_size
    start = {"thread_id": {"S": thread_id}, "post_id": {"S": start_after}} \
        if start_after else None

    def query(**options):
        return Post.query(thread_id, scan_index_forward=True, **options)

    return pagination.fetch_page(query, POST_KEYS, cursor, size, start=start)


def category_page(slug, cursor=None):
    category = get_category(slug)
    threads, next_cursor = category_threads(slug, cursor)
    return category, threads, next_cursor


def thread_page(thread_id, cursor=None, page=1, start_after=None, reader=None):
    """The thread, a page of its posts, the next cursor and what features read with it.

    Posts first, so the thread, whatever the features above the forum need for this
    page's authors (``hooks.thread_batch``: the journal's signature cards) and, for a
    reader with a session cookie (``reader``, a ``sessions.PendingVisitor``), their
    session with their own state in this thread (read position, saved posts, reactions,
    ``hooks.thread_member_batch``: follow state, blocks) come in one BatchGetItem: two
    requests in all, for page one, a cursor or a page link's start id. A bare page number
    reads the thread first for its page marks (chalicelib/forum/page_index.py).

    :return: (thread, posts, next cursor, ``{part name: built value}``, visitor or None)
    :raise NotFound: for an unknown thread, or a withdrawn one the reader may not see
        (``withdrawal.shown_to``: moderators read a hidden thread here too).
    """
    known = None
    if page > 1 and not cursor and not start_after:
        known = _marked_thread(thread_id, reader)
        start_after = page_index.start_after(known, page)
    posts, next_cursor = thread_posts(thread_id, cursor, start_after=start_after)
    author_ids = sorted({post.author_id for post in posts})
    parts = [part for part in hooks.thread_batch.call_all(author_ids) if part is not None]
    member_id = reader.member_id if reader else None
    own = own_state.thread_parts(member_id, thread_id, posts) + [
        part for part in hooks.thread_member_batch.call_all(member_id, thread_id, posts)
        if part is not None] if member_id else []
    request = batches.merge(
        {} if known else {Thread.Meta.table_name: {"Keys": [{"thread_id": {"S": thread_id}}]}},
        *({part.table_name: {"Keys": part.keys}} for part in parts + own),
        reader.request_items() if reader else {})
    found = batches.batch_get(request) if request else {}
    visitor = reader.settle(found) if reader else None
    threads = [known] if known else [Thread.from_raw_data(item)
                                     for item in found.get(Thread.Meta.table_name, [])]
    if not threads:
        raise errors.NotFound("We could not find that thread. It may have been removed.")
    extras = {part.name: part.build(found.get(part.table_name, [])) for part in parts}
    trusted = visitor is not None and visitor.member is not None \
        and visitor.member.member_id == member_id
    extras.update({part.name: part.build(found.get(part.table_name, []) if trusted else [])
                   for part in own})
    return (_readable(threads[0], visitor.member if visitor else None), posts, next_cursor,
            extras, visitor)
