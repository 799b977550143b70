"""One member mentions and quotes another, who finds both under Notifications and follows
each link to the post (axe on the new pages)."""
import re
import secrets

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, new_tab
from tests.browser.test_forum_browser import log_in_as_new_member


def _wait_for_link(tab, name, tries=40):
    """The streams reach the notifications a moment after the posts: reload until then."""
    for _ in range(tries):
        tab.goto("/")
        if tab.get_by_role("link", name=name, exact=True).count():
            return tab.get_by_role("link", name=name, exact=True).first
        tab.wait_for_timeout(250)
    raise AssertionError(f"no link named {name!r}")


def test_a_member_sees_a_mention_and_a_quote_and_follows_them(browser, live_server):
    author = new_tab(browser, live_server)
    friend = new_tab(browser, live_server)
    try:
        author_handle = log_in_as_new_member(author, live_server)
        friend_handle = log_in_as_new_member(friend, live_server)
        author.goto("/c/withdrawal-support")
        author.get_by_role("link", name="Start a thread").click()
        title = "Night notes " + secrets.token_hex(3)
        author.get_by_label("Title").fill(title)
        author.get_by_label("Your post").fill("Night nine without sleep, but calmer.")
        author.get_by_role("button", name="Post thread").click()
        expect(author.get_by_role("heading", name=title)).to_be_visible()
        thread_path = re.sub(r"^https?://[^/]+", "", author.url).split("?")[0].split("#")[0]
        thread_id = thread_path.rsplit("/", 1)[1]

        friend.goto(thread_path)
        friend.get_by_label("Your reply").fill(f"Thinking of you, @{author_handle}.")
        friend.get_by_role("button", name="Post reply").click()
        expect(friend.get_by_role("link", name=f"@{author_handle}")).to_be_visible()
        friend.get_by_label("Your reply").fill(
            f"[{author_handle} wrote:](/t/{thread_id}/p/{thread_id})\n"
            "> Night nine without sleep, but calmer.\n\nCalmer is something.")
        friend.get_by_role("button", name="Post reply").click()
        expect(friend.get_by_text("Calmer is something.")).to_be_visible()

        _wait_for_link(author, "Notifications (2)").click()
        expect(author.get_by_role("heading", name="Notifications")).to_be_visible()
        assert_accessible(author)
        quoted = author.get_by_role("link", name=re.compile(
            f"{friend_handle} quoted your post in “{title}”"))
        mentioned = author.get_by_role("link", name=re.compile(
            f"{friend_handle} mentioned you in “{title}”"))
        expect(quoted).to_be_visible()
        expect(mentioned).to_be_visible()
        mentioned.click()
        expect(author).to_have_url(re.compile(rf"/t/{thread_id}.*#post-"))
        expect(author.get_by_text(f"Thinking of you, @{author_handle}.")).to_be_visible()
        author.goto("/notifications")
        expect(author.get_by_role("link", name="Notifications", exact=True)).to_be_visible()
        author.get_by_role("link", name=re.compile("quoted your post")).click()
        expect(author).to_have_url(re.compile(rf"/t/{thread_id}.*#post-"))
        expect(author.get_by_text("Calmer is something.")).to_be_visible()

        author.goto("/settings/notifications")
        assert_accessible(author)
        author.get_by_role("group", name="Quotes of your posts").get_by_label("Off").check()
        author.get_by_role("button", name="Save").click()
        expect(author.get_by_role("status")).to_have_text("Saved.")
    finally:
        author.context.close()
        friend.context.close()
