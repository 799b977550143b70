"""Signed links in emails: unsubscribe, manage preferences, confirm a subscription.

Unsubscribe and preference links never expire (an old digest's link must still work);
they carry only the opaque subscriber id, never an address. Confirmation links expire
with the unconfirmed subscriber they confirm.
"""
from chalicelib.core import signing
from chalicelib.platform.rendering import absolute_url

CONFIRM_MAX_AGE = 3 * 24 * 3600


def unsubscribe_token(subscriber_id):
    return signing.serializer("unsubscribe").dumps(subscriber_id)


def preferences_token(subscriber_id):
    return signing.serializer("preferences").dumps(subscriber_id)


def confirm_token(subscriber_id, email, categories, frequency):
    return signing.timed_serializer("subscribe-confirm").dumps(
        {"s": subscriber_id, "e": email, "c": sorted(categories), "f": frequency})


def read_unsubscribe(token):
    """:return: the subscriber id, or None for a bad token."""
    return _loads(signing.serializer("unsubscribe"), token)


def read_preferences(token):
    return _loads(signing.serializer("preferences"), token)


def read_confirm(token):
    """:return: the signed subscription request, or None if bad or older than 3 days."""
    return _loads(signing.timed_serializer("subscribe-confirm"), token, max_age=CONFIRM_MAX_AGE)


def _loads(serializer, token, **options):
    try:
        return serializer.loads(token, **options)
    except signing.BadSignature:  # SignatureExpired is a BadSignature too
        return None


def unsubscribe_url(subscriber_id):
    return absolute_url("/unsubscribe/" + unsubscribe_token(subscriber_id))


def preferences_url(subscriber_id):
    return absolute_url("/preferences/" + preferences_token(subscriber_id))


def confirm_url(subscriber_id, email, categories, frequency):
    return absolute_url("/subscribe/confirm/"
                        + confirm_token(subscriber_id, email, categories, frequency))


def unsubscribe_headers(subscriber_id):
    """RFC 2369 and RFC 8058 headers: one-click HTTPS unsubscribe, plus mailto."""
    from email.utils import parseaddr
    from urllib.parse import quote

    from chalicelib.core import config

    token = unsubscribe_token(subscriber_id)
    mailbox = parseaddr(config.settings.sender)[1]
    return {"List-Unsubscribe": f"<{unsubscribe_url(subscriber_id)}>, "
                                f"<mailto:{mailbox}?subject={quote('unsubscribe ' + token)}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
