"""The moderation queue: open reports grouped by post, actions, racing moderators, the log."""
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest

from chalicelib.core import clock, errors
from chalicelib.models.forum import Post
from chalicelib.models.moderation import AuditEntry
from chalicelib.moderation import actions, audit, cases, reports

OLD = clock.utcnow() - timedelta(days=10)


@pytest.fixture
def moderator(make):
    return make.member(handle="willowmod", role="moderator", now=OLD)


def reported_post(make, title="A thread", body="Stop everything at once.", reason="harmful",
                  reporters=1):
    author = make.member(now=OLD)
    thread = make.thread(author=author, title=title, body=body)
    post = Post.get(thread.thread_id, thread.thread_id)
    for _ in range(reporters):
        reports.file_report(make.member(now=OLD), thread, post, reason, "note", clock.utcnow())
    return thread, post


def test_queue_groups_reports_by_post_with_crises_first(client, make, moderator):
    reported_post(make, title="Spammy", reason="spam", reporters=2)
    reported_post(make, title="Worrying", reason="crisis")
    client.login(moderator)
    page = client.get("/mod")
    assert page.status == 200
    cases = page.soup.select("li.case")
    assert len(cases) == 2
    assert "Worrying" in cases[0].get_text() and "Possible crisis" in cases[0].get_text()
    assert "2 reports" in cases[1].get_text()
    assert len(cases[1].select(".report-list li")) == 2


def test_hiding_from_the_queue_resolves_the_reports_and_logs_it(client, make, moderator):
    thread, post = reported_post(make)
    client.login(moderator)
    done = client.post(f"/mod/reports/{thread.thread_id}/{post.post_id}",
                       {"action": "hide", "reason": "dangerous taper advice"})
    assert done.status == 303
    assert client.follow().soup.select("li.case") == []
    assert Post.get(thread.thread_id, post.post_id).status == "hidden"
    (entry,) = list(AuditEntry.query("all"))
    assert (entry.moderator_handle, entry.action, entry.reason) == \
        ("willowmod", "hide", "dangerous taper advice")
    assert entry.subject_handle == post.author_handle


def test_dismissing_gives_back_a_post_the_reports_hid(make, moderator):
    thread, post = reported_post(make, reporters=3)
    assert Post.get(thread.thread_id, post.post_id).status == "hidden"
    actions.resolve_reports(moderator, thread.thread_id, post.post_id, "dismiss", "fine",
                            clock.utcnow())
    assert Post.get(thread.thread_id, post.post_id).status == "visible"
    assert cases.get_case(thread.thread_id, post.post_id).status == "resolved"
    assert cases.open_cases()[0] == []


def test_deleting_from_the_queue_marks_it_removed_by_a_moderator(client, make, moderator):
    thread, post = reported_post(make)
    actions.resolve_reports(moderator, thread.thread_id, post.post_id, "delete", "",
                            clock.utcnow())
    page = client.get(f"/t/{thread.thread_id}")
    assert "Post removed by a moderator" in page.text


def test_two_moderators_at_once_one_wins_the_other_sees_what_happened(make, moderator):
    other = make.member(handle="secondmod", role="moderator")
    thread, post = reported_post(make)
    now = clock.utcnow()

    def act(who, action):
        try:
            actions.resolve_reports(who, thread.thread_id, post.post_id, action, "", now)
            return "won"
        except errors.Conflict as conflict:
            return conflict.message

    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(act, [moderator, other], ["hide", "dismiss"]))
    assert results.count("won") == 1
    (lost,) = [result for result in results if result != "won"]
    winner = "willowmod" if results[0] == "won" else "secondmod"
    assert f"{winner} already handled these reports" in lost
    assert len(list(AuditEntry.query("all"))) == 1


def test_the_loser_of_the_race_sees_a_page_saying_who_won(client, make, moderator):
    thread, post = reported_post(make)
    actions.resolve_reports(make.member(handle="fastmod", role="moderator"), thread.thread_id,
                            post.post_id, "hide", "", clock.utcnow())
    client.login(moderator)
    page = client.post(f"/mod/reports/{thread.thread_id}/{post.post_id}",
                       {"action": "dismiss"})
    assert page.status == 409
    assert "fastmod already handled these reports" in page.text
    assert "hid a post" in page.text


def test_new_reports_after_a_dismissal_open_a_fresh_case(make, moderator):
    thread, post = reported_post(make)
    actions.resolve_reports(moderator, thread.thread_id, post.post_id, "dismiss", "",
                            clock.utcnow())
    case = reports.file_report(make.member(now=OLD), thread, post, "spam", "", clock.utcnow())
    assert case.status == "open" and case.open_count == 1 and len(case.entries) == 1


def test_the_audit_log_filters_by_moderator_action_and_member(client, make, moderator):
    other = make.member(handle="othermod", role="moderator")
    thread, post = reported_post(make)
    _, second = reported_post(make)
    actions.resolve_reports(moderator, thread.thread_id, post.post_id, "hide", "why one",
                            clock.utcnow())
    actions.resolve_reports(other, second.thread_id, second.post_id, "dismiss", "why two",
                            clock.utcnow())
    client.login(moderator)
    everything = client.get("/mod/log")
    assert len(everything.soup.select("table.data tbody tr")) == 2
    mine = client.get("/mod/log?moderator=othermod")
    rows = mine.soup.select("table.data tbody tr")
    assert len(rows) == 1 and "why two" in rows[0].get_text()
    hides = client.get("/mod/log?action=hide")
    assert [r.get_text() for r in hides.soup.select("table.data tbody tr")][0].count("why one")
    about = client.get(f"/mod/log?member={second.author_handle}&action=dismiss")
    assert len(about.soup.select("table.data tbody tr")) == 1
    unknown = client.get("/mod/log?moderator=nobody-here")
    assert unknown.status == 400 and unknown.field_error("moderator")


def test_audit_log_pages_newest_first(make, moderator):
    from chalicelib.models.moderation import AuditEntry as Entry

    start = clock.utcnow()
    for minute in range(5):
        audit.entry(moderator, "pin", start + timedelta(minutes=minute), f"r{minute}").save()
    first, cursor = audit.read_log(size=3)
    assert [e.reason for e in first] == ["r4", "r3", "r2"]
    second, cursor = audit.read_log(cursor, size=3)
    assert [e.reason for e in second] == ["r1", "r0"] and cursor is None
    assert Entry.count("all") == 5
