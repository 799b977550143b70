"""Subscribers, followed threads and suppressed addresses: see docs/data-model.md."""
from pynamodb.attributes import (BooleanAttribute, NumberAttribute, TTLAttribute,
                                 UnicodeAttribute, UnicodeSetAttribute, UTCDateTimeAttribute)
from pynamodb.indexes import GlobalSecondaryIndex, KeysOnlyProjection

from chalicelib.models.base import LanternModel, index_meta, table_meta

# The due index is spread over a few partitions so 10,000 subscribers moving their due time
# every hour never crowd one index partition; the hourly job queries each shard.
DUE_SHARDS = 4


class DigestsDue(GlobalSecondaryIndex):
    """Sparse: only subscribers who get digests carry ``digest_due``; "due by T" is a range Query."""

    Meta = index_meta("digests_due", KeysOnlyProjection())
    due_shard = NumberAttribute(hash_key=True)
    digest_due = UnicodeAttribute(range_key=True)


class Subscriber(LanternModel):
    """Who receives digests: a member (``m#<member id>``) or an email-only address
    (``e#<sha256 of the address>``, so signed links never carry the address itself)."""

    Meta = table_meta("subscribers")
    ttl_attribute = "expires_at"
    subscriber_id = UnicodeAttribute(hash_key=True)
    kind = UnicodeAttribute()  # member | email
    member_id = UnicodeAttribute(null=True)
    email = UnicodeAttribute(null=True)  # email-only subscribers; members' comes from Member
    status = UnicodeAttribute(default="active")  # pending | active | unsubscribed
    frequency = UnicodeAttribute(default="weekly")  # daily | weekly | never
    own_replies = UnicodeAttribute(default="digest")  # immediate | digest
    categories = UnicodeSetAttribute(default=set)
    created_at = UTCDateTimeAttribute()
    confirmed_at = UTCDateTimeAttribute(null=True)
    # The digest window: content after last_digest_at, up to digest_due, goes in the next one.
    last_digest_at = UTCDateTimeAttribute(null=True)
    due_shard = NumberAttribute(default=0)
    digest_due = UnicodeAttribute(null=True)
    # A send in progress holds a short lease on the window (see digest_sending.claim_window).
    lease_due = UnicodeAttribute(null=True)
    lease_until = UTCDateTimeAttribute(null=True)
    digests_sent = NumberAttribute(default=0)
    expires_at = TTLAttribute(null=True)  # unconfirmed email-only subscribers only

    digests_due = DigestsDue()


class Follow(LanternModel):
    """A member's followed threads; an unfollow is kept (``following`` false) so posting
    again does not silently re-follow a thread the member chose to leave."""

    Meta = table_meta("follows")
    member_id = UnicodeAttribute(hash_key=True)
    thread_id = UnicodeAttribute(range_key=True)
    following = BooleanAttribute(default=True)
    category_slug = UnicodeAttribute(null=True)
    followed_at = UTCDateTimeAttribute()
    # The newest reply already emailed at once (replies to own threads, "immediate").
    notified_through = UnicodeAttribute(null=True)


class Suppression(LanternModel):
    """An address SES told us not to mail again (bounces, complaints)."""

    Meta = table_meta("suppressions", stream=True)
    email = UnicodeAttribute(hash_key=True)  # normalised (lower case)
    suppressed = BooleanAttribute(default=False)
    reason = UnicodeAttribute(null=True)  # permanent-bounce | complaint | transient-bounces
    transient_bounces = NumberAttribute(default=0)
    # SES feedback ids already counted: SNS delivers at least once, so duplicates are common.
    seen_feedback = UnicodeSetAttribute(default=set)
    updated_at = UTCDateTimeAttribute(null=True)
