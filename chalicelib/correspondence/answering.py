"""Answering a request to correspond: the recipient accepts or declines (quietly), or the
asker withdraws it.

Apart from asking.py because answering is the other member's act, on a request that
already exists: each answer is one conditional transaction on the request's status and
both members' links, so two answers can never both win.
"""
from pynamodb.exceptions import TransactWriteError

from chalicelib.core import clock
from chalicelib.correspondence import safety, store
from chalicelib.correspondence.asking import Refused
from chalicelib.models.correspondence import Correspondence
from chalicelib.models.profiles import Profile


def accept(member, correspondence, now=None):
    """The recipient accepts: the correspondence opens and counts against both limits.

    :raise Refused: when the recipient is at their own limit, or the request is gone.
    """
    now = now or clock.utcnow()
    _must_be_pending_for(member, correspondence)
    if safety.blocked_between(correspondence.asker_id, correspondence.recipient_id):
        raise Refused("This request can no longer be accepted.")
    transaction = store.transaction()
    try:
        with transaction:
            transaction.update(correspondence, condition=Correspondence.status == "requested",
                               actions=[Correspondence.status.set("open"),
                                        Correspondence.answered_at.set(now)], label="status")
            transaction.update(
                Profile(member_id=member.member_id), label="limit",
                condition=Profile.open_count.does_not_exist()
                | Profile.max_open.does_not_exist()
                | (Profile.open_count < Profile.max_open),
                actions=[Profile.open_count.add(1)])
            transaction.update(Profile(member_id=correspondence.asker_id),
                               actions=[Profile.open_count.add(1)])
            store.add_link_updates(transaction, correspondence, now, status="open")
    except TransactWriteError as error:
        failed = transaction.failed(error)
        if "limit" in failed:
            raise Refused("You are at your limit of open correspondences. End or finish one, "
                          "or raise your limit in your peer profile, and then accept.")
        if failed:
            raise Refused("This request has already been answered or withdrawn.")
        raise
    correspondence.refresh(consistent_read=True)
    return correspondence


def decline(member, correspondence, now=None):
    """Decline quietly: the asker only ever sees "not available right now"."""
    now = now or clock.utcnow()
    _must_be_pending_for(member, correspondence)
    _finish_request(correspondence, "not_available", now)


def withdraw(member, correspondence, now=None):
    """The asker takes back a request that has not been answered."""
    now = now or clock.utcnow()
    if member.member_id != correspondence.asker_id or correspondence.status != "requested":
        raise Refused("Only an unanswered request you sent can be withdrawn.")
    _finish_request(correspondence, "ended", now, reason="withdrawn")


def _finish_request(correspondence, status, now, reason=None):
    transaction = store.transaction()
    try:
        with transaction:
            actions = [Correspondence.status.set(status), Correspondence.answered_at.set(now)]
            if reason:
                actions += [Correspondence.ended_reason.set(reason),
                            Correspondence.ended_at.set(now)]
            transaction.update(correspondence, condition=Correspondence.status == "requested",
                               actions=actions)
            store.add_link_updates(transaction, correspondence, now, status=status)
    except TransactWriteError as error:
        if transaction.failed(error):
            raise Refused("This request has already been answered or withdrawn.")
        raise


def _must_be_pending_for(member, correspondence):
    if member.member_id != correspondence.recipient_id:
        raise Refused("Only the member who was asked can answer this request.")
    if correspondence.status != "requested":
        raise Refused("This request has already been answered or withdrawn.")
