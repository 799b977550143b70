"""A reported post's case: the one item the moderation queue works from.

Each post with open reports has one case item (``ReportedPost``) that the queue reads
through a sparse index; this module reads it, pages the queue and closes a case. Filing a
report (``reports``) and acting on one (``actions``) both go through it, so it stands
apart from either.
"""
from chalicelib.core import clock, config, timefmt
from chalicelib.platform import pagination
from chalicelib.models.moderation import OPEN_QUEUE, ReportedPost
from chalicelib.moderation import audit

QUEUE_KEYS = ("post_key", "queue", "queue_key")


def post_key(thread_id, post_id):
    return f"{thread_id}#{post_id}"


def get_case(thread_id, post_id):
    try:
        return ReportedPost.get(post_key(thread_id, post_id), consistent_read=True)
    except ReportedPost.DoesNotExist:
        return None


def queue_key(crisis, opened_at, key):
    # Ascending order puts possible crises first, then the longest-waiting reports.
    return f"{0 if crisis else 1}#{clock.iso(opened_at)}#{key}"


def open_cases(cursor=None, size=None):
    """A page of the moderation queue: possible crises first, then oldest first."""
    size = size or config.settings.page_size

    def query(**options):
        return ReportedPost.open_reports.query(OPEN_QUEUE, **options)

    return pagination.fetch_page(query, QUEUE_KEYS, cursor, size)


def close_case(case_or_key, moderator, resolution, now, transaction):
    """Add "resolve this case, if still open" to ``transaction``.

    Counters and entries reset, so later reports start a fresh case.
    """
    case = case_or_key if isinstance(case_or_key, ReportedPost) \
        else ReportedPost(post_key=case_or_key)
    transaction.update(case, add_version_condition=False,
                       condition=ReportedPost.status == "open", actions=[
                           ReportedPost.status.set("resolved"),
                           ReportedPost.resolved_at.set(now),
                           ReportedPost.resolved_by_handle.set(moderator.handle),
                           ReportedPost.resolution.set(resolution),
                           ReportedPost.open_count.set(0),
                           ReportedPost.established_count.set(0),
                           ReportedPost.crisis.set(False),
                           ReportedPost.auto_hidden.set(False),
                           ReportedPost.entries.set([]),
                           ReportedPost.queue.remove(),
                           ReportedPost.queue_key.remove()])


def what_happened(case):
    """How a case was resolved, for the moderator who lost the race."""
    if case is None or case.status == "open":
        return "These reports changed while you were looking. Please look again."
    done = audit.ACTIONS.get(case.resolution, case.resolution or "handled them").lower()
    return (f"{case.resolved_by_handle} already handled these reports "
            f"({timefmt.human(case.resolved_at)}): {done}. Nothing more was changed.")
