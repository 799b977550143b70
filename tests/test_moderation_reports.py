"""Reporting posts: one report per member, hiding at three established reports, crisis alerts."""
from datetime import timedelta

import pytest

from chalicelib.core import clock
from chalicelib.models.forum import Post
from chalicelib.models.moderation import Report
from chalicelib.moderation import cases, reports

OLD = clock.utcnow() - timedelta(days=10)


def sent_messages():
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.ses.models import ses_backends

    return ses_backends[DEFAULT_ACCOUNT_ID]["eu-west-1"].sent_messages


def report_path(post):
    return f"/t/{post.thread_id}/p/{post.post_id}/report"


def opening_post(thread):
    return Post.get(thread.thread_id, thread.thread_id)


@pytest.fixture
def target(make):
    author = make.member(handle="poster", now=OLD)
    thread = make.thread(author=author, title="Cold turkey is fine", body="Just stop it all today.")
    return thread, opening_post(thread)


def test_report_form_needs_login_and_links_to_crisis_help(client, make, target):
    _, post = target
    assert client.get(report_path(post)).asks_to_log_in
    client.login(make.member(now=OLD))
    page = client.get(report_path(post))
    assert page.status == 200
    assert page.soup.find("main").find("a", href="/crisis")
    assert page.soup.find("input", attrs={"name": "reason", "value": "crisis"})
    block = page.soup.find("a", string="block poster")
    assert block["href"].startswith("/u/poster/block?next=")


def test_a_member_reports_a_post_once(client, make, target):
    _, post = target
    reporter = make.member(now=OLD)
    client.login(reporter)
    done = client.post(report_path(post), {"reason": "harmful", "note": "Dangerous advice"})
    assert done.status == 303
    thanks = client.follow()
    assert "Thank you for your report" in thanks.text
    again = client.post(report_path(post), {"reason": "spam"})
    assert again.status == 409
    assert len(list(Report.query(cases.post_key(post.thread_id, post.post_id)))) == 1
    case = cases.get_case(post.thread_id, post.post_id)
    assert case.open_count == 1 and case.entries[0].reason == "harmful"


def test_report_form_errors_keep_the_note(client, make, target):
    _, post = target
    client.login(make.member(now=OLD))
    page = client.post(report_path(post), {"note": "I am worried"})
    assert page.status == 400
    assert page.field_error("reason")
    assert page.value_of("note") == "I am worried"
    page = client.post(report_path(post), {"reason": "other"})
    assert page.status == 400 and page.field_error("note")


def test_members_cannot_report_their_own_post(client, target):
    _, post = target
    from chalicelib.platform import members

    client.login(members.member_by_handle("poster"))
    assert client.post(report_path(post), {"reason": "spam"}).status == 400


def test_three_established_members_hide_the_post_pending_review(client, make, target):
    thread, post = target
    now = clock.utcnow()
    for _ in range(2):
        reports.file_report(make.member(now=OLD), thread, post, "harmful", "", now)
    # Reports from a brand-new and from an unverified member do not count towards hiding.
    reports.file_report(make.member(now=now), thread, post, "harmful", "", now)
    reports.file_report(make.member(now=OLD, verified=False), thread, post, "spam", "", now)
    assert opening_post(thread).status == "visible"
    case = reports.file_report(make.member(now=OLD), thread, post, "abusive", "", now)
    assert case.open_count == 5 and case.established_count == 3 and case.auto_hidden
    assert opening_post(thread).status == "hidden"
    page = client.get(f"/t/{thread.thread_id}")
    assert "hidden while moderators review it" in page.text
    assert "Just stop it all today" not in page.text


def test_a_crisis_report_emails_every_moderator_at_once(make, target):
    thread, post = target
    make.member(handle="mod1", role="moderator", email="mod1@example.org")
    make.member(handle="boss", role="admin", email="boss@example.org")
    make.member(handle="bystander", email="bystander@example.org")
    before = len(sent_messages())
    reports.file_report(make.member(now=OLD), thread, post, "crisis", "They said goodbye",
                        clock.utcnow())
    sent = sent_messages()[before:]
    recipients = sorted(message.destinations[0] for message in sent)
    assert recipients == ["boss@example.org", "mod1@example.org"]
    assert "They said goodbye" in str(sent[0].raw_data)


def test_non_crisis_reports_send_no_email(make, target):
    thread, post = target
    make.member(handle="mod2", role="moderator")
    before = len(sent_messages())
    reports.file_report(make.member(now=OLD), thread, post, "spam", "", clock.utcnow())
    assert len(sent_messages()) == before
