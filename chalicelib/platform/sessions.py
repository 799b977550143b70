"""Who is asking: the visitor behind a request, the logged-in member, and the CSRF binding.

The session cookie names its member, so the session and its member are fetched together
in one BatchGetItem request, or joined to the page's own (:class:`PendingVisitor`).
Starting and ending sessions is in session_lifecycle.py, the cookies in site_cookies.py.
"""
import secrets
from datetime import timedelta

from pynamodb.exceptions import UpdateError

from chalicelib.core import clock, signing
from chalicelib.models import Member, Session, writes
from chalicelib.platform.site_cookies import (cookie_header, csrf_cookie_name,
                                              expired_cookie_header, read_cookies,
                                              session_cookie_name)
from chalicelib.platform.session_lifecycle import session_is_live

# Refreshing last_seen on every page would be a write per view; once an hour is enough.
TOUCH_EVERY = timedelta(hours=1)


class Visitor:
    """The person behind a request: a member with a session, or anonymous."""

    def __init__(self, member=None, session=None, session_token=None, csrf_seed=None):
        self.member = member
        self.session = session
        self.session_token = session_token
        self.csrf_seed = csrf_seed
        self.cookies_to_set = []
        # Set once a CSRF token is bound for this visitor: the answer then carries a secret
        # of theirs, so no shared cache may keep it (web.caching).
        self.csrf_bound = False

    @property
    def is_member(self):
        return self.member is not None

    @property
    def csrf_binding(self):
        self.csrf_bound = True
        if self.session_token:
            return "s:" + signing.hash_token(self.session_token)
        if not self.csrf_seed:
            self.csrf_seed = secrets.token_urlsafe(18)
            self.cookies_to_set.append(cookie_header(csrf_cookie_name(), self.csrf_seed))
        return "a:" + self.csrf_seed


def _session_keys(session_hash, member_id):
    return {Session.Meta.table_name: {"Keys": [{"session_hash": {"S": session_hash}}],
                                      "ConsistentRead": True},
            Member.Meta.table_name: {"Keys": [{"member_id": {"S": member_id}}],
                                     "ConsistentRead": True}}


def _session_and_member(found, member_id):
    """The session and its member among the raw items of a page's BatchGetItem (which
    may hold other members too, such as the profile being shown)."""
    sessions = found.get(Session.Meta.table_name, [])
    members = [raw for raw in found.get(Member.Meta.table_name, [])
               if raw["member_id"]["S"] == member_id]
    if not sessions or not members:
        return None, None
    return Session.from_raw_data(sessions[0]), Member.from_raw_data(members[0])


class PendingVisitor:
    """A visitor whose session is read with the page's own BatchGetItem.

    The cookie names its member, so a page can add that member's items (read positions,
    follow state...) to the keys it reads anyway; ``settle`` then checks the session, and
    ``member_items`` hands back those items only if the session is live.
    """

    def __init__(self, request, now=None):
        self.request, self.now = request, now or clock.utcnow()
        self.known = getattr(request, "_lantern_visitor", None)
        self.cookies = read_cookies(request)
        member_id, _, self.token = self.cookies.get(session_cookie_name(), "").partition(".")
        self.member_id = member_id if member_id and self.token else None
        self.token = self.token if self.member_id else ""
        if self.known is not None:
            self.member_id = self.known.member.member_id if self.known.member else None

    def request_items(self):
        """The session's keys for the page's BatchGetItem (none when already known)."""
        if self.known is not None or not self.member_id:
            return {}
        return _session_keys(signing.hash_token(self.token), self.member_id)

    def settle(self, found):
        """The Visitor, from the items the page's BatchGetItem found (cached on the request)."""
        if self.known is None:
            session, member = _session_and_member(found, self.member_id) \
                if self.member_id else (None, None)
            self.known = _remember(self.request, self.cookies, self.token, session, member,
                                   self.now)
        return self.known


def load_visitor(request, now=None):
    """Read the cookies and, if they name a live session, its member (one request)."""
    pending = PendingVisitor(request, now)
    if pending.known is not None:
        return pending.known
    found = {}
    if pending.member_id:
        from chalicelib.platform import batches

        found = batches.batch_get(pending.request_items())
    return pending.settle(found)


def _remember(request, cookies, token, session, member, now):
    visitor = Visitor(csrf_seed=cookies.get(csrf_cookie_name()))
    if session is not None and session_is_live(session, member, now):
        visitor = Visitor(member, session, token, visitor.csrf_seed)
        if now - session.last_seen_at >= TOUCH_EVERY:
            session.update(actions=[Session.last_seen_at.set(now)])
            _touch_member(member, now)
    elif token:
        visitor.cookies_to_set.append(expired_cookie_header(session_cookie_name()))
    request._lantern_visitor = visitor
    return visitor


def _touch_member(member, now):
    """Record the member's last visit (digests skip members who came by), at most hourly
    whatever number of sessions they have open."""
    stale = Member.last_seen_at.does_not_exist() | (Member.last_seen_at <= now - TOUCH_EVERY)
    try:
        member.update(actions=[Member.last_seen_at.set(now)], condition=stale)
    except UpdateError as error:
        if not writes.condition_failed(error):
            raise

