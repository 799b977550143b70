"""Reading what the app sent through (moto's) SES."""
import re
from email import policy
from email.parser import BytesParser


def sent_messages():
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.ses.models import ses_backends

    raw = ses_backends[DEFAULT_ACCOUNT_ID]["eu-west-1"].sent_messages
    parsed = []
    for item in raw:
        data = item.raw_data if isinstance(item.raw_data, bytes) else item.raw_data.encode()
        parsed.append(BytesParser(policy=policy.default).parsebytes(data))
    return parsed


def text_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def last_to(address):
    found = [m for m in sent_messages() if address.lower() in m["To"].lower()]
    assert found, f"no email sent to {address}"
    return found[-1]


def link_in(message, path_prefix):
    """The site path of the first link in ``message`` starting with ``path_prefix``."""
    match = re.search(r"https://lantern\.test(" + re.escape(path_prefix) + r"[^\s\"<]*)",
                      text_of(message))
    assert match, f"no {path_prefix} link in {text_of(message)!r}"
    return match.group(1)
