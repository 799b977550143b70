"""Pausing, resuming and ending a correspondence (either member may pause or end it)."""
from pynamodb.exceptions import TransactWriteError

from chalicelib.core import clock
from chalicelib.correspondence import store
from chalicelib.models.correspondence import Correspondence
from chalicelib.models.profiles import Profile


class NotNow(Exception):
    """The correspondence is not in a state that allows this; ``message`` says why."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def pause(member, correspondence, now=None):
    """Either member pauses: no letters until the one who paused resumes."""
    now = now or clock.utcnow()
    if correspondence.status != "open":
        raise NotNow("Only an open correspondence can be paused.")
    _set_status(correspondence, "open", "paused", now,
                [Correspondence.paused_by.set(member.member_id)])


def resume(member, correspondence, now=None):
    """Only the member who paused can resume, so a pause is never overridden."""
    now = now or clock.utcnow()
    if correspondence.status != "paused" or correspondence.paused_by != member.member_id:
        raise NotNow("Only the member who paused this correspondence can resume it.")
    _set_status(correspondence, "paused", "open", now, [Correspondence.paused_by.remove()])


def _set_status(correspondence, expected, status, now, extra_actions):
    transaction = store.transaction()
    try:
        with transaction:
            transaction.update(correspondence, condition=Correspondence.status == expected,
                               actions=[Correspondence.status.set(status), *extra_actions])
            store.add_link_updates(transaction, correspondence, now, status=status)
    except TransactWriteError as error:
        if transaction.failed(error):
            raise NotNow("This correspondence changed meanwhile; please look again.")
        raise
    correspondence.refresh(consistent_read=True)


def end(correspondence, now=None, reason="ended"):
    """End a request or a correspondence for good; open ones free a place in both limits.

    Idempotent: ending what has already ended returns False.
    """
    now = now or clock.utcnow()
    for _ in range(3):  # the status may move under us (a letter, a pause); re-read and retry
        status = correspondence.status
        if status in store.FINISHED:
            return False
        transaction = store.transaction()
        try:
            with transaction:
                transaction.update(correspondence, condition=Correspondence.status == status,
                                   actions=[Correspondence.status.set("ended"),
                                            Correspondence.ended_at.set(now),
                                            Correspondence.ended_reason.set(reason)])
                store.add_link_updates(transaction, correspondence, now, status="ended")
                if status in store.LIVE:
                    for member_id in (correspondence.asker_id, correspondence.recipient_id):
                        transaction.update(Profile(member_id=member_id),
                                           actions=[Profile.open_count.add(-1)])
            correspondence.refresh(consistent_read=True)
            return True
        except TransactWriteError as error:
            if not transaction.failed(error):
                raise
            correspondence.refresh(consistent_read=True)
    return False
