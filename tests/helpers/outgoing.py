"""Email the app handed to (moto's) SES, parsed from the raw MIME SES stored."""
import re
from email import policy
from email.parser import BytesParser


def raw_sent():
    """The raw MIME of every message, as moto's SES stored it."""
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.ses.models import ses_backends

    return [item.raw_data if isinstance(item.raw_data, bytes) else item.raw_data.encode()
            for item in ses_backends[DEFAULT_ACCOUNT_ID]["eu-west-1"].sent_messages]


def sent():
    return [BytesParser(policy=policy.default).parsebytes(data) for data in raw_sent()]


def sent_to(address):
    return [message for message in sent() if address.lower() in message["To"].lower()]


def text_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def html_of(message):
    return message.get_body(preferencelist=("html",)).get_content()


def site_path(message, prefix):
    """The path of the first https://lantern.test link in the text part starting ``prefix``."""
    match = re.search(r"https://lantern\.test(" + re.escape(prefix) + r"[^\s\"<>]*)",
                      text_of(message))
    assert match, f"no {prefix} link in {text_of(message)!r}"
    return match.group(1)
