"""Logging in by email or handle, with per-IP limits and a per-account backoff.

Unknown accounts and wrong passwords get the same answer after the same work (an argon2
verification either way), so the log-in form does not tell who has an account.
The backoff never locks an account for good: the longest wait is one hour.
"""
import secrets
from functools import lru_cache

from chalicelib.core import config, errors, passwords, signing
from chalicelib.platform import members, ratelimits, session_lifecycle
from chalicelib.models.members import Member
from chalicelib.moderation import suspensions

LOGINS_PER_IP_PER_MINUTE = 6
# (failures allowed, window seconds): more failures, longer waits; never a permanent lock.
BACKOFF = ((5, 60), (10, 15 * 60), (20, 3600))
WRONG = "That email or handle and password do not match. Please try again."
SLOW_DOWN = ("There have been several failed log-ins to this account. Please wait a "
             "little before trying again, or reset your password.")


class LoginFailed(Exception):
    """Unknown account or wrong password (deliberately the same)."""


@lru_cache(maxsize=1)
def decoy_hash():
    """A real argon2 hash to verify against when no account matches (equal timing)."""
    return passwords.hash_password(secrets.token_urlsafe(16))


def find_account(identifier):
    if "@" in identifier:
        return members.member_by_email(identifier)
    return members.member_by_handle(identifier)


def backoff_check(who, now):
    """:raise TooManyRequests: while the account is in a backoff window."""
    if not config.settings.rate_limits:
        return
    for limit, window in BACKOFF:
        if ratelimits.count(f"login-fail-{window}", who, window, now) >= limit:
            raise errors.TooManyRequests(ratelimits.seconds_left(window, now), SLOW_DOWN)


def record_failure(who, now):
    if config.settings.rate_limits:
        for _limit, window in BACKOFF:
            ratelimits.record(f"login-fail-{window}", who, window, now)


def authenticate(identifier, password, ip, now):
    """The member whose email or handle and password these are.

    :raise LoginFailed: unknown account or wrong password.
    :raise TooManyRequests: over the per-IP limit, or in the account's backoff.
    :raise Forbidden: the right password for a suspended account.
    """
    ratelimits.hit("login-ip", signing.digest("ip", ip), LOGINS_PER_IP_PER_MINUTE, 60, now,
                   "That was a lot of log-in attempts in a short time. Please wait a "
                   "minute and try again.")
    member = find_account(identifier) if identifier else None
    # Per account when one matches, else per name typed: the same behaviour either way.
    who = signing.digest("account", member.member_id if member else identifier.lower())
    backoff_check(who, now)
    if member is None or not member.password_hash:
        passwords.verify_password(decoy_hash(), password)
        record_failure(who, now)
        raise LoginFailed()
    if not passwords.verify_password(member.password_hash, password):
        record_failure(who, now)
        raise LoginFailed()
    refusal = suspensions.login_refusal(member, now)
    if refusal:
        raise errors.Forbidden(refusal, title="Account suspended")
    if passwords.needs_rehash(member.password_hash):
        member.update(actions=[Member.password_hash.set(passwords.hash_password(password))])
    return member


def log_in(member, visitor, now):
    """A fresh session for ``member``; any session the browser already had is ended.

    :return: the Set-Cookie values to send.
    """
    cookies = [session_lifecycle.fresh_csrf_cookie()]
    if visitor.session is not None:
        session_lifecycle.end_session(visitor)
    cookies.insert(0, session_lifecycle.start_session(member, now))
    return cookies


def log_out(visitor):
    return [session_lifecycle.end_session(visitor), session_lifecycle.fresh_csrf_cookie()]
