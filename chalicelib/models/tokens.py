"""Single-use emailed tokens: email verification, password reset, email change.

Only the SHA-256 of the token is the key, so a leaked table cannot verify, reset or
change anything. The TTL removes spent-but-unused rows; expiry is checked on read.
"""
from pynamodb.attributes import (TTLAttribute, UnicodeAttribute, UnicodeSetAttribute,
                                 UTCDateTimeAttribute)
from pynamodb.indexes import GlobalSecondaryIndex, KeysOnlyProjection

from chalicelib.core import signing
from chalicelib.models.base import LanternModel, index_meta, table_meta


class TokensByMember(GlobalSecondaryIndex):
    """A member's outstanding tokens (to void them all on reset or account deletion)."""

    Meta = index_meta("tokens_by_member", KeysOnlyProjection())
    member_id = UnicodeAttribute(hash_key=True)
    token_hash = UnicodeAttribute(range_key=True)


class Token(LanternModel):
    Meta = table_meta("tokens")
    ttl_attribute = "expires_at"
    token_hash = UnicodeAttribute(hash_key=True)
    # verify-email | reset-password | change-email | subscribe-confirm
    purpose = UnicodeAttribute()
    # None for subscribe-confirm (no account yet): such rows stay out of tokens_by_member.
    member_id = UnicodeAttribute(null=True)
    # change-email: the new address, which becomes the member's once confirmed;
    # subscribe-confirm: the address asking for digests.
    email = UnicodeAttribute(null=True)
    # subscribe-confirm only: what the confirmation link will activate.
    categories = UnicodeSetAttribute(null=True)
    frequency = UnicodeAttribute(null=True)
    created_at = UTCDateTimeAttribute()
    expires_at = TTLAttribute()

    tokens_by_member = TokensByMember()


def live_token(token, purposes, now):
    """The row of an emailed ``token`` if it is one of ``purposes`` and not expired, else
    None (unknown, misused or expired). TTL deletes lazily (docs/pitfalls.md #4), so
    expiry is checked here, on every read."""
    if not token or len(token) > 100:
        return None
    try:
        row = Token.get(signing.hash_token(token), consistent_read=True)
    except Token.DoesNotExist:
        return None
    if row.purpose not in purposes or row.expires_at <= now:
        return None
    return row
