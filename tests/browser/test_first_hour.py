"""The first hour, in a real browser: each demo role follows every header and Settings
link at a phone's width (through the Menu) and a desktop's, and finds a heading on each
page; the header stays one line; the new and changed pages pass axe.

Uses the demo members that `make run` seeds, signed in with sessions made on the live
server's backend: the log-in form's per-IP limit is for people, and other browser tests
log in through it.
"""
import json
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ROOT, _clean_env, assert_accessible, new_tab

# Runs against the live server's own backend (a separate process with its own moto).
SIGN_IN = """
import json, sys
from ops import localenv
localenv.use_running_backend(sys.argv[1])
from chalicelib.platform import members, session_lifecycle
print(json.dumps({handle: session_lifecycle.start_session(members.member_by_handle(handle))
                  .split(";")[0].split("=", 1) for handle in sys.argv[2:]}))
"""
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 800}
ROLES = {"keeper": "Moderation", "willow": "Moderation", "juniper": "Journal",
         "harbor": "Journal"}


@pytest.fixture(scope="module")
def cookies(live_server):
    """A session cookie (name, value) for each demo role."""
    result = subprocess.run([sys.executable, "-c", SIGN_IN, live_server.state_dir, *ROLES],
                            cwd=ROOT, check=True, capture_output=True, text=True,
                            env=_clean_env())
    return json.loads(result.stdout.strip().splitlines()[-1])


def header_nav(tab, phone):
    """The header's link list as this width shows it (opening the Menu on a phone)."""
    if phone:
        menu = tab.locator(".nav-menu")
        if menu.get_attribute("open") is None:
            menu.locator("summary").click()
        return menu.get_by_role("navigation", name="Main")
    return tab.locator(".nav-wide")


def assert_one_line_header(tab, phone):
    """A phone shows the brand and the Menu, with search on a row of its own below them; a
    desktop shows search and every link side by side."""
    row = tab.locator(".header-row").bounding_box()
    most = 130 if phone else 80
    assert row["height"] < most, f"the header wraps: {row['height']} px tall"
    if phone:
        expect(tab.locator(".nav-wide")).to_be_hidden()
        expect(tab.locator(".nav-menu summary")).to_have_text("Menu")
    else:
        expect(tab.locator(".nav-menu")).to_be_hidden()
        tops = {round(item.bounding_box()["y"]) for item in
                tab.locator(".nav-wide li").all()}
        assert len(tops) == 1, f"header items sit on {len(tops)} lines"


def follow_header(tab, phone):
    names = [name.strip() for name in header_nav(tab, phone).locator("a").all_inner_texts()]
    for name in names:
        header_nav(tab, phone).get_by_role("link", name=name, exact=True).click()
        tab.wait_for_load_state()
        expect(tab.locator("main h1").first, f"{name} has a heading").to_be_visible()
    return names


def follow_settings(tab):
    tab.goto("/settings")
    links = [link.get_attribute("href") for link in tab.locator("main a[href]").all()
             if link.get_attribute("download") is None]
    for href in links:
        tab.goto(href)
        expect(tab.locator("main h1").first, f"{href} has a heading").to_be_visible()
    return links


@pytest.mark.parametrize("handle", sorted(ROLES))
def test_each_role_reaches_every_header_and_settings_link(browser, live_server, cookies,
                                                         handle):
    tab = new_tab(browser, live_server, cookies[handle])
    try:
        for size in (PHONE, DESKTOP):
            phone = size is PHONE
            tab.set_viewport_size(size)
            tab.goto("/")
            assert_one_line_header(tab, phone)
            names = follow_header(tab, phone)
            assert {"Home", ROLES[handle], "Letters", "Settings"} <= set(names)
            assert handle in names
            links = follow_settings(tab)
            assert {"/journal", "/settings/peer-profile", "/settings/subscriptions",
                    "/settings/greeter", "/blocks", "/journal/sharing"} <= set(links)
    finally:
        tab.context.close()


def assert_chart_labels_inside(tab):
    """No row label of the journal chart starts left of the chart (nothing is cut)."""
    chart = tab.locator("svg.journal-chart").bounding_box()
    labels = tab.locator("svg.journal-chart text").all()
    assert labels
    for label in labels:
        box = label.bounding_box()
        assert box["x"] >= chart["x"] - 0.5, f"{label.text_content()!r} is cut at the left"


def test_the_menu_works_by_keyboard_on_a_phone(browser, live_server, cookies):
    tab = new_tab(browser, live_server, cookies["juniper"])
    try:
        tab.set_viewport_size(PHONE)
        tab.goto("/")
        summary = tab.locator(".nav-menu summary")
        summary.focus()
        tab.keyboard.press("Enter")
        expect(tab.locator(".nav-menu")).to_have_attribute("open", "")
        tab.keyboard.press("Tab")
        assert tab.evaluate("document.activeElement.textContent.trim()") == "Home"
        assert_accessible(tab)  # the open Menu
        tab.keyboard.press("Tab")
        tab.keyboard.press("Enter")
        expect(tab.get_by_role("heading", name="Your taper journal", level=1)).to_be_visible()
        assert_accessible(tab)  # the journal with months of data and its chart
        tab.goto("/settings")
        assert_accessible(tab)
        tab.set_viewport_size({"width": 1100, "height": 800})
        tab.goto("/journal")
        assert_chart_labels_inside(tab)
        tab.goto("/c/introductions")
        expect(tab.get_by_role("link", name="taper journal")).to_be_visible()
        assert_accessible(tab)
    finally:
        tab.context.close()


def test_a_visitor_finds_start_here_from_the_home_page(browser, live_server):
    tab = new_tab(browser, live_server, color_scheme="dark")
    try:
        tab.set_viewport_size(PHONE)
        tab.goto("/")
        assert_one_line_header(tab, phone=True)
        tab.locator("main").get_by_role("link", name="Start here").click()
        expect(tab.get_by_role("heading", name="Start here", level=1)).to_be_visible()
        for heading in ("Introduce yourself", "Find peers and write to them",
                        "Keep a taper journal", "If you are in crisis"):
            expect(tab.get_by_role("heading", name=heading)).to_be_visible()
        assert_accessible(tab)
        tab.goto("/")
        header_nav(tab, phone=True)
        assert_accessible(tab)  # the home page, Menu open, dark
    finally:
        tab.context.close()
