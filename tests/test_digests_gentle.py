"""Gentler digests: nothing for members who came by, five of each kind, then 'and N more'."""
from datetime import timedelta

from chalicelib.platform import sessions
from chalicelib.models.members import Member
from chalicelib.models.subscriptions import Subscriber
from chalicelib.subscriptions import subscribers
from helpers import outgoing
from test_digests import DUE, START, daily_member, email_subscriber, run_digests


def test_a_member_who_visited_in_the_period_gets_no_digest_and_the_window_moves(invoke, make):
    reader = daily_member(make, email="reader@example.org")
    thread = make.thread(author=reader, title="My slow taper", now=START - timedelta(days=3))
    make.reply(thread, body="Holding helped me.", now=START + timedelta(hours=1))
    sessions._touch_member(reader, START + timedelta(hours=2))

    run_digests(invoke)

    assert outgoing.sent_to("reader@example.org") == []
    account = Subscriber.get(subscribers.for_member(reader, START).subscriber_id)
    assert account.digest_due > DUE.isoformat()[:19]


def test_a_member_away_since_before_the_period_gets_the_unopened_threads(invoke, make):
    reader = daily_member(make, email="reader@example.org")
    thread = make.thread(author=reader, title="My slow taper", now=START - timedelta(days=3))
    sessions._touch_member(reader, START - timedelta(days=2))  # opened it then, not since
    make.reply(thread, body="Holding helped me.", now=START + timedelta(hours=1))

    run_digests(invoke)

    [message] = outgoing.sent_to("reader@example.org")
    assert "Holding helped me." in outgoing.text_of(message)


def test_last_visit_is_written_at_most_once_an_hour(make):
    member = make.member()
    sessions._touch_member(member, START)
    sessions._touch_member(Member.get(member.member_id), START + timedelta(minutes=59))
    assert Member.get(member.member_id).last_seen_at == START
    sessions._touch_member(Member.get(member.member_id), START + timedelta(minutes=61))
    assert Member.get(member.member_id).last_seen_at == START + timedelta(minutes=61)


def test_sections_show_five_then_say_how_many_more(invoke, make):
    email_subscriber(categories=("support",))
    busy = [make.thread(title=f"Busy thread {n}", now=START - timedelta(days=2)) for n in range(7)]
    for number, thread in enumerate(busy):
        make.reply(thread, body="Still here.", now=START + timedelta(minutes=number + 1))
    for number in range(8):
        make.thread(title=f"Fresh thread {number}", now=START + timedelta(hours=1, minutes=number))

    run_digests(invoke)

    [message] = outgoing.sent_to("reader@example.org")
    text = outgoing.text_of(message)
    assert sum(f"Fresh thread {n}\n" in text for n in range(8)) == 5
    assert "and 3 more new threads" in text
    assert sum(f"Busy thread {n} (" in text for n in range(7)) == 5
    assert "and 2 more active threads" in text
    assert "3 more new threads" in outgoing.html_of(message)
    assert message["Subject"] == "Your Lantern digest: 8 new threads"
