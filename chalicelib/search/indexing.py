"""The stream handlers that keep the index: every post and thread change a reader could
notice reaches the search functions in a small change file (replica.publish), one per
stream batch (up to 100 records): one S3 PUT per batch, not per record.

Each change states the post's whole searchable state (upsert or delete by post id), so a
record handled twice, or a change file applied twice, changes nothing twice.
"""
from chalicelib.core import errors
from chalicelib.forum import reading
from chalicelib.search import documents, rebuild, replica

# What the index keeps of a post; a reaction or a version bump changes none of it.
POST_FIELDS = ("status", "body_html", "author_handle", "category_slug", "thread_id")
THREAD_FIELDS = ("title", "category_slug")


def _changed(change, names):
    if change.event_name != "MODIFY":
        return True
    return any((change.new or {}).get(name) != (change.old or {}).get(name) for name in names)


def post_change(change):
    """The index change for one posts-table record, or None when nothing it keeps moved."""
    if not _changed(change, POST_FIELDS):
        return None
    post = change.image
    if change.event_name == "REMOVE" or not documents.is_searchable(post.get("status")):
        return {"op": "delete", "post_id": post["post_id"]}
    try:
        thread = reading.get_thread(post["thread_id"])
    except errors.NotFound:
        return {"op": "delete", "post_id": post["post_id"]}
    return {"op": "upsert", "doc": documents.document(post, thread.title, thread.category_slug)}


def thread_change(change):
    """The index change for one threads-table record (a list for a restored thread), or None.

    A withdrawn thread (unpublished shared letters, hidden: chalicelib/forum/withdrawal.py)
    leaves the index like a deleted one; its posts' own records then find it withdrawn
    (``reading.get_thread`` refuses it) and stay out. A restored one brings its posts back.
    """
    thread = change.image
    if change.event_name == "REMOVE" or (change.new or {}).get("withdrawn"):
        if change.event_name == "MODIFY" and (change.old or {}).get("withdrawn"):
            return None  # withdrawn before: its posts left then
        return {"op": "delete_thread", "thread_id": thread["thread_id"]}
    if change.event_name == "MODIFY" and (change.old or {}).get("withdrawn"):
        return _restored(thread)
    if change.event_name == "MODIFY" and _changed(change, THREAD_FIELDS):
        return {"op": "thread", "thread_id": thread["thread_id"], "title": thread["title"],
                "category": thread["category_slug"]}
    return None


def _restored(thread):
    """A restored thread (chalicelib/forum/restoring.py): every visible post back in, one
    Query per page of its posts (the hourly rebuild would find them too)."""
    return [{"op": "upsert", "doc": documents.document(documents.from_model(post),
                                                       thread["title"], thread["category_slug"])}
            for post in rebuild.thread_posts(thread["thread_id"])
            if documents.is_searchable(post.status)]


def _publish(changes, to_index_change):
    """One change file for a whole stream batch (none when nothing searchable moved); a
    record may bring several changes (a restored thread's posts)."""
    index_changes = []
    for found in map(to_index_change, changes):
        if isinstance(found, list):
            index_changes.extend(found)
        elif found:
            index_changes.append(found)
    if index_changes:
        replica.publish(index_changes)


def on_posts(changes):
    """posts stream, per batch."""
    _publish(changes, post_change)


def on_threads(changes):
    """threads stream, per batch."""
    _publish(changes, thread_change)
