"""Whole numbers typed into forms, read one way everywhere.

``str.isdigit()`` is true for "¹²³", "②" and "١", which ``int()`` then refuses (a 500):
only ASCII digits, and not too many of them, are read as a number here.
"""
import re

_DIGITS = re.compile(r"[0-9]{1,9}")


class NumberError(ValueError):
    """The text is not a whole number between the bounds; the form shows a field message."""


def parse_int(text, low, high):
    """``text`` as an int in [low, high].

    :raise NumberError: for anything else (blank, signs, spaces inside, other scripts' digits).
    """
    cleaned = (text or "").strip() if isinstance(text, str) else ""
    if not _DIGITS.fullmatch(cleaned):
        raise NumberError(f"Please enter a whole number from {low} to {high}.")
    value = int(cleaned)
    if not low <= value <= high:
        raise NumberError(f"Please enter a whole number from {low} to {high}.")
    return value


def int_or_none(text, low, high):
    """``parse_int`` for forms that only need to know whether the number is usable."""
    try:
        return parse_int(text, low, high)
    except NumberError:
        return None
