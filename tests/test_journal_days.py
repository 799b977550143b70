"""Check-in days follow the member's time zone, and a forgotten day can be filled in later."""
from datetime import datetime, timezone

import pytest
import time_machine

from chalicelib.journal import days, export, store

# 02:00 UTC on 15 January is still 21:00 on the 14th in New York (EST, UTC-5).
NOW = datetime(2026, 1, 15, 2, 0, tzinfo=timezone.utc)


@pytest.fixture
def evening(client, member):
    """A logged-in member at the fixed moment."""
    with time_machine.travel(NOW, tick=False):
        client.login(member)
        yield client


def check_in(client, **fields):
    return client.post("/journal/check-in", {"overall": "3", "sleep": "2", **fields})


def saved_days(member):
    return [c.day for c in store.check_ins_between(member.member_id)]


def test_local_today_uses_the_zone_and_defaults_to_utc():
    settings = store.new_settings("m")
    assert days.local_today(settings, NOW).isoformat() == "2026-01-15"
    settings.time_zone = "America/New_York"
    assert days.local_today(settings, NOW).isoformat() == "2026-01-14"
    settings.time_zone = "Asia/Tokyo"
    assert days.local_today(settings, NOW).isoformat() == "2026-01-15"


def test_without_a_time_zone_the_day_is_utcs(evening, member):
    assert check_in(evening).status == 303
    assert saved_days(member) == ["2026-01-15"]


def test_evening_check_in_in_new_york_counts_for_that_evening(evening, member):
    page = evening.get("/journal/time-zone")
    assert page.soup.find("option", selected=True)["value"] == "UTC"
    assert evening.post("/journal/time-zone", {"time_zone": "America/New_York"}).status == 303
    page = evening.follow()
    assert page.soup.find("option", selected=True)["value"] == "America/New_York"
    assert "21:00 on 2026-01-14" in page.text
    assert export.export_for(member.member_id)["settings"]["time_zone"] == "America/New_York"

    form = evening.get("/journal/check-in")
    assert form.value_of("day") == "2026-01-14"
    assert form.soup.find(id="day")["max"] == "2026-01-14"
    assert check_in(evening, day="").status == 303
    assert saved_days(member) == ["2026-01-14"]
    # The UTC date is tomorrow in New York: refused, with the answers kept.
    page = check_in(evening, day="2026-01-15", note="early")
    assert page.status == 400 and "future" in page.field_error("day")
    assert page.value_of("note") == "early"


def test_forgotten_yesterday_can_be_checked_in_from_the_form(evening, member):
    form = evening.get("/journal/check-in")
    link = form.soup.find("a", string="check in for yesterday")
    assert link["href"].endswith("/journal/check-in?day=2026-01-14")
    assert evening.get(link["href"]).value_of("day") == "2026-01-14"
    assert check_in(evening, day="2026-01-14").status == 303
    assert check_in(evening).status == 303
    assert saved_days(member) == ["2026-01-14", "2026-01-15"]
    again = evening.get("/journal/check-in?day=2026-01-14")
    assert again.soup.find("input", {"name": "overall", "value": "3"}).has_attr("checked")


def test_unknown_time_zone_is_explained_beside_the_field(evening, member):
    page = evening.post("/journal/time-zone", {"time_zone": "Mars/Olympus_Mons"})
    assert page.status == 400
    assert "choose your time zone from the list" in page.field_error("time_zone")
    assert store.load_outline(member.member_id).settings.time_zone is None


def test_dose_change_dates_follow_the_time_zone_too(evening):
    evening.post("/journal/time-zone", {"time_zone": "America/New_York"})
    response = evening.post("/journal/medications/new",
                            {"name": "sertraline", "drug_class": "ssris", "unit": "mg"})
    page = evening.follow(response)
    assert page.value_of("day") == "2026-01-14"
    path = "/journal/medications/" + response.location.rsplit("/", 1)[1]
    assert "future" in evening.post(path, {"day": "2026-01-15", "dose": "50"}).field_error("day")
