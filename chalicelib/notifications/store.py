"""Writing a member's notifications, each at most once, with the header's count.

A notification is keyed by what it is about (``models.notifications.Notification.ref``),
so a stream record delivered twice finds it there and changes nothing: the put (or, for a
group, the addition of one member to it) is conditioned on that, and the member's
``unseen_notifications`` moves with it in one transaction, so the count and the entries
never disagree. The count is what the header shows: set back to 0 when the member opens
the Notifications page.
"""
from datetime import timedelta

from pynamodb.exceptions import DeleteError, TransactWriteError, UpdateError

from chalicelib.core import clock
from chalicelib.models import writes
from chalicelib.models.members import Member
from chalicelib.models.moderation import Block
from chalicelib.models.notifications import Notification

KEPT_FOR = timedelta(days=90)


def blocked_either_way(member_id, other_id):
    """Has either blocked the other? One BatchGetItem of both block keys."""
    if not other_id or member_id == other_id:
        return False
    return bool(list(Block.batch_get([(member_id, other_id), (other_id, member_id)])))


def sort_key(changed_at, ref):
    return f"{clock.iso(changed_at)}#{ref}"


def add(member_id, ref, kind, now, **fields):
    """Put a new notification unless ``ref`` already has one; True if it was new."""
    entry = Notification(member_id=member_id, ref=ref, kind=kind, sort_key=sort_key(now, ref),
                         created_at=now, changed_at=now, expires_at=now + KEPT_FOR, **fields)
    try:
        with writes.transaction() as transaction:
            transaction.save(entry, condition=Notification.ref.does_not_exist())
            transaction.update(Member(member_id=member_id),
                               condition=Member.member_id.exists(),
                               actions=[Member.unseen_notifications.add(1)])
        return True
    except TransactWriteError as error:
        if writes.condition_failed(error):
            return False
        raise


def add_to_group(member_id, ref, kind, group_id, now, restart=False, **fields):
    """Add ``group_id`` (a reactor, a letter) to the grouped notification ``ref``.

    The entry moves to the top and is unread again; the header counts it once while it is
    unread. ``restart``: a group read already starts again from this one (letters waiting
    count the letters since the member last looked). :return: True if ``group_id`` was new.
    """
    actions = [Notification.kind.set(kind),
               Notification.sort_key.set(sort_key(now, ref)), Notification.changed_at.set(now),
               Notification.created_at.set(Notification.created_at | now),
               Notification.expires_at.set(now + KEPT_FOR), Notification.read_at.remove()]
    actions += [getattr(Notification, name).set(value) for name, value in fields.items()
                if value is not None]
    added = Notification.group_ids.add({group_id})
    first = Notification.group_ids.set({group_id}) if restart else added
    fresh = ~Notification.group_ids.contains(group_id)
    entry = Notification(member_id=member_id, ref=ref)
    try:
        with writes.transaction() as transaction:
            transaction.update(entry, actions=actions + [first], condition=fresh & (
                Notification.ref.does_not_exist() | Notification.read_at.exists()))
            transaction.update(Member(member_id=member_id), condition=Member.member_id.exists(),
                               actions=[Member.unseen_notifications.add(1)])
        return True
    except TransactWriteError as error:
        if not writes.condition_failed(error):
            raise
    # Already unread (counted once), or this one was there already.
    return writes.applied(lambda: entry.update(
        actions=actions + [added],
        condition=fresh & Notification.ref.exists() & Notification.read_at.does_not_exist()))


def remove_from_group(member_id, ref, group_id):
    """Take ``group_id`` out of a group (a reaction taken back, a block); the group goes
    when no one is left in it. Harmless when absent."""
    entry = Notification(member_id=member_id, ref=ref)
    try:
        entry.update(actions=[Notification.group_ids.delete({group_id})],
                     condition=Notification.ref.exists())
        if not entry.group_ids:
            entry.delete(condition=Notification.group_ids.does_not_exist())
    except (UpdateError, DeleteError) as error:
        if not writes.condition_failed(error):
            raise


def forget_actor(entry):
    """A group no longer names its latest member (their account is gone)."""
    try:
        entry.update(actions=[Notification.actor_id.remove()], condition=Notification.ref.exists())
    except UpdateError as error:
        if not writes.condition_failed(error):
            raise


def forget_between(member_id, other_id):
    """Delete the member's entries from ``other_id`` and take them out of groups (a block).
    One Query of the member's 90 days of entries; repeating it finds nothing left."""
    for entry in Notification.query(member_id):
        if entry.actor_id == other_id and entry.kind != "reactions":
            entry.delete()
        elif other_id in (entry.group_ids or ()):
            remove_from_group(member_id, entry.ref, other_id)
