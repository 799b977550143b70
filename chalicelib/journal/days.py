"""Days as the member lives them: a check-in at 21:00 in New York belongs to that day.

The journal keeps an IANA time-zone name (UTC until the member picks one); "today" for
check-ins, dose changes and the chart is the date in that zone.
"""
from datetime import timezone
from functools import lru_cache

DEFAULT_ZONE = "UTC"
# Canonical "Region/City" names; the older aliases (US/Eastern, EST5EDT...) only confuse.
REGIONS = ("Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia",
           "Europe", "Indian", "Pacific")
ZONE_ERROR = ("Please choose your time zone from the list, for example Europe/London or "
              "America/New_York.")


def zone_name(settings):
    """The member's time-zone name (UTC when never set)."""
    return settings.time_zone or DEFAULT_ZONE


def local_now(settings, now):
    return now.astimezone(_zone(zone_name(settings)))


def _zone(name):
    if name == DEFAULT_ZONE:
        return timezone.utc
    # Imported here: zoneinfo looks for the tz database through sysconfig on import, which a
    # cold thread page showing a UTC journal's introduction chart need not pay for.
    from zoneinfo import ZoneInfo

    return ZoneInfo(name)


def local_today(settings, now):
    """Today's date where the member lives."""
    return local_now(settings, now).date()


@lru_cache(maxsize=1)
def zone_choices():
    """[(region, [(name, city label)])] for the form's select, each list sorted."""
    from zoneinfo import available_timezones

    names = sorted(name for name in available_timezones() if name.split("/")[0] in REGIONS)
    grouped = {}
    for name in names:
        region, city = name.split("/", 1)
        grouped.setdefault(region, []).append((name, city.replace("_", " ")))
    return [(region, grouped[region]) for region in REGIONS if region in grouped]


def is_zone(name):
    """Whether ``name`` is UTC or one of the zones the form offers."""
    return name == DEFAULT_ZONE or name in {choice for _, cities in zone_choices()
                                            for choice, _ in cities}
