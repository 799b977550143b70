"""The data upgrades' walk over every member: role by role through members_by_role (keys
only; no Scan), in batches of ids a BatchGetItem takes."""
from chalicelib.models.members import Member
from chalicelib.web.permissions import ROLES

BATCH = 100


def write_in_batches(write_batch, progress):
    """``write_batch(member ids)`` for every member, saying after each role how many cards
    have been written so far. :return: the sum of what ``write_batch`` returned."""
    written = 0
    for role in ROLES:
        ids = [key.member_id for key in Member.members_by_role.query(role)]
        for start in range(0, len(ids), BATCH):
            written += write_batch(ids[start:start + BATCH])
        progress(f"{role}: {written} cards so far")
    return written
