"""Notifications as a member reads them: one sentence and one place each, newest first,
leaving out anything from a member either of the two has blocked."""
from dataclasses import dataclass
from urllib.parse import urlencode

from chalicelib.models.moderation import Block
from chalicelib.models.notifications import Notification
from chalicelib.notifications import reads
from chalicelib.platform import pagination

PAGE_SIZE = 20
KEY_NAMES = ["member_id", "ref", "sort_key"]
DECISIONS = {"hidden": "Moderators hid your post", "removed": "Moderators removed your post",
             "restored": "Moderators restored your post"}
# A whole thread: its author's notice names it, and leads to it (a calm 404 while hidden).
THREAD_DECISIONS = {"thread_hidden": "Moderators hid your thread",
                    "thread_restored": "Moderators restored your thread"}
# Share our letters (notifications/shares.py): {actor} is the other writer.
SHARING = {"proposed": "{actor} proposes to share your letters",
           "changed": "{actor} changed the proposal to share your letters",
           "published": "{actor} approved: your shared letters are published as {title}",
           "declined": "{actor} declined the proposal to share your letters",
           "withdrawn": "{actor} withdrew the proposal to share your letters",
           "unpublished": "{actor} unpublished your shared letters {title}"}


def open_path(ref):
    """The link that marks an entry read and goes on to its place (views.open_entry)."""
    return "/notifications/open?" + urlencode({"ref": ref})


@dataclass
class Shown:
    ref: str
    text: str
    path: str
    unread: bool
    changed_at: object

    @property
    def open_path(self):
        return open_path(self.ref)


def _plural(count, one, many):
    return f"{count} {one if count == 1 else many}"


def describe(entry, hidden_ids=frozenset()):
    """The entry as a sentence and the path of its place; None when nothing is left to say."""
    title = f"“{entry.thread_title}”" if entry.thread_title else "a thread"
    post_path = f"/t/{entry.thread_id}/p/{entry.post_id}"
    if entry.kind == "reactions":
        count = len(set(entry.group_ids or ()) - hidden_ids)
        if not count:
            return None
        text = f"{_plural(count, 'member', 'members')} heard you in {title}"
        return text, post_path
    if entry.actor_id in hidden_ids:
        return None
    if entry.kind == "letters":
        count = len(entry.group_ids or ())
        letters = "A letter" if count <= 1 else f"{count} letters"
        waits = "is" if count <= 1 else "are"
        return (f"{letters} from {entry.actor_handle} {waits} waiting for you",
                f"/letters/{entry.correspondence_id}")
    if entry.kind == "moderation" and entry.detail in THREAD_DECISIONS:
        return f"{THREAD_DECISIONS[entry.detail]} {title}", f"/t/{entry.thread_id}"
    if entry.kind == "sharing":
        path = f"/t/{entry.thread_id}" if entry.detail == "published" \
            else f"/letters/{entry.correspondence_id}/share"
        return SHARING.get(entry.detail, SHARING["changed"]).format(
            actor=entry.actor_handle, title=title), path
    if entry.kind == "moderation":
        return f"{DECISIONS.get(entry.detail, 'Moderators reviewed your post')} in {title}", post_path
    verb = {"reply": "replied to your thread", "mention": "mentioned you in",
            "quote": "quoted your post in"}[entry.kind]
    return f"{entry.actor_handle} {verb} {title}", post_path


def blocked_among(member_id, entries):
    """Members on these entries whom ``member_id`` blocked or who blocked them: one
    BatchGetItem of both block keys per 50 members."""
    others = set()
    for entry in entries:
        if entry.kind == "reactions":
            others |= set(entry.group_ids or ())
        elif entry.actor_id:
            others.add(entry.actor_id)
    others.discard(member_id)
    keys = [key for other in sorted(others) for key in ((member_id, other), (other, member_id))]
    found = set()
    for start in range(0, len(keys), 100):
        for block in Block.batch_get(keys[start:start + 100]):
            found.add(block.blocked_id if block.blocker_id == member_id else block.blocker_id)
    return found


def shown(member_id, entries):
    hidden_ids = blocked_among(member_id, entries)
    result = []
    for entry in entries:
        described = describe(entry, hidden_ids)
        if described:
            result.append(Shown(entry.ref, described[0], described[1], entry.read_at is None,
                                entry.changed_at))
    return result


def page_for(member, cursor=None):
    """One page of the member's notifications, newest first: (entries, next cursor). The
    header's count starts again from 0: the member has seen what is new."""
    shown_entries, next_cursor = page_of(member.member_id, cursor)
    reads.reset_unseen(member)
    return shown_entries, next_cursor


def open_entry(member, ref, now):
    """Mark the member's entry ``ref`` read; :return: the path of its place (the list when
    the entry is gone: expired, or cleared by a block)."""
    entry = reads.get(member.member_id, ref) if ref else None
    if entry is None:
        return "/notifications"
    reads.mark_read(entry, now)
    described = describe(entry)
    return described[1] if described else "/notifications"


def page_of(member_id, cursor=None):
    """One page of the member's notifications, newest first: (entries, next cursor)."""
    def query(limit, last_evaluated_key):
        return Notification.notifications_by_time.query(
            member_id, scan_index_forward=False, limit=limit,
            last_evaluated_key=last_evaluated_key)

    start = pagination.decode_cursor(cursor, KEY_NAMES)
    if start and start["member_id"]["S"] != member_id:  # someone else's page link
        start, cursor = None, None
    entries, next_cursor = pagination.fetch_page(query, KEY_NAMES, cursor, PAGE_SIZE, start=start)
    return shown(member_id, entries), next_cursor
