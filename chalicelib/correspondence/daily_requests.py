"""The daily limit on requests to correspond: a member may ask a few members a day.

Kept apart from asking because three places read it: the request's own transaction
(asking.py counts against it), the peer page (peers.py reads today's counter in its batch)
and the email reply that explains why asking again must wait (inbound/letters.py).
"""
from chalicelib.models.limits import RateWindow

REQUESTS_PER_DAY = 3
DAY_SECONDS = 24 * 3600


def daily_counter(member_id, now):
    """Today's request counter of ``member_id`` (not read), and when its day began."""
    epoch = int(now.timestamp())
    start = epoch - epoch % DAY_SECONDS
    return RateWindow(window_key=f"correspondence-request#{member_id}#{start}"), start


def daily_counter_key(member_id, now):
    """The key of ``member_id``'s request counter for today (the peer page reads it)."""
    return daily_counter(member_id, now)[0].window_key


def requests_left_today(member_id, now):
    try:
        return requests_left(RateWindow.get(daily_counter_key(member_id, now)))
    except RateWindow.DoesNotExist:
        return requests_left(None)


def requests_left(counter):
    """Requests left today, from today's counter (None: none made yet)."""
    return max(0, REQUESTS_PER_DAY - int((counter.hits if counter else 0) or 0))
