"""Share our letters and what it tells: the other writer hears of a proposal and of its
changes, the proposer of its approval, decline or unpublishing (notifications, through the
letter_shares stream); publishing tells no one of its own letter-posts."""
from datetime import timedelta

import pytest

from chalicelib.core import clock

from chalicelib.correspondence import asking, letters, sharing, unpublishing
from chalicelib.correspondence.share_forms import Choice
from chalicelib.models.correspondence import Correspondence
from chalicelib.models.notifications import Notification
from chalicelib.profiles import editing
from chalicelib.subscriptions import digest_content, reactions

PROFILE = {"bio": None, "medication_classes": None, "stage": None, "year_started": None,
           "open_to_new": True, "availability_note": None, "max_open": 3,
           "letter_notifications": "never"}
FIRST = "Dear Birch, thank you, and @birch, hold on. Week 3 of the taper."
SECOND = "Dear Ash, the zaps faded after the fourth week. Hold on, @ash."


@pytest.fixture
def pair(make):
    ash, birch = make.member(handle="ash"), make.member(handle="birch")
    editing.save_profile(birch, dict(PROFILE))
    make.category("support", name="Support")
    correspondence = asking.accept(birch, asking.ask(ash, birch, "Hello, could we write?"))
    first = letters.send_letter(ash, correspondence, FIRST)
    second = letters.send_letter(birch, correspondence, SECOND)
    return ash, birch, _fresh(correspondence), first, second


def _fresh(correspondence):
    return Correspondence.get(correspondence.correspondence_id, consistent_read=True)


def _choice(first, second, title="Two of us"):
    return Choice([first.letter_id, second.letter_id],
                  {first.letter_id: first.body_source, second.letter_id: second.body_source},
                  title, "support")


def kinds_of(member):
    return [entry.kind for entry in Notification.query(member.member_id)]


def test_publishing_tells_no_one_of_its_own_letter_posts(pair, monkeypatch, drain_streams,
                                                         make):
    ash, birch, correspondence, first, second = pair
    queued = []
    monkeypatch.setattr(reactions.queue, "enqueue", lambda messages: queued.extend(messages))
    share = sharing.propose(ash, correspondence, _choice(first, second))
    before = {member.member_id: kinds_of(member) for member in (ash, birch)}
    thread = sharing.approve(birch, _fresh(correspondence), share.share_id, 1)
    drain_streams()
    # No reply notice, no "replied to your thread", no mention from the letters' own text.
    assert queued == []
    for member in (ash, birch):
        added = kinds_of(member)[len(before[member.member_id]):]
        assert not {"reply", "mention", "quote"} & set(added), (member.handle, added)
    # A real reply afterwards is told as any reply is.
    make.reply(thread, author=make.member(handle="reader"), body="Thank you both.")
    drain_streams()
    assert [message["type"] for message in queued] == ["reply"]
    assert "reply" in kinds_of(ash)


def test_a_writers_digest_lists_no_letter_post_as_a_reply_in_the_shared_thread(pair, make):
    ash, birch, correspondence, first, second = pair
    since = clock.utcnow() - timedelta(minutes=1)
    share = sharing.propose(ash, correspondence, _choice(first, second))
    thread = sharing.approve(birch, _fresh(correspondence), share.share_id, 1)

    def followed(reader):
        until = clock.utcnow() + timedelta(minutes=1)
        digest = digest_content.build_digest(digest_content.SharedReads(since), since, until,
                                             followed_ids=[thread.thread_id],
                                             reader_id=reader.member_id)
        return [count for _, _, count in digest.followed]

    assert followed(ash) == [] and followed(birch) == []
    make.reply(thread, author=make.member(handle="reader"), body="Thank you both.")
    assert followed(ash) == [1]
