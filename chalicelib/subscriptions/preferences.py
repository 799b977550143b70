"""A member's preferences page: their subscriber, read with the session, and the
followed-threads part of the form."""
from chalicelib.core import errors
from chalicelib.forum import category_index
from chalicelib.models.forum import Thread
from chalicelib.models.subscriptions import Subscriber
from chalicelib.platform import batches, own_reads
from chalicelib.subscriptions import follows, subscribers

# Enough for any real member; the form stays one page long.
SHOWN_FOLLOWS = 200


def members_subscriber(reader, now):
    """(their subscriber or its defaults, the categories) for a member's preferences page:
    ``subscribers.for_member`` and the categories' index read in the session's BatchGetItem
    (``reader``, a ``sessions.PendingVisitor``).

    :raise LoginRequired: without a live session.
    """
    member, found = own_reads.member_and_items(reader, lambda member_id: batches.merge(
        {Subscriber.Meta.table_name: {"Keys": [{"subscriber_id": {
            "S": subscribers.member_subscriber_id(member_id)}}], "ConsistentRead": True}},
        category_index.keys()))
    if member is None:
        raise errors.LoginRequired("Please log in to follow threads.")
    saved = found.get(Subscriber.Meta.table_name, [])
    return (Subscriber.from_raw_data(saved[0]) if saved
            else subscribers.member_defaults(member, now)), category_index.categories_in(found)


def followed_threads(subscriber):
    """The threads a member follows, newest first (1 Query + 1 BatchGetItem per 100)."""
    if subscriber.kind != "member":
        return []
    ids = follows.followed_thread_ids(subscriber.member_id)[-SHOWN_FOLLOWS:]
    threads = list(Thread.batch_get(ids)) if ids else []
    return sorted(threads, key=lambda thread: thread.last_activity_at, reverse=True)


def keep_followed(subscriber, shown_ids, kept_ids):
    """Unfollow the threads the form showed whose box was unticked."""
    if subscriber.kind != "member":
        return
    dropped = set(shown_ids) - set(kept_ids)
    for thread in (Thread.batch_get(list(dropped)) if dropped else []):
        follows.set_following(subscriber.member_id, thread, False)
