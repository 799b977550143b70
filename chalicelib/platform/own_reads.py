"""A member's page reads its own keys with the session, in one BatchGetItem (issue 16).

The session cookie names its member, so a page can ask for that member's items (their
block of someone, their report of a post, their daily request counter) and for items named
by its address (a handle's claim, a thread) in the request that reads the session. Nothing
read is handed back unless the session proves live: a page behaves exactly as if it had
checked the session first. docs/data-model.md, "Member pages".
"""
from chalicelib.core import errors
from chalicelib.models.members import Member, UniqueClaim
from chalicelib.platform import batches, members


def member_and_items(reader, keys):
    """(the member or None, ``{table name: [raw items]}``).

    ``reader`` is a ``sessions.PendingVisitor``; ``keys(member_id)`` gives the page's
    BatchGetItem request items for the member the cookie names. Without a session cookie
    nothing is read; with a dead session nothing of the page's is handed back.
    """
    if reader.member_id is None:
        return reader.settle({}).member, {}
    found = batches.batch_get(batches.merge(reader.request_items(), keys(reader.member_id)))
    member = reader.settle(found).member
    if member is None or member.member_id != reader.member_id:
        return None, {}
    return member, found


def claim_keys(handle):
    """The handle's claim, for a BatchGetItem (read as consistently as ``handle_card``)."""
    return {UniqueClaim.Meta.table_name: {
        "Keys": [{"claim": {"S": members.handle_claim(handle)}}], "ConsistentRead": True}}


def claim_owner(found, handle):
    """(member id, card) of the handle's claim among ``found``: (None, None) when no member
    holds the handle (or they deleted their account); the card is None for a claim from
    before cards, whose member row is then read (``member_keys``, ``member_in``)."""
    wanted = members.handle_claim(handle)
    raw = next((raw for raw in found.get(UniqueClaim.Meta.table_name, [])
                if raw["claim"]["S"] == wanted), None)
    claim = UniqueClaim.from_raw_data(raw) if raw else None
    if claim is None or claim.member_id == members.FORMER_MEMBER_ID:
        return None, None
    return claim.member_id, members.member_from_card(claim)


def holder_and_items(found, handle, keys, not_found):
    """(the member holding ``handle``'s claim among ``found``, ``{table: [raw items]}`` of
    ``keys(their id)``) in one more BatchGetItem, which also reads their member row when
    the claim is from before cards.

    :raise NotFound: with ``not_found`` when no member holds the handle.
    """
    holder_id, holder = claim_owner(found, handle)
    if holder_id is None:
        raise errors.NotFound(not_found)
    more = batches.batch_get(batches.merge(
        keys(holder_id), member_keys(holder_id) if holder is None else {}))
    holder = holder or member_in(more, holder_id)
    if holder is None:
        raise errors.NotFound(not_found)
    return holder, more


def member_keys(member_id):
    return {Member.Meta.table_name: {"Keys": [{"member_id": {"S": member_id}}],
                                     "ConsistentRead": True}}


def member_in(found, member_id):
    """The member row of ``member_id`` among ``found``, or None."""
    raw = next((raw for raw in found.get(Member.Meta.table_name, [])
                if raw["member_id"]["S"] == member_id), None)
    return Member.from_raw_data(raw) if raw else None
