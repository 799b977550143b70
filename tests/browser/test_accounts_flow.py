"""Sign up, confirm by the emailed link, log out and back in, in a real browser, with axe."""
import re
import secrets

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible


def test_sign_up_verify_log_out_and_log_back_in(page, live_server):
    handle = "walker_" + secrets.token_hex(3)
    email = f"{handle}@example.org"
    password = "gentle rain on slate"

    page.goto("/signup")
    assert_accessible(page)
    page.get_by_label("Handle").fill(handle)
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill("short")
    page.get_by_role("button", name="Create my account").click()
    # Field errors next to the fields, typed text kept, the password not.
    expect(page.locator("#password-error")).to_be_visible()
    expect(page.locator("#consent_privacy-error")).to_be_visible()
    expect(page.get_by_label("Handle")).to_have_value(handle)
    expect(page.get_by_label("Password")).to_have_value("")
    assert_accessible(page)

    page.get_by_label("Password").fill(password)
    page.get_by_label("community guidelines").check()
    page.get_by_label("privacy notice").check()
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    assert_accessible(page)

    message = live_server.wait_for_email(email)
    text = message.get_body(preferencelist=("plain",)).get_content()
    link = re.search(r"http://\S+/verify/\S+", text).group(0)
    page.goto(link)
    assert_accessible(page)
    page.get_by_role("button", name="Confirm my account").click()
    expect(page.get_by_role("heading", name=f"Welcome to Lantern, {handle}")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_text("You are logged out")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Email or handle").fill(email)
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#password-error")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Email or handle").fill(handle.upper())
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("link", name=handle)).to_be_visible()

    page.get_by_role("link", name="Settings").click()
    expect(page.get_by_role("heading", name="Your account")).to_be_visible()
    expect(page.get_by_text(email)).to_be_visible()
    assert_accessible(page)
