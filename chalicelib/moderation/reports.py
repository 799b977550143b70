"""Members report posts; three established members' reports hide a post for review.

Each member's report is its own item, put only if absent, so nobody can report the same
post twice; it also adds to the post's case (``cases``), which the moderation queue reads.
"""
import logging

from pynamodb.exceptions import TransactWriteError

from chalicelib.core import errors, markup
from chalicelib.forum import moderating
from chalicelib.models.moderation import OPEN_QUEUE, Report, ReportedPost, ReportEntry
from chalicelib.models import writes
from chalicelib.moderation import audit, cases, new_members

log = logging.getLogger("lantern")

REASONS = {
    "spam": "Spam or advertising",
    "harmful": "Harmful or dangerous advice",
    "abusive": "Abusive or unkind",
    "crisis": "A member may be in crisis",
    "other": "Something else",
}
# Discourse hides a post once three members with some standing have flagged it.
HIDE_THRESHOLD = 3
MAX_NOTE = 1000


def validate(reason, note):
    """Field errors of the report form ({} when fine)."""
    problems = {}
    if reason not in REASONS:
        problems["reason"] = "Choose why you are reporting this post."
    elif reason == "other" and not note:
        problems["note"] = "Tell the moderators a little about what is wrong."
    if len(note) > MAX_NOTE:
        problems["note"] = f"Keep the note under {MAX_NOTE} characters."
    return problems


def existing_report(member, thread_id, post_id):
    """This member's report of the post, or None."""
    try:
        return Report.get(cases.post_key(thread_id, post_id), member.member_id)
    except Report.DoesNotExist:
        return None


def file_report(reporter, thread, post, reason, note, now):
    """Record ``reporter``'s report of ``post``; hide the post at the threshold.

    :return: the case after the report.
    :raise BadRequest: for one's own post or a removed post.
    :raise Conflict: when this member has already reported the post.
    """
    if post.author_id == reporter.member_id:
        raise errors.BadRequest("You cannot report your own post. You can edit or delete it.")
    if post.status == "removed":
        raise errors.BadRequest("That post has already been removed.")
    key = cases.post_key(post.thread_id, post.post_id)
    established = new_members.is_established(reporter, now)
    case = cases.get_case(post.thread_id, post.post_id)
    reopening = case is None or case.status != "open"
    opened_at = now if reopening else case.opened_at
    crisis = reason == "crisis" or (not reopening and case.crisis)
    report = Report(post_key=key, reporter_id=reporter.member_id,
                    reporter_handle=reporter.handle, reason=reason, note=note or None,
                    established=established, created_at=now)
    entry = ReportEntry(reporter_handle=reporter.handle, reason=reason, note=note or None,
                        created_at=now)
    updated = ReportedPost(post_key=key)
    try:
        with writes.transaction() as transaction:
            transaction.save(report, condition=Report.reporter_id.does_not_exist())
            transaction.update(updated, actions=[
                ReportedPost.thread_id.set(post.thread_id),
                ReportedPost.post_id.set(post.post_id),
                ReportedPost.thread_title.set(thread.title),
                ReportedPost.author_id.set(post.author_id),
                ReportedPost.author_handle.set(post.author_handle),
                ReportedPost.excerpt.set(markup.plain_excerpt(post.body_source, 300)),
                ReportedPost.status.set("open"),
                ReportedPost.open_count.add(1),
                ReportedPost.established_count.add(1 if established else 0),
                ReportedPost.crisis.set(crisis),
                ReportedPost.entries.set((ReportedPost.entries | []).append([entry])),
                ReportedPost.opened_at.set(opened_at),
                ReportedPost.last_reported_at.set(now),
                ReportedPost.queue.set(OPEN_QUEUE),
                ReportedPost.queue_key.set(cases.queue_key(crisis, opened_at, key)),
            ])
    except TransactWriteError as error:
        if writes.condition_failed(error):
            raise errors.Conflict("You have already reported this post. Thank you: the "
                                  "moderators will look at it.")
        raise
    case = cases.get_case(post.thread_id, post.post_id)
    if case.established_count >= HIDE_THRESHOLD and not case.auto_hidden:
        hide_pending_review(case, post, now)
    if reason == "crisis":
        from chalicelib.moderation import alerts

        alerts.alert_moderators(case, reporter, note, now)
    return case


def hide_pending_review(case, post, now):
    """Hide a visible post until a moderator reviews it; True if this call hid it.

    ``post`` is the loaded item: its version is bumped, never reset.
    """
    try:
        with writes.transaction() as transaction:
            moderating.hide_post(transaction, post, only_if_visible=True)
            transaction.update(case, add_version_condition=False,
                               condition=ReportedPost.status == "open",
                               actions=[ReportedPost.auto_hidden.set(True)])
            audit.save_in(transaction, audit.entry(
                None, "auto-hide", now,
                f"{case.established_count} established members reported it",
                subject=(case.author_id, case.author_handle), thread_id=case.thread_id,
                post_id=case.post_id))
    except TransactWriteError as error:
        if writes.condition_failed(error):
            return False
        raise
    case.auto_hidden = True
    return True
