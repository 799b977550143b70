"""Find your tribe, end to end in a real browser: open, found, asked, accepted, letters.

Uses the demo members juniper and harbor (password lantern-demo-password) that `make run`
seeds; the live server is a separate process with its own moto backend.
"""
from playwright.sync_api import expect
import time

from tests.browser.conftest import assert_accessible

DEMO_PASSWORD = "lantern-demo-password"
SUBJECT = "A letter is waiting for you on Lantern"


def log_in(tab, handle):
    tab.goto("/login")
    tab.get_by_label("Email or handle").fill(handle)
    tab.get_by_label("Password").fill(DEMO_PASSWORD)
    tab.get_by_role("button", name="Log in").click()
    # The page the login leads to, not the form still loaded when the click returns.
    tab.wait_for_url(lambda url: "/login" not in url)


def letter_emails(live_server, address, count, timeout=15):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [message for message in live_server.emails_to(address)
                 if message["Subject"] == SUBJECT]
        if len(found) >= count:
            return found
        time.sleep(0.2)
    raise AssertionError(f"no letter notification to {address} within {timeout}s")


def test_open_find_ask_accept_and_exchange_letters(browser, live_server, page):
    juniper = page
    log_in(juniper, "juniper")
    juniper.goto("/settings/peer-profile")
    assert_accessible(juniper)
    juniper.get_by_label("A short bio").fill("Four months into a slow sertraline taper.\nHappy to write.")
    juniper.get_by_label("SSRIs").check()
    juniper.get_by_label("Where you are now").select_option(label="Tapering")
    juniper.get_by_label("Open to new correspondence").check()
    juniper.get_by_role("button", name="Save peer profile").click()
    expect(juniper.get_by_text("Your peer profile has been saved.")).to_be_visible()

    context = browser.new_context(base_url=live_server.url)
    harbor = context.new_page()
    harbor.set_default_timeout(10_000)
    try:
        log_in(harbor, "harbor")
        harbor.get_by_role("link", name="Find peers").click()
        harbor.get_by_label("Medication class").select_option(label="SSRIs")
        harbor.get_by_label("Where they are now").select_option(label="Tapering")
        harbor.get_by_role("button", name="Show peers").click()
        card = harbor.locator(".peer-card", has_text="juniper")
        assert "Four months into a slow sertraline taper." in card.inner_text()
        assert "0 of 3 correspondences open" in card.inner_text()
        assert_accessible(harbor)
        card.get_by_role("link", name="juniper").click()
        assert_accessible(harbor)
        harbor.get_by_label("Your introduction").fill(
            "Hello juniper, I finished a long taper two years ago and would be glad to write.")
        harbor.get_by_role("button", name="Send request").click()
        expect(harbor.get_by_text("Waiting for juniper to answer").first).to_be_visible()
        assert_accessible(harbor)

        juniper.get_by_role("link", name="Letters", exact=True).click()
        assert_accessible(juniper)
        juniper.get_by_role("link", name="harbor").click()
        expect(juniper.get_by_text("finished a long taper two years ago")).to_be_visible()
        juniper.get_by_role("button", name="Accept").click()
        juniper.get_by_label("Your letter to harbor").fill("Thank you, harbor. The *fog* lifts a little some days.")
        juniper.get_by_role("button", name="Send letter").click()
        expect(juniper.get_by_text("Your letter has been sent.")).to_be_visible()
        assert_accessible(juniper)

        (email,) = letter_emails(live_server, "harbor@example.org", 1)
        text = email.get_body(preferencelist=("plain",)).get_content()
        html = email.get_body(preferencelist=("html",)).get_content()
        for body in (text, html):
            assert "A new letter is waiting for you" in body
            assert "fog" not in body and "Thank you, harbor" not in body

        harbor.get_by_role("link", name="Letters", exact=True).click()
        harbor.get_by_role("link", name="juniper").click()
        expect(harbor.locator(".post-body em", has_text="fog")).to_be_visible()
        harbor.get_by_label("Your letter to juniper").fill("Holding is always allowed. Write whenever you can.")
        harbor.get_by_role("button", name="Send letter").click()
        expect(harbor.get_by_text("Your letter has been sent.")).to_be_visible()
        assert_accessible(harbor)

        (email,) = letter_emails(live_server, "juniper@example.org", 1)
        assert "Holding is always allowed" not in email.as_string()
        juniper.reload()
        expect(juniper.get_by_text("Holding is always allowed.")).to_be_visible()
    finally:
        context.close()
