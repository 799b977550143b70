"""The contents of a followed thread's summary item (thread_summaries.py), changed in
memory before the item is written with its version condition, and read back for a digest
window (digest_followed.py)."""
from datetime import datetime, timedelta, timezone

from chalicelib.models.forum import Post
from chalicelib.subscriptions import summaries

HOUR = timedelta(hours=1)
HOUR_FORMAT = "%Y-%m-%dT%H"
# A digest shows a thread's last 3 replies by others than its reader; one spare stands in
# for a reply hidden later.
KEEP_EACH = 4


def moment(text):
    return Post.created_at.deserialize(text)


def hour_of(created):
    return moment(created).strftime(HOUR_FORMAT)


def count(hours, hour, author):
    by = hours.setdefault(hour, {})
    by[author] = by.get(author, 0) + 1


def uncount(hours, hour, author):
    by = hours.get(hour, {})
    if by.get(author, 0) > 1:
        by[author] -= 1
    else:
        by.pop(author, None)
    if not by:
        hours.pop(hour, None)


def prune(hours):
    """Keep the hours the longest digest window can reach (as the category summaries)."""
    if hours:
        newest = max(hours)
        oldest = (_parse_hour(newest) - summaries.KEEP_FOR).strftime(HOUR_FORMAT)
        for hour in [hour for hour in hours if hour < oldest]:
            del hours[hour]


def trim(entries):
    """The newest ``KEEP_EACH`` replies, and for each of their authors the newest
    ``KEEP_EACH`` by anyone else: whoever reads, their last three by others are here
    (at most KEEP_EACH x (KEEP_EACH + 1) entries)."""
    newest_first = sorted(entries, key=lambda entry: entry["p"], reverse=True)
    kept = set()
    for reader in [None] + [entry["a"] for entry in newest_first[:KEEP_EACH]]:
        others = [entry["p"] for entry in newest_first if entry["a"] != reader]
        kept.update(others[:KEEP_EACH])
    return [entry for entry in reversed(newest_first) if entry["p"] in kept]


def _parse_hour(hour):
    return datetime.strptime(hour, HOUR_FORMAT).replace(tzinfo=timezone.utc)


def replies_in(item, since, until, reader_id, shown):
    """(the newest ``shown`` replies by others in (``since``, ``until``], how many there are).
    Whole hours inside the window are added up; an hour cut by the window (a first digest
    from the moment of subscribing) is counted from its kept replies when they are all
    there, else whole, as the category summaries count it."""
    inside = [entry for entry in item.replies or ()
              if since < moment(entry["t"]) <= until and entry["a"] != reader_id]
    total = 0
    for hour, by in (item.hours or {}).items():
        start = _parse_hour(hour)
        if start >= until or start + HOUR <= since:
            continue
        others = sum(n for author, n in by.items() if author != reader_id)
        if since <= start and start + HOUR <= until:
            total += others
            continue
        kept = [entry for entry in item.replies or () if hour_of(entry["t"]) == hour]
        total += sum(1 for entry in kept if entry in inside) \
            if len(kept) == sum(by.values()) else others
    return inside[-shown:], total
