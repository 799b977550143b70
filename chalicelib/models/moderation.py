"""Reports, the moderation queue, the audit log and blocks: see docs/data-model.md."""
from pynamodb.attributes import (BooleanAttribute, ListAttribute, MapAttribute,
                                 NumberAttribute, UnicodeAttribute, UTCDateTimeAttribute)
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex

from chalicelib.models.base import LanternModel, index_meta, table_meta

OPEN_QUEUE = "open"
AUDIT_FEED = "all"


class Report(LanternModel):
    """One member's report of one post; the conditional put keeps it to one per member."""

    Meta = table_meta("reports")
    post_key = UnicodeAttribute(hash_key=True)  # "<thread_id>#<post_id>"
    reporter_id = UnicodeAttribute(range_key=True)
    reporter_handle = UnicodeAttribute()
    reason = UnicodeAttribute()
    note = UnicodeAttribute(null=True)
    established = BooleanAttribute(default=False)
    created_at = UTCDateTimeAttribute()


class ReportEntry(MapAttribute):
    """A report as the queue shows it, copied onto the case so the queue is one Query."""

    reporter_handle = UnicodeAttribute()
    reason = UnicodeAttribute()
    note = UnicodeAttribute(null=True)
    created_at = UTCDateTimeAttribute()


class OpenReports(GlobalSecondaryIndex):
    """Sparse: only open cases carry ``queue``, so the moderation queue is one Query."""

    Meta = index_meta("open_reports", AllProjection())
    queue = UnicodeAttribute(hash_key=True)
    queue_key = UnicodeAttribute(range_key=True)


class ReportedPost(LanternModel):
    """The case of one reported post: its open reports, with the post's context."""

    Meta = table_meta("reported_posts")
    post_key = UnicodeAttribute(hash_key=True)
    thread_id = UnicodeAttribute()
    post_id = UnicodeAttribute()
    thread_title = UnicodeAttribute()
    author_id = UnicodeAttribute()
    author_handle = UnicodeAttribute()
    excerpt = UnicodeAttribute(default="")
    status = UnicodeAttribute(default="open")  # open | resolved
    open_count = NumberAttribute(default=0)  # reports since the case (re)opened
    established_count = NumberAttribute(default=0)
    crisis = BooleanAttribute(default=False)
    auto_hidden = BooleanAttribute(default=False)
    entries = ListAttribute(of=ReportEntry, default=list)
    opened_at = UTCDateTimeAttribute(null=True)
    last_reported_at = UTCDateTimeAttribute(null=True)
    resolved_at = UTCDateTimeAttribute(null=True)
    resolved_by_handle = UnicodeAttribute(null=True)
    resolution = UnicodeAttribute(null=True)
    # Present only while open: "<0 crisis | 1 other>#<opened at>#<post key>".
    queue = UnicodeAttribute(null=True)
    queue_key = UnicodeAttribute(null=True)

    open_reports = OpenReports()


class AuditByModerator(GlobalSecondaryIndex):
    Meta = index_meta("audit_by_moderator", AllProjection())
    moderator_id = UnicodeAttribute(hash_key=True)
    action_id = UnicodeAttribute(range_key=True)


class AuditByAction(GlobalSecondaryIndex):
    Meta = index_meta("audit_by_action", AllProjection())
    action = UnicodeAttribute(hash_key=True)
    action_id = UnicodeAttribute(range_key=True)


class AuditBySubject(GlobalSecondaryIndex):
    """Sparse: only actions that concern a member (suspensions, their posts)."""

    Meta = index_meta("audit_by_subject", AllProjection())
    subject_id = UnicodeAttribute(hash_key=True)
    action_id = UnicodeAttribute(range_key=True)


class AuditEntry(LanternModel):
    """Who did what, when and why; written in the same transaction as the action."""

    Meta = table_meta("audit_log")
    feed = UnicodeAttribute(hash_key=True, default=AUDIT_FEED)
    action_id = UnicodeAttribute(range_key=True)  # ULID: key order is time order
    moderator_id = UnicodeAttribute()
    moderator_handle = UnicodeAttribute()
    action = UnicodeAttribute()
    reason = UnicodeAttribute(default="")
    created_at = UTCDateTimeAttribute()
    subject_id = UnicodeAttribute(null=True)
    subject_handle = UnicodeAttribute(null=True)
    thread_id = UnicodeAttribute(null=True)
    post_id = UnicodeAttribute(null=True)
    detail = UnicodeAttribute(default="")

    audit_by_moderator = AuditByModerator()
    audit_by_action = AuditByAction()
    audit_by_subject = AuditBySubject()


class Block(LanternModel):
    """``blocker_id`` no longer sees ``blocked_id``'s posts, nor hears from them."""

    Meta = table_meta("blocks", stream=True)
    blocker_id = UnicodeAttribute(hash_key=True)
    blocked_id = UnicodeAttribute(range_key=True)
    blocked_handle = UnicodeAttribute()
    created_at = UTCDateTimeAttribute()


__all__ = ["Report", "ReportedPost", "ReportEntry", "AuditEntry", "Block", "OPEN_QUEUE",
           "AUDIT_FEED"]
