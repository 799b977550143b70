"""Reading a digest window from the summaries: whole digest days from day items, the
hours at either end from hour items, at most three Queries per category whatever the
period and whatever people wrote (docs/data-model.md)."""
from dataclasses import dataclass, field
from datetime import timedelta

from chalicelib.core import clock
from chalicelib.models.digests import DigestSummary
from chalicelib.subscriptions import summaries

HOUR, DAY = timedelta(hours=1), timedelta(days=1)


@dataclass
class Window:
    """A category's threads in one window: ``threads`` maps a thread id to its entry
    (``n`` replies, and for a thread opened in the window ``o``, ``ai``, ``x``, ``cw``, ``t``)."""

    threads: dict = field(default_factory=dict)
    dropped_openers: int = 0  # threads opened in the window whose entries made room for others
    items_read: int = 0


def _hour_floor(moment):
    return moment.replace(minute=0, second=0, microsecond=0)


def _ranges(since, until):
    """(prefix, first, last) bucket ranges covering (``since``, ``until``]."""
    first_day = summaries.day_start(since)
    if first_day < since:
        first_day += DAY
    last_day = summaries.day_start(until)  # days start at or before ``until``: [first, last)
    last_hour = until - timedelta(microseconds=1)  # the hour starting at ``until`` is the next window's
    if first_day >= last_day:
        return [("h", _hour_floor(since), last_hour)]
    ranges = [("d", first_day, last_day - DAY)]
    if since < first_day:
        ranges.append(("h", _hour_floor(since), first_day - HOUR))
    if last_day < until:
        ranges.append(("h", last_day, last_hour))
    return ranges


def read_window(slug, since, until):
    window = Window()
    if since >= until:
        return window
    for prefix, first, last in _ranges(since, until):
        key = summaries.hour_key if prefix == "h" else summaries.day_key
        for item in DigestSummary.query(slug, DigestSummary.bucket.between(key(first),
                                                                            key(last))):
            window.items_read += 1
            _merge(window, item, since, until)
    return window


def _merge(window, item, since, until):
    threads = item.threads or {}
    window.dropped_openers += max(0, item.openers - sum(1 for e in threads.values() if e.get("o")))
    for thread_id, entry in threads.items():
        opened_here = entry.get("o") and since < clock.parse_iso(entry["t"]) <= until
        merged = window.threads.setdefault(thread_id, {"n": 0})
        merged["n"] += entry.get("n", 0)
        if opened_here:
            merged.update({k: v for k, v in entry.items() if k != "n"})
