"""Single-use emailed tokens: email verification, password reset, email change.

Only the SHA-256 of the token is the key, so a leaked table cannot verify, reset or
change anything. The TTL removes spent-but-unused rows; expiry is checked on read.
"""
from pynamodb.attributes import TTLAttribute, UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.indexes import GlobalSecondaryIndex, KeysOnlyProjection

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
    purpose = UnicodeAttribute()  # verify-email | reset-password | change-email
    member_id = UnicodeAttribute()
    # change-email only: the new address, which becomes the member's once confirmed.
    email = UnicodeAttribute(null=True)
    created_at = UTCDateTimeAttribute()
    expires_at = TTLAttribute()

    tokens_by_member = TokensByMember()
