"""How times read on a page: relative for a tired reader, exact in the <time> element."""
from chalicelib.core import clock


def relative(moment, now=None):
    if moment is None:
        return ""
    now = now or clock.utcnow()
    seconds = int((now - moment).total_seconds())
    if seconds < 60:
        return "just now"
    for size, unit in ((86400 * 365, "year"), (86400 * 30, "month"), (86400 * 7, "week"),
                       (86400, "day"), (3600, "hour"), (60, "minute")):
        if seconds >= size:
            count = seconds // size
            return f"{count} {unit}{'' if count == 1 else 's'} ago"
    return "just now"


def machine(moment):
    return clock.html_time(moment) if moment else ""


def human(moment):
    return moment.strftime("%-d %B %Y, %H:%M UTC") if moment else ""


def day(moment):
    return moment.strftime("%-d %B %Y") if moment else ""


FILTERS = {"relative": relative, "machine_time": machine, "human_time": human, "day": day}
