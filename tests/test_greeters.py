"""Greeters: volunteering, the Newcomers view, and the six-hour email (never twice)."""
from datetime import timedelta

import pytest
from moto.core import DEFAULT_ACCOUNT_ID
from moto.ses.models import ses_backends

from chalicelib import jobs
from chalicelib.core import clock
from chalicelib.care import greeters
from chalicelib.models.forum import Thread
from chalicelib.models.members import Member

NOW = clock.parse_iso("2026-12-01T12:00:00Z")


def sent_to(address):
    sent = ses_backends[DEFAULT_ACCOUNT_ID]["eu-west-1"].sent_messages
    return [message for message in sent if address in str(message.destinations)]


@pytest.fixture
def greeter(make):
    volunteer = make.member(handle="kindly", now=NOW - timedelta(days=400))
    greeters.set_greeter(volunteer, True, "each", NOW - timedelta(days=30))
    return Member.get(volunteer.member_id)


def newcomer_thread(make, posted=NOW, joined_days_ago=2, **options):
    newcomer = make.member(now=posted - timedelta(days=joined_days_ago))
    return make.thread(author=newcomer, now=posted, **options)


@pytest.mark.parametrize("after, emails", [(timedelta(hours=6, minutes=-1), 0),
                                           (timedelta(hours=6, minutes=1), 1)])
def test_greeters_are_emailed_once_a_first_thread_waited_six_hours(make, greeter, after,
                                                                   emails):
    newcomer_thread(make, title="I am so scared right now")
    summary = jobs.run_job("greet-newcomers", now=NOW + after)
    assert summary["emailed"] == emails
    assert len(sent_to("kindly@example.org")) == emails


def test_the_job_never_emails_twice_for_one_thread(make, greeter):
    newcomer_thread(make)
    jobs.run_job("greet-newcomers", now=NOW + timedelta(hours=7))
    again = jobs.run_job("greet-newcomers", now=NOW + timedelta(hours=8))
    assert again["threads"] == 0 and len(sent_to("kindly@example.org")) == 1


def test_an_answered_thread_calls_no_one(make, greeter):
    thread = newcomer_thread(make)
    make.reply(thread, now=NOW + timedelta(hours=1))
    assert jobs.run_job("greet-newcomers", now=NOW + timedelta(hours=7))["threads"] == 0
    assert sent_to("kindly@example.org") == []


def test_only_a_newcomers_first_thread_is_watched(make, greeter):
    settled = make.member(now=NOW - timedelta(days=15))
    make.thread(author=settled, now=NOW)
    newcomer = make.member(now=NOW - timedelta(days=1))
    first = make.thread(author=newcomer, now=NOW - timedelta(hours=1))
    second = make.thread(author=newcomer, now=NOW)
    assert Thread.get(first.thread_id).greeting_due is not None
    assert Thread.get(second.thread_id).greeting_due is None
    assert jobs.run_job("greet-newcomers", now=NOW + timedelta(hours=7))["threads"] == 1


def test_email_choices_are_respected(make, greeter):
    never = make.member(handle="quiet")
    greeters.set_greeter(never, True, "never", NOW)
    daily = make.member(handle="daily")
    greeters.set_greeter(daily, True, "daily", NOW)
    newcomer_thread(make, posted=NOW)
    newcomer_thread(make, posted=NOW + timedelta(hours=2))
    jobs.run_job("greet-newcomers", now=NOW + timedelta(hours=6, minutes=1))
    jobs.run_job("greet-newcomers", now=NOW + timedelta(hours=8, minutes=1))
    assert len(sent_to("kindly@example.org")) == 2
    assert len(sent_to("daily@example.org")) == 1
    assert sent_to("quiet@example.org") == []


def test_newcomers_view_is_for_greeters_and_moderators(client, make, greeter):
    thread = newcomer_thread(make, posted=clock.utcnow(), title="First time posting here")
    old_timer = make.member(now=clock.utcnow() - timedelta(days=20))
    make.thread(author=old_timer, title="Not a newcomer any more")
    client.login(make.member())
    assert client.get("/newcomers").soup.find("a", string=thread.title) is None
    client.login(greeter)
    page = client.get("/newcomers")
    titles = [a.text for a in page.soup.select(".newcomer-list .thread-title a")]
    assert titles == [thread.title]


def test_volunteering_from_settings(client, make):
    member = make.member()
    client.login(member)
    page = client.get("/settings/greeter")
    assert page.soup.find("label", string="I volunteer to greet newcomers")
    client.post("/settings/greeter", {"greeter": "yes", "greeter_email": "daily"})
    assert client.follow().soup.find(id="greeter").has_attr("checked")
    stored = Member.get(member.member_id)
    assert greeters.is_greeter(stored) and stored.greeter_email == "daily"
    bad = client.post("/settings/greeter", {"greeter": "yes", "greeter_email": "hourly"})
    assert bad.status == 400 and bad.field_error("greeter_email")
    client.post("/settings/greeter", {"greeter_email": "daily"})
    assert not greeters.is_greeter(Member.get(member.member_id))


def test_moderators_can_make_someone_a_greeter(client, make):
    helper = make.member(handle="helper")
    client.login(make.member(role="moderator"))
    client.post("/newcomers/greeters", {"handle": "helper"})
    assert "helper is now a greeter" in client.follow().text
    assert greeters.is_greeter(Member.get(helper.member_id))
    missing = client.post("/newcomers/greeters", {"handle": "nobody-here"})
    assert missing.status == 400 and missing.field_error("handle")
    client.login(make.member())
    assert client.post("/newcomers/greeters", {"handle": "helper"}).status == 403


def test_a_newcomers_first_thread_shows_the_gentle_note(client, make):
    thread = newcomer_thread(make, posted=clock.utcnow())
    note = client.get(f"/t/{thread.thread_id}").soup.find(class_="newcomer-note")
    assert note is not None and "Volunteers read every new thread" in note.text
    settled = make.thread(author=make.member(now=clock.utcnow() - timedelta(days=30)))
    assert client.get(f"/t/{settled.thread_id}").soup.find(class_="newcomer-note") is None
