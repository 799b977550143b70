"""Moderators read a hidden thread on its own page, as Discourse shows staff an unlisted
topic: a calm notice says it is hidden, by whom, when and why, with Restore; members,
its author and visitors get exactly the readers' 404, and unpublished letters stay their
writers' alone (chalicelib/forum/withdrawal.py ``shown_to``)."""
from urllib.parse import urlsplit

import pytest

from chalicelib.core import clock
from chalicelib.forum import withdrawal
from chalicelib.models.forum import Post, Thread
from chalicelib.models.moderation import AuditEntry
from chalicelib.moderation import reports
from chalicelib.web import caching
from test_thread_hiding import _shared_letters_thread, author, hide, moderator  # noqa: F401

TITLE = "Venlafaxine brain zaps"
REASON = "Names a dealer"


@pytest.fixture
def hidden(client, make, moderator, author):
    """A thread with a reply, hidden by ``moderator``; the client is logged out after."""
    thread = make.thread(author=author, title=TITLE, body="The zaps come at dusk.")
    make.reply(thread, body="Mine eased after a fortnight.")
    client.login(moderator)
    assert hide(client, thread, reason=REASON).status == 303
    client.logout()
    return Thread.get(thread.thread_id, consistent_read=True)


def test_a_moderator_reads_it_with_the_notice_and_restore(client, moderator, hidden):
    client.login(moderator)
    page = client.get(f"/t/{hidden.thread_id}")
    assert page.status == 200
    notice = page.soup.find("section", attrs={"aria-labelledby": "hidden-heading"})
    assert "This thread is hidden from members" in notice.get_text()
    assert REASON in notice.get_text() and "keeperwill" in notice.get_text()
    assert notice.find("time") is not None
    restore = notice.find("form")
    assert restore["action"].endswith(f"/mod/threads/{hidden.thread_id}/restore")
    assert restore.find("input", attrs={"name": "csrf_token"})["value"]
    assert "The zaps come at dusk." in page.text and "Mine eased" in page.text
    # Only Restore: no reply, follow, search, thread tools or readers' buttons that would
    # meet the readers' 404; the posts' moderator tools still work (they read the post).
    for absent in ("reply-heading", "own-actions", "thread-search-q", "mod-category"):
        assert page.soup.find(id=absent) is None, absent
    assert page.soup.find("form", action=lambda a: a and "/follow" in a) is None
    assert "Closed by a moderator" not in page.text
    assert page.soup.find("form", action=lambda a: a and a.endswith(
        f"/mod/posts/{hidden.thread_id}/{hidden.thread_id}")) is not None
    assert page.headers["cache-control"] == caching.PRIVATE


def test_a_post_in_it_is_moderated_from_the_page_and_leads_back_to_it(
        client, moderator, hidden):
    reply = [post for post in Post.query(hidden.thread_id) if post.post_id != hidden.thread_id][0]
    client.login(moderator)
    done = client.post(f"/mod/posts/{hidden.thread_id}/{reply.post_id}", {"action": "hide"})
    assert done.status == 303 and done.location.endswith(
        f"/t/{hidden.thread_id}#post-{reply.post_id}")
    back = client.get(f"/t/{hidden.thread_id}")
    assert back.status == 200 and "Read the hidden post (moderators only)" in back.text
    assert Post.get(hidden.thread_id, reply.post_id).status == "hidden"


def test_an_admin_reads_it_too(client, make, hidden):
    client.login(make.member(role="admin"))
    assert "This thread is hidden from members" in client.get(f"/t/{hidden.thread_id}").text


def test_restoring_from_the_thread_page_is_logged_and_leads_back_to_it(
        client, moderator, hidden):
    client.login(moderator)
    done = client.post(f"/mod/threads/{hidden.thread_id}/restore", {"reason": "Edited"})
    assert done.status == 303 and done.location.endswith(f"/t/{hidden.thread_id}")
    client.logout()
    back = client.get(f"/t/{hidden.thread_id}")
    assert back.status == 200 and "hidden from members" not in back.text
    assert [e.action for e in AuditEntry.query("all")] == ["hide-thread", "restore-thread"]


@pytest.mark.parametrize("who", ["visitor", "member", "author"])
def test_everyone_else_gets_the_readers_404(client, make, author, hidden, who):
    if who != "visitor":
        client.login(author if who == "author" else make.member())
    for path in (f"/t/{hidden.thread_id}", f"/t/{hidden.thread_id}?page=2",
                 f"/t/{hidden.thread_id}/p/{hidden.thread_id}"):
        answer = client.get(path)
        assert answer.status == 404, path
        assert withdrawal.GONE in answer.text and TITLE not in answer.text
        assert "Restore" not in answer.text
        assert answer.headers["cache-control"] == caching.PRIVATE


@pytest.mark.usefixtures("small_pages")
def test_a_post_link_into_a_hidden_thread_takes_a_moderator_to_the_post(
        client, make, moderator):
    thread = make.long_thread(12)
    ids = make.post_ids(thread)
    client.login(moderator)
    hide(client, thread)
    answer = client.get(f"/t/{thread.thread_id}/p/{ids[11]}")
    assert answer.status == 303
    target = urlsplit(answer.location)
    assert target.fragment == f"post-{ids[11]}" and "page=3" in target.query
    shown = client.get(answer.location.split("#")[0])
    assert shown.status == 200 and shown.soup.find(id=f"post-{ids[11]}") is not None
    assert "This thread is hidden from members" in shown.text
    # A bare page number works too (the page marks come with the thread).
    assert client.get(f"/t/{thread.thread_id}?page=2").status == 200
    client.logout()
    assert client.get(f"/t/{thread.thread_id}/p/{ids[11]}").status == 404


def test_the_report_queue_links_to_the_post_in_a_hidden_thread(client, make, moderator,
                                                               author, hidden):
    post = Post.get(hidden.thread_id, hidden.thread_id)
    reports.file_report(make.member(), hidden, post, "harmful", "note", clock.utcnow())
    client.login(moderator)
    queue = client.get("/mod")
    link = queue.soup.select_one("li.case h2").find("a", string=TITLE)
    assert link["href"].endswith(f"/t/{hidden.thread_id}/p/{post.post_id}")
    answer = client.get(link["href"])
    assert answer.status == 303
    page = client.get(answer.location.split("#")[0])
    assert page.status == 200 and page.soup.find(id=f"post-{post.post_id}") is not None


def test_unpublished_letters_stay_gone_for_moderators_too(client, make, moderator):
    """Their writers took them back; moderation has no part in that (privacy)."""
    from chalicelib.correspondence import unpublishing

    ash, correspondence, share_id, thread = _shared_letters_thread(make)
    unpublishing.unpublish(ash, correspondence.correspondence_id, share_id)
    for who in (moderator, make.member(role="admin"), ash):
        client.login(who)
        for path in (f"/t/{thread.thread_id}", f"/t/{thread.thread_id}/p/{thread.thread_id}"):
            answer = client.get(path)
            assert answer.status == 404 and withdrawal.GONE in answer.text, (who.handle, path)


def test_a_hidden_thread_costs_a_moderator_no_more_than_a_public_one(
        client, make, moderator, dynamodb_requests):
    """docs/data-model.md: the posts' Query and one BatchGetItem, for everyone; a
    moderator's public thread adds the categories' Query for Move, a hidden one does not."""
    public = make.thread(title="Public")
    thread = make.thread(title="Hidden")
    client.login(moderator)
    hide(client, thread)

    def reads(path):
        client.get(path)  # a first visit may move the read position
        before = len(dynamodb_requests)
        assert client.get(path).status in (200, 404)
        return [name for name in dynamodb_requests[before:] if "Write" not in name
                and name not in ("PutItem", "UpdateItem", "DeleteItem")]

    assert reads(f"/t/{public.thread_id}") == ["Query", "BatchGetItem", "Query"]
    assert reads(f"/t/{thread.thread_id}") == ["Query", "BatchGetItem"]
    client.logout()
    assert reads(f"/t/{thread.thread_id}") == ["Query", "BatchGetItem"]
