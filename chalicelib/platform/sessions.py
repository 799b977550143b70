"""Who is asking: session cookies, the logged-in member, and the CSRF binding.

A session cookie is ``<member id>.<random token>``; only the token's hash is stored, so
the session and its member are fetched together in one BatchGetItem request.
"""
import secrets
from datetime import timedelta
from http.cookies import SimpleCookie

from pynamodb.exceptions import UpdateError

from chalicelib.core import clock, config, signing
from chalicelib.models import Member, Session, writes

IDLE_TIMEOUT = timedelta(days=14)
ABSOLUTE_LIFETIME = timedelta(days=60)
# Refreshing last_seen on every page would be a write per view; once an hour is enough.
TOUCH_EVERY = timedelta(hours=1)


def session_cookie_name():
    return "__Host-lantern_session" if config.settings.secure_cookies else "lantern_session"


def csrf_cookie_name():
    return "__Host-lantern_csrf" if config.settings.secure_cookies else "lantern_csrf"


def cookie_header(name, value, max_age=None):
    """A Set-Cookie value: HttpOnly, SameSite=Lax, Path=/, Secure outside the local stage."""
    parts = [f"{name}={value}", "Path=/", "HttpOnly", "SameSite=Lax"]
    if config.settings.secure_cookies:
        parts.append("Secure")
    if max_age is not None:
        parts.append(f"Max-Age={int(max_age)}")
    return "; ".join(parts)


def expired_cookie_header(name):
    return cookie_header(name, "", max_age=0)


def read_cookies(request):
    jar = SimpleCookie()
    try:
        jar.load(request.headers.get("cookie", ""))
    except Exception:  # a malformed cookie header is the visitor's problem, not a 500
        return {}
    return {key: morsel.value for key, morsel in jar.items()}


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


def start_session(member, now=None):
    """Create a brand-new session (a fresh id at every login defeats fixation).

    :return: the Set-Cookie header value.
    """
    now = now or clock.utcnow()
    token = secrets.token_urlsafe(32)
    Session(session_hash=signing.hash_token(token), member_id=member.member_id,
            epoch=member.session_epoch, created_at=now, last_seen_at=now,
            expires_at=now + ABSOLUTE_LIFETIME).save()
    return cookie_header(session_cookie_name(), f"{member.member_id}.{token}",
                         max_age=ABSOLUTE_LIFETIME.total_seconds())


def end_session(visitor):
    """Delete the visitor's session; returns the Set-Cookie value that clears it."""
    if visitor.session is not None:
        visitor.session.delete()
    return expired_cookie_header(session_cookie_name())


def session_is_live(session, member, now):
    if member is None or session.member_id != member.member_id:
        return False
    if session.epoch != member.session_epoch:
        return False
    if member.suspended_until and member.suspended_until > now:
        return False
    if now - session.last_seen_at > IDLE_TIMEOUT:
        return False
    # TTL deletes lazily (docs/pitfalls.md #4): the expiry is checked here, not trusted to TTL.
    return now - session.created_at <= ABSOLUTE_LIFETIME and session.expires_at > now


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


def end_all_sessions(member):
    """Log ``member`` out everywhere (password change, reset, suspension, deletion).

    The rows go first (one Query on sessions_by_member), then the epoch is bumped, which
    kills every older session at once, even one started while the rows were deleted. Each
    step is safe to run again, and a failure after the deletes has still logged the member
    out (the rows are the sessions); their account item changes only in the last write.
    ``member`` is refreshed, so a session started from it afterwards is valid.
    """
    keys = list(Session.sessions_by_member.query(member.member_id))
    with Session.batch_write() as batch:
        for key in keys:
            batch.delete(key)
    member.update(actions=[Member.session_epoch.add(1)])
    return len(keys)


def fresh_csrf_cookie():
    """Drop the anonymous CSRF seed at log-in and log-out, so a seed planted or seen
    before the change of identity is worthless after it."""
    return expired_cookie_header(csrf_cookie_name())
