"""Every email parses with the stdlib parser and carries standard headers: a Message-ID under
the site's domain, a Date in +0000 (docs/pitfalls.md #21), a List-Id on digests and notices,
only the one-click unsubscribe URL, and confirmation links that tell nothing."""
import base64
import re
from datetime import timedelta
from email import policy
from email.parser import BytesParser
from email.utils import parsedate_to_datetime

from chalicelib.core import clock
from chalicelib.models.tokens import Token
from chalicelib.platform import mailer, reply_addresses
from chalicelib.subscriptions import email_subscriptions, tokens
from helpers import outgoing


def _parsed(message):
    return BytesParser(policy=policy.default).parsebytes(message.as_bytes())


def test_message_id_is_under_the_site_domain_and_date_is_utc():
    message = _parsed(mailer.compose("reader@example.org", "Hello", "confirm_subscription",
                                     link="https://lantern.test/x", frequency="weekly"))
    assert re.fullmatch(r"<[^@<>]+@lantern\.test>", message["Message-ID"])
    assert message["Date"].endswith("+0000")
    sent_at = parsedate_to_datetime(message["Date"])
    assert sent_at.utcoffset() == timedelta(0)
    assert abs(sent_at - clock.utcnow()) < timedelta(minutes=1)


def test_digests_and_notices_carry_a_list_id_the_one_click_url_then_the_mailto():
    subscriber = email_subscriptions.confirm_email_subscription(
        {"e": "reader@example.org", "c": ["support"], "f": "daily"}, now=clock.utcnow())
    headers = tokens.unsubscribe_headers(subscriber.subscriber_id, "digests")
    message = _parsed(mailer.compose("reader@example.org", "Digest", "confirm_subscription",
                                     headers=headers, link="https://lantern.test/x",
                                     frequency="daily"))
    assert message["List-Id"] == '"Lantern digests" <digests.lantern.test>'
    mailto = reply_addresses.unsubscribe_address(subscriber.subscriber_id)
    # The mailto is read by chalicelib/inbound (issue 19): an email to it from the
    # subscriber's address unsubscribes; its local part fits RFC 5321's 64 characters.
    assert len(mailto.split("@")[0]) <= 64
    assert message["List-Unsubscribe"] == (
        f"<{tokens.unsubscribe_url(subscriber.subscriber_id)}>, "
        f"<mailto:{mailto}?subject=unsubscribe>")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    replies = tokens.unsubscribe_headers(subscriber.subscriber_id, "replies")
    assert replies["List-Id"] == '"Lantern reply notices" <replies.lantern.test>'


def test_confirmation_link_is_opaque_and_its_state_expires_on_read(client, make):
    make.category("support")
    client.post("/subscribe", {"email": "Secret.Reader@example.org", "categories": ["support"],
                               "frequency": "weekly"})
    [message] = outgoing.sent_to("secret.reader@example.org")
    parsed = BytesParser(policy=policy.default).parsebytes(message.as_bytes())
    assert re.fullmatch(r"<[^@<>]+@lantern\.test>", parsed["Message-ID"])
    path = outgoing.site_path(message, "/subscribe/confirm/")
    token = path.rsplit("/", 1)[1]
    # 256 random bits: no address, no categories, nothing that decodes to them.
    decoded = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    for secret in (b"secret", b"reader", b"example", b"support", b"weekly"):
        assert secret not in decoded.lower() and secret.decode() not in token.lower()
    assert len(token) == 43
    assert tokens.read_confirm(token)["e"] == "secret.reader@example.org"
    # TTL removes rows late (docs/pitfalls.md #4): expiry is checked on read.
    later = clock.utcnow() + timedelta(seconds=tokens.CONFIRM_MAX_AGE + 60)
    assert tokens.read_confirm(token, later) is None
    assert tokens.read_confirm("x" * 43) is None and tokens.read_confirm("") is None
    row = next(iter(Token.scan(Token.purpose == tokens.SUBSCRIBE_CONFIRM)))
    assert row.member_id is None and row.categories == {"support"}
