"""Sending one digest exactly once: claim its window, send, record it.

Exactly once in practice (docs/data-model.md): each subscriber's window is claimed with
a conditional update and a short lease, sent, then recorded with a condition on the same
due time. A duplicate message finds the due time moved on; a failure before sending
releases the lease and re-raises, so SQS retries and, after five tries, dead-letters.
"""
import logging
from datetime import timedelta

from pynamodb.exceptions import UpdateError

from chalicelib.core import clock
from chalicelib.platform import mailer
from chalicelib.models.subscriptions import Subscriber
from chalicelib.models import writes
from chalicelib.subscriptions import schedule, tokens

log = logging.getLogger("lantern.jobs")
# Longer than building and sending one digest could take; shorter than SQS's retry delay.
LEASE = timedelta(minutes=5)


def send_digest(subscriber, address, digest, until, scheduled_at):
    """Claim the window, send (unless empty), record it. :return: sent | empty | skipped."""
    due = subscriber.digest_due
    if not claim_window(subscriber.subscriber_id, due):
        return "skipped"
    try:
        if not digest.is_empty:
            mailer.send(compose_digest(subscriber, address, digest))
    except Exception:
        release_window(subscriber.subscriber_id, due)
        raise
    next_due = schedule.next_due(subscriber.frequency, max(until, scheduled_at))
    complete_window(subscriber.subscriber_id, due, until, next_due, sent=not digest.is_empty)
    return "empty" if digest.is_empty else "sent"


def claim_window(subscriber_id, due):
    now = clock.utcnow()
    return writes.applied(lambda: Subscriber(subscriber_id=subscriber_id).update(
        condition=(Subscriber.digest_due == due)
        & (Subscriber.lease_until.does_not_exist() | (Subscriber.lease_until < now)),
        actions=[Subscriber.lease_due.set(due), Subscriber.lease_until.set(now + LEASE)]))


def release_window(subscriber_id, due):
    try:
        Subscriber(subscriber_id=subscriber_id).update(
            condition=Subscriber.lease_due == due,
            actions=[Subscriber.lease_due.remove(), Subscriber.lease_until.remove()])
    except UpdateError:
        log.exception("could not release a digest lease; it expires by itself")


def complete_window(subscriber_id, due, until, next_due, sent):
    actions = [Subscriber.last_digest_at.set(until), Subscriber.lease_due.remove(),
               Subscriber.lease_until.remove(),
               Subscriber.digest_due.set(clock.iso(next_due)) if next_due
               else Subscriber.digest_due.remove()]
    if sent:
        actions.append(Subscriber.digests_sent.add(1))
    Subscriber(subscriber_id=subscriber_id).update(
        condition=(Subscriber.digest_due == due) & (Subscriber.lease_due == due), actions=actions)


def compose_digest(subscriber, address, digest):
    unsubscribe_url = tokens.unsubscribe_url(subscriber.subscriber_id)
    return mailer.compose(
        address, digest.subject, "digest", headers=tokens.unsubscribe_headers(
            subscriber.subscriber_id, "digests"), digest=digest, unsubscribe_url=unsubscribe_url,
        preferences_url=tokens.preferences_url(subscriber.subscriber_id),
        frequency=subscriber.frequency)
