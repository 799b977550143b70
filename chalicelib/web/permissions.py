"""Who may do what: the roles, and the one check each view makes before acting.

Every view asks here, with the request, so a rule lives in one place and the
authorization matrix (tests/test_authorization_matrix.py) can hold every route to it.
Templates and services use the predicates (``is_moderator``, ``is_admin``) on a member.
"""
from chalicelib.core import errors
from chalicelib.platform import rendering, sessions

MEMBER, MODERATOR, ADMIN = "member", "moderator", "admin"
ROLES = (MEMBER, MODERATOR, ADMIN)
STAFF_ROLES = (MODERATOR, ADMIN)

UNVERIFIED = ("Please confirm your email address before posting: we sent you a link. "
              "You can ask for a new one in your settings.")


def is_moderator(member):
    """True for a moderator or an admin (admins moderate too)."""
    return member is not None and member.role in STAFF_ROLES


def is_admin(member):
    return member is not None and member.role == ADMIN


def require_member(request, why=None):
    """:return: the logged-in member. :raise LoginRequired: for anonymous visitors."""
    member = sessions.load_visitor(request).member
    if member is None:
        raise errors.LoginRequired(why)
    return member


def require_verified(request, why=None):
    """Unverified members can read but not post.

    :raise LoginRequired: anonymous. :raise Forbidden: email not verified yet.
    """
    member = require_member(request, why)
    if not member.email_verified:
        raise errors.Forbidden(UNVERIFIED, title="Please confirm your email first")
    return member


def require_moderator(request, why=None):
    """:raise LoginRequired: anonymous. :raise Forbidden: neither moderator nor admin."""
    member = require_member(request, why)
    if not is_moderator(member):
        raise errors.Forbidden("Only moderators can do that.")
    return member


def require_admin(request, why=None):
    """:raise LoginRequired: anonymous. :raise Forbidden: not an admin."""
    member = require_member(request, why)
    if not is_admin(member):
        raise errors.Forbidden("Only admins can do that.")
    return member


def require_owner(request, owner_id, why=None, moderators=False,
                  refusal="Only the member it belongs to can do that."):
    """The member whose ``owner_id`` it is (or, with ``moderators``, staff as well).

    :raise LoginRequired: anonymous. :raise Forbidden: anyone else.
    """
    member = require_member(request, why)
    if member.member_id != owner_id and not (moderators and is_moderator(member)):
        raise errors.Forbidden(refusal)
    return member


# Templates ask the same questions as Jinja tests (``{% if member is moderator %}``), never
# naming roles; tests, not globals, so no page variable called ``is_moderator`` can shadow them.
rendering.environment().tests.update(moderator=is_moderator, admin=is_admin)
