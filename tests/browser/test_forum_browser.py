"""A member writes in a real browser: thread, preview, reply, edit, react; axe on each page."""
from playwright.sync_api import expect
import secrets
import subprocess
import sys

import pytest

from tests.browser.conftest import ROOT, _clean_env, assert_accessible

# Runs inside the live server's backend (the CLI's way in), prints a session cookie.
MAKE_MEMBER = """
import sys
from ops import localenv
localenv.use_running_backend(sys.argv[1])
from chalicelib.platform import members, session_lifecycle
member = members.create_member(sys.argv[2], sys.argv[2] + "@example.org", None,
                               verified=True, role=sys.argv[3])
print(session_lifecycle.start_session(member).split(";")[0])
"""


def log_in_as_new_member(tab, live_server, role="member"):
    """A fresh verified member with a real session (the login form is another helper's)."""
    handle = "b" + secrets.token_hex(4)
    result = subprocess.run([sys.executable, "-c", MAKE_MEMBER, live_server.state_dir, handle,
                             role], cwd=ROOT, env=_clean_env(), capture_output=True,
                            text=True, check=True)
    name, value = result.stdout.strip().splitlines()[-1].split("=", 1)
    tab.context.add_cookies([{"name": name, "value": value, "url": live_server.url}])
    return handle


def test_member_creates_previews_replies_edits_and_reacts(page, live_server):
    log_in_as_new_member(page, live_server)
    page.goto("/c/withdrawal-support")
    page.get_by_role("link", name="Start a thread").click()
    assert_accessible(page)
    title = "Browser thread " + secrets.token_hex(3)
    page.get_by_label("Title").fill(title)
    page.get_by_label("Content warning (optional)").fill("sleeplessness")
    page.get_by_label("Your post").fill("Night **nine** without sleep.")
    page.get_by_role("button", name="Preview").click()
    preview = page.locator("section.preview")
    preview.locator("summary").click()
    assert preview.locator("strong").inner_text() == "nine"
    assert page.get_by_label("Your post").input_value() == "Night **nine** without sleep."
    page.get_by_role("button", name="Post thread").click()
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Your reply").fill("Replying to myself, a little better today.")
    page.get_by_role("button", name="Post reply").click()
    expect(page.get_by_text("a little better today")).to_be_visible()

    page.get_by_role("link", name="Edit your post").last.click()
    assert_accessible(page)
    page.get_by_label("Your post").fill("Replying to myself, much better today.")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("much better today")).to_be_visible()
    expect(page.get_by_text("(edited")).to_be_visible()

    log_in_as_new_member(page, live_server)
    page.reload()
    page.get_by_role("button", name="Say “I hear you”").first.click()
    expect(page.get_by_text("1 member hears you").first).to_be_visible()


def test_composer_restores_its_local_draft(page, live_server):
    log_in_as_new_member(page, live_server)
    page.goto("/c/community/new")
    page.get_by_label("Your post").fill("Half a thought I must not lose")
    page.wait_for_timeout(1200)  # the autosave waits for a pause in typing
    page.goto("/c/community/new")
    assert page.get_by_label("Your post").input_value() == "Half a thought I must not lose"
    expect(page.get_by_text("Restored your unsent draft")).to_be_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_forum_pages_are_accessible(browser, live_server, scheme):
    context = browser.new_context(base_url=live_server.url, color_scheme=scheme)
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    try:
        log_in_as_new_member(tab, live_server)
        tab.goto("/")
        assert_accessible(tab)
        tab.goto("/c/recovery-stories")
        assert_accessible(tab)
        tab.get_by_role("link", name="Two years off: what helped me").click()
        assert_accessible(tab)
        tab.goto("/c/recovery-stories/new")
        tab.get_by_label("Your post").fill("Preview *me*")
        tab.get_by_role("button", name="Preview").click()
        assert_accessible(tab)
    finally:
        context.close()
