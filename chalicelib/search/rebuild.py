"""Rebuilding the whole index from the forum's tables, and compacting the change files.

No Scan: one Query for the categories, a Query per page of each category's threads
(``threads_by_category``), and a Query per page of each thread's posts (one partition).
The change files listed *before* reading are the ones the new base replaces: anything
written later is applied on top of it by the searchers, so nothing is lost in between.
"""
import json
import os
import tempfile
import uuid

from chalicelib.forum import reading
from chalicelib.search import documents, engine, replica, store as stores

PAGE = 100


def _all(fetch_page):
    cursor = None
    while True:
        items, cursor = fetch_page(cursor)
        yield from items
        if not cursor:
            return


def _category_threads(slug):
    return _all(lambda cursor: reading.category_threads(slug, cursor, PAGE))


def thread_posts(thread_id):
    """Every post of a thread, a Query per page."""
    return _all(lambda cursor: reading.thread_posts(thread_id, cursor, PAGE))


def build(path, progress=None):
    """Write a complete index of every visible post to the file ``path``.

    :return: (the open connection, how many posts it holds); ``progress(done, total)``
    is told after each category.
    """
    connection = engine.connect(path)
    categories, found = reading.list_categories(), []
    for done, category in enumerate(categories, start=1):
        for thread in _category_threads(category.slug):
            found.extend(documents.document(documents.from_model(post), thread.title,
                                            thread.category_slug)
                         for post in thread_posts(thread.thread_id)
                         if documents.is_searchable(post.status))
        if progress:
            progress(done, len(categories))
    # Oldest first, so row ids follow time as the stream's later additions do (engine.py).
    for doc in sorted(found, key=lambda doc: doc["post_id"]):
        engine.upsert(connection, doc)
    connection.commit()
    posts = engine.count(connection)
    engine.set_meta(connection, "build_id", uuid.uuid4().hex)
    return connection, posts


def rebuild_index(now=None, store=None, progress=None):
    """Rebuild the base index in the store and delete the change files it now contains."""
    store = store or stores.default_store()
    replaced = store.list(replica.CHANGES_PREFIX)
    handle, path = tempfile.mkstemp(suffix=".sqlite")
    os.close(handle)
    try:
        connection, posts = build(path, progress)
        engine.set_meta(connection, "compacted", json.dumps(replaced))
        connection.commit()
        connection.execute("vacuum")
        connection.close()
        store.put_file(replica.BASE_KEY, path)
    finally:
        os.remove(path)
    for key in replaced:
        store.delete(key)
    return {"posts": posts, "compacted_changes": len(replaced)}
