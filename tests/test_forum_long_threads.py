"""Numbered pages of a long thread: any page in two DynamoDB requests (issue 16, item 3).

Page size 5 here (the logic is the same at 20 and 10,000 posts; bench/long_threads.py
measures that size): a thread of 23 posts has pages 1-5, the last one of 3 posts.
"""
import pytest

from chalicelib.forum import page_index, posting
from chalicelib.models.forum import Thread
from helpers import vnu

pytestmark = pytest.mark.usefixtures("small_pages")


def shown_ids(page):
    return [item["id"].removeprefix("post-") for item in page.soup.select("li[id^=post-]")]


def test_replies_mark_the_last_post_of_each_full_page(make):
    thread = make.long_thread()
    ids = make.post_ids(thread)
    assert len(ids) == 23
    assert thread.page_marks == [ids[4], ids[9], ids[14], ids[19]]
    assert page_index.page_count(thread) == 5


def test_a_stale_reply_at_a_page_end_is_counted_again(make):
    thread = make.long_thread(replies=3)  # 4 posts: the next completes page 1
    stale = Thread.get(thread.thread_id)
    posting.add_reply(thread, make.member(), "First to land")  # completes page 1
    posting.add_reply(stale, make.member(), "Read the thread before that one")
    fresh = Thread.get(thread.thread_id, consistent_read=True)
    assert fresh.reply_count == 5
    assert fresh.page_marks == [make.post_ids(thread)[4]]


def test_every_page_link_reads_its_page_in_two_requests(client, make, dynamodb_requests):
    thread = make.long_thread()
    ids = make.post_ids(thread)
    first = client.get(f"/t/{thread.thread_id}")
    pager = first.soup.find("nav", attrs={"aria-label": "Pages"})
    assert pager.find(attrs={"aria-current": "page"}).text == "1"
    last = pager.find("a", string="Last page, 5")
    before = len(dynamodb_requests)
    page = client.get(last["href"])
    assert len(dynamodb_requests) - before == 2
    assert shown_ids(page) == ids[20:]
    pager = page.soup.find("nav", attrs={"aria-label": "Pages"})
    assert pager.find(attrs={"aria-current": "page"}).text == "5"
    assert pager.find("a", rel="next") is None
    previous = pager.find("a", rel="prev")
    before = len(dynamodb_requests)
    page = client.get(previous["href"])
    assert len(dynamodb_requests) - before == 2
    assert shown_ids(page) == ids[15:20]


def test_a_typed_page_number_shows_that_page(client, make):
    thread = make.long_thread()
    page = client.get(f"/t/{thread.thread_id}?page=3")
    assert shown_ids(page) == make.post_ids(thread)[10:15]
    assert client.get(f"/t/{thread.thread_id}?page=99").status == 200  # past the end: page 1


def test_the_backfill_marks_threads_from_before_numbered_pages(make):
    from ops import page_backfill

    thread = make.long_thread(replies=13)  # 14 posts: pages 1 and 2 are full
    expected = thread.page_marks
    thread.update(actions=[Thread.page_marks.remove(), Thread.page_marks_size.remove()])
    # A reply to an unmarked thread leaves it unmarked; this one completes page 3.
    posting.add_reply(Thread.get(thread.thread_id), make.member(), "Before the backfill")
    assert Thread.get(thread.thread_id, consistent_read=True).page_marks is None
    assert page_backfill.backfill(progress=lambda line: None) == (1, 0)
    fresh = Thread.get(thread.thread_id, consistent_read=True)
    assert fresh.page_marks == expected + [make.post_ids(thread)[14]]
    assert page_backfill.backfill(progress=lambda line: None) == (0, 1)


@pytest.mark.skipif(vnu.java() is None, reason="no java on this machine: the HTML check needs it")
def test_the_pager_passes_the_nu_html_checker(client, make, tmp_path):
    thread = make.long_thread()
    for number, path in enumerate((f"/t/{thread.thread_id}", f"/t/{thread.thread_id}?page=3")):
        (tmp_path / f"page-{number}.html").write_text(client.get(path).text, encoding="utf-8")
    assert vnu.check_folder(str(tmp_path)) == {}
