"""Blocking a member: their posts collapse for you and they cannot contact you."""
from chalicelib.core import errors
from chalicelib.models.moderation import Block
from chalicelib.platform import own_reads

MAX_BLOCKS = 500
NO_SUCH_HANDLE = "There is no member with that handle."


def is_blocked(blocker_id, blocked_id):
    """Has ``blocker_id`` blocked ``blocked_id``? One GetItem (for letters and replies)."""
    if not blocker_id or not blocked_id:
        return False
    try:
        Block.get(blocker_id, blocked_id)
        return True
    except Block.DoesNotExist:
        return False


def blocked_ids(member_id):
    """The ids ``member_id`` has blocked: one Query (a thread page hides their posts)."""
    if not member_id:
        return set()
    return {block.blocked_id for block in Block.query(member_id)}


def block_page(reader, handle):
    """(member, other, whether the member blocked them) for the Block page: the session with
    the handle's claim (its card names the other), then the member's block item (with the
    other's row for a claim from before cards): 2 requests.

    :raise LoginRequired: without a live session. :raise NotFound: for an unknown handle.
    """
    member, found = own_reads.member_and_items(reader, lambda _: own_reads.claim_keys(handle))
    if member is None:
        raise errors.LoginRequired()
    other, found = own_reads.holder_and_items(found, handle, lambda other_id: {
        Block.Meta.table_name: {"Keys": [{"blocker_id": {"S": member.member_id},
                                          "blocked_id": {"S": other_id}}]}}, NO_SUCH_HANDLE)
    return member, other, bool(found.get(Block.Meta.table_name))


def list_blocks(member_id):
    return sorted(Block.query(member_id), key=lambda block: block.blocked_handle.lower())


def block(member, other, now):
    """:raise BadRequest: for blocking oneself, a moderator, or too many members."""
    if other.member_id == member.member_id:
        raise errors.BadRequest("You cannot block yourself.")
    if other.role in ("moderator", "admin"):
        raise errors.BadRequest(
            "Moderators cannot be blocked, so they can always reach you about the "
            "community. If a moderator has treated you badly, write to the admins.")
    if Block.count(member.member_id) >= MAX_BLOCKS:
        raise errors.BadRequest(f"You can block at most {MAX_BLOCKS} members.")
    # Blocking twice just refreshes the entry; no condition needed. Correspondence
    # between the two ends from the blocks stream (chalicelib/correspondence/safety.py).
    Block(blocker_id=member.member_id, blocked_id=other.member_id,
          blocked_handle=other.handle, created_at=now).save()


def unblock(member, other_id):
    Block(blocker_id=member.member_id, blocked_id=other_id).delete()
