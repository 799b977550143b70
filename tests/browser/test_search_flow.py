"""Search in a real browser: the header's Search finds a post by a brand name it never uses."""
import secrets

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, new_tab
from tests.browser.test_forum_browser import log_in_as_new_member


def test_searching_zoloft_from_the_header_finds_a_post_that_says_sertraline(
        page, browser, live_server):
    log_in_as_new_member(page, live_server)
    word = "steady" + secrets.token_hex(3)
    page.goto("/c/withdrawal-support")
    page.get_by_role("link", name="Start a thread").click()
    page.get_by_label("Title").fill(f"Holding at 25 mg, {word}")
    page.get_by_label("Your post").fill("Down to 25 mg of sertraline and holding for a month.")
    page.get_by_role("button", name="Post thread").click()
    expect(page.get_by_role("heading", name=f"Holding at 25 mg, {word}")).to_be_visible()

    visitor = new_tab(browser, live_server)
    try:
        visitor.goto("/")
        header = visitor.get_by_role("search").first
        # The stream reaches the index a moment after the post (docs/search.md).
        for _ in range(30):
            header.get_by_role("searchbox", name="Search", exact=True).fill(f"Zoloft {word}")
            header.get_by_role("button", name="Search").click()
            if visitor.locator(".search-hit").count():
                break
            visitor.wait_for_timeout(500)
        hit = visitor.locator(".search-hit").first
        expect(hit).to_contain_text(word)
        expect(hit.locator("mark", has_text="sertraline")).to_be_visible()
        assert_accessible(visitor)
        hit.get_by_role("link", name=f"Holding at 25 mg, {word}").click()
        expect(visitor.get_by_role("heading", name=f"Holding at 25 mg, {word}")).to_be_visible()
    finally:
        visitor.context.close()


def test_the_header_search_fits_a_phone_and_a_wide_screen(browser, live_server):
    for width, height in ((390, 844), (1280, 800)):
        tab = new_tab(browser, live_server)
        try:
            tab.set_viewport_size({"width": width, "height": height})
            tab.goto("/")
            field = tab.get_by_role("searchbox", name="Search", exact=True)
            expect(field).to_be_visible()
            expect(tab.locator(".header-search button")).to_be_visible()
            assert tab.evaluate("document.documentElement.scrollWidth") <= width
        finally:
            tab.context.close()
