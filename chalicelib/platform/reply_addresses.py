"""Addresses a member can write back to: ``reply+<token>@<inbound domain>``.

RFC 5321 allows 64 characters before the @ and mail servers (SES too) may refuse more,
so the token is packed: a kind byte, the target's ULID (16 bytes) and a 12-byte HMAC
(core.signing) of kind, target and the member the email was sent to, in lowercase base32
(47 characters; mail servers may change the case of a local part). The member is not in
the token: chalicelib/inbound finds them by the From address (their verified address)
and checks the HMAC with their id, so a reply lands only where that email pointed, and
only when it comes from the member it was sent to.

The list unsubscribe address, ``unsubscribe+<token>@...``, carries just an HMAC of the
subscriber id (20 characters); the subscriber is found by the From address the same way.
"""
import base64
import binascii

from chalicelib.core import config, signing

SALT = "reply-by-email"
UNSUBSCRIBE_SALT = "unsubscribe-by-email"
# What a reply can become: a letter in a correspondence, or a reply in a thread.
KINDS = {"letter": b"l", "thread": b"t"}
REPLY_PREFIX = "reply+"
UNSUBSCRIBE_PREFIX = "unsubscribe+"
ID_BYTES = 16
MAC_BYTES = 12
MAX_LOCAL_PART = 64


def enabled():
    return bool(config.settings.inbound_domain)


def _encode(data):
    return base64.b32encode(data).decode().rstrip("=").lower()


def _decode(text):
    try:
        return base64.b32decode(text.upper() + "=" * (-len(text) % 8))
    except (binascii.Error, ValueError):
        return None


def _reply_mac(kind, target_id, member_id):
    return signing.short_mac(SALT, f"{kind}|{target_id}|{member_id}", MAC_BYTES)


def reply_address(kind, target_id, member_id):
    """The Reply-To of an email about ``target_id`` (a ULID) sent to ``member_id``, or None
    when replies by email are off."""
    from ulid import ULID  # on first use, as in core.clock: a cold start saved

    if not enabled():
        return None
    mac = _reply_mac(kind, target_id, member_id)
    token = _encode(KINDS[kind] + ULID.from_str(target_id).bytes + mac)
    return f"{REPLY_PREFIX}{token}@{config.settings.inbound_domain}"


def unsubscribe_address(subscriber_id):
    """The RFC 2369 mailto address of a list email (None when inbound mail is off)."""
    if not enabled():
        return None
    token = _encode(signing.short_mac(UNSUBSCRIBE_SALT, subscriber_id, MAC_BYTES))
    return f"{UNSUBSCRIBE_PREFIX}{token}@{config.settings.inbound_domain}"


def _local_part(address):
    local, _, domain = (address or "").strip().strip("<>").rpartition("@")
    if not enabled() or domain.lower() != config.settings.inbound_domain.lower():
        return None
    return local


def reply_token(address):
    """The token of an address that looks like one of our reply addresses (still to
    verify with ``read_reply_token``), else None."""
    local = _local_part(address)
    if not local or not local.lower().startswith(REPLY_PREFIX):
        return None
    return local[len(REPLY_PREFIX):]


def read_reply_token(token, member_id):
    """(kind, target id) when ``token`` was made for ``member_id``, else None: altered,
    truncated, made for another member, or of the long format that never shipped."""
    from ulid import ULID

    data = _decode(token) if 0 < len(token) <= MAX_LOCAL_PART else None
    if data is None or len(data) != 1 + ID_BYTES + MAC_BYTES:
        return None
    kind = {code: name for name, code in KINDS.items()}.get(data[:1])
    if kind is None:
        return None
    target_id = str(ULID.from_bytes(data[1:1 + ID_BYTES]))
    if not signing.short_mac_matches(SALT, f"{kind}|{target_id}|{member_id}",
                                     data[1 + ID_BYTES:]):
        return None
    return kind, target_id


def read_reply_address(address, member_id):
    """(kind, target id) of a genuine reply address sent to ``member_id``, else None."""
    token = reply_token(address)
    return read_reply_token(token, member_id) if token else None


def unsubscribe_token(address):
    """The token of an ``unsubscribe+...`` address (still to verify), or None."""
    local = _local_part(address)
    if not local or not local.lower().startswith(UNSUBSCRIBE_PREFIX):
        return None
    token = local[len(UNSUBSCRIBE_PREFIX):]
    return token if 0 < len(token) <= MAX_LOCAL_PART else None


def unsubscribe_token_matches(token, subscriber_id):
    """True when ``token`` was made for ``subscriber_id``."""
    mac = _decode(token)
    return mac is not None and len(mac) == MAC_BYTES and \
        signing.short_mac_matches(UNSUBSCRIBE_SALT, subscriber_id, mac)
