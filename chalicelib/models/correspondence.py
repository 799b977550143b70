"""Correspondences, each member's links to them, and letters: see docs/data-model.md."""
from pynamodb.attributes import (ListAttribute, MapAttribute, NumberAttribute, UnicodeAttribute,
                                 UTCDateTimeAttribute)
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex

from chalicelib.models.base import LanternModel, index_meta, table_meta

REPORT_QUEUE_OPEN = "open"


class Correspondence(LanternModel):
    """A request to correspond and, once accepted, the private thread of two members.

    status: requested | open | paused | ended | not_available (declined, shown to the asker
    only as "not available right now").
    """

    Meta = table_meta("correspondences")
    correspondence_id = UnicodeAttribute(hash_key=True)
    asker_id = UnicodeAttribute()
    asker_handle = UnicodeAttribute()
    recipient_id = UnicodeAttribute()
    recipient_handle = UnicodeAttribute()
    status = UnicodeAttribute(default="requested")
    intro_source = UnicodeAttribute()
    intro_html = UnicodeAttribute()
    created_at = UTCDateTimeAttribute()
    answered_at = UTCDateTimeAttribute(null=True)
    paused_by = UnicodeAttribute(null=True)
    ended_at = UTCDateTimeAttribute(null=True)
    ended_reason = UnicodeAttribute(null=True)  # ended | blocked | account_deleted
    letter_count = NumberAttribute(default=0)
    last_letter_at = UTCDateTimeAttribute(null=True)
    # The one proposal to share letters awaiting an answer (chalicelib/correspondence/sharing.py).
    open_share_id = UnicodeAttribute(null=True)

    def other_of(self, member_id):
        """(id, handle) of the other member."""
        if member_id == self.asker_id:
            return self.recipient_id, self.recipient_handle
        return self.asker_id, self.asker_handle

    def involves(self, member_id):
        return member_id in (self.asker_id, self.recipient_id)


class LinksByActivity(GlobalSecondaryIndex):
    """A member's correspondences and requests, most recent activity first."""

    Meta = index_meta("links_by_activity", AllProjection())
    member_id = UnicodeAttribute(hash_key=True)
    activity_key = UnicodeAttribute(range_key=True)


class CorrespondenceLink(LanternModel):
    """One per member per other member: at most one live request or correspondence a pair.

    Written in the same transaction as the correspondence, so its status never disagrees.
    """

    Meta = table_meta("correspondence_links")
    member_id = UnicodeAttribute(hash_key=True)
    other_id = UnicodeAttribute(range_key=True)
    other_handle = UnicodeAttribute()
    correspondence_id = UnicodeAttribute()
    direction = UnicodeAttribute()  # sent | received (who asked)
    status = UnicodeAttribute()
    updated_at = UTCDateTimeAttribute()
    activity_key = UnicodeAttribute()  # "<iso time>#<correspondence id>"
    last_letter_by = UnicodeAttribute(null=True)  # member id: whose turn it is to write

    links_by_activity = LinksByActivity()


class LettersByAuthor(GlobalSecondaryIndex):
    """A member's own letters (export, account deletion)."""

    Meta = index_meta("letters_by_author", AllProjection())
    author_id = UnicodeAttribute(hash_key=True)
    letter_id = UnicodeAttribute(range_key=True)


class ReportedLetters(GlobalSecondaryIndex):
    """Sparse: only a reported letter awaiting a moderator carries ``report_queue``."""

    Meta = index_meta("reported_letters", AllProjection())
    report_queue = UnicodeAttribute(hash_key=True)
    letter_id = UnicodeAttribute(range_key=True)


class Letter(LanternModel):
    """A letter shares its correspondence's partition; ULIDs keep letters in order."""

    Meta = table_meta("letters", stream=True)
    correspondence_id = UnicodeAttribute(hash_key=True)
    letter_id = UnicodeAttribute(range_key=True)
    author_id = UnicodeAttribute()
    author_handle = UnicodeAttribute()
    body_source = UnicodeAttribute()
    body_html = UnicodeAttribute()
    created_at = UTCDateTimeAttribute()
    status = UnicodeAttribute(default="visible")  # visible | removed
    reported_by = UnicodeAttribute(null=True)
    report_reason = UnicodeAttribute(null=True)
    reported_at = UTCDateTimeAttribute(null=True)
    report_queue = UnicodeAttribute(null=True)

    letters_by_author = LettersByAuthor()
    reported_letters = ReportedLetters()


class SharedLetter(MapAttribute):
    """One letter as a proposal would publish it: its writer and the text, edited or
    redacted (the letter itself is never changed)."""

    letter_id = UnicodeAttribute()
    author_id = UnicodeAttribute()
    author_handle = UnicodeAttribute()
    body_source = UnicodeAttribute()


class LetterShare(LanternModel):
    """A proposal to publish some of a correspondence's letters as a forum thread.

    status: proposed | published | declined | unpublished. Every change of a proposed
    share raises ``version`` and names who made it (``changed_by``); only the other
    writer may approve, and only the version they saw (chalicelib/correspondence/sharing.py).
    """

    Meta = table_meta("letter_shares", stream=True)
    correspondence_id = UnicodeAttribute(hash_key=True)
    share_id = UnicodeAttribute(range_key=True)  # ULID
    status = UnicodeAttribute(default="proposed")
    version = NumberAttribute(default=1)
    changed_by = UnicodeAttribute()
    changed_by_handle = UnicodeAttribute()
    title = UnicodeAttribute()
    category_slug = UnicodeAttribute()
    letters = ListAttribute(of=SharedLetter)
    created_at = UTCDateTimeAttribute()
    changed_at = UTCDateTimeAttribute()
    thread_id = UnicodeAttribute(null=True)
    published_at = UTCDateTimeAttribute(null=True)
    closed_by = UnicodeAttribute(null=True)  # who declined or unpublished
    closed_at = UTCDateTimeAttribute(null=True)
