"""Subscribing by email alone, without an account: the request, and its confirmation.

Apart from subscribers.py because only the public subscribe form and its emailed link
come here: nothing is sent to an address before its owner clicks that link, and the
answer never says whether the address is known.
"""
from datetime import timedelta

from pynamodb.exceptions import PutError

from chalicelib.core import clock, email_addresses
from chalicelib.platform import mailer, members
from chalicelib.models.subscriptions import Subscriber
from chalicelib.models import writes
from chalicelib.subscriptions import tokens
from chalicelib.subscriptions.subscribers import (email_subscriber_id, for_member,
                                                  get_subscriber, save_preferences)

UNCONFIRMED_LIFETIME = timedelta(seconds=tokens.CONFIRM_MAX_AGE)


class InvalidEmail(ValueError):
    """Not an address we can send to."""


def normalise_email(text):
    """:raise InvalidEmail: with a message fit for the form."""
    address, problem = email_addresses.normalise_email(text)
    if problem:
        raise InvalidEmail(problem)
    return address.lower()


def request_email_subscription(email, categories, frequency, now=None):
    """Record an unconfirmed subscriber (expires by TTL) and mail the confirmation link.

    Nothing else is ever sent before the link is clicked. The answer is the same whether
    or not the address is known, so the form reveals nothing about anyone.
    """
    now = now or clock.utcnow()
    subscriber_id = email_subscriber_id(email)
    pending = Subscriber(subscriber_id=subscriber_id, kind="email", email=email,
                         status="pending", frequency=frequency, created_at=now,
                         expires_at=now + UNCONFIRMED_LIFETIME)
    try:
        pending.save(condition=Subscriber.subscriber_id.does_not_exist())
    except PutError as error:
        if not writes.condition_failed(error):
            raise
    link = tokens.confirm_url(email, categories, frequency, now)
    message = mailer.compose(email, "Please confirm your Lantern digest", "confirm_subscription",
                             link=link, frequency=frequency)
    mailer.send(message)


def confirm_email_subscription(request, now=None):
    """Activate what a confirmation link asked for; returns the subscriber that will mail.

    Clicking twice changes nothing more. If an account owns the address, its own
    subscriber takes the categories instead.
    """
    now = now or clock.utcnow()
    email, categories, frequency = request["e"], set(request["c"]), request["f"]
    owner = members.member_by_email(email)
    if owner is not None:
        subscriber = for_member(owner, now)
        Subscriber(subscriber_id=email_subscriber_id(email)).delete()  # the unconfirmed one
        chosen = subscriber.frequency if subscriber.digest_due else frequency
        return save_preferences(subscriber, chosen, set(subscriber.categories or ()) | categories,
                                now=now)
    subscriber_id = email_subscriber_id(email)
    current = get_subscriber(subscriber_id, consistent=True)
    subscriber = Subscriber(subscriber_id=subscriber_id, kind="email", email=email)
    if current is not None and current.status == "active":
        categories |= set(current.categories or ())
    target = save_preferences(current if current and current.status == "active" else subscriber,
                              frequency, categories, now=now)
    target.update(actions=[Subscriber.email.set(email), Subscriber.expires_at.remove(),
                           Subscriber.confirmed_at.set(Subscriber.confirmed_at | now)])
    return target
