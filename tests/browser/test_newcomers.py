"""No one left alone, in a real browser: a newcomer's first thread waits in Unanswered and
under Newcomers until a greeter replies."""
from playwright.sync_api import expect
import json
import secrets
import subprocess
import sys

from tests.browser.conftest import ROOT, _clean_env, assert_accessible, new_tab

# Runs against the live server's own backend (a separate process with its own moto).
MAKE_MEMBERS = """
import json, sys
from ops import localenv
localenv.use_running_backend(sys.argv[1])
from chalicelib.core import clock
from chalicelib.platform import members, session_lifecycle
from chalicelib.care import greeters
now = clock.utcnow()
newcomer = members.create_member(sys.argv[2], sys.argv[2] + "@example.org", "x", now=now,
                                 verified=True)
greeter = members.create_member(sys.argv[3], sys.argv[3] + "@example.org", "x", now=now,
                                 verified=True)
greeters.set_greeter(greeter, True, "never", now)
cookies = [session_lifecycle.start_session(m).split(";")[0].split("=", 1)
           for m in (newcomer, greeter)]
print(json.dumps(cookies))
"""


# The newcomer and unanswered marks follow a moment after the write, from the table
# streams the live server polls every 0.3 s (docs/streams.md).
STREAM_LAG_MS = 5000


def reload_until(tab, locator, visible=True):
    """Reload ``tab`` until ``locator`` is (or is no longer) shown, for at most STREAM_LAG_MS."""
    for _attempt in range(STREAM_LAG_MS // 250):
        if (locator.count() > 0) == visible:
            return
        tab.wait_for_timeout(250)
        tab.reload()
    assert (locator.count() > 0) == visible, f"{locator} still {'absent' if visible else 'shown'}"


def test_first_thread_waits_until_a_greeter_replies(browser, live_server):
    suffix = secrets.token_hex(3)
    result = subprocess.run(
        [sys.executable, "-c", MAKE_MEMBERS, live_server.state_dir, f"new{suffix}",
         f"greet{suffix}"], cwd=ROOT, check=True, capture_output=True, text=True,
        env=_clean_env())
    newcomer_cookie, greeter_cookie = json.loads(result.stdout.strip().splitlines()[-1])
    title = f"My first week off, so frightened {suffix}"

    tab = new_tab(browser, live_server, newcomer_cookie)
    tab.goto("/c/introductions/new")
    tab.get_by_label("Title").fill(title)
    tab.get_by_label("Your post").fill("I do not know who else to tell. Is this normal?")
    tab.get_by_role("button", name="Post thread").click()
    expect(tab.get_by_role("heading", name=title)).to_be_visible()
    reload_until(tab, tab.get_by_text("Volunteers read every new thread"))
    tab.goto("/")
    tab.get_by_role("link", name="waiting for a first reply").click()
    expect(tab.get_by_role("link", name=title)).to_be_visible()
    assert_accessible(tab)
    tab.context.close()

    tab = new_tab(browser, live_server, greeter_cookie)
    tab.goto("/newcomers")
    assert_accessible(tab)
    tab.get_by_role("link", name=title).click()
    tab.get_by_label("Your reply").fill("Welcome. Yes, this is common, and it does ease.")
    tab.get_by_role("button", name="Post reply").click()
    expect(tab.get_by_text("Your post is up")).to_be_visible()
    tab.goto("/unanswered")
    expect(tab.get_by_role("heading", name="Unanswered")).to_be_visible()
    reload_until(tab, tab.get_by_role("link", name=title), visible=False)
    tab.context.close()
