"""Starting threads and replying: validation, preview, refusals, and the text never lost."""
import threading

import pytest

from chalicelib.models.forum import Category, Post, Thread


def new_thread(client, slug="support", **data):
    form = {"title": "A long night", "body": "Day 40 of my hold.", "action": "post"}
    form.update(data)
    return client.post(f"/c/{slug}/new", form)


def test_member_starts_a_thread_and_lands_on_it(member_client, make):
    make.category("support")
    form = member_client.get("/c/support/new")
    assert form.status == 200
    assert form.soup.find("label", string="Title")
    page = new_thread(member_client, body="Day **40** of my hold.")
    assert page.status == 303
    assert "#post-" in page.location
    shown = member_client.follow()
    assert shown.soup.h1.get_text(strip=True) == "A long night"
    assert shown.soup.select_one(".post-body strong").get_text() == "40"
    assert shown.soup.find(attrs={"data-clear-draft": "new:support"})
    category = Category.get("site", "support")
    assert (category.thread_count, category.post_count) == (1, 1)


@pytest.mark.parametrize("title,body,field,message", [
    ("Hey", "Some text", "title", "at least 5"),
    ("x" * 151, "Some text", "title", "150 characters"),
    ("A good title", "   ", "body", "write something"),
    ("A good title", "y" * 30_001, "body", "30,000"),
])
def test_bad_input_shows_the_error_beside_the_field_and_keeps_the_text(
        member_client, make, title, body, field, message):
    make.category("support")
    page = new_thread(member_client, title=title, body=body)
    assert page.status == 400
    assert message in page.field_error(field)
    assert page.value_of("title") == title
    if body.strip():
        assert page.value_of("body") == body
    assert Thread.count() == 0


def test_preview_renders_without_posting(member_client, make):
    make.category("support")
    page = new_thread(member_client, body="*gently*", content_warning="suicidal thoughts",
                      action="preview")
    assert page.status == 200
    preview = page.soup.find("section", class_="preview")
    assert preview.find("em").get_text() == "gently"
    assert "suicidal thoughts" in preview.find("details").summary.get_text()
    assert page.value_of("body") == "*gently*"
    assert Thread.count() == 0


def test_content_warning_is_a_collapsed_details_on_the_thread(member_client, make):
    make.category("support")
    new_thread(member_client, content_warning="self-harm")
    page = member_client.follow()
    details = page.soup.select_one(".post details.content-warning")
    assert details is not None and not details.has_attr("open")
    assert "self-harm" in details.summary.get_text()


def test_reply_form_only_for_verified_members_of_open_threads(client, make):
    thread = make.thread()
    assert client.get(f"/t/{thread.thread_id}").soup.find("a", string="Log in")
    assert not client.get(f"/t/{thread.thread_id}").soup.find("textarea", attrs={"name": "body"})
    client.login(make.member(verified=False))
    page = client.get(f"/t/{thread.thread_id}")
    assert "confirm your email" in page.text
    assert not page.soup.find("textarea", attrs={"name": "body"})
    client.login(make.member())
    page = client.get(f"/t/{thread.thread_id}")
    assert page.soup.find("label", string="Your reply")


def test_unverified_member_cannot_post_and_keeps_text(client, make):
    thread = make.thread()
    client.login(make.member(verified=False))
    page = client.post(f"/t/{thread.thread_id}/reply", {"body": "Hello there", "action": "post"})
    assert page.status == 403
    assert "confirm your email" in page.text
    assert page.soup.find("textarea", string="Hello there")
    assert Thread.get(thread.thread_id).reply_count == 0


def test_reply_moves_counters_and_shows_on_thread(member_client, make):
    thread = make.thread()
    page = member_client.post(f"/t/{thread.thread_id}/reply",
                              {"body": "You are not alone.", "action": "post"})
    assert page.status == 303
    shown = member_client.follow()
    assert "You are not alone." in [p.get_text(strip=True) for p in shown.soup.select(".post-body")]
    assert Thread.get(thread.thread_id).reply_count == 1
    assert Category.get("site", "support").post_count == 2


def test_reply_preview_keeps_text(member_client, make):
    thread = make.thread()
    page = member_client.post(f"/t/{thread.thread_id}/reply",
                              {"body": "Holding is allowed.", "action": "preview"})
    assert page.status == 200
    assert page.soup.find("section", class_="preview")
    assert page.value_of("body") == "Holding is allowed."
    assert Thread.get(thread.thread_id).reply_count == 0


def test_closed_thread_shows_why_and_refuses_a_crafted_reply(member_client, make):
    from chalicelib.core import clock

    thread = make.thread()
    Thread(thread_id=thread.thread_id).update(actions=[
        Thread.status.set("closed"), Thread.closed_reason.set("stale"),
        Thread.closed_after_days.set(30), Thread.closed_at.set(clock.utcnow())])
    page = member_client.get(f"/t/{thread.thread_id}")
    assert "Closed after 30 days without replies" in page.text
    assert not page.soup.find("textarea", attrs={"name": "body"})
    refused = member_client.post(f"/t/{thread.thread_id}/reply",
                                 {"body": "Still here?", "action": "post"})
    assert refused.status == 403
    assert "thread is closed" in refused.text
    assert refused.soup.find("textarea", string="Still here?")
    assert Thread.get(thread.thread_id).reply_count == 0


def test_twenty_concurrent_replies_all_land(make):
    from chalicelib.forum import posting

    thread = make.thread()
    authors = [make.member() for _ in range(20)]
    start = threading.Barrier(20)
    failures = []

    def reply(author):
        start.wait()
        try:
            posting.add_reply(thread, author, f"Reply from {author.handle}")
        except Exception as error:  # pragma: no cover - reported below
            failures.append(error)

    workers = [threading.Thread(target=reply, args=(author,)) for author in authors]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert failures == []
    assert Post.count(thread.thread_id) == 21  # the opening post and 20 replies
    assert Thread.get(thread.thread_id, consistent_read=True).reply_count == 20
    assert Category.get("site", "support").post_count == 21


def test_long_thread_reply_lands_on_the_page_showing_it(member_client, make):
    from chalicelib.core import config

    thread = make.thread()
    for _ in range(config.settings.page_size + 2):
        make.reply(thread)
    page = member_client.post(f"/t/{thread.thread_id}/reply", {"body": "Late reply", "action": "post"})
    shown = member_client.follow()
    assert shown.soup.select(".post-body")[0].get_text(strip=True) == "Late reply"
    assert page.location.endswith(f"#{shown.soup.select('.post')[0]['id']}")
