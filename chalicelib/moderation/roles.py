"""Who may moderate, checked on the server for every moderation route."""
from chalicelib.core import errors
from chalicelib.models.members import Member

STAFF_ROLES = ("moderator", "admin")


def is_moderator(member):
    return member is not None and member.role in STAFF_ROLES


def require_member(visitor):
    """:raise LoginRequired: for an anonymous visitor."""
    if not visitor.is_member:
        raise errors.LoginRequired()
    return visitor.member


def require_moderator(visitor):
    """The moderator behind ``visitor``.

    :raise LoginRequired: for an anonymous visitor.
    :raise Forbidden: for a member who is not a moderator or admin.
    """
    member = require_member(visitor)
    if not is_moderator(member):
        raise errors.Forbidden("Only moderators can do that.")
    return member


def staff_members():
    """Every moderator and admin: one keys-only Query per role, then one BatchGetItem."""
    ids = [entry.member_id for role in STAFF_ROLES
           for entry in Member.members_by_role.query(role)]
    return list(Member.batch_get(ids)) if ids else []
