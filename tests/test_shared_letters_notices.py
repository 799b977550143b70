"""Share our letters and what it tells: the other writer hears of a proposal and of its
changes, the proposer of its approval, decline or unpublishing (notifications, through the
letter_shares stream); publishing tells no one of its own letter-posts."""
from datetime import timedelta

import pytest

from chalicelib.core import clock

from chalicelib.correspondence import sharing, unpublishing
from chalicelib.correspondence.share_forms import Choice
from chalicelib.models.notifications import Notification
from chalicelib.notifications import entries, preferences, shares
from chalicelib.platform import streams
from chalicelib.subscriptions import digest_content, reactions
from helpers import outgoing
from helpers.streams import drain
from test_shared_letters import corresponding_pair, fresh

FIRST = "Dear Birch, thank you, and @birch, hold on. Week 3 of the taper."
SECOND = "Dear Ash, the zaps faded after the fourth week. Hold on, @ash."


@pytest.fixture
def pair(make):
    return corresponding_pair(make, FIRST, SECOND)


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
    thread = sharing.approve(birch, fresh(correspondence), share.share_id, 1)
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
    thread = sharing.approve(birch, fresh(correspondence), share.share_id, 1)

    def followed(reader):
        until = clock.utcnow() + timedelta(minutes=1)
        digest = digest_content.build_digest(digest_content.SharedReads(since), since, until,
                                             followed_ids=[thread.thread_id],
                                             reader_id=reader.member_id)
        return [count for _, _, count in digest.followed]

    assert followed(ash) == [] and followed(birch) == []
    make.reply(thread, author=make.member(handle="reader"), body="Thank you both.")
    assert followed(ash) == [1]


def sharing_entries(member):
    drain()
    found = sorted((entry for entry in Notification.query(member.member_id)
                    if entry.kind == "sharing"), key=lambda entry: entry.sort_key)
    return [entries.describe(entry) for entry in found]


def test_each_step_of_a_proposal_tells_the_other_writer_by_email_without_the_text(pair):
    ash, birch, correspondence, first, second = pair
    share_page = f"/letters/{correspondence.correspondence_id}/share"
    before = len(outgoing.sent_to(birch.email))
    share = sharing.propose(ash, correspondence, _choice(first, second))
    assert sharing_entries(birch) == [("ash proposes to share your letters", share_page)]
    assert sharing_entries(ash) == []
    [message] = outgoing.sent_to(birch.email)[before:]  # the default: email at once
    text = outgoing.text_of(message)
    assert "ash proposes to share your letters" in text and "/notifications/open?" in text
    assert "zaps" not in text and "taper" not in text  # never the letters' text

    sharing.revise(birch, fresh(correspondence), share.share_id, 1,
                   _choice(first, second, title="Two of us, again"))
    assert sharing_entries(ash) == [("birch changed the proposal to share your letters",
                                     share_page)]
    thread = sharing.approve(ash, fresh(correspondence), share.share_id, 2)
    assert sharing_entries(birch)[-1] == (
        "ash approved: your shared letters are published as “Two of us, again”",
        f"/t/{thread.thread_id}")
    unpublishing.unpublish(ash, correspondence.correspondence_id, share.share_id)
    assert sharing_entries(birch)[-1] == (
        "ash unpublished your shared letters “Two of us, again”", share_page)
    assert len(sharing_entries(ash)) == 1 and len(sharing_entries(birch)) == 3


def test_declining_tells_the_proposer_and_withdrawing_tells_the_other(pair, client):
    ash, birch, correspondence, first, second = pair
    share = sharing.propose(ash, correspondence, _choice(first, second))
    sharing.decline(birch, fresh(correspondence), share.share_id)
    assert sharing_entries(ash) == [("birch declined the proposal to share your letters",
                                     f"/letters/{correspondence.correspondence_id}/share")]
    share = sharing.propose(birch, fresh(correspondence), _choice(first, second))
    sharing.decline(birch, fresh(correspondence), share.share_id)
    assert sharing_entries(ash)[-1][0] == "birch withdrew the proposal to share your letters"
    # The entry opens the sharing page and is then read.
    client.login(ash)
    page = client.get("/notifications")
    [link] = [a for a in page.soup.find_all("a") if "declined the proposal" in a.get_text()]
    assert client.get(link["href"]).location.endswith(
        f"/letters/{correspondence.correspondence_id}/share")


def test_a_share_record_handled_twice_tells_once_and_off_tells_nothing(pair, client):
    ash, birch, correspondence, first, second = pair
    share = sharing.propose(ash, correspondence, _choice(first, second))
    record = streams.Change("letter_shares", "INSERT", {}, new={
        "correspondence_id": share.correspondence_id, "share_id": share.share_id,
        "status": "proposed", "version": 1, "changed_by": ash.member_id, "title": share.title})
    shares.on_share(record)
    assert len(sharing_entries(birch)) == 1
    client.login(ash)
    choices = {kind: "site" for kind in preferences.KINDS}
    assert client.post("/settings/notifications", {**choices, "sharing": "off"}).status == 303
    sharing.decline(birch, fresh(correspondence), share.share_id)
    assert sharing_entries(ash) == []
