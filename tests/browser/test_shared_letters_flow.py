"""Share our letters, end to end in a real browser: harbor proposes two letters with a
place cut out, willow reads exactly that and approves, the thread is published under both
names, and willow unpublishes it: gone from the thread's address and the home page.

Uses the demo correspondence of willow and harbor that `make run` seeds.
"""
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.browser.test_correspondence_flow import log_in

TITLE = "Mornings, kettles and herons: letters between two of us"


def open_share_page(tab, other):
    """Letters, the letters with ``other``, their sharing page: each click waits for the
    page it opens (the thread page links ``other``'s name too, as its posts' author)."""
    tab.get_by_role("link", name="Letters", exact=True).click()
    expect(tab.get_by_role("heading", name="Your letters")).to_be_visible()
    tab.get_by_role("link", name=other).first.click()
    expect(tab.get_by_role("heading", name=f"Letters with {other}")).to_be_visible()
    tab.get_by_role("link", name="Share our letters").click()
    expect(tab.get_by_role("heading", name="Share our letters")).to_be_visible()


def test_propose_approve_publish_and_unpublish(browser, live_server, page):
    harbor = page
    log_in(harbor, "harbor")
    open_share_page(harbor, "willow")
    assert_accessible(harbor)
    harbor.get_by_label("Title of the thread").fill(TITLE)
    harbor.get_by_label("Category").select_option(index=1)
    letters = harbor.locator(".shared-letter")
    letters.nth(0).get_by_role("checkbox").check()
    letters.nth(1).get_by_role("checkbox").check()
    letters.nth(2).get_by_role("checkbox").check()
    first = letters.nth(0).locator("textarea")
    first.fill(first.input_value().replace("heron on the canal", "[a place]"))
    harbor.get_by_role("button", name="Propose sharing").click()
    expect(harbor.get_by_text("Waiting for willow")).to_be_visible()
    expect(harbor.get_by_role("button", name="Approve and publish")).to_have_count(0)

    context = browser.new_context(base_url=live_server.url)
    willow = context.new_page()
    willow.set_default_timeout(10_000)
    try:
        log_in(willow, "willow")
        open_share_page(willow, "harbor")
        preview = willow.locator(".shared-preview")
        expect(preview).to_contain_text("[a place]")
        expect(preview).not_to_contain_text("heron on the canal")
        expect(preview).to_contain_text("the kettle filled")
        assert_accessible(willow)
        willow.get_by_role("button", name="Approve and publish").click()
        expect(willow.get_by_role("heading", name=TITLE)).to_be_visible()
        expect(willow.get_by_text("Shared with both writers' permission")).to_be_visible()
        expect(willow.get_by_text("Letters between harbor and willow")).to_be_visible()
        thread_url = willow.url
        harbor.goto("/")
        expect(harbor.get_by_role("link", name=TITLE).first).to_be_visible()

        open_share_page(willow, "harbor")
        willow.get_by_role("button", name="Unpublish").click()
        expect(willow.get_by_text("no longer shows anywhere")).to_be_visible()
        response = harbor.goto(thread_url)
        assert response.status == 404
        expect(harbor.get_by_text("no longer public")).to_be_visible()
        harbor.goto("/")
        expect(harbor.get_by_role("link", name=TITLE)).to_have_count(0)
    finally:
        context.close()
