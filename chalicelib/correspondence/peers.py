"""A member's peer page: who they are, their peer profile, and whether the reader may ask
them to correspond, in 2 requests (docs/data-model.md, "Member pages")."""
from collections import namedtuple

from chalicelib.core import errors
from chalicelib.correspondence import asking, daily_requests
from chalicelib.models.limits import RateWindow
from chalicelib.models.moderation import Block
from chalicelib.models.profiles import Profile
from chalicelib.platform import batches, own_reads

NO_SUCH_PEER = "We could not find a member with that name."
PeerPage = namedtuple("PeerPage", "member peer profile refusal requests_left")


def peer_page(reader, handle, now):
    """The session with the handle's claim (its card names the peer) and the reader's
    request counter for today; then the peer's profile and any block between the two (with
    the peer's row for a claim from before cards).

    :raise LoginRequired: without a live session. :raise NotFound: for an unknown handle.
    """
    member, found = own_reads.member_and_items(reader, lambda member_id: batches.merge(
        own_reads.claim_keys(handle),
        {RateWindow.Meta.table_name: {"Keys": [{"window_key": {
            "S": daily_requests.daily_counter_key(member_id, now)}}]}}))
    if member is None:
        raise errors.LoginRequired("Please log in to see other members' peer profiles.")
    counters = found.get(RateWindow.Meta.table_name, [])
    peer, more = own_reads.holder_and_items(found, handle, lambda peer_id: batches.merge(
        {Profile.Meta.table_name: {"Keys": [{"member_id": {"S": peer_id}}]}},
        _block_keys(member.member_id, peer_id)), NO_SUCH_PEER)
    profiles = more.get(Profile.Meta.table_name, [])
    profile = Profile.from_raw_data(profiles[0]) if profiles else Profile(member_id=peer.member_id)
    refusal = asking.refusal_before_asking(member, peer, profile,
                                           blocked=bool(more.get(Block.Meta.table_name)))
    return PeerPage(member, peer, profile, refusal, daily_requests.requests_left(
        RateWindow.from_raw_data(counters[0]) if counters else None))


def _block_keys(member_id, peer_id):
    """A block either way between the two (none to read on one's own page)."""
    if member_id == peer_id:
        return {}
    return {Block.Meta.table_name: {"Keys": [
        {"blocker_id": {"S": blocker}, "blocked_id": {"S": blocked}}
        for blocker, blocked in ((member_id, peer_id), (peer_id, member_id))]}}
