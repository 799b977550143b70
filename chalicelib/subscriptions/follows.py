"""Following threads: authors and repliers follow by default; anyone can stop or start."""
from pynamodb.exceptions import PutError

from chalicelib.core import clock
from chalicelib.forum.hooks import BatchPart
from chalicelib.models.subscriptions import Follow
from chalicelib.models import writes
from chalicelib.subscriptions import subscribers


def follow_by_default(member_id, thread_id, category_slug, now=None):
    """Follow ``thread`` after posting in it, unless this member chose otherwise before.

    A conditional put: an existing item (followed or deliberately unfollowed) wins. A
    member's first follow starts their (weekly, by default) digest.
    """
    now = now or clock.utcnow()
    follow = Follow(member_id=member_id, thread_id=thread_id, following=True,
                    category_slug=category_slug, followed_at=now)
    try:
        follow.save(condition=Follow.thread_id.does_not_exist())
    except PutError as error:
        if not writes.condition_failed(error):
            raise
        return
    subscribers.ensure_member_subscriber(member_id, now)


def set_following(member_id, thread, following, now=None):
    """Follow or unfollow a thread by choice (the thread page's button)."""
    Follow(member_id=member_id, thread_id=thread.thread_id).update(actions=[
        Follow.following.set(bool(following)),
        Follow.category_slug.set(thread.category_slug),
        Follow.followed_at.set(now or clock.utcnow())])


def get_follow(member_id, thread_id):
    try:
        return Follow.get(member_id, thread_id)
    except Follow.DoesNotExist:
        return None


def is_following(member, thread_id):
    """Whether ``member`` (None for visitors) follows the thread: one GetItem for members."""
    if member is None:
        return False
    follow = get_follow(member.member_id, thread_id)
    return bool(follow and follow.following)


def followed_thread_ids(member_id):
    """The threads a member follows (one Query, paginated by PynamoDB)."""
    return [follow.thread_id for follow in Follow.query(member_id)
            if follow.following]


def thread_batch_part(member_id, thread_id, posts):
    """The reader's follow item, read in the thread page's one BatchGetItem."""
    key = {"member_id": {"S": member_id}, "thread_id": {"S": thread_id}}
    return BatchPart("follow", Follow.Meta.table_name, [key], _is_followed)


def _is_followed(raw_items):
    return any(Follow.from_raw_data(raw).following for raw in raw_items)


def thread_page_context(view):
    """The thread page's follow button state (the forum's thread-page hook), from the
    follow item read with the thread (``thread_batch_part``)."""
    return {"following": bool(view.member and view.extras.get("follow"))}
