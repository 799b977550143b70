"""Sign up, confirm by the emailed link, log out and back in, in a real browser, with axe."""
import re
import secrets

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
    assert page.locator("#password-error").is_visible()
    assert page.locator("#consent_privacy-error").is_visible()
    assert page.get_by_label("Handle").input_value() == handle
    assert page.get_by_label("Password").input_value() == ""
    assert_accessible(page)

    page.get_by_label("Password").fill(password)
    page.get_by_label("community guidelines").check()
    page.get_by_label("privacy notice").check()
    page.get_by_role("button", name="Create my account").click()
    assert page.get_by_role("heading", name="Check your email").is_visible()
    assert_accessible(page)

    message = live_server.wait_for_email(email)
    text = message.get_body(preferencelist=("plain",)).get_content()
    link = re.search(r"http://\S+/verify/\S+", text).group(0)
    page.goto(link)
    assert_accessible(page)
    page.get_by_role("button", name="Confirm my account").click()
    assert page.get_by_role("heading", name=f"Welcome to Lantern, {handle}").is_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Log out").click()
    assert page.get_by_text("You are logged out").is_visible()
    assert_accessible(page)

    page.get_by_label("Email or handle").fill(email)
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Log in").click()
    assert page.locator("#password-error").is_visible()
    assert_accessible(page)
    page.get_by_label("Email or handle").fill(handle.upper())
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    assert page.get_by_role("link", name=handle).is_visible()

    page.get_by_role("link", name="Settings").click()
    assert page.get_by_role("heading", name="Your account").is_visible()
    assert email in page.content()
    assert_accessible(page)
