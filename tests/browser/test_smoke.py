"""The home page in a real browser: it loads, shows the seeded forum, and passes axe."""
from playwright.sync_api import expect
from tests.browser.conftest import assert_accessible


def test_home_page_shows_seeded_categories(page):
    page.goto("/")
    expect(page.get_by_role("heading", name="Welcome to Lantern")).to_be_visible()
    expect(page.get_by_role("heading", name="Withdrawal support")).to_be_visible()
    assert_accessible(page)


def test_home_page_is_accessible_in_dark_mode(dark_page):
    dark_page.goto("/")
    assert dark_page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
    assert_accessible(dark_page)


def test_cli_runs_a_job_against_the_running_local_backend(live_server):
    import json
    from datetime import datetime, timedelta, timezone

    two_years_on = datetime.now(timezone.utc) + timedelta(days=730)
    result = live_server.run_cli("run-job", "close-stale",
                                 "--now", two_years_on.strftime("%Y-%m-%dT%H:%M:%SZ"))
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["job"] == "close-stale"
    assert summary["closed"] >= 3  # the seeded demo threads are long idle two years on
