"""Who may do what: helpers a view calls before acting for a member."""
from chalicelib.core import errors
from chalicelib.platform import sessions

ROLES = ("member", "moderator", "admin")
UNVERIFIED = ("Please confirm your email address before posting: we sent you a link. "
              "You can ask for a new one in your settings.")


def require_member(request):
    """:return: the logged-in member. :raise LoginRequired: for anonymous visitors."""
    member = sessions.load_visitor(request).member
    if member is None:
        raise errors.LoginRequired()
    return member


def require_verified(request):
    """Unverified members can read but not post.

    :raise LoginRequired: anonymous. :raise Forbidden: email not verified yet.
    """
    member = require_member(request)
    if not member.email_verified:
        raise errors.Forbidden(UNVERIFIED, title="Please confirm your email first")
    return member


def can_moderate(member):
    return member is not None and member.role in ("moderator", "admin")
