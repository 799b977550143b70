"""Rate limits kept in DynamoDB (atomic ADD counters per fixed window, TTL cleanup).

Every Lambda instance sees the same counters, so a limit holds however far Lambda scales.
"""
from datetime import datetime, timedelta, timezone

from chalicelib.core import clock, config, errors
from chalicelib.models.limits import RateWindow


def _window_start(now, window_seconds):
    epoch = int(now.timestamp())
    return epoch - epoch % window_seconds


def hit(rule, who, limit, window_seconds, now=None, message=None):
    """Count one attempt of ``rule`` by ``who``.

    :raise TooManyRequests: once ``who`` has made more than ``limit`` attempts in the
        current window, with Retry-After set to the window's end.
    """
    if not config.settings.rate_limits:
        return
    now = now or clock.utcnow()
    if record(rule, who, window_seconds, now) > limit:
        raise errors.TooManyRequests(seconds_left(window_seconds, now), message)


def record(rule, who, window_seconds, now):
    """Count one event of ``rule`` by ``who`` in the current window; returns the count."""
    start = _window_start(now, window_seconds)
    window_end = datetime.fromtimestamp(start + window_seconds, timezone.utc)
    window = RateWindow(window_key=f"{rule}#{who}#{start}")
    # TTL deletes lazily (docs/pitfalls.md #4): the key holds the window; old counts never apply.
    window.update(actions=[RateWindow.hits.add(1),
                           RateWindow.expires_at.set(window_end + timedelta(minutes=5))])
    return window.hits


def seconds_left(window_seconds, now):
    """Seconds until the current window of ``window_seconds`` ends (at least 1)."""
    window_end = _window_start(now, window_seconds) + window_seconds
    return max(1, int(window_end - now.timestamp()))


def count(rule, who, window_seconds, now=None):
    """How many attempts ``who`` has made in the current window (no write)."""
    now = now or clock.utcnow()
    start = _window_start(now, window_seconds)
    try:
        return RateWindow.get(f"{rule}#{who}#{start}").hits
    except RateWindow.DoesNotExist:
        return 0
