"""Signing keys and signed tokens (itsdangerous), with key rotation.

Keys come from LANTERN_SECRET locally and from an SSM SecureString in AWS, read once per
cold start. Several keys, newest first: the newest signs, all verify, so rotating a key
keeps old sessions and links valid until the old key is removed.
"""
import hashlib
import hmac
from functools import lru_cache

from itsdangerous import BadSignature, SignatureExpired, URLSafeSerializer, URLSafeTimedSerializer

from chalicelib.core import config

__all__ = ["BadSignature", "SignatureExpired", "signing_keys", "timed_serializer",
           "serializer", "digest", "short_mac", "short_mac_matches", "hash_token"]


@lru_cache(maxsize=1)
def signing_keys():
    raw = config.settings.secret
    if not raw and config.settings.secret_parameter:
        from chalicelib.core import aws

        ssm = aws.client("ssm")
        raw = ssm.get_parameter(Name=config.settings.secret_parameter,
                                WithDecryption=True)["Parameter"]["Value"]
    keys = [key.strip() for key in raw.split(",") if key.strip()]
    if not keys:
        raise RuntimeError("No signing key: set LANTERN_SECRET or LANTERN_SECRET_PARAMETER")
    return keys


def _oldest_first():
    # itsdangerous signs with the last key of the list and verifies with all of them.
    return list(reversed(signing_keys()))


def timed_serializer(salt):
    return URLSafeTimedSerializer(_oldest_first(), salt=salt)


def serializer(salt):
    return URLSafeSerializer(_oldest_first(), salt=salt)


def digest(purpose, value):
    """A keyed hash with the newest key (stable while that key is current)."""
    key = signing_keys()[0].encode()
    return hmac.new(key, f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()


def short_mac(purpose, value, size, key=None):
    """The first ``size`` bytes of an HMAC-SHA256 of ``value`` for ``purpose``, with the
    newest key unless one is given: for tokens that must stay short (an email address's
    local part is at most 64 characters, RFC 5321), where itsdangerous's are too long."""
    key = (key or signing_keys()[0]).encode()
    return hmac.new(key, f"{purpose}:{value}".encode(), hashlib.sha256).digest()[:size]


def short_mac_matches(purpose, value, mac):
    """True when ``mac`` is ``short_mac`` of ``value`` under any current key (rotation)."""
    return bool(mac) and any(hmac.compare_digest(short_mac(purpose, value, len(mac), key), mac)
                             for key in signing_keys())


def hash_token(token):
    """What we store for a random bearer token: knowing the hash does not give the token."""
    return hashlib.sha256(token.encode()).hexdigest()
