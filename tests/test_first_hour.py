"""A newcomer finds everything by clicking: header, Settings, welcome, About, Start here."""
import re
from datetime import datetime, timezone

from chalicelib.core import clock, timefmt

SETTINGS_INDEX = ["/settings/password", "/settings/email", "/settings/peer-profile",
                  "/settings/greeter", "/blocks", "/settings/subscriptions", "/journal",
                  "/journal/sharing", "/journal/symptoms", "/journal/time-zone",
                  "/settings/export", "/settings/delete"]


def test_time_elements_carry_at_most_three_fractional_digits():
    moment = datetime(2026, 11, 30, 8, 5, 9, 123456, tzinfo=timezone.utc)
    assert timefmt.machine(moment) == "2026-11-30T08:05:09.123Z"
    assert clock.iso(moment) == "2026-11-30T08:05:09.123456Z"  # keys keep their width


def test_a_members_header_links_to_the_journal(member_client):
    home = member_client.get("/")
    for nav in home.soup.select("header nav"):
        assert [a.get_text(strip=True) for a in nav.select("a[href='/journal']")] == ["Journal"]
    assert home.soup.select_one("header details.nav-menu summary").get_text() == "Menu"
    for time in home.soup.select("time[datetime]"):
        assert re.fullmatch(r"[0-9T:-]+(\.[0-9]{1,3})?Z", time["datetime"])


def test_settings_is_the_index_of_what_a_member_controls(member_client):
    page = member_client.get("/settings")
    items = {item.a["href"]: item.select_one(".hint") for item in
             page.soup.select(".settings-index li")}
    assert set(SETTINGS_INDEX) <= set(items)
    assert all(hint and hint.get_text(strip=True) for hint in items.values())


def test_welcome_about_and_introductions_lead_to_the_journal(member_client, make):
    make.category("introductions")
    assert member_client.get("/welcome").soup.find("a", href="/journal")
    assert member_client.get("/about").soup.find("a", href="journal")
    assert member_client.get("/c/introductions").soup.select_one("main a[href='/journal']")


def test_visitors_find_start_here_from_the_home_page(client):
    home = client.get("/")
    link = home.soup.select_one("main a[href='/start']")
    assert link and link.get_text() == "Start here"
    start = client.get("/start")
    assert start.status == 200 and start.soup.h1.get_text() == "Start here"
    headings = [h.get_text() for h in start.soup.select("main h2")]
    assert {"Introduce yourself", "Find peers and write to them", "Keep a taper journal",
            "If you are in crisis"} <= set(headings)
    assert start.soup.find("a", href="crisis")
