"""Peer profiles and the listing that "Find peers" reads: see docs/data-model.md."""
from pynamodb.attributes import (BooleanAttribute, ListAttribute, NumberAttribute,
                                 UnicodeAttribute, UTCDateTimeAttribute)
from pynamodb.indexes import GlobalSecondaryIndex, KeysOnlyProjection

from chalicelib.models.base import LanternModel, index_meta, table_meta

DIGEST_DUE = "due"
DEFAULT_MAX_OPEN = 3


class LetterDigestsDue(GlobalSecondaryIndex):
    """Sparse: only members with letters waiting for their daily email carry ``digest_queue``."""

    Meta = index_meta("letter_digests_due", KeysOnlyProjection())
    digest_queue = UnicodeAttribute(hash_key=True)
    member_id = UnicodeAttribute(range_key=True)


class Profile(LanternModel):
    """A member's peer profile; a separate table so accounts own ``members`` alone.

    Written with UpdateItem actions only, never a whole-item put, so the counters that
    correspondence moves with ``ADD`` are never overwritten by a profile edit.
    """

    Meta = table_meta("profiles")
    member_id = UnicodeAttribute(hash_key=True)
    handle = UnicodeAttribute(null=True)
    bio = UnicodeAttribute(null=True)
    medication_classes = ListAttribute(of=UnicodeAttribute, null=True)
    stage = UnicodeAttribute(null=True)
    year_started = NumberAttribute(null=True)
    open_to_new = BooleanAttribute(default=False)
    availability_note = UnicodeAttribute(null=True)
    max_open = NumberAttribute(default=DEFAULT_MAX_OPEN)
    open_count = NumberAttribute(default=0)
    letter_notifications = UnicodeAttribute(default="immediately")  # immediately|daily|never
    # Letters in full by email, with a Reply-To that makes the reply the next letter. Off
    # unless the member turns it on: inboxes are shared and kept for years.
    letters_in_full = BooleanAttribute(default=False)
    letters_waiting = NumberAttribute(default=0)
    digest_queue = UnicodeAttribute(null=True)
    updated_at = UTCDateTimeAttribute(null=True)

    letter_digests_due = LetterDigestsDue()

    @property
    def has_room(self):
        return (self.open_count or 0) < (self.max_open or 0)


class PeerListing(LanternModel):
    """One row per (filter, available member): the sparse index "Find peers" reads.

    ``listing`` names a filter ("all", "stage:tapering", "class:ssris",
    "class:ssris|stage:tapering"); ``rank_key`` sorts those further along first. Rows exist
    only while their member is open to new correspondence.
    """

    Meta = table_meta("peer_listings")
    listing = UnicodeAttribute(hash_key=True)
    rank_key = UnicodeAttribute(range_key=True)
    member_id = UnicodeAttribute()
