"""Reading together in a real browser: select a passage and "Quote this", the Quote link
without JavaScript, Save / Unsave and the Saved page, What's new; axe on the new pages."""
import re
import secrets

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.browser.test_forum_browser import log_in_as_new_member


def start_thread(page, body):
    page.goto("/c/community/new")
    title = "Quoting thread " + secrets.token_hex(3)
    page.get_by_label("Title").fill(title)
    page.get_by_label("Your post").fill(body)
    page.get_by_role("button", name="Post thread").click()
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    return title


def test_quote_a_selected_passage_save_and_find_it_again(page, live_server):
    author = log_in_as_new_member(page, live_server)
    title = start_thread(page, "The first weeks were the hardest. Then the mornings eased.")
    thread_url = page.url.split("?")[0].split("#")[0]
    thread_id = thread_url.rsplit("/", 1)[1]

    log_in_as_new_member(page, live_server)
    page.goto(thread_url)
    body = page.locator(".post-body p").first
    # Select "Then the mornings eased." inside the post, as a reader's mouse would.
    body.evaluate("""(element) => {
        const text = element.firstChild, start = text.data.indexOf("Then");
        const range = document.createRange();
        range.setStart(text, start);
        range.setEnd(text, text.data.length);
        const selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
    }""")
    quote = page.get_by_role("button", name="Quote this")
    expect(quote).to_be_visible()
    quote.click()
    reply = page.get_by_label("Your reply")
    expect(reply).to_have_value(re.compile(
        rf"^\[{author} wrote:\]\(/t/{thread_id}/p/{thread_id}\)\n> Then the mornings eased\.\n\n$"))
    reply.press("End")
    reply.type("That gives me hope.")
    page.get_by_role("button", name="Post reply").click()
    expect(page.locator("blockquote").first).to_contain_text("Then the mornings eased.")
    assert_accessible(page)

    # Without JavaScript's help: the Quote link opens the reply form with the whole post.
    page.locator(f"#post-{thread_id}").get_by_role("link", name="Quote").click()
    expect(page.get_by_label("Your reply")).to_have_value(re.compile(
        rf"^\[{author} wrote:\]\(/t/{thread_id}/p/{thread_id}\)\n> The first weeks"))

    page.goto(thread_url)
    page.locator(f"#post-{thread_id}").get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(f"#post-{thread_id}").get_by_role("button", name="Unsave")).to_be_visible()
    page.locator(".nav-wide, .nav-menu").get_by_role("link", name="Saved").first.click()
    expect(page.get_by_role("heading", name="Saved posts", level=1)).to_be_visible()
    expect(page.get_by_role("link", name=title)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=title).click()  # the post's own address
    expect(page.locator(f"#post-{thread_id}")).to_be_visible()

    page.goto("/new")
    expect(page.get_by_role("heading", name="What's new", level=1)).to_be_visible()
    assert_accessible(page)
    if page.get_by_role("button", name="Mark all as read").count():
        page.get_by_role("button", name="Mark all as read").click()
        expect(page.get_by_text("Everything is marked as read")).to_be_visible()
        assert_accessible(page)
