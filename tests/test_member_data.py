"""Member data: every model that holds a member's data has a registered deleter, and
deleting an account leaves none of the member's data behind."""
from datetime import timedelta

import pytest

from chalicelib.core import clock
from chalicelib.models import ALL_MODELS
from chalicelib.platform import member_data

# Every model in ALL_MODELS, and why it does or does not hold member data. A model added
# to ALL_MODELS without a line here fails the test: decide, then write the reason down.
HOLDS_MEMBER_DATA = {
    "Thread": "author_id, author_handle, last_author_handle",
    "Post": "author_id, author_handle, the text",
    "Reaction": "the member id in thread_member and member_id",
    "Subscriber": "the member's digest choices and email",
    "Follow": "member_id",
    "DigestSummary": "a new thread's author id and opening words (an excerpt), for 9 days (TTL)",
    "Suppression": "the member's email",
    "JournalItem": "the whole taper journal",
    "Profile": "the peer profile",
    "PeerListing": "member_id",
    "Correspondence": "asker_id, recipient_id, the introduction",
    "CorrespondenceLink": "member_id",
    "Letter": "author_id, the letters",
    "LetterShare": "changed_by, the letters' shared texts and their authors",
    "Block": "blocker_id",
    "Notification": "member_id (the member's own), actor_id and actor_handle (others' about them)",
    "ReadingItem": "member_id: read positions, saved posts, the read horizon",
}
NOT_MEMBER_DATA = {
    "Category": "the forum's categories: no member field",
    "RateWindow": "a rate-limit counter for one window (a day at most), checked for expiry "
                  "when read and then removed by TTL",
    "Draft": "keyed by a random cookie id, gone after 24 hours (TTL)",
    "InboundMail": "a hash of an email's Message-ID and what it became; no member id, "
                   "address or text, gone after 30 days (TTL)",
}
# The account itself: accounts/deletion.py removes these after every feature's deleter ran.
ACCOUNT_RECORDS = {
    "Member": "the account row",
    "UniqueClaim": "the email claim is deleted; the handle claim stays so nobody can pose "
                   "as a departed member",
    "Session": "ended by session_lifecycle.end_all_sessions",
    "Token": "voided by accounts.tokens.void_all",
}
# The community's record of moderation, kept on purpose (docs/data-model.md).
MODERATION_RECORD = {
    "Report": "who reported what: kept so a pattern of reports stays visible",
    "ReportedPost": "the case of a post; names its author by handle",
    "AuditEntry": "what moderators did and to whom",
}


def test_every_model_is_classified():
    names = {model.__name__ for model in ALL_MODELS}
    classified = {**HOLDS_MEMBER_DATA, **NOT_MEMBER_DATA, **ACCOUNT_RECORDS,
                  **MODERATION_RECORD}
    assert names - set(classified) == set(), "classify these models in test_member_data.py"
    assert set(classified) - names == set(), "these models are gone from ALL_MODELS"


def test_every_model_holding_member_data_has_a_registered_deleter():
    uncovered = sorted(set(HOLDS_MEMBER_DATA) - member_data.covered_models())
    assert not uncovered, f"no registered deleter covers: {uncovered}"


def test_every_registration_resolves():
    from chalicelib.core.hooks import resolve

    for entry in member_data.registrations():
        assert callable(resolve(entry.delete)) and callable(resolve(entry.export)), entry


@pytest.fixture
def departing(make):
    """A member with a thread, a reply, a reaction, a follow, a block, a journal, an
    open correspondence with a letter, a read position, a saved post and a read horizon."""
    from chalicelib.correspondence import answering, asking, letters
    from chalicelib.forum import own_state, positions, reactions, saved
    from chalicelib.journal import entries
    from chalicelib.models.moderation import Block
    from chalicelib.profiles import editing
    from chalicelib.subscriptions import follows

    now = clock.utcnow()
    member = make.member(handle="departing_ivy", email="ivy.departs@example.org")
    friend = make.member(handle="steady_oak")
    own = make.thread(author=member, title="My taper so far")
    others = make.thread(author=friend, title="Week one")
    reply = make.reply(others, author=member, body="Hang in there.")
    reactions.react(others.thread_id, others.thread_id, member, now=now)
    follows.set_following(member.member_id, others, True)
    saved.save(member, others.thread_id, others.thread_id, now=now)
    positions.record(member, others, [reply], own_state.NOTHING_READ, 2, now=now)
    positions.mark_all_read(member, now=now)
    Block(blocker_id=member.member_id, blocked_id="someone", blocked_handle="someone",
          created_at=now).save()
    entries.add_medication(member.member_id, "sertraline", "ssris", "mg", now)
    editing.save_profile(friend, {"bio": None, "medication_classes": None, "stage": None,
                                  "year_started": None, "open_to_new": True,
                                  "availability_note": None, "max_open": 3,
                                  "letter_notifications": "never"})
    correspondence = answering.accept(friend, asking.ask(member, friend, "Could we write?"))
    letters.send_letter(member, correspondence, "A letter from me.", now=now)
    # Shared and published with both writers' consent, and a second proposal left open.
    from chalicelib.correspondence import sharing
    from chalicelib.correspondence.share_forms import Choice

    letter_id = next(iter(letters.letters_page(correspondence)[0])).letter_id
    choice = Choice([letter_id], {letter_id: "A letter from me, shared."}, "Our letters",
                    own.category_slug)
    sharing.propose(member, correspondence, choice, now=now)
    share = sharing.shares_of(correspondence)[0]
    sharing.approve(friend, correspondence, share.share_id, 1, now=now)
    correspondence.refresh(consistent_read=True)
    sharing.propose(friend, correspondence, choice, now=now)
    make.reply(own, author=friend, body="Welcome.")  # the member is told of the reply
    return member, friend, own, others, reply


def _items_mentioning(values):
    """Every item, in every table, with an attribute equal to or containing ``values``."""
    found = []
    for model in ALL_MODELS:
        for item in model.scan():
            text = repr(item.attribute_values)
            hits = [value for value in values if value in text]
            if hits:
                found.append((model.__name__, hits, item.attribute_values))
    return found


def test_deleting_an_account_leaves_none_of_the_members_data(departing, client, drain_streams):
    from chalicelib.accounts import deletion
    from chalicelib.models.forum import Post, Thread

    member, friend, own, others, reply = departing
    exported = member_data.export_all(member)
    assert {"threads", "posts", "reactions", "subscriptions", "journal", "correspondence",
            "blocks", "notifications"} <= set(exported)
    # The reply, then the friend's approval and proposal (Share our letters).
    assert sorted(entry["kind"] for entry in exported["notifications"]["entries"]) == [
        "reply", "sharing", "sharing"]
    assert exported["reactions"] == [{"thread_id": others.thread_id, "post_id": others.thread_id}]
    assert [entry["post_id"] for entry in exported["saved_posts"]] == [others.thread_id]
    assert [(entry["thread_id"], entry["last_read_post_id"])
            for entry in exported["read_positions"]] == [(others.thread_id, reply.post_id)]
    assert exported["marked_all_read_at"]

    deletion.delete_account(member, keep_posts=False, now=clock.utcnow() + timedelta(days=1))
    drain_streams()  # what reacts a moment later: the reactions taken back leave their groups

    kept = set(NOT_MEMBER_DATA)
    left = [hit for hit in _items_mentioning([member.member_id, member.email])
            if hit[0] not in kept]
    assert left == []
    # The handle claim stays, pointing at no one (accounts/deletion.py says why).
    assert {hit[0] for hit in _items_mentioning([member.handle])} <= kept | {"UniqueClaim"}
    # The other member keeps the ended correspondence, with a former member in it.
    from chalicelib.correspondence import letters
    (link,), _ = letters.my_correspondences(friend)
    assert (link.other_handle, link.status) == ("former member", "ended")
    client.login(friend)
    assert client.get("/letters").status == 200
    page = client.get(f"/letters/{link.correspondence_id}")
    assert page.status == 200 and "former member" in page.text
    # Posts are anonymised, as the member chose: text removed, the place kept.
    post = Post.get(reply.thread_id, reply.post_id)
    assert (post.author_handle, post.status, post.body_source) == ("former member", "removed", "")
    assert Thread.get(own.thread_id).author_handle == "former member"
    # The reaction is taken back, counter included.
    assert Post.get(others.thread_id, others.thread_id).reaction_count == 0


def test_deleting_twice_changes_nothing_the_second_time(departing):
    member = departing[0]
    now = clock.utcnow()
    member_data.delete_all(member, now, keep_posts=True)
    member_data.delete_all(member, now, keep_posts=True)
    assert member_data.export_all(member)["reactions"] == []
