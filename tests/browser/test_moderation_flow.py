"""Moderation in a real browser: a member reports a post (and blocks its author, then undoes
it), the moderator willow hides it from the queue and suspends the author, whose session
ends; axe-core on every moderation and safety page.

The author is a fresh member with a real password (suspending a demo member would spoil
other browser tests sharing the server); the reporter is a fresh member too.
"""
from playwright.sync_api import expect
import json
import secrets
import subprocess
import sys

from tests.browser.conftest import ROOT, _clean_env, assert_accessible, new_tab

PASSWORD = "a long enough password for tests"

# Runs inside the live server's backend; prints session cookies for the author, the
# reporter and the demo moderator willow. Only the suspended author's last attempt goes
# through the log-in form: the form allows 6 attempts a minute from one address, and
# every browser test comes from 127.0.0.1.
MAKE_MEMBERS = """
import json, sys
from ops import localenv
localenv.use_running_backend(sys.argv[1])
from chalicelib.core import passwords
from chalicelib.platform import members, session_lifecycle
author, reporter, password = sys.argv[2], sys.argv[3], sys.argv[4]
people = [members.create_member(author, author + "@example.org",
                                passwords.hash_password(password), verified=True),
          members.create_member(reporter, reporter + "@example.org", None, verified=True),
          members.member_by_handle("willow")]
print(json.dumps([session_lifecycle.start_session(m).split(";")[0].split("=", 1) for m in people]))
"""



def _make_members(live_server, *handles):
    """Session cookies of new members with ``handles``, then of the moderator willow."""
    made = subprocess.run([sys.executable, "-c", MAKE_MEMBERS, live_server.state_dir,
                           *handles, PASSWORD], cwd=ROOT, env=_clean_env(),
                          capture_output=True, text=True, check=True)
    return json.loads(made.stdout.strip().splitlines()[-1])


def _post_thread(page, title, body):
    page.goto("/c/community/new")
    page.get_by_label("Title").fill(title)
    page.get_by_label("Your post").fill(body)
    page.get_by_role("button", name="Post thread").click()
    expect(page.get_by_role("heading", name=title)).to_be_visible()


def test_report_hide_suspend_and_the_author_is_locked_out(browser, live_server):
    suffix = secrets.token_hex(3)
    author_handle, reporter_handle = f"rough{suffix}", f"kind{suffix}"
    author_cookie, reporter_cookie, willow_cookie = _make_members(
        live_server, author_handle, reporter_handle)

    author = new_tab(browser, live_server, author_cookie)
    title = f"Stop everything today {suffix}"
    _post_thread(author, title, "Just stop all your pills at once, it is fine.")

    reporter = new_tab(browser, live_server, reporter_cookie)
    reporter.goto(author.url)
    reporter.get_by_role("link", name=f"Report post by {author_handle}").click()
    expect(reporter.get_by_role("heading", name="Report a post")).to_be_visible()
    assert_accessible(reporter)
    reporter.get_by_label("Harmful or dangerous advice").check()
    reporter.get_by_label("A note for the moderators").fill("Cold turkey advice.")
    reporter.get_by_role("button", name="Send report").click()
    expect(reporter.get_by_text("Thank you for your report")).to_be_visible()
    assert_accessible(reporter)

    # Blocking from the post's menu: a plain confirmation, then the post folds away.
    reporter.goto(author.url)
    reporter.get_by_role("link", name=f"Block {author_handle}").click()
    expect(reporter.get_by_text("You will no longer see their posts")).to_be_visible()
    assert_accessible(reporter)
    reporter.get_by_role("button", name=f"Block {author_handle}").click()
    expect(reporter.get_by_text(f"You blocked {author_handle}.")).to_be_visible()
    reporter.goto("/settings")
    reporter.get_by_role("link", name="Blocked members").click()
    expect(reporter.get_by_role("heading", name="You have blocked")).to_be_visible()
    assert_accessible(reporter)
    reporter.get_by_role("button", name=f"Unblock {author_handle}").click()
    expect(reporter.get_by_role("button", name=f"Unblock {author_handle}")).to_have_count(0)
    reporter.context.close()

    moderator = new_tab(browser, live_server, willow_cookie)
    moderator.goto("/mod")
    case = moderator.locator("li.case", has_text=title)
    expect(case.get_by_text("Cold turkey advice.")).to_be_visible()
    assert_accessible(moderator)
    case.get_by_label("Reason for the log (optional)").fill("Dangerous taper advice")
    case.get_by_role("button", name="Hide post").click()
    expect(moderator.get_by_text("Done. The action is in the audit log.")).to_be_visible()
    expect(moderator.locator("li.case", has_text=title)).to_have_count(0)

    moderator.get_by_role("link", name="Audit log").click()
    row = moderator.locator("tr", has_text="Dangerous taper advice")
    expect(row).to_be_visible()
    assert_accessible(moderator)
    row.get_by_role("link", name=author_handle).click()
    expect(moderator.get_by_role("heading", name=f"Moderate {author_handle}")).to_be_visible()
    assert_accessible(moderator)
    moderator.get_by_label("How long").select_option(label="1 week")
    moderator.get_by_label("Reason (the member will see this)").fill(
        "Advice to stop abruptly can hurt people.")
    moderator.get_by_role("button", name=f"Suspend {author_handle}").click()
    expect(moderator.get_by_role("heading", name="Suspended until")).to_be_visible()
    assert_accessible(moderator)
    moderator.context.close()

    # The author's open page still shows the reply box, but the session behind it is over.
    author.get_by_label("Your reply").fill("Why was my post hidden?")
    author.get_by_role("button", name="Post reply").click()
    expect(author.get_by_role("heading", name="Please log in again")).to_be_visible()
    author.goto("/login")
    author.get_by_label("Email or handle").fill(author_handle)
    author.get_by_label("Password").fill(PASSWORD)
    author.get_by_role("button", name="Log in").click()
    expect(author.get_by_text("Your account is suspended until")).to_be_visible()
    expect(author.get_by_text("Advice to stop abruptly can hurt people.")).to_be_visible()
    author.goto("/")
    expect(author.get_by_role("link", name="Log in")).to_be_visible()
    author.context.close()


def test_a_moderator_hides_a_thread_and_restores_it(browser, live_server):
    suffix = secrets.token_hex(3)
    author_handle, reader_handle = f"tired{suffix}", f"calm{suffix}"
    author_cookie, _, willow_cookie = _make_members(live_server, author_handle, reader_handle)

    author = new_tab(browser, live_server, author_cookie)
    title = f"Where to buy pills online {suffix}"
    _post_thread(author, title, "Message me for a seller.")
    thread_url = author.url
    author.context.close()

    moderator = new_tab(browser, live_server, willow_cookie)
    moderator.goto(thread_url)
    moderator.get_by_text("Moderator tools").click()
    moderator.get_by_role("link", name="Hide this thread…").click()
    expect(moderator.get_by_role("heading", name=f"Hide “{title}”")).to_be_visible()
    assert_accessible(moderator)
    moderator.get_by_role("button", name="Hide this thread").click()
    expect(moderator.locator(".field-error", has_text="Say why the thread is hidden")).to_be_visible()
    moderator.get_by_label("Why hide it?").fill("Selling medication")
    moderator.get_by_role("button", name="Hide this thread").click()
    expect(moderator.get_by_text("The thread is hidden.")).to_be_visible()
    expect(moderator.get_by_text("Message me for a seller.")).to_be_visible()
    assert_accessible(moderator)

    reader = new_tab(browser, live_server)
    reader.goto(thread_url)
    expect(reader.get_by_text("This conversation is no longer public.")).to_be_visible()
    reader.goto("/c/community")
    expect(reader.get_by_text(title)).to_have_count(0)

    moderator.goto("/mod")
    moderator.get_by_role("link", name="Hidden threads").click()
    assert_accessible(moderator)
    expect(moderator.get_by_role("link", name=title)).to_be_visible()
    # The thread's own address shows a moderator the thread, what happened, and Restore.
    moderator.goto(thread_url)
    expect(moderator.get_by_role("heading", name="This thread is hidden from members")).to_be_visible()
    expect(moderator.get_by_text("Reason: Selling medication")).to_be_visible()
    expect(moderator.get_by_text("Message me for a seller.")).to_be_visible()
    assert_accessible(moderator)
    moderator.get_by_role("button", name="Restore this thread").click()
    expect(moderator.get_by_role("heading", name=title)).to_be_visible()
    expect(moderator.get_by_role("heading", name="This thread is hidden from members")).to_have_count(0)
    moderator.context.close()

    # Anonymous pages may be kept for a minute (web/caching.py): a new visitor's tab.
    reader.context.close()
    reader = new_tab(browser, live_server)
    reader.goto("/c/community")
    expect(reader.get_by_role("link", name=title)).to_be_visible()
    reader.context.close()
