"""Sending email: MIME from the stdlib ``email`` package, sent as raw SES email.

In the local stage every message is also written to the outbox folder as an .eml file,
which /dev/outbox lists, so nothing sent is ever invisible to a developer.
"""
import functools
import logging
import os
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr
from urllib.parse import urlsplit

from chalicelib.core import aws, clock, config
from chalicelib.models.subscriptions import Suppression
from chalicelib.platform import rendering

log = logging.getLogger("lantern.mail")


@functools.cache
def header_policy():
    """SMTP allows 998-character lines. The default 78 makes the email package fold a long
    unbroken header (a List-Unsubscribe URL) into RFC 2047 encoded words, which mail
    providers do not decode there, so the one-click link would break.

    Built on first use: ``email.policy`` brings the header parser, which pages that import
    this module on the way (the thread page, through subscriptions) never need.
    """
    from email import policy

    return policy.default.clone(max_line_length=998)


def compose(to, subject, template, headers=None, **context):
    """A multipart text + HTML message from ``email/<template>.txt`` and ``.html``."""
    message = EmailMessage(policy=header_policy())
    message["From"] = config.settings.sender
    message["To"] = to
    message["Subject"] = subject
    # An aware UTC time gives "+0000"; formatdate(localtime=False) writes "-0000", "zone
    # unknown" (docs/pitfalls.md #21).
    message["Date"] = format_datetime(clock.utcnow())
    message["Message-ID"] = make_msgid(domain=site_domain())
    for name, value in (headers or {}).items():
        message[name] = value
    context.setdefault("subject", subject)
    message.set_content(rendering.render(f"email/{template}.txt", **context))
    message.add_alternative(rendering.render(f"email/{template}.html", **context),
                            subtype="html")
    return message


def site_domain():
    """The site's host (LANTERN_SITE_URL): Message-IDs and List-Ids live under it."""
    return urlsplit(config.settings.site_url).hostname or "localhost"


def list_id(name, label):
    """An RFC 2919 List-Id, e.g. ``"Lantern digests" <digests.lantern.example.org>``."""
    return f'"{label}" <{name}.{site_domain()}>'


def normalise(address):
    """The bare address in lower case: how suppressions are keyed."""
    return parseaddr(address or "")[1].strip().lower()


def is_suppressed(address):
    """Did SES tell us not to mail ``address`` again? One GetItem (chalicelib/subscriptions
    keeps the list from SES's bounce and complaint notifications)."""
    try:
        return Suppression.get(normalise(address)).suppressed
    except Suppression.DoesNotExist:
        return False


def ses_client():
    return aws.client("ses")


def send(message, even_if_suppressed=False):
    """Send ``message`` through SES; returns SES's message id.

    Refuses (returns None) for an address that bounced for good or complained: sending
    to it again would hurt the site's reputation and ignore the recipient's wish.
    """
    # even_if_suppressed: only the re-confirmation its owner asked for (chalicelib/care).
    if not even_if_suppressed and is_suppressed(message["To"]):
        log.info("not sending to a suppressed address")
        return None
    response = ses_client().send_raw_email(
        Source=config.settings.sender, Destinations=[message["To"]],
        RawMessage={"Data": message.as_bytes()})
    if config.settings.outbox_dir:
        write_to_outbox(message, response["MessageId"])
    return response["MessageId"]


def write_to_outbox(message, message_id):
    os.makedirs(config.settings.outbox_dir, exist_ok=True)
    name = f"{clock.iso(clock.utcnow()).replace(':', '-')}-{message_id[:12]}.eml"
    with open(os.path.join(config.settings.outbox_dir, name), "wb") as handle:
        handle.write(message.as_bytes())
