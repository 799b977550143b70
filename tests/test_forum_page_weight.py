"""Page budgets: a 20-post thread weighs < 60 KB of HTML+CSS+JS; pages cost <= 2 requests."""
import os


from chalicelib.platform import rendering

BUDGET_BYTES = 60 * 1024
# A realistic post: a few paragraphs of prose, some emphasis, a list and a link.
BODY = ("Day 212 of my taper. The waves came back this week: **insomnia**, the buzzing in my "
        "hands, and a heaviness that sits on my chest in the mornings.\n\n"
        "What helped a little:\n\n- a slow walk before breakfast\n- writing here\n"
        "- reading [the tapering guide](https://example.org/guide) again\n\n"
        "I know it passes. It always has. But it is hard to believe that at 4 am.")


def static_bytes(name):
    return os.path.getsize(os.path.join(rendering.STATIC_DIR, name))


def test_a_twenty_post_thread_page_weighs_under_60_kb(member_client, make, capsys):
    thread = make.thread(title="Day 212: the waves are back", body=BODY,
                         content_warning="sleep deprivation")
    for _ in range(19):
        make.reply(thread, body=BODY)
    page = member_client.get(f"/t/{thread.thread_id}")  # logged in: every form is there
    assert len(page.soup.select(".post")) == 20
    html = len(page.response.body)
    scripts = static_bytes("composer.js") + static_bytes("quote.js")
    total = html + static_bytes("lantern.css") + scripts
    with capsys.disabled():
        print(f"\n20-post thread page: HTML {html:,} B + CSS {static_bytes('lantern.css'):,} B"
              f" + JS {scripts:,} B = {total:,} B (budget {BUDGET_BYTES:,})")
    assert total < BUDGET_BYTES


def test_anonymous_category_and_thread_pages_cost_two_requests(client, make, dynamodb_requests):
    thread = make.thread()
    for _ in range(3):
        make.reply(thread)
    for path in ("/c/support", f"/t/{thread.thread_id}", "/c/support/feed"):
        before = len(dynamodb_requests)
        assert client.get(path).status == 200
        assert 1 <= len(dynamodb_requests) - before <= 2, (path, dynamodb_requests[before:])
