"""Single-use emailed tokens: 256 random bits in the link, only their hash stored."""
import secrets
from datetime import timedelta

from pynamodb.exceptions import TransactWriteError

from chalicelib.core import errors, signing
from chalicelib.models.tokens import Token, live_token
from chalicelib.models import writes

VERIFY_EMAIL = "verify-email"
RESET_PASSWORD = "reset-password"
CHANGE_EMAIL = "change-email"
# Written when a reset is asked for an address with no account, so that both answers cost
# the same requests (chalicelib/accounts/reset.py). It names no member, is never sent and no
# link accepts its purpose; it expires with the hour.
NO_ACCOUNT = "reset-no-account"
LIFETIMES = {VERIFY_EMAIL: timedelta(hours=48), RESET_PASSWORD: timedelta(hours=1),
             CHANGE_EMAIL: timedelta(hours=48), NO_ACCOUNT: timedelta(hours=1)}
SPENT_MESSAGE = ("That link has already been used or has expired. You can ask for a new "
                 "one below.")


def issue(purpose, member_id, now, email=None):
    """Store a new token's hash and return the token itself, to put in an emailed link."""
    token = secrets.token_urlsafe(32)
    Token(token_hash=signing.hash_token(token), purpose=purpose, member_id=member_id,
          email=email, created_at=now, expires_at=now + LIFETIMES[purpose]).save()
    return token


def find(token, purposes, now):
    """The live token row for ``token``, or None if unknown, spent, expired or misused."""
    return live_token(token, purposes, now)


def spend(row, *changes):
    """Delete the token and apply each ``change(transaction)`` all at once.

    The delete is conditional, so of two clicks racing on one link only one succeeds.
    :raise Conflict: when the token was spent meanwhile (or a write's condition failed).
    """
    try:
        with writes.transaction() as tx:
            tx.delete(row, condition=Token.token_hash.exists())
            for change in changes:
                change(tx)
    except TransactWriteError as error:
        raise errors.Conflict(SPENT_MESSAGE, title="That link no longer works") from error


def void_all(member_id, purposes=None):
    """Delete a member's outstanding tokens (one Query on tokens_by_member, then deletes)."""
    keys = list(Token.tokens_by_member.query(member_id))
    if not keys:
        return 0
    doomed = keys
    if purposes is not None:  # the index holds keys only: read the rows to see purposes
        rows = Token.batch_get([key.token_hash for key in keys])
        doomed = [row for row in rows if row.purpose in purposes]
    with Token.batch_write() as batch:
        for row in doomed:
            batch.delete(row)
    return len(doomed)
