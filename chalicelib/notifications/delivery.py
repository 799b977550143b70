"""Notifications that go out by email: at once (the member's choice per kind) and the
digest's section. An email carries the sentence and the link, never a post's or a letter's
text: inboxes are shared, read over shoulders and kept for years."""
import logging

from chalicelib.core import clock
from chalicelib.models.notifications import Notification
from chalicelib.notifications import entries, preferences
from chalicelib.platform import mailer

log = logging.getLogger("lantern.jobs")
DIGEST_SHOWN = 10


def _headers():
    """RFC 2919: mail filters can sort notification emails on their own."""
    return {"List-Id": mailer.list_id("notifications", "Lantern notifications")}


def send_now(member, entry):
    """Email one notification; a failure is logged, the entry is already on the site."""
    described = entries.describe(entry) if entry is not None else None
    if member is None or not member.email or not member.email_verified or not described:
        return False
    text, path = described
    try:
        mailer.send(mailer.compose(member.email, text, "notification", headers=_headers(),
                                   text=text, path=entries.open_path(entry.ref)))
        return True
    except Exception:
        log.exception("notification email failed")
        return False


def digest_lines(member, since, until, replies_told=False, threads_shown=()):
    """The member's unread notifications of the kinds they want in the digest, changed in
    the window (``since``, ``until``], newest first (``entries.Shown``). One Query
    (nothing when no kind goes to the digest), one BatchGetItem for blocks.

    A reply to their thread is left out when they were told already: at once (the reply
    notice, ``replies_told``) or by this digest's followed threads (``threads_shown``)."""
    wanted = {kind for kind, choice in preferences.choices_of(member).items()
              if choice == "digest" and kind != "letters"}  # letters have their own daily email
    if member is None or not wanted:
        return []
    found = [entry for entry in Notification.notifications_by_time.query(
        member.member_id,
        Notification.sort_key.between(clock.iso(since), clock.iso(until) + "~"),
        scan_index_forward=False, filter_condition=Notification.read_at.does_not_exist())
        if entry.kind in wanted and since < entry.changed_at <= until
        and not (entry.kind == "reply" and (replies_told or entry.thread_id in threads_shown))]
    return entries.shown(member.member_id, found)[:DIGEST_SHOWN]
