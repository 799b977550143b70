"""Links in emails: unsubscribe, manage preferences, confirm a subscription.

Unsubscribe and preference links are signed and never expire (an old digest's link must
still work); they carry only the opaque subscriber id, never an address. A confirmation
link is 256 random bits: what it confirms (address, categories, frequency) waits in the
tokens table under the token's hash, so the link itself tells nothing to whoever sees it.
It expires with the unconfirmed subscriber it confirms.
"""
import secrets
from datetime import timedelta

from chalicelib.core import clock, signing
from chalicelib.models.tokens import Token, live_token
from chalicelib.platform import mailer, reply_addresses
from chalicelib.platform.rendering import absolute_url

CONFIRM_MAX_AGE = 3 * 24 * 3600
SUBSCRIBE_CONFIRM = "subscribe-confirm"
# List-Id: (name under the site's domain, label).
LISTS = {"digests": ("digests", "Lantern digests"),
         "replies": ("replies", "Lantern reply notices")}


def unsubscribe_token(subscriber_id):
    return signing.serializer("unsubscribe").dumps(subscriber_id)


def preferences_token(subscriber_id):
    return signing.serializer("preferences").dumps(subscriber_id)


def confirm_token(email, categories, frequency, now):
    """Store the subscription request under a new random token's hash; return the token."""
    token = secrets.token_urlsafe(32)
    Token(token_hash=signing.hash_token(token), purpose=SUBSCRIBE_CONFIRM, email=email,
          member_id=None, categories=set(categories) or None, frequency=frequency,
          created_at=now, expires_at=now + timedelta(seconds=CONFIRM_MAX_AGE)).save()
    return token


def read_unsubscribe(token):
    """:return: the subscriber id, or None for a bad token."""
    return _loads(signing.serializer("unsubscribe"), token)


def read_preferences(token):
    return _loads(signing.serializer("preferences"), token)


def read_confirm(token, now=None):
    """:return: the subscription request ({"e", "c", "f"}), or None if unknown or
    older than 3 days. Clicking twice reads it twice: confirming is idempotent."""
    row = live_token(token, {SUBSCRIBE_CONFIRM}, now or clock.utcnow())
    if row is None:
        return None
    return {"e": row.email, "c": sorted(row.categories or ()), "f": row.frequency}


def _loads(serializer, token, **options):
    try:
        return serializer.loads(token, **options)
    except signing.BadSignature:  # SignatureExpired is a BadSignature too
        return None


def unsubscribe_url(subscriber_id):
    return absolute_url("/unsubscribe/" + unsubscribe_token(subscriber_id))


def preferences_url(subscriber_id):
    return absolute_url("/preferences/" + preferences_token(subscriber_id))


def confirm_url(email, categories, frequency, now):
    return absolute_url("/subscribe/confirm/" + confirm_token(email, categories, frequency, now))


def unsubscribe_headers(subscriber_id, list_name):
    """RFC 2919 List-Id and the RFC 8058 pair: the one-click HTTPS link, then a mailto
    address that chalicelib/inbound reads (any email to it unsubscribes)."""
    token = unsubscribe_token(subscriber_id)
    links = [f"<{absolute_url('/unsubscribe/' + token)}>"]
    mailto = reply_addresses.unsubscribe_address(subscriber_id)
    if mailto:
        links.append(f"<mailto:{mailto}?subject=unsubscribe>")
    return {"List-Id": mailer.list_id(*LISTS[list_name]),
            "List-Unsubscribe": ", ".join(links),
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
