"""What's new (issue 17): read positions, "N new" on thread lists, the "New since your last
visit" mark, the What's new page and Mark all as read; and what a member's thread page and
lists cost in DynamoDB requests (issue 16)."""
from datetime import timedelta

import pytest

from chalicelib.core import clock
from chalicelib.models.readings import ReadingItem, thread_key


def cost(client, path, requests):
    before = len(requests)
    page = client.get(path)
    assert page.status == 200, (path, page.status)
    return requests[before:], page


def earlier(minutes):
    return clock.utcnow() - timedelta(minutes=minutes)


@pytest.fixture
def reader(make):
    """A member who joined a while ago, and a thread with two posts from before."""
    member = make.member(handle="juniper", now=earlier(600))
    thread = make.thread(title="Week three of the taper", now=earlier(300))
    make.reply(thread, body="Same here.", now=earlier(200))
    return member, thread


def test_a_members_thread_page_costs_two_requests_and_writes_only_forward(
        client, make, reader, dynamodb_requests):
    member, thread = reader
    client.login(member)
    path = f"/t/{thread.thread_id}"
    first, _ = cost(client, path, dynamodb_requests)
    # The posts Query, then one BatchGetItem of session, member, thread, follow, own state,
    # reactions and blocks; the first visit moves the read position (one UpdateItem).
    assert first == ["Query", "BatchGetItem", "UpdateItem"]
    again, _ = cost(client, path, dynamodb_requests)
    assert again == ["Query", "BatchGetItem"]  # nothing new: no write
    client.logout()
    anonymous, _ = cost(client, path, dynamodb_requests)
    assert anonymous == ["Query", "BatchGetItem"]


def test_new_posts_show_on_lists_and_the_thread_marks_where_they_begin(
        client, make, reader, dynamodb_requests):
    member, thread = reader
    client.login(member)
    client.get(f"/t/{thread.thread_id}")
    assert ReadingItem.get(member.member_id, thread_key(thread.thread_id)).read_count == 2
    newer = [make.reply(thread, body=f"News {n}.") for n in range(3)]
    for path in ("/", "/c/support"):
        requests, page = cost(client, path, dynamodb_requests)
        link = page.soup.select_one(".badge-new")
        assert link.get_text(" ", strip=True).startswith("3 new"), path
        assert link["href"] == f"/t/{thread.thread_id}#new"
        # Anonymous lists cost 2 (home) or 2 (category); the member adds one BatchGetItem.
        assert requests.count("BatchGetItem") == 1 and len(requests) == 3, (path, requests)
    page = client.get(f"/t/{thread.thread_id}")
    marker = page.soup.select_one("#new")
    assert marker.get_text(strip=True) == "New since your last visit"
    assert marker.find_parent("li")["id"] == f"post-{newer[0].post_id}"
    assert not client.get("/").soup.select(".badge-new")  # all read now
    assert not client.get(f"/t/{thread.thread_id}").soup.select("#new")


def test_unanswered_list_shows_new_posts_too(client, make):
    member = make.member(now=earlier(600))
    thread = make.thread(title="Nobody has answered yet", now=earlier(300))
    client.login(member)
    page = client.get("/unanswered")
    link = page.soup.select_one(".badge-new")
    assert link is not None and link.get_text(" ", strip=True).startswith("1 new")
    client.get(f"/t/{thread.thread_id}")
    assert not client.get("/unanswered").soup.select(".badge-new")


def test_visitors_and_threads_from_before_joining_show_nothing_new(client, make):
    make.thread(title="An old thread", now=earlier(600))
    assert not client.get("/").soup.select(".badge-new")
    client.login(make.member())
    assert not client.get("/").soup.select(".badge-new")


def test_whats_new_lists_unread_threads_newest_first_and_mark_all_as_read_clears_it(
        client, make, reader, dynamodb_requests):
    member, thread = reader
    client.login(member)
    client.get(f"/t/{thread.thread_id}")
    quiet = make.thread(title="A quiet thread", now=earlier(100))
    make.reply(thread, body="Something new.")
    requests, page = cost(client, "/new", dynamodb_requests)
    assert requests == ["Query", "BatchGetItem"]
    titles = [row.select_one(".thread-title a").get_text(strip=True)
              for row in page.soup.select(".thread-row")]
    assert titles == ["Week three of the taper", "A quiet thread"]
    assert page.soup.find("button", string="Mark all as read")
    assert client.post("/new/read").status == 303
    page = client.follow()
    assert "Everything is marked as read" in page.text
    assert not page.soup.select(".thread-row") and "all caught up" in page.text
    assert not client.get("/").soup.select(".badge-new")
    make.reply(quiet, body="After the horizon.")
    page = client.get("/new")
    assert [row.select_one(".thread-title a").get_text(strip=True)
            for row in page.soup.select(".thread-row")] == ["A quiet thread"]


def test_whats_new_asks_visitors_to_log_in(client):
    assert client.get("/new").asks_to_log_in
    assert client.get("/saved").asks_to_log_in


def test_a_stale_session_cookie_reads_nothing_of_the_member(client, make, reader):
    member, thread = reader
    client.login(member)
    from chalicelib.platform import session_lifecycle
    from chalicelib.models import Member

    session_lifecycle.end_all_sessions(Member.get(member.member_id))
    page = client.get(f"/t/{thread.thread_id}")
    assert page.status == 200 and not page.soup.select("#own-actions")
    assert "Log in" in page.text
    assert client.get("/new").asks_to_log_in


def test_hidden_and_removed_posts_still_move_the_position(client, make, reader):
    from chalicelib.models.forum import Post

    member, thread = reader
    post = make.reply(thread, body="To be hidden.")
    stored = Post.get(thread.thread_id, post.post_id)
    stored.update(actions=[Post.status.set("hidden")])
    client.login(member)
    page = client.get(f"/t/{thread.thread_id}")
    assert "hidden while moderators review it" in page.text
    state = ReadingItem.get(member.member_id, thread_key(thread.thread_id))
    assert state.last_read_id == post.post_id and state.read_count == 3


def test_whats_new_pages_on_across_rounds(client, make, monkeypatch):
    from chalicelib.core import config
    from chalicelib.forum import whats_new

    member = make.member(now=earlier(600))
    threads = [make.thread(title=f"Thread {n}", now=earlier(500 - n)) for n in range(7)]
    client.login(member)
    for thread in threads[1::2]:  # read: 1, 3, 5; unread: 6, 4, 2, 0
        client.get(f"/t/{thread.thread_id}")
    monkeypatch.setattr(whats_new, "ROUND", 2)
    original = config.settings.page_size
    config.override(page_size=3)
    try:
        page, seen = client.get("/new"), []
        while True:
            seen += [row.select_one(".thread-title a").get_text(strip=True)
                     for row in page.soup.select(".thread-row")]
            more = page.soup.find("a", rel="next")
            if more is None:
                break
            page = client.get(more["href"])
    finally:
        config.override(page_size=original)
    assert seen == ["Thread 6", "Thread 4", "Thread 2", "Thread 0"]
