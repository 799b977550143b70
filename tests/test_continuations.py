"""Continuations: a thread closed for inactivity can be carried on, linked both ways."""
from datetime import timedelta

from chalicelib import jobs
from chalicelib.core import clock
from chalicelib.models.forum import Thread

NOW = clock.utcnow()


def closed_thread(make, title="Tapering diary, first year"):
    thread = make.thread(title=title, now=NOW - timedelta(days=40))
    jobs.run_job("close-stale", now=NOW)
    return Thread.get(thread.thread_id, consistent_read=True)


def test_stale_thread_offers_to_continue_and_the_form_is_prefilled(member_client, make):
    old = closed_thread(make)
    page = member_client.get(f"/t/{old.thread_id}")
    link = page.soup.find("a", string="Continue this conversation")
    assert link["href"] == f"/c/support/new?continues={old.thread_id}"
    form = member_client.get(link["href"])
    assert form.status == 200
    assert form.value_of("title") == "Tapering diary, first year (continued)"
    assert f"](/t/{old.thread_id})" in form.soup.find("textarea", id="body").text
    assert form.value_of("continues") == old.thread_id


def test_posting_the_continuation_links_both_ways(member_client, make):
    old = closed_thread(make)
    member_client.post(f"/c/support/new?continues={old.thread_id}", {
        "title": "Tapering diary, second year", "continues": old.thread_id,
        "body": "Picking up where we left off.", "action": "post"})
    new_page = member_client.follow()
    assert new_page.status == 200
    back = new_page.soup.find("p", class_="continuation")
    assert "Continued from" in back.text
    assert back.a["href"] == f"/t/{old.thread_id}" and back.a.text == old.title
    old_page = member_client.get(f"/t/{old.thread_id}")
    forward = old_page.soup.find("p", class_="continuation")
    assert "continues in" in forward.text and forward.a.text == "Tapering diary, second year"
    assert old_page.soup.find("a", string="Continue this conversation") is None


def test_preview_keeps_the_link_back(member_client, make):
    old = closed_thread(make)
    preview = member_client.post("/c/support/new", {
        "title": "Tapering diary, second year", "continues": old.thread_id,
        "body": "Draft", "action": "preview"})
    assert preview.value_of("continues") == old.thread_id


def test_open_or_moderator_closed_threads_do_not_offer_it(member_client, make):
    thread = make.thread(now=NOW)
    assert member_client.get(f"/t/{thread.thread_id}").soup.find(
        "a", string="Continue this conversation") is None
    form = member_client.get(f"/c/support/new?continues={thread.thread_id}")
    assert form.status == 200 and not form.value_of("continues")
