"""Roles (member, moderator, admin), set by operators from the CLI."""
from chalicelib.platform import members
from chalicelib.web.permissions import ROLES
from chalicelib.models import writes
from chalicelib.models.members import Member, UniqueClaim


class UnknownMember(Exception):
    pass


def set_role(handle, role):
    """:raise UnknownMember: no member has ``handle``. :raise ValueError: unknown role."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    member = members.member_by_handle(handle)
    if member is None:
        raise UnknownMember(handle)
    with writes.transaction() as transaction:
        transaction.update(member, actions=[Member.role.set(role)])
        transaction.update(UniqueClaim(claim=members.handle_claim(member.handle)),
                           actions=[UniqueClaim.role.set(role)],
                           condition=UniqueClaim.member_id == member.member_id)
    member.role = role
    return member
