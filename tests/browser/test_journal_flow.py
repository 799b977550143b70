"""The taper journal in a real browser, as a member keeps it: a medication with three dose
changes, a week of check-ins (past days through the form's day field), then the chart; then
published on an introduction thread with the signature on, as a reader sees it."""
import json
import re
import secrets
import subprocess
import sys
from datetime import datetime, timedelta, timezone

from playwright.sync_api import expect

from tests.browser.conftest import ROOT, _clean_env, assert_accessible, new_tab

# Runs against the live server's own backend (a separate process with its own moto).
MAKE_MEMBER = """
import json, sys
from ops import localenv
localenv.use_running_backend(sys.argv[1])
from chalicelib.core import clock
from chalicelib.platform import members, session_lifecycle
member = members.create_member(sys.argv[2], sys.argv[2] + "@example.org", "x",
                               now=clock.utcnow(), verified=True)
print(json.dumps(session_lifecycle.start_session(member).split(";")[0].split("=", 1)))
"""
DOSES = ((60, "100", "start"), (30, "87,5", "cut 12.5%"), (10, "1/2 75", ""))



def test_medication_three_dose_changes_a_week_of_check_ins_and_the_chart(browser, live_server):
    handle = f"taper{secrets.token_hex(3)}"
    made = subprocess.run([sys.executable, "-c", MAKE_MEMBER, live_server.state_dir, handle],
                          cwd=ROOT, check=True, capture_output=True, text=True,
                          env=_clean_env())
    cookie = json.loads(made.stdout.strip().splitlines()[-1])
    today = datetime.now(timezone.utc).date()  # the member has not set a time zone: UTC
    tab = new_tab(browser, live_server, cookie)

    tab.goto("/journal")
    tab.get_by_role("link", name="Add a medication").first.click()
    tab.get_by_label("Name").fill("sertraline")
    tab.get_by_label("Class").select_option(label="SSRIs")
    tab.get_by_label("mg", exact=True).check()
    tab.get_by_role("button", name="Add medication").click()
    expect(tab.get_by_role("heading", name="sertraline", level=1)).to_be_visible()

    # The third dose is typed wrongly first: the form says why and keeps the text.
    for number, (days_ago, dose, note) in enumerate(DOSES, start=1):
        tab.get_by_label("Date of the change").fill((today - timedelta(days=days_ago)).isoformat())
        tab.get_by_label("New daily dose (mg)").fill(dose)
        tab.get_by_label("Note (optional)").fill(note)
        tab.get_by_role("button", name="Save dose change").click()
        if number < len(DOSES):
            expect(tab.locator("table.data tbody tr")).to_have_count(number)
    expect(tab.locator("#dose-error")).to_contain_text("could not read “1/2 75”")
    expect(tab.get_by_label("New daily dose (mg)")).to_have_value("1/2 75")
    tab.get_by_label("New daily dose (mg)").fill("75")
    tab.get_by_role("button", name="Save dose change").click()
    expect(tab.locator("table.data tbody tr")).to_have_count(3)
    assert_accessible(tab)

    tab.goto("/journal/symptoms")
    tab.get_by_label("Anxiety").check()
    tab.get_by_label("Brain zaps").check()
    tab.get_by_role("button", name="Save my list").click()
    expect(tab.get_by_role("heading", name="Daily check-in")).to_be_visible()
    assert_accessible(tab)

    for days_ago in range(6, -1, -1):
        tab.goto("/journal/check-in")
        tab.get_by_label("Day", exact=True).fill((today - timedelta(days=days_ago)).isoformat())
        tab.get_by_role("group", name="Overall, how was the day?").get_by_label(
            f"{1 + days_ago % 5} ·").check()
        tab.get_by_role("group", name="How did you sleep?").get_by_label("3 ·").check()
        tab.get_by_role("group", name="Anxiety").get_by_label(f"{days_ago % 5} ·").check()
        tab.get_by_label("Note (optional)").fill(f"day {days_ago}")
        tab.get_by_role("button", name="Save check-in").click()
        expect(tab.get_by_text("Check-in saved")).to_be_visible()

    # Back on the journal page: the chart, one step path per drug, and its table.
    paths = tab.locator("svg.journal-chart path.dose-step")
    expect(paths).to_have_count(1)
    # Three changes inside the 90 days: a start point, two per later change, an end point.
    assert paths.first.get_attribute("data-points") == "6"
    assert len(re.findall(r"[ML]", paths.first.get_attribute("d"))) == 6
    tab.get_by_text("The chart's data as a table").click()
    rows = tab.locator("table.journal-table tbody tr")
    expect(rows).to_have_count(10)  # three dose-change days and seven check-ins
    expect(rows.nth(1)).to_contain_text("87.5 mg (changed)")
    expect(rows.nth(1)).to_contain_text("cut 12.5%")
    expect(rows.last).to_contain_text(today.isoformat())
    expect(rows.last).to_contain_text("day 0")
    assert_accessible(tab)
    tab.context.close()

    dark = new_tab(browser, live_server, cookie, color_scheme="dark")
    dark.goto("/journal?range=all")
    expect(dark.locator("svg.journal-chart path.dose-step")).to_have_count(1)
    assert_accessible(dark)
    dark.goto("/journal/check-in")
    assert_accessible(dark)
    dark.context.close()

    # Published on an introduction thread, with the signature on: any reader sees both.
    tab = new_tab(browser, live_server, cookie)
    title = f"Hello, I am {handle}"
    tab.goto("/c/introductions/new")
    tab.get_by_label("Title").fill(title)
    tab.get_by_label("Your post").fill("Three dose changes in, and a week of check-ins.")
    tab.get_by_role("button", name="Post thread").click()
    expect(tab.get_by_role("heading", name=title)).to_be_visible()
    thread_url = tab.url
    tab.goto("/journal/sharing")
    tab.get_by_label("Show the chart at the top of your introduction thread").select_option(
        label=title)
    tab.get_by_label("Show a one-line drug history under my posts").check()
    tab.get_by_role("button", name="Save sharing").click()
    expect(tab.get_by_text("Saved.")).to_be_visible()
    tab.context.close()

    reader = browser.new_context(base_url=live_server.url)
    tab = reader.new_page()
    tab.goto(thread_url)
    expect(tab.locator(".intro-journal svg.journal-chart path.dose-step")).to_have_count(1)
    expect(tab.locator(".post .signature")).to_contain_text("sertraline 100 mg → 75 mg")
    assert "day 0" not in tab.content()  # notes stay private
    assert_accessible(tab)
    reader.close()
