"""Blocks and correspondence: a block between two members ends what they share.

Blocks belong to moderation (``chalicelib.moderation.blocks``): correspondence asks it,
and ends the pair's correspondence when a block appears on the blocks stream, so
moderation never calls correspondence.
"""
from chalicelib.core import clock
from chalicelib.correspondence import ending
from chalicelib.models.correspondence import Correspondence, CorrespondenceLink
from chalicelib.models.moderation import Block
from chalicelib.moderation import blocks


def blocked_between(member_id, other_id):
    """True if either member has blocked the other."""
    return blocks.is_blocked(member_id, other_id) or blocks.is_blocked(other_id, member_id)


def on_block_change(change):
    """blocks stream: a block made (or refreshed) ends the pair's correspondence.

    Ending an ended correspondence does nothing, so a repeated record is harmless.
    """
    if change.new is None:
        return False
    block = change.new
    return end_after_block(block["blocker_id"], block["blocked_id"],
                           Block.created_at.deserialize(block["created_at"]))


def end_after_block(blocker_id, blocked_id, now=None):
    """End any request or correspondence between the two.

    :return: True if something was ended.
    """
    now = now or clock.utcnow()
    try:
        link = CorrespondenceLink.get(blocker_id, blocked_id, consistent_read=True)
    except CorrespondenceLink.DoesNotExist:
        return False
    if link.status in ("ended", "not_available"):
        return False
    correspondence = Correspondence.get(link.correspondence_id, consistent_read=True)
    return ending.end(correspondence, now, reason="blocked")
