"""Roles (member, moderator, admin), set by operators from the CLI."""
from chalicelib.platform import members
from chalicelib.web.permissions import ROLES
from chalicelib.models.members import Member


class UnknownMember(Exception):
    pass


def set_role(handle, role):
    """:raise UnknownMember: no member has ``handle``. :raise ValueError: unknown role."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    member = members.member_by_handle(handle)
    if member is None:
        raise UnknownMember(handle)
    member.update(actions=[Member.role.set(role)])
    return member
