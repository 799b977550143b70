"""Numbered pages of a long thread: any page in two DynamoDB requests (issue 16, item 3).

Page size 5 here (the logic is the same at 20 and 10,000 posts; bench/long_threads.py
measures that size): a thread of 23 posts has pages 1-5, the last one of 3 posts.
"""
import botocore.handlers
import pytest

from chalicelib.core import aws, config
from chalicelib.forum import page_index, posting
from chalicelib.models.forum import Post, Thread
from helpers import vnu

SIZE = 5


@pytest.fixture(autouse=True)
def small_pages():
    original = config.settings.page_size
    config.override(page_size=SIZE)
    yield
    config.override(page_size=original)


@pytest.fixture
def dynamodb_requests():
    counted = []

    def count(model=None, **kwargs):
        counted.append(model.name)

    botocore.handlers.BUILTIN_HANDLERS.append(("before-call.dynamodb", count))
    aws.reset()  # the shared client made from now on sees the handler
    yield counted
    botocore.handlers.BUILTIN_HANDLERS.remove(("before-call.dynamodb", count))
    aws.reset()


def long_thread(make, replies=22):
    thread = make.thread()
    author = make.member()
    for _ in range(replies):
        posting.add_reply(thread, author, "Still here.")
        thread.refresh(consistent_read=True)
    return thread


def post_ids(thread):
    return [post.post_id for post in Post.query(thread.thread_id)]


def shown_ids(page):
    return [item["id"].removeprefix("post-") for item in page.soup.select("li[id^=post-]")]


def test_replies_mark_the_last_post_of_each_full_page(make):
    thread = long_thread(make)
    ids = post_ids(thread)
    assert len(ids) == 23
    assert thread.page_marks == [ids[4], ids[9], ids[14], ids[19]]
    assert page_index.page_count(thread) == 5


def test_a_stale_reply_at_a_page_end_is_counted_again(make):
    thread = long_thread(make, replies=3)  # 4 posts: the next completes page 1
    stale = Thread.get(thread.thread_id)
    posting.add_reply(thread, make.member(), "First to land")  # completes page 1
    posting.add_reply(stale, make.member(), "Read the thread before that one")
    fresh = Thread.get(thread.thread_id, consistent_read=True)
    assert fresh.reply_count == 5
    assert fresh.page_marks == [post_ids(thread)[4]]


def test_every_page_link_reads_its_page_in_two_requests(client, make, dynamodb_requests):
    thread = long_thread(make)
    ids = post_ids(thread)
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
    thread = long_thread(make)
    page = client.get(f"/t/{thread.thread_id}?page=3")
    assert shown_ids(page) == post_ids(thread)[10:15]
    assert client.get(f"/t/{thread.thread_id}?page=99").status == 200  # past the end: page 1


def test_the_backfill_marks_threads_from_before_numbered_pages(make):
    from ops import page_backfill

    thread = long_thread(make, replies=13)  # 14 posts: pages 1 and 2 are full
    expected = thread.page_marks
    thread.update(actions=[Thread.page_marks.remove(), Thread.page_marks_size.remove()])
    # A reply to an unmarked thread leaves it unmarked; this one completes page 3.
    posting.add_reply(Thread.get(thread.thread_id), make.member(), "Before the backfill")
    assert Thread.get(thread.thread_id, consistent_read=True).page_marks is None
    assert page_backfill.backfill(progress=lambda line: None) == (1, 0)
    fresh = Thread.get(thread.thread_id, consistent_read=True)
    assert fresh.page_marks == expected + [post_ids(thread)[14]]
    assert page_backfill.backfill(progress=lambda line: None) == (0, 1)


@pytest.mark.skipif(vnu.java() is None, reason="no java on this machine: the HTML check needs it")
def test_the_pager_passes_the_nu_html_checker(client, make, tmp_path):
    thread = long_thread(make)
    for number, path in enumerate((f"/t/{thread.thread_id}", f"/t/{thread.thread_id}?page=3")):
        (tmp_path / f"page-{number}.html").write_text(client.get(path).text, encoding="utf-8")
    assert vnu.check_folder(str(tmp_path)) == {}
