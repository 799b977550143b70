"""A session's life: started at log-in, live while fresh, ended at log-out or everywhere.

A session cookie is ``<member id>.<random token>``; only the token's hash is stored. Apart
from sessions.py, which reads who is asking on every request: this is what the account
pages call (log-in, log-out, password change, reset, deletion), plus the one rule both
share, :func:`session_is_live`.
"""
import secrets
from datetime import timedelta

from chalicelib.core import clock, signing
from chalicelib.models import Member, Session
from chalicelib.platform.site_cookies import (cookie_header, csrf_cookie_name,
                                              expired_cookie_header,
                                              session_cookie_name)

IDLE_TIMEOUT = timedelta(days=14)
ABSOLUTE_LIFETIME = timedelta(days=60)


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
