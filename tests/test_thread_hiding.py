"""Moderators hide a whole thread and restore it: gone from every list, feed and search and
a calm 404 for readers while hidden, readable by moderators; back everywhere as it was."""
from datetime import timedelta

import pytest

from chalicelib.core import clock
from chalicelib.care import milestones, newcomers
from chalicelib.models.forum import CATEGORY_PARTITION, Category, Thread
from chalicelib.models.moderation import AuditEntry
from chalicelib.models.notifications import Notification
from chalicelib.notifications import entries
from chalicelib.search import replica

TITLE = "Gabapentin taper, month two"
WORD = "zephyrine"  # one word only this thread holds, to find it in search


@pytest.fixture
def moderator(make):
    return make.member(handle="keeperwill", role="moderator")


@pytest.fixture
def author(make):
    return make.member(handle="hazel")


@pytest.fixture
def thread(make, author):
    """An unanswered open thread with a reply by its author (still unanswered)."""
    found = make.thread(author=author, title=TITLE, body=f"Week six, {WORD} helps at night.")
    make.reply(found, author=author, body="Another slow day.")
    return Thread.get(found.thread_id, consistent_read=True)


def counts(slug="support"):
    category = Category.get(CATEGORY_PARTITION, slug, consistent_read=True)
    return category.thread_count, category.post_count, category.last_thread_id


def indexed_threads():
    replica.forget()
    return {thread_id for (thread_id,) in replica.connection().execute(
        "select thread_id from docs").fetchall()}


def public_pages(client, author):
    """Every reader's page that lists the thread, as text."""
    return {path: client.get(path).text for path in (
        "/", "/c/support", "/feed", "/c/support/feed", "/unanswered", f"/u/{author.handle}",
        f"/search?q={WORD}")}


def hide(client, thread, reason="Graphic method details"):
    return client.post(f"/mod/threads/{thread.thread_id}/hide", {"reason": reason})


def restore(client, thread):
    return client.post(f"/mod/threads/{thread.thread_id}/restore", {"reason": "Edited now"})


def test_hide_takes_it_from_every_page_and_restore_gives_it_back(
        client, make, moderator, author, thread):
    before = counts()
    stored_before = Thread.get(thread.thread_id, consistent_read=True)
    assert all(TITLE in text for text in public_pages(client, author).values())
    assert thread.thread_id in indexed_threads()

    client.login(moderator)
    tools = client.get(f"/t/{thread.thread_id}")
    assert tools.soup.find("a", href=lambda h: h and h.endswith(
        f"/mod/threads/{thread.thread_id}/hide"))
    response = hide(client, thread)
    assert response.status == 303
    assert response.location.endswith(f"/mod/threads/{thread.thread_id}/hidden?done=hidden")
    # Moderators still read it, and find it in Hidden threads.
    page = client.get(f"/mod/threads/{thread.thread_id}/hidden?done=hidden")
    assert page.status == 200 and f"{WORD} helps" in page.text
    assert "Graphic method details" in page.text and "keeperwill" in page.text
    listing = client.get("/mod/hidden-threads")
    assert TITLE in listing.text
    # ... and on its own page, with what happened and Restore (tests/test_thread_hiding_view.py).
    assert client.get(f"/t/{thread.thread_id}").status == 200

    client.logout()
    assert client.get(f"/t/{thread.thread_id}").status == 404
    assert client.get(f"/t/{thread.thread_id}/p/{thread.thread_id}").status == 404
    assert not any(TITLE in text for text in public_pages(client, author).values())
    assert thread.thread_id not in indexed_threads()
    assert counts() == (before[0] - 1, before[1] - 2, None)
    hidden = Thread.get(thread.thread_id, consistent_read=True)
    assert hidden.withdrawn == "hidden" and hidden.unanswered is None
    assert hidden.list_key is None and hidden.activity_key is None

    client.login(moderator)
    assert restore(client, thread).status == 303
    client.logout()
    assert all(TITLE in text for text in public_pages(client, author).values())
    assert client.get(f"/t/{thread.thread_id}").status == 200
    assert thread.thread_id in indexed_threads()
    assert counts() == before
    back = Thread.get(thread.thread_id, consistent_read=True)
    for name in ("list_key", "activity_key", "status", "unanswered", "closed_reason"):
        assert getattr(back, name) == getattr(stored_before, name), name
    assert back.open_activity >= stored_before.open_activity  # a fresh idle clock
    assert back.withdrawn is None and back.withdrawn_before is None
    assert [(e.action, e.reason) for e in AuditEntry.query("all")] == [
        ("hide-thread", "Graphic method details"), ("restore-thread", "Edited now")]


def test_double_hide_and_double_restore_change_nothing_twice(client, moderator, thread):
    before = counts()
    client.login(moderator)
    assert hide(client, thread).status == 303
    again = hide(client, thread)  # a second tab: said calmly, nothing moves
    assert again.status == 409 and "hidden already" in again.text
    # The hide page itself sends a hidden thread to its moderator page.
    assert client.get(f"/mod/threads/{thread.thread_id}/hide").status == 303
    assert counts()[:2] == (before[0] - 1, before[1] - 2)
    assert restore(client, thread).status == 303
    assert restore(client, thread).status == 409
    assert counts() == before
    assert [e.action for e in AuditEntry.query("all")] == ["hide-thread", "restore-thread"]


def test_a_hide_needs_a_reason_and_keeps_nothing_half_done(client, moderator, thread):
    client.login(moderator)
    page = client.get(f"/mod/threads/{thread.thread_id}/hide")
    assert page.status == 200 and TITLE in page.text
    refused = hide(client, thread, reason="  ")
    assert refused.status == 400 and "Say why the thread is hidden" in refused.text
    assert Thread.get(thread.thread_id).withdrawn is None
    assert list(AuditEntry.query("all")) == []


def test_a_closed_milestone_thread_comes_back_closed_with_its_keys(
        client, make, moderator, author, thread, drain_streams):
    milestones.mark(thread, author, "milestone", "One year off", clock.utcnow())
    client.login(moderator)
    client.post(f"/mod/threads/{thread.thread_id}", {"action": "close"})
    closed = Thread.get(thread.thread_id, consistent_read=True)
    hide(client, thread)
    restore(client, thread)
    back = Thread.get(thread.thread_id, consistent_read=True)
    assert (back.status, back.closed_at, back.closed_reason) == (
        "closed", closed.closed_at, "moderator")
    assert back.open_activity is None and back.milestone_key == closed.milestone_key
    assert TITLE in client.get("/milestones").text


def test_a_newcomers_thread_returns_to_the_newcomers_view(client, make, moderator):
    newcomer = make.member(handle="sprout")
    thread = make.thread(author=newcomer, title="First night, can't sleep")
    key = Thread.get(thread.thread_id, consistent_read=True).newcomer_key
    assert key
    client.login(moderator)
    hide(client, thread)
    now = clock.utcnow() + timedelta(minutes=1)
    assert not newcomers.newcomer_threads(now)
    restore(client, thread)
    assert [found.thread_id for found in newcomers.newcomer_threads(now)] == [thread.thread_id]


def test_the_author_is_told_of_both_decisions(client, moderator, author, thread, drain_streams):
    client.login(moderator)
    hide(client, thread)
    restore(client, thread)
    drain_streams()
    told = sorted(Notification.query(author.member_id), key=lambda entry: entry.sort_key)
    described = [entries.describe(entry) for entry in told]
    assert described == [(f"Moderators hid your thread “{TITLE}”", f"/t/{thread.thread_id}"),
                         (f"Moderators restored your thread “{TITLE}”", f"/t/{thread.thread_id}")]
    # A second hiding is a new decision, told again.
    hide(client, thread)
    drain_streams()
    assert len(list(Notification.query(author.member_id))) == 3


def test_members_can_neither_hide_nor_restore(client, make, author, thread):
    client.login(author)
    assert hide(client, thread).status == 403
    assert client.get("/mod/hidden-threads").status == 403
    assert Thread.get(thread.thread_id).withdrawn is None


def _shared_letters_thread(make):
    from chalicelib.correspondence import answering, asking, letters, sharing
    from chalicelib.correspondence.share_forms import Choice
    from chalicelib.profiles import editing

    ash, birch = make.member(handle="ash"), make.member(handle="birch")
    editing.save_profile(birch, {"bio": None, "medication_classes": None, "stage": None,
                                 "year_started": None, "open_to_new": True,
                                 "availability_note": None, "max_open": 3,
                                 "letter_notifications": "never"})
    make.category("support")
    correspondence = answering.accept(birch, asking.ask(ash, birch, "Hello, could we write?"))
    letter = letters.send_letter(ash, correspondence, "Week two of the crossover.")
    sharing.propose(ash, correspondence, Choice(
        [letter.letter_id], {letter.letter_id: "Week two of the crossover."}, "Our letters",
        "support"))
    correspondence.refresh(consistent_read=True)
    share_id = sharing.shares_of(correspondence)[0].share_id
    thread = sharing.approve(birch, correspondence, share_id, 1)
    return ash, correspondence, share_id, thread


def test_unpublished_letters_are_their_writers_alone(client, make, moderator):
    from chalicelib.correspondence import unpublishing

    ash, correspondence, share_id, thread = _shared_letters_thread(make)
    # Hidden by a moderator, then unpublished by a writer: it stays withdrawn, as
    # unpublished, and no moderator can restore it.
    client.login(moderator)
    assert hide(client, thread).status == 303
    unpublishing.unpublish(ash, correspondence.correspondence_id, share_id)
    assert Thread.get(thread.thread_id, consistent_read=True).withdrawn == "unpublished"
    refused = restore(client, thread)
    assert refused.status == 409 and "only they can publish" in refused.text
    assert client.get(f"/mod/threads/{thread.thread_id}/hidden").status == 409
    assert hide(client, thread).status == 409
    assert "Our letters" not in client.get("/mod/hidden-threads").text
    assert Thread.get(thread.thread_id, consistent_read=True).withdrawn == "unpublished"


def test_the_hiding_pages_pass_the_nu_html_checker(client, moderator, thread, tmp_path):
    from helpers import vnu

    if vnu.java() is None:
        pytest.skip("no java on this machine; the HTML check needs it")
    vnu.ensure_jar()
    client.login(moderator)
    pages = {"tools": client.get(f"/t/{thread.thread_id}").text,
             "form": client.get(f"/mod/threads/{thread.thread_id}/hide").text,
             "errors": hide(client, thread, reason="").text,
             "empty": client.get("/mod/hidden-threads").text}
    hide(client, thread)
    pages["hidden"] = client.follow().text
    pages["thread"] = client.get(f"/t/{thread.thread_id}").text
    pages["list"] = client.get("/mod/hidden-threads").text
    pages["log"] = client.get("/mod/log").text
    for name, html in pages.items():
        (tmp_path / f"{name}.html").write_text(html, encoding="utf-8")
    assert vnu.check_folder(str(tmp_path)) == {}


def test_the_audit_log_links_a_hidden_thread_to_its_moderator_page(client, moderator, thread):
    client.login(moderator)
    hide(client, thread)
    log = client.get("/mod/log?action=hide-thread")
    link = log.soup.find("a", href=lambda h: h and h.endswith(
        f"/mod/threads/{thread.thread_id}/hidden"))
    assert link is not None and "Graphic method details" in log.text
    history = client.get("/mod/members/hazel")
    assert "Hid a thread" in history.text


def test_request_counts_match_the_data_model(moderator, thread, dynamodb_requests):
    """docs/data-model.md H1-H4, counted at the botocore client (streams not drained)."""
    from chalicelib.moderation import hiding

    spent = {}
    for name, call in (
            ("hide", lambda: hiding.hide(thread.thread_id, moderator, "why", clock.utcnow())),
            ("list", lambda: hiding.hidden_threads()),
            ("read", lambda: hiding.hidden_thread(thread.thread_id)),
            ("restore", lambda: hiding.restore(thread.thread_id, moderator, "", clock.utcnow()))):
        before = len(dynamodb_requests)
        call()
        spent[name] = dynamodb_requests[before:]
    assert spent == {"hide": ["GetItem", "TransactWriteItems", "UpdateItem"],
                     "list": ["Query"], "read": ["GetItem", "Query"],
                     "restore": ["GetItem", "TransactWriteItems", "UpdateItem"]}
