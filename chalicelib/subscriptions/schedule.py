"""When digests fall due: daily at the digest hour (UTC), weekly on Mondays at that hour."""
from datetime import timedelta

from chalicelib.core import config

FREQUENCIES = ("daily", "weekly", "never")
DEFAULT_FREQUENCY = "weekly"
MONDAY = 0


def next_due(frequency, after):
    """The first digest time strictly after ``after``, or None for "never"."""
    if frequency not in ("daily", "weekly"):
        return None
    slot = after.replace(hour=config.settings.digest_hour, minute=0, second=0, microsecond=0)
    if slot <= after:
        slot += timedelta(days=1)
    if frequency == "weekly":
        slot += timedelta(days=(MONDAY - slot.weekday()) % 7)
    return slot
