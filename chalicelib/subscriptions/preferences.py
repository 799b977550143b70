"""The followed-threads part of the preferences form."""
from chalicelib.models.forum import Thread
from chalicelib.subscriptions import follows

# Enough for any real member; the form stays one page long.
SHOWN_FOLLOWS = 200


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
