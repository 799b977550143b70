"""Blocks and correspondence: a block between two members ends what they share.

Blocks belong to moderation (``chalicelib.moderation.blocks``); correspondence asks it,
and moderation calls ``end_after_block`` when a member blocks another.
"""
from chalicelib.core import clock
from chalicelib.moderation import blocks


def blocked_between(member_id, other_id):
    """True if either member has blocked the other."""
    return blocks.is_blocked(member_id, other_id) or blocks.is_blocked(other_id, member_id)


def end_after_block(blocker_id, blocked_id, now=None):
    """End any request or correspondence between the two (called when a block is made).

    :return: True if something was ended.
    """
    from chalicelib.correspondence import ending
    from chalicelib.models.correspondence import Correspondence, CorrespondenceLink

    now = now or clock.utcnow()
    try:
        link = CorrespondenceLink.get(blocker_id, blocked_id, consistent_read=True)
    except CorrespondenceLink.DoesNotExist:
        return False
    if link.status in ("ended", "not_available"):
        return False
    correspondence = Correspondence.get(link.correspondence_id, consistent_read=True)
    return ending.end(correspondence, now, reason="blocked")
