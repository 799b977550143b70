"""Support reactions: one gentle "I hear you" per member per post, never a downvote.

Adding one is a transaction: the reaction item is put only if it does not exist, and the
post's counter moves by ADD in the same write, so double clicks and races count once.
"""
from pynamodb.constants import KEY
from pynamodb.exceptions import TransactWriteError

from chalicelib.core import clock, errors
from chalicelib.models.base import shared_connection
from chalicelib.models.forum import Post
from chalicelib.models.reactions import Reaction


def _key(thread_id, member_id):
    return f"{thread_id}#{member_id}"


def _count_update(thread_id, post_id, delta):
    # Not Model.update: with a VersionAttribute it would also bump the post's version,
    # and the author's edit in progress would then look stale for no reason.
    return Post._get_connection().get_operation_kwargs(
        thread_id, range_key=post_id, key=KEY, actions=[Post.reaction_count.add(delta)],
        condition=Post.post_id.exists() & (Post.status == "visible"))


def _write(put=None, delete=None, update=None):
    """:return: False when the reaction's own condition failed (already there / gone)."""
    try:
        shared_connection().transact_write_items(
            condition_check_items=[], put_items=[put] if put else [],
            delete_items=[delete] if delete else [], update_items=[update])
    except TransactWriteError as error:
        reasons = [getattr(reason, "code", None) for reason in error.cancellation_reasons or []]
        if reasons and reasons[-1] == "ConditionalCheckFailed":
            raise errors.NotFound("That post is no longer there.")
        if "ConditionalCheckFailed" in reasons:
            return False
        raise
    return True


def react(thread_id, post_id, member, now=None):
    """Add ``member``'s reaction; a second one is a no-op. :raise NotFound: post gone."""
    reaction = Reaction(thread_member=_key(thread_id, member.member_id), post_id=post_id,
                        created_at=now or clock.utcnow(), member_id=member.member_id)
    return _write(put=reaction.get_save_kwargs_from_instance(
        condition=Reaction.post_id.does_not_exist()),
        update=_count_update(thread_id, post_id, 1))


def unreact(thread_id, post_id, member):
    """Take ``member``'s reaction back; a no-op if there was none."""
    reaction = Reaction(thread_member=_key(thread_id, member.member_id), post_id=post_id)
    return _write(delete=reaction.get_delete_kwargs_from_instance(
        condition=Reaction.post_id.exists()),
        update=_count_update(thread_id, post_id, -1))


def reacted_in(thread_id, member):
    """Post ids of ``thread_id`` that ``member`` reacted to (one Query; none for visitors)."""
    if member is None:
        return set()
    return {reaction.post_id for reaction in
            Reaction.query(_key(thread_id, member.member_id), attributes_to_get=["post_id"])}


def _given_by(member):
    """(thread id, post id) of every reaction ``member`` gave (Query on reactions_by_member)."""
    return [(key.thread_member.partition("#")[0], key.post_id)
            for key in Reaction.reactions_by_member.query(member.member_id)]


def export_for(member):
    return [{"thread_id": thread_id, "post_id": post_id}
            for thread_id, post_id in _given_by(member)]


def forget_member(member):
    """Take back every reaction ``member`` gave, counters included (one transaction each);
    on a post that is gone only the reaction itself is deleted."""
    for thread_id, post_id in _given_by(member):
        try:
            unreact(thread_id, post_id, member)
        except errors.NotFound:
            Reaction(thread_member=_key(thread_id, member.member_id), post_id=post_id).delete()
