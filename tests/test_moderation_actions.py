"""Moderators' inline tools on threads and posts, and what members never see."""
from datetime import timedelta

import pytest

from chalicelib.core import clock, errors
from chalicelib.forum import posting, reading
from chalicelib.models.forum import CATEGORY_PARTITION, Category, Post, Thread
from chalicelib.models.moderation import AuditEntry
from chalicelib.moderation import moving
from helpers import streams


@pytest.fixture
def moderator(make):
    return make.member(handle="modtools", role="moderator")


@pytest.fixture
def thread(make):
    found = make.thread(category_slug="support", title="Original title")
    make.reply(found)
    make.reply(found)
    return Thread.get(found.thread_id)


def act(client, thread, action, **fields):
    return client.post(f"/mod/threads/{thread.thread_id}", {"action": action, **fields})


def test_moderators_see_inline_tools_and_members_never_do(client, make, moderator, thread):
    client.login(make.member())
    page = client.get(f"/t/{thread.thread_id}")
    assert not page.soup.select(".mod-panel") and not page.soup.select(".mod-tools")
    assert len(page.soup.select("a[href$=\"/report\"]")) == 3
    client.login(moderator)
    page = client.get(f"/t/{thread.thread_id}")
    assert page.soup.select(".mod-panel")
    assert len(page.soup.select(".mod-tools")) == 3


def test_close_then_reopen_with_a_fresh_idle_clock(client, moderator, thread):
    client.login(moderator)
    assert act(client, thread, "close", reason="heated").status == 303
    closed = Thread.get(thread.thread_id)
    assert closed.status == "closed" and closed.closed_reason == "moderator"
    assert closed.open_activity is None
    assert act(client, thread, "close").status == 409
    assert act(client, thread, "reopen").status == 303
    reopened = Thread.get(thread.thread_id)
    assert reopened.status == "open" and reopened.closed_reason is None
    # The idle clock restarts, so the close-stale job does not close it again at once.
    assert reopened.open_activity > thread.open_activity
    assert [e.action for e in AuditEntry.query("all")] == ["close", "reopen"]


def test_lock_closes_and_only_reopen_unlocks(client, moderator, thread):
    client.login(moderator)
    act(client, thread, "lock", reason="off the rails")
    locked = Thread.get(thread.thread_id)
    assert locked.locked and locked.status == "closed"
    act(client, thread, "reopen")
    again = Thread.get(thread.thread_id)
    assert not again.locked and again.status == "open"


def test_pin_and_unpin(client, moderator, thread):
    client.login(moderator)
    act(client, thread, "pin")
    assert Thread.get(thread.thread_id).pinned
    assert reading.category_threads("support")[0][0].thread_id == thread.thread_id
    assert act(client, thread, "pin").status == 409
    act(client, thread, "unpin")
    assert not Thread.get(thread.thread_id).pinned


def test_move_keeps_counters_and_posts_in_step(client, make, moderator, thread):
    make.category("resources")
    client.login(moderator)
    assert act(client, thread, "move", category="resources").status == 303
    assert Thread.get(thread.thread_id).category_slug == "resources"
    source = Category.get(CATEGORY_PARTITION, "support")
    target = Category.get(CATEGORY_PARTITION, "resources")
    assert (source.thread_count, source.post_count) == (0, 0)
    assert (target.thread_count, target.post_count) == (1, 3)
    moved = list(Post.query(thread.thread_id))
    assert moved and {post.category_slug for post in moved} == {"resources"}
    assert act(client, thread, "move", category="no-such").status == 404


def assert_moved_in_step(thread_id, posts):
    streams.drain()  # the posts follow through the threads stream
    source = Category.get(CATEGORY_PARTITION, "support")
    target = Category.get(CATEGORY_PARTITION, "resources")
    assert (source.thread_count, source.post_count) == (0, 0)
    assert (target.thread_count, target.post_count) == (1, posts)
    assert Thread.get(thread_id).reply_count == posts - 1
    moved = list(Post.query(thread_id))
    assert len(moved) == posts and {post.category_slug for post in moved} == {"resources"}


def test_a_move_does_constant_work_and_the_posts_follow_in_batches(
        client, make, moderator, monkeypatch):
    import botocore.handlers

    from chalicelib.core import aws
    from chalicelib.forum import thread_moves

    make.category("resources")
    monkeypatch.setattr(thread_moves, "POSTS_PER_BATCH", 2)
    counts = []
    for replies in (1, 8):
        long = make.thread(category_slug="support")
        for _ in range(replies):
            posting.add_reply(Thread.get(long.thread_id), make.member(), "Still here.")
        made = []
        handler = ("before-call.dynamodb", lambda model=None, **kwargs: made.append(model.name))
        botocore.handlers.BUILTIN_HANDLERS.append(handler)
        aws.reset()
        try:
            moving.move(Thread.get(long.thread_id), moderator, "resources", "", clock.utcnow())
        finally:
            botocore.handlers.BUILTIN_HANDLERS.remove(handler)
            aws.reset()
        counts.append(len(made))
        moved = Thread.get(long.thread_id)
        assert moved.posts_moving_to == "resources" and moved.category_slug == "resources"
        # Before the stream has run (the test client's own requests drain it first).
        meanwhile = client.chalice.http.get(f"/t/{long.thread_id}").body.decode()
        assert "This thread is being moved here" in meanwhile
        streams.drain()
        assert {post.category_slug for post in Post.query(long.thread_id)} == {"resources"}
        done = Thread.get(long.thread_id)
        assert done.posts_moving_to is None and done.posts_moved_through is None
        assert "being moved" not in client.get(f"/t/{long.thread_id}").text
    assert counts[0] == counts[1], counts  # the same requests for 2 posts as for 9


def test_a_repeated_or_outdated_batch_changes_nothing(make, moderator, thread):
    from chalicelib.forum import thread_moves

    make.category("resources")
    moving.move(Thread.get(thread.thread_id), moderator, "resources", "", clock.utcnow())
    streams.drain()
    thread_moves.move_post_batch(thread.thread_id, "resources")  # a record delivered twice
    thread_moves.move_post_batch(thread.thread_id, "support")  # a move since overtaken
    assert {post.category_slug for post in Post.query(thread.thread_id)} == {"resources"}
    assert Thread.get(thread.thread_id).posts_moving_to is None
    assert_moved_in_step(thread.thread_id, posts=3)


def test_a_reply_that_read_the_thread_before_a_move_follows_it(make, moderator, thread):
    make.category("resources")
    seen_by_reply = Thread.get(thread.thread_id)  # the reply form's read, in "support"
    moving.move(Thread.get(thread.thread_id), moderator, "resources", "", clock.utcnow())
    post = posting.add_reply(seen_by_reply, make.member(), "Written while it moved.")
    assert post.category_slug == "resources"
    assert_moved_in_step(thread.thread_id, posts=4)


def test_a_reply_between_the_moves_read_and_write_moves_with_it(make, moderator, thread):
    make.category("resources")
    seen_by_move = Thread.get(thread.thread_id)  # the moderator's read
    posting.add_reply(Thread.get(thread.thread_id), make.member(), "Just in time.")
    moving.move(seen_by_move, moderator, "resources", "", clock.utcnow())
    assert_moved_in_step(thread.thread_id, posts=4)
    assert AuditEntry.audit_by_action.count("move") == 1


def test_two_moderators_moving_at_once_one_wins(make, moderator, thread):
    make.category("resources")
    make.category("community")
    seen = Thread.get(thread.thread_id)
    moving.move(Thread.get(thread.thread_id), moderator, "resources", "", clock.utcnow())
    with pytest.raises(errors.Conflict):
        moving.move(seen, moderator, "community", "", clock.utcnow())
    assert_moved_in_step(thread.thread_id, posts=3)


def test_the_latest_lines_of_both_categories_follow_the_move(make, moderator):
    now = clock.utcnow()
    older = make.thread(category_slug="support", title="Older thread",
                        now=now - timedelta(hours=2))
    pinned = make.thread(category_slug="support", title="Pinned long ago",
                         now=now - timedelta(days=3))
    posting.set_pinned(pinned, True)
    newest = make.thread(category_slug="support", title="Newest thread", now=now)
    make.thread(category_slug="resources", title="Quiet resource", now=now - timedelta(days=1))
    moving.move(Thread.get(newest.thread_id), moderator, "resources", "", now)
    source = Category.get(CATEGORY_PARTITION, "support")
    target = Category.get(CATEGORY_PARTITION, "resources")
    assert (source.last_thread_id, source.last_thread_title) == (older.thread_id, "Older thread")
    assert (target.last_thread_id, target.last_thread_title) == (newest.thread_id,
                                                                 "Newest thread")
    assert target.last_activity_at == newest.last_activity_at
    for remaining in (older, pinned):
        moving.move(Thread.get(remaining.thread_id), moderator, "resources", "", now)
    emptied = Category.get(CATEGORY_PARTITION, "support")
    assert emptied.last_thread_id is None and emptied.last_activity_at is None
    assert Category.get(CATEGORY_PARTITION, "resources").last_thread_id == newest.thread_id


def test_edit_title(client, moderator, thread):
    client.login(moderator)
    act(client, thread, "retitle", title="A kinder title", reason="clearer")
    assert Thread.get(thread.thread_id).title == "A kinder title"
    (entry,) = list(AuditEntry.query("all"))
    assert "Original title" in entry.detail
    assert act(client, thread, "retitle", title="").status == 400


def test_hide_unhide_and_delete_a_post_inline(client, moderator, thread):
    post = list(Post.query(thread.thread_id))[1]
    path = f"/mod/posts/{thread.thread_id}/{post.post_id}"
    client.login(moderator)
    assert client.post(path, {"action": "hide"}).status == 303
    assert Post.get(thread.thread_id, post.post_id).status == "hidden"
    page = client.get(f"/t/{thread.thread_id}")
    assert "Read the hidden post (moderators only)" in page.text
    assert client.post(path, {"action": "hide"}).status == 409
    client.post(path, {"action": "unhide"})
    assert Post.get(thread.thread_id, post.post_id).status == "visible"
    client.post(path, {"action": "delete", "reason": "spam link"})
    deleted = Post.get(thread.thread_id, post.post_id)
    assert deleted.status == "removed" and deleted.removed_by == "moderator"
    assert [e.action for e in AuditEntry.query("all")] == ["hide", "unhide", "delete"]


def test_inline_hide_closes_open_reports_of_that_post(make, moderator, thread):
    from chalicelib.moderation import actions, cases, reports

    post = Post.get(thread.thread_id, thread.thread_id)
    from datetime import timedelta

    reporter = make.member(now=clock.utcnow() - timedelta(days=3))
    reports.file_report(reporter, thread, post, "spam", "", clock.utcnow())
    actions.moderate_post(moderator, thread.thread_id, post.post_id, "hide", "", clock.utcnow())
    assert cases.get_case(thread.thread_id, post.post_id).status == "resolved"
