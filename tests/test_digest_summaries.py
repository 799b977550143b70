"""Digest summaries (issue 16): written once per post from the posts stream, updated when a
post is hidden or a thread withdrawn, and read at a fixed cost per digest."""
from datetime import timedelta

from chalicelib.core import clock
from chalicelib.forum import moderating, withdrawal
from chalicelib.models import writes
from chalicelib.models.digests import MAX_THREADS, DigestSummary
from chalicelib.models.forum import Post, Thread
from chalicelib.platform import streams
from chalicelib.subscriptions import digest_content, summaries, summary_reads

START = clock.parse_iso("2026-11-30T08:00:00Z")  # the digest hour is 07:00
DUE = clock.parse_iso("2026-12-01T07:00:00Z")


def day_item(slug="support", moment=START):
    return DigestSummary.get(slug, summaries.day_key(moment))


def image(post):
    return {"post_id": post.post_id, "thread_id": post.thread_id, "status": post.status,
            "category_slug": post.category_slug, "author_id": post.author_id,
            "body_source": post.body_source, "content_warning": post.content_warning,
            "created_at": Post.created_at.serialize(post.created_at)}


def digest(since=DUE - timedelta(days=1), until=DUE, reader_id=None):
    return digest_content.build_digest(digest_content.SharedReads(since), since, until,
                                       ["support"], reader_id=reader_id)


def test_a_post_is_counted_once_however_often_its_record_comes(make):
    thread = make.thread(title="Tapering slowly", body="Ten percent a month, **no faster**.",
                         now=START + timedelta(hours=1))
    reply = make.reply(thread, now=START + timedelta(hours=2))
    for post in (Post.get(thread.thread_id, thread.thread_id), reply):
        change = streams.Change("posts", "INSERT", {}, new=image(post))
        assert summaries.on_post(change) == "unchanged"
        assert summaries.on_post(change) == "unchanged"
    item = day_item()
    assert item.openers == 1
    entry = item.threads[thread.thread_id]
    assert (entry["o"], entry["n"], entry["x"]) == (1, 1, "Ten percent a month, no faster.")
    hour = DigestSummary.get("support", summaries.hour_key(START + timedelta(hours=2)))
    assert hour.threads[thread.thread_id] == {"n": 1}


def test_hidden_posts_leave_the_summary_and_come_back_when_restored(make, drain_streams):
    thread = make.thread(now=START + timedelta(hours=1))
    reply = make.reply(thread, now=START + timedelta(hours=2))
    with writes.transaction() as transaction:
        moderating.hide_post(transaction, reply)
    drain_streams()
    assert day_item().threads[thread.thread_id]["n"] == 0
    with writes.transaction() as transaction:
        moderating.unhide_post(transaction, Post.get(reply.thread_id, reply.post_id))
    drain_streams()
    assert day_item().threads[thread.thread_id]["n"] == 1
    opener = Post.get(thread.thread_id, thread.thread_id)
    with writes.transaction() as transaction:
        moderating.remove_post(transaction, opener)
    drain_streams()
    assert "o" not in day_item().threads[thread.thread_id]
    assert day_item().openers == 0
    assert digest().new_threads == []


def test_withdrawn_threads_are_in_no_digest(make, drain_streams):
    kept = make.thread(title="Still here", now=START + timedelta(hours=1))
    gone = make.thread(title="Taken back", now=START + timedelta(hours=2))
    with writes.transaction() as transaction:
        withdrawal.withdraw_thread(transaction, Thread.get(gone.thread_id), "unpublished",
                                   START + timedelta(hours=3))
    drain_streams()
    assert [thread.title for thread, _ in digest().new_threads] == ["Still here"]
    assert kept.thread_id in day_item().threads


def test_a_digest_shows_the_thread_as_it_is_now_and_never_the_readers_own(make):
    reader = make.member(handle="reader")
    mine = make.thread(author=reader, title="Mine", now=START + timedelta(hours=1))
    other = make.thread(title="First title", body="*Hello*", now=START + timedelta(hours=2))
    make.reply(mine, now=START + timedelta(hours=3))
    thread = Thread.get(other.thread_id)
    thread.update(actions=[Thread.title.set("Better title")])
    built = digest(reader_id=reader.member_id)
    assert [(t.title, i.author, i.excerpt) for t, i in built.new_threads] == \
        [("Better title", thread.author_handle, "Hello")]
    assert [(t.title, n) for t, n in built.active_threads] == [("Mine", 1)]


def test_a_full_item_keeps_the_newest_threads_and_counts_the_rest(make):
    for number in range(MAX_THREADS + 4):
        make.thread(title=f"Thread {number}", now=START + timedelta(minutes=10 + number))
    item = day_item()
    assert (len(item.threads), item.openers) == (MAX_THREADS, MAX_THREADS + 4)
    built = digest()
    assert [t.title for t, _ in built.new_threads] == \
        [f"Thread {n}" for n in range(MAX_THREADS + 3, MAX_THREADS - 2, -1)]
    assert built.more_new == MAX_THREADS + 4 - digest_content.NEW_THREADS_SHOWN


def test_reads_are_fixed_whatever_the_length_of_posts_and_the_period(make, monkeypatch):
    long_body = "A long and careful post about a hard week. " * 200
    for day in range(7):
        for number in range(3):
            make.thread(body=long_body, now=START + timedelta(days=day - 6, hours=number))
    counts, queries, real_query = {}, [], DigestSummary.query
    monkeypatch.setattr(DigestSummary, "query",
                        lambda *a, **k: queries.append(a) or real_query(*a, **k))
    for label, since in (("daily", DUE - timedelta(days=1)), ("weekly", DUE - timedelta(days=7))):
        queries.clear()
        window = summary_reads.read_window("support", since, DUE)
        counts[label] = (len(queries), window.items_read)
    # One Query per category; a daily digest reads one day item, a weekly at most seven.
    assert counts["daily"] == (1, 1)
    assert counts["weekly"] == (1, 7)
    # An entry holds an excerpt, never the post.
    assert all(len(e.get("x", "")) <= 200 for e in day_item(moment=START - timedelta(days=2))
               .threads.values())


def test_account_deletion_scrubs_the_members_words(make):
    from chalicelib.subscriptions import member_data

    author = make.member(handle="leaving")
    thread = make.thread(author=author, body="My words", now=START + timedelta(hours=1))
    member_data.delete_member_data(author, START, keep_posts=False)
    entry = day_item().threads[thread.thread_id]
    assert (entry["ai"], entry["x"]) == (None, "")
    assert list(DigestSummary.marks_by_author.query(author.member_id)) == []


def test_a_post_from_before_the_summaries_is_left_out_when_changed(make):
    thread = make.thread(now=START - timedelta(days=30))
    for item in DigestSummary.query("support"):  # as if written before the deploy
        item.delete()
    DigestSummary.get(f"post#{thread.thread_id}", "mark").delete()
    opener = Post.get(thread.thread_id, thread.thread_id)
    assert summaries.on_post(streams.Change("posts", "MODIFY", {}, new=image(opener))) \
        == "unchanged"
    assert list(DigestSummary.query("support")) == []
