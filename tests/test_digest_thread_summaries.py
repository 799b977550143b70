"""Followed threads in a digest (issue 16): one summary item per thread, kept by the posts
stream, idempotent under repeated and out-of-order records, read at a fixed cost."""
from datetime import timedelta

from chalicelib.core import clock
from chalicelib.forum import editing, moderating, posting, withdrawal
from chalicelib.models import writes
from chalicelib.models.digests import DigestSummary
from chalicelib.models.forum import Post, Thread
from chalicelib.platform import streams
from chalicelib.platform.members import FORMER_MEMBER_ID
from chalicelib.subscriptions import digest_content, thread_entries, thread_summaries

START = clock.parse_iso("2026-11-30T08:00:00Z")
DUE = clock.parse_iso("2026-12-01T07:00:00Z")


def image(post):
    return {"post_id": post.post_id, "thread_id": post.thread_id, "status": post.status,
            "category_slug": post.category_slug, "author_id": post.author_id,
            "author_handle": post.author_handle, "body_source": post.body_source,
            "content_warning": post.content_warning, "version": post.version,
            "created_at": Post.created_at.serialize(post.created_at)}


def summary(thread):
    return DigestSummary.get(thread_summaries.item_key(thread.thread_id), "replies")


def followed(thread, reader=None, since=DUE - timedelta(days=1), until=DUE):
    built = digest_content.build_digest(digest_content.SharedReads(since), since, until,
                                        followed_ids=[thread.thread_id],
                                        reader_id=reader.member_id if reader else None)
    return [([(i.author, i.excerpt, i.content_warning) for i in items], count)
            for _, items, count in built.followed]


def test_a_reply_is_counted_once_however_often_and_in_whatever_order_its_records_come(
        make, drain_streams):
    thread = make.thread(now=START)
    reply = make.reply(thread, body="Holding at **5mg**.", now=START + timedelta(hours=1))
    inserted = streams.Change("posts", "INSERT", {}, new=image(reply))
    assert thread_summaries.on_post(inserted) == "unchanged"  # delivered again
    assert followed(thread) == [([(reply.author_handle, "Holding at 5mg.", None)], 1)]
    with writes.transaction() as transaction:
        moderating.hide_post(transaction, reply)
    drain_streams()
    assert followed(thread) == []
    # The INSERT delivered once more, after the hiding: an older version changes nothing.
    assert thread_summaries.on_post(inserted) == "unchanged"
    assert followed(thread) == [] and summary(thread).hours == {}
    with writes.transaction() as transaction:
        moderating.unhide_post(transaction, Post.get(reply.thread_id, reply.post_id))
    drain_streams()
    assert followed(thread) == [([(reply.author_handle, "Holding at 5mg.", None)], 1)]


def test_edits_warnings_and_the_readers_own_replies_as_the_digest_shows_them(make,
                                                                                 drain_streams):
    reader, writer = make.member(handle="reader"), make.member(handle="writer")
    thread = make.thread(author=reader, now=START)
    other = make.reply(thread, author=writer, body="First words", now=START + timedelta(hours=1))
    make.reply(thread, author=reader, body="My own reply", now=START + timedelta(hours=2))
    posting.add_reply(thread, writer, "Hard details", content_warning="self-harm",
                      now=START + timedelta(hours=3))
    drain_streams()
    editing.save_edit(Post.get(other.thread_id, other.post_id), Thread.get(thread.thread_id),
                      writer, "Better words", None, other.version, now=START + timedelta(hours=4))
    drain_streams()
    [(items, count)] = followed(thread, reader)
    assert count == 2
    assert [(excerpt, warning) for _, excerpt, warning in items] == \
        [("Better words", None), ("", "self-harm")]
    # Someone else reading sees all three.
    assert followed(thread)[0][1] == 3


def test_a_withdrawn_thread_is_in_no_digest(make, drain_streams):
    thread = make.thread(now=START)
    make.reply(thread, now=START + timedelta(hours=1))
    with writes.transaction() as transaction:
        withdrawal.withdraw_thread(transaction, Thread.get(thread.thread_id), "hidden",
                                   START + timedelta(hours=2))
    drain_streams()
    assert followed(thread) == []


def test_reads_are_fixed_whatever_the_length_of_posts_and_the_period(make, dynamodb_requests):
    threads = {}
    for chars in (200, 4000):
        thread = threads[chars] = make.thread(now=START - timedelta(days=6))
        for day in range(3):  # the week's last three days: a weekly window holds them all
            for hour in range(4):
                make.reply(thread, body=("Careful words. " * 300)[:chars],
                           now=START - timedelta(days=2 - day, hours=-hour))
    sizes = {chars: len(summary(thread).replies) for chars, thread in threads.items()}
    assert sizes[200] == sizes[4000] <= thread_entries.KEEP_EACH * (thread_entries.KEEP_EACH + 1)
    for chars, thread in threads.items():
        for period in (timedelta(days=1), timedelta(days=7)):
            dynamodb_requests.clear()
            [(items, count)] = followed(thread, since=START + timedelta(hours=4) - period,
                                        until=START + timedelta(hours=4))
            assert count == (4 if period == timedelta(days=1) else 12)
            assert len(items) == 3
            # The thread's summary, then the thread itself (title): never its posts.
            assert dynamodb_requests == ["BatchGetItem", "BatchGetItem"]


def test_the_last_three_by_others_are_kept_for_every_reader():
    entries = [{"p": f"{number:02}", "a": author} for number, author in
               enumerate("bbbbbbbbaaaaaaaac")]
    kept = thread_entries.trim(entries)
    for reader in "abcd":
        others = [e["p"] for e in entries if e["a"] != reader][-3:]
        assert [e["p"] for e in kept if e["a"] != reader][-3:] == others
    assert len(kept) <= thread_entries.KEEP_EACH * (thread_entries.KEEP_EACH + 1)


def test_a_window_that_starts_inside_an_hour_counts_from_its_start(make):
    thread = make.thread(now=START)
    for minutes in (5, 20, 40):
        make.reply(thread, now=START + timedelta(hours=1, minutes=minutes))
    assert followed(thread, since=START + timedelta(hours=1, minutes=30))[0][1] == 1


def test_a_thread_from_before_the_summaries_is_read_from_its_posts(make, dynamodb_requests):
    quiet = make.thread(now=START - timedelta(days=20))
    busy = make.thread(now=START - timedelta(days=20))
    for thread in (quiet, busy):
        summary(thread).delete()  # as if posted before the deploy
    reply = make.reply(busy, body="Still here", now=START + timedelta(hours=1))
    # The reply started a summary that does not reach back to the thread's start.
    assert summary(busy).counting_since == reply.created_at
    assert followed(busy, since=START) == [([(reply.author_handle, "Still here", None)], 1)]
    assert "Query" in dynamodb_requests  # its posts
    dynamodb_requests.clear()
    # A thread with nothing since the window began costs no post read.
    assert followed(quiet, since=START) == []
    assert "Query" not in dynamodb_requests
    # Once the window starts after the summary began, the summary alone answers.
    make.reply(busy, now=START + timedelta(hours=3))
    dynamodb_requests.clear()
    assert followed(busy, since=START + timedelta(hours=2))[0][1] == 1
    assert "Query" not in dynamodb_requests


def test_a_deleted_account_leaves_no_words_and_no_id_behind(make, drain_streams):
    from chalicelib.forum import authorship

    thread = make.thread(now=START)
    kept = make.reply(thread, body="Kept words", now=START + timedelta(hours=1))
    gone = make.reply(thread, body="Gone words", now=START + timedelta(hours=2))
    authorship.forget_post(Post.get(kept.thread_id, kept.post_id), keep_posts=True)
    authorship.forget_post(Post.get(gone.thread_id, gone.post_id), keep_posts=False)
    drain_streams()
    assert followed(thread) == [([("former member", "Kept words", None)], 1)]
    item = summary(thread)
    assert kept.author_id not in str(item.hours) + str(item.replies)
    assert gone.author_id not in str(item.hours) + str(item.replies)
    assert "Gone words" not in str(item.replies)
    marks = [DigestSummary.get(f"post#{post.post_id}", "tmark") for post in (kept, gone)]
    assert [mark.counted_author for mark in marks] == [FORMER_MEMBER_ID, None]


def test_a_reply_whose_item_is_deleted_leaves_for_good(make):
    thread = make.thread(now=START)
    reply = make.reply(thread, now=START + timedelta(hours=1))
    post = image(Post.get(reply.thread_id, reply.post_id))
    assert thread_summaries.on_post(streams.Change("posts", "REMOVE", {}, old=post)) == "changed"
    assert followed(thread) == []
    assert thread_summaries.on_post(streams.Change("posts", "INSERT", {}, new=post)) \
        == "unchanged"
    assert followed(thread) == []
