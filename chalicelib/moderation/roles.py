"""The staff moderation reaches out to (the role names live in chalicelib.web.permissions)."""
from chalicelib.models.members import Member
from chalicelib.web.permissions import STAFF_ROLES


def staff_members():
    """Every moderator and admin: one keys-only Query per role, then one BatchGetItem."""
    ids = [entry.member_id for role in STAFF_ROLES
           for entry in Member.members_by_role.query(role)]
    return list(Member.batch_get(ids)) if ids else []
