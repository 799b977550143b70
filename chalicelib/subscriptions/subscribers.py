"""Who gets digests and how: a subscriber's identity, its preferences, and unsubscribing.

A member's subscriber is ``m#<member id>``; an email-only subscriber is ``e#<hash of the
address>``, one item per address. If an account owns an address that also subscribed
without one, the categories are merged into the member's subscriber, so one address never
gets two digests (at confirmation, in email_subscriptions.py, and again by the digest
consumer, in digest_batches.py).
"""
import hashlib

from pynamodb.exceptions import PutError

from chalicelib.core import clock
from chalicelib.models.subscriptions import DUE_SHARDS, Subscriber
from chalicelib.models import writes
from chalicelib.subscriptions import schedule

OWN_REPLIES = ("immediate", "digest")


def member_subscriber_id(member_id):
    return "m#" + member_id


def email_subscriber_id(email):
    return "e#" + hashlib.sha256(email.lower().encode()).hexdigest()


def due_shard(subscriber_id):
    return int(hashlib.sha256(subscriber_id.encode()).hexdigest()[:8], 16) % DUE_SHARDS


def get_subscriber(subscriber_id, consistent=False):
    try:
        return Subscriber.get(subscriber_id, consistent_read=consistent)
    except Subscriber.DoesNotExist:
        return None


def for_member(member, now=None):
    """The member's subscriber, or the defaults (weekly, nothing chosen) not yet saved."""
    return get_subscriber(member_subscriber_id(member.member_id), consistent=True) \
        or member_defaults(member, now)


def member_defaults(member, now=None):
    """A member's subscriber before they saved any preference."""
    return Subscriber(
        subscriber_id=member_subscriber_id(member.member_id), kind="member",
        member_id=member.member_id, frequency=schedule.DEFAULT_FREQUENCY,
        own_replies="digest", categories=set(), created_at=now or clock.utcnow())


def ensure_member_subscriber(member_id, now):
    """Start a member's weekly digest the first time they follow something (no overwrite)."""
    subscriber_id = member_subscriber_id(member_id)
    subscriber = Subscriber(
        subscriber_id=subscriber_id, kind="member", member_id=member_id, status="active",
        frequency=schedule.DEFAULT_FREQUENCY, own_replies="digest", created_at=now,
        last_digest_at=now, due_shard=due_shard(subscriber_id),
        digest_due=clock.iso(schedule.next_due(schedule.DEFAULT_FREQUENCY, now)))
    try:
        subscriber.save(condition=Subscriber.subscriber_id.does_not_exist())
    except PutError as error:
        if not writes.condition_failed(error):
            raise


def _category_action(categories):
    categories = set(categories)
    return Subscriber.categories.set(categories) if categories else Subscriber.categories.remove()


def _schedule_actions(subscriber, frequency, now):
    """Keep a pending due time when the frequency is unchanged; start a fresh window when
    digests start again, so a returning subscriber is not sent months of old posts."""
    if frequency == "never":
        return [Subscriber.digest_due.remove()]
    receiving = subscriber is not None and subscriber.digest_due and subscriber.status == "active"
    if receiving and subscriber.frequency == frequency:
        return []
    actions = [Subscriber.digest_due.set(clock.iso(schedule.next_due(frequency, now))),
               Subscriber.due_shard.set(due_shard(subscriber.subscriber_id))]
    if not receiving:
        actions.append(Subscriber.last_digest_at.set(now))
    return actions


def save_preferences(subscriber, frequency, categories, own_replies=None, now=None):
    """Save what a subscriber chose (settings page or signed preferences link)."""
    now = now or clock.utcnow()
    current = get_subscriber(subscriber.subscriber_id, consistent=True)
    actions = [Subscriber.kind.set(subscriber.kind),
               Subscriber.created_at.set(Subscriber.created_at | now),
               Subscriber.status.set("active"), Subscriber.frequency.set(frequency),
               _category_action(categories), *_schedule_actions(current or subscriber,
                                                                  frequency, now)]
    if subscriber.member_id:
        actions.append(Subscriber.member_id.set(subscriber.member_id))
    if own_replies:
        actions.append(Subscriber.own_replies.set(own_replies))
    target = Subscriber(subscriber_id=subscriber.subscriber_id)
    target.update(actions=actions)
    return target


def unsubscribe(subscriber_id, now=None):
    """Stop every digest and reply notice to this subscriber; safe to repeat.

    :return: False when there is no such subscriber.
    """
    return writes.applied(lambda: Subscriber(subscriber_id=subscriber_id).update(
        condition=Subscriber.subscriber_id.exists(),
        actions=[Subscriber.status.set("unsubscribed"), Subscriber.frequency.set("never"),
                 Subscriber.own_replies.set("digest"), Subscriber.digest_due.remove()]))


def address_of(subscriber, member=None):
    """Where this subscriber's mail goes: the verified account email, or the address."""
    if subscriber.kind == "member":
        return member.email if member and member.email and member.email_verified else None
    return subscriber.email if subscriber.status == "active" else None
