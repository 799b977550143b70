"""Time and ids: sortable ULIDs and fixed-width UTC timestamps, so key order is time order."""
from datetime import datetime, timezone

ISO_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def utcnow():
    return datetime.now(timezone.utc)


def new_id(now=None):
    """A ULID whose first characters encode ``now``, so ids sort by creation time."""
    from ulid import ULID  # on first use: importing it costs a cold start ~25 ms

    if now is None:
        return str(ULID())
    return str(ULID.from_datetime(now))


def id_floor(moment):
    """The smallest ULID at ``moment``: ``id > id_floor(t)`` means created at or after t."""
    from ulid import ULID

    return str(ULID.from_datetime(moment))[:10] + "0" * 16


def iso(moment):
    """Fixed-width UTC text (27 characters) that sorts like the instant it names."""
    return moment.astimezone(timezone.utc).strftime(ISO_FORMAT)


def html_time(moment):
    """UTC text for HTML's ``<time datetime>``, which allows at most three fractional digits
    (docs/pitfalls.md #16): milliseconds, where ``iso`` keeps six for sortable keys."""
    utc = moment.astimezone(timezone.utc)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def parse_iso(text):
    text = text.strip()
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)
