"""The audit log: every moderation action, who took it, when and why.

Entries are written inside the same transaction as the action they record, so the log
can never miss an action nor record one that did not happen.
"""
from chalicelib.core import clock, config
from chalicelib.platform import pagination
from chalicelib.models.moderation import AUDIT_FEED, AuditEntry

LOG_KEYS = ("feed", "action_id")
ACTIONS = {
    "dismiss": "Dismissed reports",
    "hide": "Hid a post",
    "unhide": "Unhid a post",
    "delete": "Deleted a post",
    "close": "Closed a thread",
    "reopen": "Reopened a thread",
    "lock": "Locked a thread",
    "pin": "Pinned a thread",
    "unpin": "Unpinned a thread",
    "move": "Moved a thread",
    "retitle": "Edited a thread title",
    "hide-thread": "Hid a thread",
    "restore-thread": "Restored a thread",
    "suspend": "Suspended a member",
    "lift": "Lifted a suspension",
    "auto-hide": "Post hidden by member reports",
}


def entry(moderator, action, now, reason="", subject=None, thread_id=None, post_id=None,
          detail=""):
    """A new, unsaved audit entry; ``subject`` is the member the action concerns, if any.

    ``moderator`` is None for what the system did on its own (hiding after reports).
    """
    return AuditEntry(
        feed=AUDIT_FEED, action_id=clock.new_id(now),
        moderator_id=moderator.member_id if moderator else "system",
        moderator_handle=moderator.handle if moderator else "Lantern",
        action=action, reason=reason or "", created_at=now,
        subject_id=subject[0] if subject else None,
        subject_handle=subject[1] if subject else None,
        thread_id=thread_id, post_id=post_id, detail=detail)


def save_in(transaction, audit_entry):
    transaction.save(audit_entry, condition=AuditEntry.action_id.does_not_exist())


def read_log(cursor=None, moderator_id=None, action=None, subject_id=None, size=None):
    """A page of the log, newest first, optionally filtered.

    The most selective filter picks the index (subject, then moderator, then action);
    any other filter given is applied to that one Query's results.
    """
    size = size or config.settings.page_size
    filters = None
    if subject_id:
        index, hash_key, key_names = AuditEntry.audit_by_subject, subject_id, \
            ("feed", "action_id", "subject_id")
        rest = [(AuditEntry.moderator_id, moderator_id), (AuditEntry.action, action)]
    elif moderator_id:
        index, hash_key, key_names = AuditEntry.audit_by_moderator, moderator_id, \
            ("feed", "action_id", "moderator_id")
        rest = [(AuditEntry.action, action)]
    elif action:
        index, hash_key, key_names = AuditEntry.audit_by_action, action, \
            ("feed", "action_id", "action")
        rest = []
    else:
        index, hash_key, key_names, rest = AuditEntry, AUDIT_FEED, LOG_KEYS, []
    for attribute, value in rest:
        if value:
            condition = attribute == value
            filters = condition if filters is None else filters & condition

    def query(**options):
        if filters is not None:
            options["filter_condition"] = filters
        return index.query(hash_key, scan_index_forward=False, **options)

    return pagination.fetch_page(query, key_names, cursor, size)
