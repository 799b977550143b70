"""Email-only digest in a real browser: subscribe, confirm from the outbox, a new thread,
the digests job, the digest in the outbox, and its unsubscribe link."""
from playwright.sync_api import expect
import re
import uuid
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

from tests.browser.conftest import assert_accessible


def link_in(message, prefix):
    text = message.get_body(preferencelist=("plain",)).get_content()
    match = re.search(r"https?://\S+?" + re.escape(prefix) + r"\S+", text)
    assert match, f"no {prefix} link in {text!r}"
    return urlsplit(match.group(0)).path


def test_subscribe_confirm_receive_digest_and_unsubscribe(page, live_server):
    address = f"reader-{uuid.uuid4().hex[:8]}@example.org"
    title = f"A new thread for the digest {uuid.uuid4().hex[:6]}"

    page.goto("/subscribe")
    assert_accessible(page)
    page.get_by_label("Your email address").fill(address)
    page.get_by_label("Withdrawal support").check()
    page.get_by_label("Daily").check()
    page.get_by_role("button", name="Send me a confirmation email").click()
    expect(page.get_by_role("heading", name="Check your inbox")).to_be_visible()

    confirmation = live_server.wait_for_email(address)
    page.goto(link_in(confirmation, "/subscribe/confirm/"))
    page.get_by_role("button", name="Confirm my subscription").click()
    expect(page.get_by_role("heading", name="You are subscribed")).to_be_visible()

    # A member starts a thread in that category.
    page.goto("/login")
    page.get_by_label("Email or handle").fill("harbor")
    page.get_by_label("Password").fill("lantern-demo-password")
    page.get_by_role("button", name="Log in").click()
    expect(page).not_to_have_url(re.compile(r"/login"))
    page.goto("/c/withdrawal-support/new")
    page.get_by_label("Title").fill(title)
    page.get_by_label("Your post").fill("Week three of a hold, and the waves are softer.")
    page.get_by_role("button", name="Post thread").click()
    expect(page.get_by_role("heading", name=title)).to_be_visible()

    # The hourly job, run as if at the next digest hour (two days ahead is always past it).
    later = (datetime.now(timezone.utc) + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
    live_server.run_cli("run-job", "digests", "--now", later)
    digest = live_server.wait_for_email(address, count=2)
    assert digest["Subject"].startswith("Your Lantern digest")
    assert title in digest.get_body(preferencelist=("plain",)).get_content()
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    page.goto(link_in(digest, "/unsubscribe/"))
    assert_accessible(page)
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("heading", name="You are unsubscribed")).to_be_visible()
