"""Incoming email already handled: each Message-ID acts once, however often it arrives.

Keyed by a hash of the Message-ID; it holds no address and no text, only what the email
became, and expires with the stored raw mail (30 days).
"""
from pynamodb.attributes import TTLAttribute, UnicodeAttribute, UTCDateTimeAttribute

from chalicelib.models.base import LanternModel, table_meta


class InboundMail(LanternModel):
    Meta = table_meta("inbound_mail")
    ttl_attribute = "expires_at"
    message_key = UnicodeAttribute(hash_key=True)  # SHA-256 of the Message-ID
    # handling (claimed, at work) | letter | reply | unsubscribed | refused:<reason> | ignored:<reason>
    outcome = UnicodeAttribute()
    received_at = UTCDateTimeAttribute()
    expires_at = TTLAttribute()
