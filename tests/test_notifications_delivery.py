"""How notifications reach a member beyond the page: the digest's "For you" section, the
letters choice that the new-letter emails honour, and the header's count read with the
session at no extra request."""
from datetime import timedelta

import pytest
import time_machine

from chalicelib.correspondence import answering, asking, letters
from chalicelib.correspondence import notifications as letter_notices
from chalicelib.profiles import editing as profiles
from chalicelib.subscriptions import follows, subscribers
from helpers import outgoing
from test_digests import RUN, START, run_digests

PROFILE = {"bio": None, "medication_classes": None, "stage": None, "year_started": None,
           "open_to_new": True, "availability_note": None, "max_open": 3,
           "letter_notifications": "immediately"}


@pytest.fixture
def on_digest_morning():
    """The day these tests' fixed times belong to, whatever day the suite runs: moto's SQS
    drops a message sent more than its 4-day retention before the real clock, so replies
    stamped at START lost their digest from 4 days after START on."""
    with time_machine.travel(RUN, tick=True):
        yield


@pytest.mark.usefixtures("on_digest_morning")
def test_the_digest_carries_unread_notifications_chosen_for_it(invoke, make):
    juniper = make.member(handle="juniper", email="juniper@example.org")
    subscribers.save_preferences(subscribers.for_member(juniper, START), "daily", set(),
                                 "digest", now=START)
    with time_machine.travel(START + timedelta(hours=2), tick=False):
        thread = make.thread(author=juniper, title="Holding at 10mg",
                             now=START + timedelta(hours=1))
        make.reply(thread, author=make.member(handle="rowan"), body="Thinking of you, @juniper",
                   now=START + timedelta(hours=2))
    with time_machine.travel(START + timedelta(hours=3), tick=False):
        make.reply(thread, author=make.member(handle="sage"), now=START + timedelta(hours=3))
    run_digests(invoke)
    [message] = outgoing.sent_to("juniper@example.org")
    text = outgoing.text_of(message)
    section = text.split("FOR YOU", 1)[1].split("NEW REPLIES IN THREADS YOU FOLLOW", 1)[0]
    lines = [line.strip() for line in section.splitlines() if line.startswith("* ")]
    # The sentence and the link, never the post's text; sage's reply is not said twice:
    # the digest's followed threads already show it.
    assert lines == ["* rowan mentioned you in “Holding at 10mg”"]
    assert "Thinking of you" not in section
    assert "sage: I hear you." in text
    assert "/notifications/open?ref=post%23" in outgoing.html_of(message)


@pytest.mark.usefixtures("on_digest_morning")
def test_the_digest_names_a_reply_only_where_nothing_else_told_of_it(invoke, make):
    juniper = make.member(handle="juniper", email="juniper@example.org")
    subscribers.save_preferences(subscribers.for_member(juniper, START), "daily", set(),
                                 "digest", now=START)
    with time_machine.travel(START + timedelta(hours=1), tick=False):
        thread = make.thread(author=juniper, title="Holding at 10mg", now=START)
        follows.set_following(juniper.member_id, thread, False)
    with time_machine.travel(START + timedelta(hours=2), tick=False):
        make.reply(thread, author=make.member(handle="sage"), now=START + timedelta(hours=2))
    run_digests(invoke)
    [message] = outgoing.sent_to("juniper@example.org")
    assert message["Subject"] == "Your Lantern digest: 1 notification"
    assert "* sage replied to your thread “Holding at 10mg”" in outgoing.text_of(message)


def test_the_letters_choice_decides_the_new_letter_email(client, make):
    juniper, rowan = make.member(handle="juniper"), make.member(handle="rowan")
    profiles.save_profile(juniper, PROFILE)
    correspondence = answering.accept(juniper,
                                      asking.ask(rowan, juniper, "Hello, could we write?"))
    assert letter_notices.choice_of(juniper.member_id) == "immediately"  # the default: at once
    client.login(juniper)
    choices = {"reply": "digest", "mention": "digest", "quote": "digest", "reactions": "site",
               "letters": "site", "sharing": "site", "moderation": "site"}
    client.post("/settings/notifications", choices)
    assert letter_notices.choice_of(juniper.member_id) == "never"
    before = len(outgoing.sent_to("juniper@example.org"))
    letters.send_letter(rowan, correspondence, "Private words")
    assert len(outgoing.sent_to("juniper@example.org")) == before
    client.post("/settings/notifications", {**choices, "letters": "digest"})
    assert letter_notices.choice_of(juniper.member_id) == "daily"
    page = client.get("/notifications")
    assert "A letter from rowan is waiting for you" in page.text
    assert "Private words" not in page.text


def test_the_header_count_costs_no_request(client, make):
    from chalicelib.models.base import shared_connection

    juniper = make.member(handle="juniper")
    make.reply(make.thread(author=juniper), author=make.member())
    client.login(juniper)
    client.get("/settings")  # warm: sessions touched, templates loaded
    calls = []
    handler = lambda **kwargs: calls.append(kwargs["model"].name)  # noqa: E731
    events = shared_connection().client.meta.events
    events.register("before-call.dynamodb", handler)
    try:
        page = client.get("/settings")
    finally:
        events.unregister("before-call.dynamodb", handler)
    assert page.soup.find("a", string="Notifications (1)") is not None
    assert calls == ["BatchGetItem"]
