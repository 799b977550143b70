"""Public cards on handle claims for members from before them (docs/data-model.md, A8).

Walks the members by role (members_by_role, keys only; no Scan), reads them in batches and
sets each handle claim's card on condition that the claim is still the member's, so a
deleted member's claim is left alone. Running it again writes the same values.
"""
from pynamodb.exceptions import UpdateError

from chalicelib.platform import members
from chalicelib.models import writes
from chalicelib.models.members import Member, UniqueClaim
from ops.member_batches import write_in_batches


def backfill(progress=print):
    """:return: how many handle claims now carry a card."""
    return write_in_batches(
        lambda ids: sum(_card(member) for member in Member.batch_get(ids)), progress)


def _card(member):
    try:
        UniqueClaim(claim=members.handle_claim(member.handle)).update(
            actions=[UniqueClaim.handle.set(member.handle), UniqueClaim.role.set(member.role),
                     UniqueClaim.joined_at.set(member.created_at)],
            condition=UniqueClaim.member_id == member.member_id)
    except UpdateError as error:
        if not writes.condition_failed(error):
            raise
        return 0
    return 1
