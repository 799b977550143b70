"""Addresses a member can write back to: ``reply+<signed token>@<inbound domain>``.

The token is signed (core.signing) and names one correspondence or thread and the one
member it was mailed to, so a reply can only ever land where that email pointed, written
as that member (chalicelib/inbound checks the sender's address too). The list
unsubscribe address, ``unsubscribe+<token>@...``, carries the one-click link's own token.
"""
from chalicelib.core import config, signing

SALT = "reply-by-email"
# What a reply can become: a letter in a correspondence, or a reply in a thread.
KINDS = {"letter": "l", "thread": "t"}
REPLY_PREFIX = "reply+"
UNSUBSCRIBE_PREFIX = "unsubscribe+"
# No real token comes near this; a longer local part is not worth verifying.
MAX_TOKEN_CHARS = 300


def enabled():
    return bool(config.settings.inbound_domain)


def reply_address(kind, target_id, member_id):
    """The Reply-To of an email about ``target_id`` sent to ``member_id``, or None when
    replies by email are off."""
    if not enabled():
        return None
    token = signing.serializer(SALT).dumps([KINDS[kind], target_id, member_id])
    return f"{REPLY_PREFIX}{token}@{config.settings.inbound_domain}"


def unsubscribe_address(unsubscribe_token):
    """The RFC 2369 mailto address of a list email (None when inbound mail is off)."""
    if not enabled():
        return None
    return f"{UNSUBSCRIBE_PREFIX}{unsubscribe_token}@{config.settings.inbound_domain}"


def _local_part(address):
    local, _, domain = (address or "").strip().strip("<>").rpartition("@")
    if not enabled() or domain.lower() != config.settings.inbound_domain.lower():
        return None
    return local


def read_reply_address(address):
    """(kind, target id, member id) of a genuine reply address, else None."""
    local = _local_part(address)
    if not local or not local.lower().startswith(REPLY_PREFIX):
        return None
    token = local[len(REPLY_PREFIX):]
    if len(token) > MAX_TOKEN_CHARS:
        return None
    try:
        code, target_id, member_id = signing.serializer(SALT).loads(token)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    kind = {value: name for name, value in KINDS.items()}.get(code)
    if kind is None or not isinstance(target_id, str) or not isinstance(member_id, str):
        return None
    return kind, target_id, member_id


def read_unsubscribe_address(address):
    """The unsubscribe token of an ``unsubscribe+...`` address (still to verify), or None."""
    local = _local_part(address)
    if not local or not local.lower().startswith(UNSUBSCRIBE_PREFIX):
        return None
    token = local[len(UNSUBSCRIBE_PREFIX):]
    return token if 0 < len(token) <= MAX_TOKEN_CHARS else None
