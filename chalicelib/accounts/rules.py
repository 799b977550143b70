"""What makes a handle, an email address and a password acceptable.

Each check returns the message to show next to the field, or None when all is well.
"""
import os
import re
from functools import lru_cache

# Accounts and digest subscriptions check addresses alike; the check lives in core.
from chalicelib.core.email_addresses import normalise_email  # noqa: F401


HANDLE_PATTERN = re.compile(r"[A-Za-z0-9_-]{3,30}")
# Names that would let someone pass as staff or as the site itself, or that read as a
# system word next to a post. Compared without case, '_' or '-'.
RESERVED_HANDLES = frozenset({
    "admin", "administrator", "moderator", "mod", "mods", "lantern", "staff", "support",
    "system", "root", "official", "team", "help", "crisis", "about", "privacy",
    "guidelines", "settings", "login", "logout", "signup", "register", "everyone", "here",
    "anonymous", "formermember", "deleted", "null", "none", "undefined", "owner", "founder",
    "security", "abuse", "postmaster", "webmaster", "noreply", "you", "me", "u", "t", "c",
})
RESERVED_PREFIXES = ("admin", "moderator", "lantern", "staff", "official")
MIN_PASSWORD_CHARS = 8
MAX_PASSWORD_CHARS = 128
COMMON_PASSWORDS_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                     "common_passwords.txt")


def squashed(handle):
    return handle.lower().replace("_", "").replace("-", "")


def handle_problem(handle):
    if not handle:
        return "Choose a handle: the name other members will see."
    if not HANDLE_PATTERN.fullmatch(handle):
        return ("A handle is 3 to 30 characters: letters, digits, '_' and '-' only, "
                "no spaces.")
    name = squashed(handle)
    if name in RESERVED_HANDLES or name.startswith(RESERVED_PREFIXES):
        return "That handle is reserved. Please choose another."
    return None


@lru_cache(maxsize=1)
def common_passwords():
    with open(COMMON_PASSWORDS_FILE, encoding="utf-8") as handle:
        return frozenset(line.rstrip("\n").lower() for line in handle
                         if line.strip() and not line.startswith("#"))


def password_problem(password, handle="", email=""):
    """Length and the common-password list only: composition rules make passwords worse."""
    if len(password) < MIN_PASSWORD_CHARS:
        return f"Use at least {MIN_PASSWORD_CHARS} characters. A few words in a row work well."
    if len(password) > MAX_PASSWORD_CHARS:
        return f"Use at most {MAX_PASSWORD_CHARS} characters."
    lowered = password.lower()
    if lowered in common_passwords():
        return "That password is one of the most common ones. Please choose another."
    if lowered in {handle.lower(), email.lower(), email.lower().partition("@")[0]} - {""}:
        return "Your password must not be your handle or email address."
    return None
