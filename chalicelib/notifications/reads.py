"""Reading a member's notifications as they open them: one entry, every unread one, and
the header's count set back to 0 once they have seen the page."""
from pynamodb.exceptions import UpdateError

from chalicelib.models import writes
from chalicelib.models.members import Member
from chalicelib.models.notifications import Notification


def get(member_id, ref):
    try:
        return Notification.get(member_id, ref, consistent_read=True)
    except Notification.DoesNotExist:
        return None


def mark_read(entry, now):
    """Mark one entry read (opening it); once only, so repeating it writes nothing."""
    if entry.read_at is not None:
        return
    try:
        entry.update(actions=[Notification.read_at.set(now)],
                     condition=Notification.read_at.does_not_exist())
    except UpdateError as error:
        if not writes.condition_failed(error):
            raise


def reset_unseen(member):
    """The member has opened the page: the header's count starts again from 0."""
    if member.unseen_notifications:
        member.update(actions=[Member.unseen_notifications.set(0)])


def unread_entries(member_id):
    """Every unread entry of the member (at most 90 days of them), newest first."""
    return list(Notification.notifications_by_time.query(
        member_id, scan_index_forward=False, filter_condition=Notification.read_at.does_not_exist()))


def mark_all_read(member, now):
    """Mark every entry read and the count 0 (UpdateItem each: entries are few)."""
    for entry in unread_entries(member.member_id):
        mark_read(entry, now)
    reset_unseen(member)
