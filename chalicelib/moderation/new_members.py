"""What a member may do in their first day, and who counts as established.

Discourse's trust-level-0 defaults: in their first day a new member may start at most
3 threads and post at most 10 replies, with at most 2 links in any post. Established
members (verified, past their first day) are the ones whose reports can hide a post.
"""
import re
from datetime import timedelta

from chalicelib.core import errors, markup, timefmt
from chalicelib.models.forum import Post, Thread
from chalicelib.web.permissions import STAFF_ROLES

NEW_MEMBER_PERIOD = timedelta(days=1)
MAX_NEW_THREADS = 3
MAX_NEW_REPLIES = 10
MAX_NEW_LINKS = 2
_LINK = re.compile(r"<a\s")
_RAW_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


class PostingNotAllowed(errors.HttpError):
    """A friendly refusal; ``field`` names the form field to show it beside, if any."""

    status = 429
    title = "Not just yet"

    def __init__(self, message, field=None, status=None, retry_after=None):
        headers = {"Retry-After": str(int(retry_after))} if retry_after else None
        super().__init__(message, headers=headers)
        self.field = field
        if status:
            self.status = status


def is_new_member(member, now):
    return member.role not in STAFF_ROLES and now - member.created_at < NEW_MEMBER_PERIOD


def is_established(member, now):
    """Verified and past the first day: their reports count towards hiding a post."""
    return bool(member.email_verified) and now - member.created_at >= NEW_MEMBER_PERIOD


def count_links(body):
    """Links in a post: rendered links, or bare addresses the linkifier did not take, and
    every distinct ``@handle`` (a mention links to a profile and notifies its member; counted
    without looking the handles up)."""
    links = max(len(_LINK.findall(markup.render_markdown(body))), len(_RAW_URL.findall(body)))
    return links + len(markup.mentioned_handles(body))


def _counts(member):
    """Threads and replies a member has posted: two Select=COUNT Queries.

    Only asked during the first day, when every post they have is a first-day post.
    """
    threads = Thread.threads_by_author.count(member.member_id)
    posts = Post.posts_by_author.count(member.member_id)
    return threads, posts - threads


def check_can_post(member, kind, body, now):
    """Check a new thread (``kind="thread"``), reply (``"reply"``), edit (``"edit"``) or
    preview (``"preview"``: nothing is written, so only the links count) against the
    first-day limits before it is written (who may post at all, suspensions
    included, is ``chalicelib.forum.composing.require_poster``).

    A full day's count is checked before the links: no edit of the text can fix it, so
    it is the one message worth showing.
    :raise PostingNotAllowed: when a first-day total is reached, or the body has too many
        links (``field="body"``).
    """
    if not is_new_member(member, now):
        return
    ends = member.created_at + NEW_MEMBER_PERIOD
    until = timefmt.human(ends)
    wait = max(1, int((ends - now).total_seconds()))
    threads, replies = _counts(member) if kind in ("thread", "reply") else (0, 0)
    if kind == "thread" and threads >= MAX_NEW_THREADS:
        raise PostingNotAllowed(
            f"New accounts can start up to {MAX_NEW_THREADS} threads in their first day, "
            f"and you have reached that. You can start another after {until}; until "
            f"then you are welcome to reply in existing threads. Your text is kept below.",
            retry_after=wait)
    if kind == "reply" and replies >= MAX_NEW_REPLIES:
        raise PostingNotAllowed(
            f"New accounts can post up to {MAX_NEW_REPLIES} replies in their first day, "
            f"and you have reached that. You can reply again after {until}. "
            f"Your text is kept below.", retry_after=wait)
    if count_links(body) > MAX_NEW_LINKS:
        raise PostingNotAllowed(
            f"New accounts can include at most {MAX_NEW_LINKS} links or @mentions in a post during "
            f"their first day (it keeps spam out). Please remove some, or post "
            f"them after {until}.", field="body", status=400)


def field_errors(member, kind, body, now):
    """``check_can_post`` for a composer: a refusal that an edit can fix (too many links)
    comes back as ``{"body": message}`` to show beside the field; others raise.
    """
    try:
        check_can_post(member, kind, body, now)
    except PostingNotAllowed as refusal:
        if refusal.field:
            return {refusal.field: refusal.message}
        raise
    return {}
