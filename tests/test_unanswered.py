"""Unanswered threads: the sparse index, the site-stats count, the page and the home link."""
from datetime import timedelta

import pytest

from chalicelib import jobs
from chalicelib.core import clock
from chalicelib.care import unanswered
from chalicelib.forum import posting, reading
from chalicelib.models.forum import Thread

NOW = clock.parse_iso("2026-12-01T12:00:00Z")


def listed():
    threads, _ = unanswered.unanswered_threads()
    return [thread.thread_id for thread in threads]


def stored_count():
    return unanswered.stats_count(reading.categories_and_stats()[1])


def test_a_new_thread_is_unanswered(make):
    thread = make.thread(now=NOW)
    assert listed() == [thread.thread_id]
    assert stored_count() == 1


@pytest.mark.parametrize("own_replies", [1, 3])
def test_the_authors_own_replies_leave_it_unanswered(make, own_replies):
    author = make.member()
    thread = make.thread(author=author, now=NOW)
    for number in range(own_replies):
        make.reply(thread, author=author, now=NOW + timedelta(minutes=number + 1))
    assert listed() == [thread.thread_id]
    assert stored_count() == 1


def test_the_first_reply_by_someone_else_answers_it(make):
    thread = make.thread(now=NOW)
    make.reply(thread, now=NOW + timedelta(hours=1))
    assert listed() == [] and stored_count() == 0
    answered = Thread.get(thread.thread_id, consistent_read=True)
    assert answered.unanswered is None and answered.answered_at == NOW + timedelta(hours=1)


def test_many_replies_count_the_answer_once(make):
    author = make.member()
    waiting = make.thread(now=NOW - timedelta(days=2))
    thread = make.thread(author=author, now=NOW)
    make.reply(thread, author=author, now=NOW + timedelta(minutes=1))
    for number in range(4):
        make.reply(thread, now=NOW + timedelta(minutes=2 + number))
    make.reply(thread, author=author, now=NOW + timedelta(minutes=9))
    assert listed() == [waiting.thread_id]
    assert stored_count() == 1


def test_a_second_first_answer_from_a_stale_read_still_lands_and_counts_once(make, drain_streams):
    thread = make.thread(now=NOW)
    stale = Thread.get(thread.thread_id, consistent_read=True)  # read before anyone answered
    make.reply(thread, now=NOW + timedelta(minutes=1))
    posting.add_reply(stale, make.member(), "Me too", now=NOW + timedelta(minutes=2))
    drain_streams()
    fresh = Thread.get(thread.thread_id, consistent_read=True)
    assert fresh.reply_count == 2 and stored_count() == 0 and listed() == []


def test_closing_takes_it_off_the_list(make, drain_streams):
    quiet = make.thread(now=NOW - timedelta(days=31))
    answered = make.thread(now=NOW - timedelta(days=32))
    make.reply(answered, now=NOW - timedelta(days=31))
    assert stored_count() == 1
    assert jobs.run_job("close-stale", now=NOW)["closed"] == 2
    drain_streams()
    assert listed() == [] and stored_count() == 0
    assert Thread.get(quiet.thread_id).status == "closed"


def test_page_lists_oldest_first_with_how_long_each_waited(client, make):
    now = clock.utcnow()
    older = make.thread(title="Three days of waiting", now=now - timedelta(days=3))
    newer = make.thread(title="Two hours of waiting", now=now - timedelta(hours=2, minutes=1))
    page = client.get("/unanswered")
    assert page.status == 200
    rows = page.soup.select(".unanswered-list li")
    assert [row.a.text for row in rows] == [older.title, newer.title]
    assert "waiting 3 days" in rows[0].text and "waiting 2 hours" in rows[1].text


def test_page_paginates_with_a_cursor(client, make):
    from chalicelib.core import config

    titles = [make.thread(title=f"Waiting thread {n}", now=NOW + timedelta(minutes=n)).title
              for n in range(3)]
    size = config.settings.page_size
    config.override(page_size=2)
    try:
        first = client.get("/unanswered")
        later = client.get(first.soup.find("a", rel="next")["href"])
    finally:
        config.override(page_size=size)
    assert [a.text for a in first.soup.select(".unanswered-list .thread-title a")] == titles[:2]
    assert [a.text for a in later.soup.select(".unanswered-list .thread-title a")] == titles[2:]


def test_home_page_links_to_unanswered_with_the_count(client, make):
    make.thread(now=NOW)
    make.thread(now=NOW)
    home = client.get("/")
    link = home.soup.find("a", href="/unanswered")
    notice = home.soup.select_one(".unanswered-link")
    # The link's words stay the same whatever the count; the count is said beside it.
    assert link is not None and link.text == "Threads waiting for a first reply"
    assert "2 threads are waiting for a first reply" in notice.get_text(" ", strip=True)
    assert "·" not in notice.get_text()
    # The counter item shares the categories partition but is never shown as a category.
    assert [h.text for h in home.soup.select(".category-card h3")] == ["Support"]
    assert client.get("/c/_site-stats").status == 404


def test_home_page_still_costs_two_requests_with_the_count(client, make, monkeypatch):
    import botocore.client

    make.thread(now=NOW)
    calls = []
    original = botocore.client.BaseClient._make_api_call

    def counting(self, operation, params):
        if self.meta.service_model.service_name == "dynamodb":
            calls.append(operation)
        return original(self, operation, params)

    monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call", counting)
    assert client.get("/").status == 200
    assert len(calls) <= 2, calls


def test_reopening_puts_a_never_answered_thread_back(make, drain_streams):
    from chalicelib.forum import closing

    moderator = make.member(role="moderator")
    quiet = make.thread(now=NOW - timedelta(days=31))
    answered = make.thread(now=NOW - timedelta(days=32))
    make.reply(answered, now=NOW - timedelta(days=31))
    jobs.run_job("close-stale", now=NOW)
    drain_streams()
    assert closing.reopen_thread(quiet.thread_id, moderator, now=NOW) is True
    assert closing.reopen_thread(answered.thread_id, moderator, now=NOW) is True
    assert closing.reopen_thread(quiet.thread_id, moderator, now=NOW) is False
    drain_streams()
    assert listed() == [quiet.thread_id] and stored_count() == 1
