"""Notifications (issue 17): replies, @mentions, quotes, "I hear you", letters waiting and
moderators' decisions reach a member through the table streams; the header counts them at
no extra request; blocks, edits, hidden and deleted posts are respected."""
from urllib.parse import parse_qs, urlparse

import pytest

from chalicelib.core import clock
from chalicelib.correspondence import answering, asking, letters
from chalicelib.forum import editing, reactions
from chalicelib.models.members import Member
from chalicelib.models.moderation import Block
from chalicelib.models.notifications import Notification
from chalicelib.moderation import actions, blocks
from chalicelib.notifications import entries
from chalicelib.profiles import editing as profiles
from helpers import outgoing

QUOTE = "[{handle} wrote:](/t/{thread}/p/{post})\n> {text}\n\nSo true."


def entries_of(member):
    return sorted(Notification.query(member.member_id), key=lambda entry: entry.sort_key)


def unseen(member):
    return Member.get(member.member_id, consistent_read=True).unseen_notifications or 0


@pytest.fixture
def people(make):
    return make.member(handle="juniper"), make.member(handle="rowan"), make.member(handle="sage")


def test_a_reply_notifies_the_thread_author_once(make, people, drain_streams):
    juniper, rowan, _ = people
    thread = make.thread(author=juniper, title="Week three")
    post = make.reply(thread, author=rowan)
    make.reply(thread, author=juniper, body="My own reply tells nobody.")
    [entry] = entries_of(juniper)
    assert (entry.kind, entry.actor_handle, entry.post_id) == ("reply", "rowan", post.post_id)
    assert entries.describe(entry) == ("rowan replied to your thread “Week three”",
                                       f"/t/{thread.thread_id}/p/{post.post_id}")
    assert unseen(juniper) == 1
    assert entries_of(rowan) == []


def test_a_mention_links_the_profile_and_notifies_once_even_after_edits(make, people,
                                                                        drain_streams):
    juniper, rowan, sage = people
    thread = make.thread(author=rowan)
    post = make.reply(thread, author=sage, body="Thinking of @Juniper and @nobody-here today.")
    assert '<a href="/u/juniper"' in post.body_html and "@nobody-here" in post.body_html
    assert 'href="/u/nobody-here"' not in post.body_html
    assert [e.kind for e in entries_of(juniper)] == ["mention"]
    editing.save_edit(post, thread, sage, "Still thinking of @juniper, and of @rowan.", None,
                      post.version, now=clock.utcnow())
    drain_streams()
    assert [e.kind for e in entries_of(juniper)] == ["mention"]  # not told twice
    assert unseen(juniper) == 1
    # rowan already had the reply notification for this post: one entry per post.
    assert [e.kind for e in entries_of(rowan)] == ["reply"]


def test_mentions_in_code_and_addresses_are_not_mentions(make, people):
    juniper, rowan, _ = people
    thread = make.thread(author=rowan)
    post = make.reply(thread, body="Write `@juniper` or mail x@juniper.org")
    assert "/u/juniper" not in post.body_html
    assert entries_of(juniper) == []


def test_at_most_ten_members_are_notified_per_post(make):
    named = [make.member(handle=f"friend{number:02d}") for number in range(12)]
    thread = make.thread()
    post = make.reply(thread, body=" ".join(f"@{m.handle}" for m in named))
    assert post.body_html.count("/u/friend") == 12
    told = [m for m in named if entries_of(m)]
    assert told == named[:10]


def test_a_quote_notifies_the_quoted_member(make, people):
    juniper, rowan, sage = people
    thread = make.thread(author=sage)
    quoted = make.reply(thread, author=juniper, body="Slow is fast.")
    make.reply(thread, author=rowan, body=QUOTE.format(
        handle="juniper", thread=thread.thread_id, post=quoted.post_id, text="Slow is fast."))
    [entry] = entries_of(juniper)
    assert entry.kind == "quote"
    assert entries.describe(entry)[0].startswith("rowan quoted your post in")


def test_hear_you_reactions_are_grouped_per_post(make, people, drain_streams):
    juniper, rowan, sage = people
    thread = make.thread(author=juniper)
    for member in (rowan, sage, juniper):
        reactions.react(thread.thread_id, thread.thread_id, member)
    drain_streams()
    [entry] = entries_of(juniper)
    assert entries.describe(entry)[0].startswith("2 members heard you in")
    assert unseen(juniper) == 1  # one group, counted once while unread
    reactions.unreact(thread.thread_id, thread.thread_id, sage)
    drain_streams()
    assert entries.describe(entries_of(juniper)[0])[0].startswith("1 member heard you")


def _writing(juniper, rowan):
    """juniper, open to letters (none emailed), accepts rowan's request to write."""
    profiles.save_profile(juniper, {"bio": None, "medication_classes": None, "stage": None,
                                    "year_started": None, "open_to_new": True,
                                    "availability_note": None, "max_open": 3,
                                    "letter_notifications": "never"})
    return answering.accept(juniper, asking.ask(rowan, juniper, "Hello, could we write?"))


def test_letters_waiting_never_carry_their_text(make, people, drain_streams):
    juniper, rowan, _ = people
    correspondence = _writing(juniper, rowan)
    letters.send_letter(rowan, correspondence, "My secret taper notes")
    letters.send_letter(rowan, correspondence, "And more")
    drain_streams()
    [entry] = entries_of(juniper)
    text, path = entries.describe(entry)
    assert text == "2 letters from rowan are waiting for you"
    assert path == f"/letters/{correspondence.correspondence_id}"
    assert "secret" not in str(entry.attribute_values)


def test_moderators_decisions_reach_the_author(make, people, drain_streams):
    juniper, rowan, _ = people
    moderator = make.member(role="moderator")
    thread = make.thread(author=rowan)
    post = make.reply(thread, author=juniper)
    actions.moderate_post(moderator, thread.thread_id, post.post_id, "hide", "", clock.utcnow())
    drain_streams()
    actions.moderate_post(moderator, thread.thread_id, post.post_id, "unhide", "", clock.utcnow())
    drain_streams()
    texts = sorted(entries.describe(e)[0].split(" in ")[0] for e in entries_of(juniper))
    assert texts == ["Moderators hid your post", "Moderators restored your post"]


def test_nothing_from_a_member_blocked_either_way(make, people, drain_streams):
    juniper, rowan, sage = people
    blocks.block(juniper, rowan, clock.utcnow())
    thread = make.thread(author=juniper)
    make.reply(thread, author=rowan, body="Hello @juniper")
    assert entries_of(juniper) == []
    # sage notified juniper before juniper blocked them: the block clears it.
    post = make.reply(thread, author=sage, body="Hi @juniper")
    reactions.react(thread.thread_id, post.post_id, juniper)
    drain_streams()
    assert [e.kind for e in entries_of(juniper)] == ["mention"]  # the mention wins the reply
    assert [e.kind for e in entries_of(sage)] == ["reactions"]
    blocks.block(sage, juniper, clock.utcnow())  # sage blocks juniper: both ways count
    drain_streams()
    assert entries_of(juniper) == [] and entries_of(sage) == []


def test_the_display_leaves_out_a_block_the_stream_has_not_reached(make, people):
    juniper, rowan, _ = people
    thread = make.thread(author=juniper)
    make.reply(thread, author=rowan)
    # Written without draining the stream: the page checks blocks itself.
    Block(blocker_id=rowan.member_id, blocked_id=juniper.member_id, blocked_handle="juniper",
          created_at=clock.utcnow()).save()
    shown, _ = entries.page_of(juniper.member_id)
    assert shown == []


def test_off_writes_nothing_and_email_at_once_sends_the_sentence_only(client, make, people):
    juniper, rowan, sage = people
    client.login(juniper)
    form = {"reply": "off", "mention": "email", "quote": "digest", "reactions": "site",
            "letters": "email", "sharing": "email", "moderation": "site"}
    assert client.post("/settings/notifications", form).status == 303
    thread = make.thread(author=juniper, title="Tapering")
    make.reply(thread, author=rowan)
    assert entries_of(juniper) == []
    before = len(outgoing.sent_to("juniper@example.org"))
    make.reply(thread, author=sage, body="@juniper my private words")
    [message] = outgoing.sent_to("juniper@example.org")[before:]
    text = outgoing.text_of(message)
    assert "sage mentioned you in “Tapering”" in text and "private words" not in text
    assert "/notifications/open?ref=post%23" in text


def test_settings_keep_a_bad_choice_beside_its_field(client, member):
    client.login(member)
    page = client.post("/settings/notifications", {"reply": "loud"})
    assert page.status == 400
    assert page.field_error("reply")
    assert client.get("/settings/notifications").soup.find(
        "input", {"name": "mention", "value": "digest"}).has_attr("checked")


def test_the_page_lists_newest_first_and_opening_marks_read(client, make, people):
    juniper, rowan, sage = people
    thread = make.thread(author=juniper, title="Sleep")
    first = make.reply(thread, author=rowan)
    make.reply(thread, author=sage, body="@juniper how are you?")
    client.login(juniper)
    home = client.get("/")
    assert home.soup.find("a", string="Notifications (2)", href="/notifications") is not None
    page = client.get("/notifications")
    items = page.soup.select(".notification-list li")
    assert [li.get_text(" ", strip=True).split(" (unread)")[0] for li in items] == [
        "sage mentioned you in “Sleep”", "rowan replied to your thread “Sleep”"]
    # Opened: the header's count starts again.
    assert client.get("/").soup.find("a", string="Notifications", href="/notifications")
    href = items[1].find("a")["href"]
    opened = client.get(href)
    assert opened.status == 303
    assert opened.location.endswith(f"/t/{thread.thread_id}/p/{first.post_id}")
    ref = parse_qs(urlparse(href).query)["ref"][0]
    assert Notification.get(juniper.member_id, ref).read_at is not None
    assert client.get(href).status == 303  # twice: nothing changes
    client.post("/notifications/read")
    assert all(e.read_at for e in entries_of(juniper))
    assert "unread" not in client.get("/notifications").text


def test_a_hidden_post_leads_to_the_calm_removed_page(client, make, people, drain_streams):
    juniper, rowan, _ = people
    moderator = make.member(role="moderator")
    thread = make.thread(author=juniper)
    post = make.reply(thread, author=rowan, body="Hi @juniper")
    actions.moderate_post(moderator, thread.thread_id, post.post_id, "hide", "", clock.utcnow())
    drain_streams()
    client.login(juniper)
    ref = f"post#{post.post_id}"
    opened = client.get(entries.open_path(ref))
    final = client.get(urlparse(opened.location).path)
    assert final.status == 404 and "removed" in final.text.lower()


def test_someone_elses_entry_or_page_link_shows_nothing_of_theirs(client, make, people):
    juniper, rowan, _ = people
    thread = make.thread(author=juniper)
    post = make.reply(thread, author=rowan)
    client.login(rowan)
    assert client.get(entries.open_path(f"post#{post.post_id}")).location.endswith("/notifications")
    assert client.get("/notifications?after=broken").status == 400


def test_new_members_count_mentions_as_links(client, make, people):
    newcomer = make.member(handle="newbie", now=clock.utcnow())
    thread = make.thread()
    client.login(newcomer)
    page = client.post(f"/t/{thread.thread_id}/reply",
                       {"body": "Hello @juniper @rowan @sage, glad to be here"})
    assert page.status == 400 and "mentions" in page.field_error("body")


def test_entries_expire_after_ninety_days_and_page_newest_first(client, make, people):
    from datetime import timedelta

    from chalicelib.notifications import store

    juniper, rowan, _ = people
    start = clock.utcnow()
    for number in range(entries.PAGE_SIZE + 1):
        store.add(juniper.member_id, f"post#P{number:03d}", "reply", start + timedelta(seconds=number),
                  actor_id=rowan.member_id, actor_handle="rowan", thread_id="T",
                  post_id=f"P{number:03d}", thread_title=f"Thread {number}")
    entry = Notification.get(juniper.member_id, "post#P000")
    # TTL keeps whole seconds.
    assert timedelta(days=90) - timedelta(seconds=1) < entry.expires_at - entry.changed_at \
        <= timedelta(days=90)
    client.login(juniper)
    first = client.get("/notifications")
    texts = [li.get_text(" ", strip=True) for li in first.soup.select(".notification-list li")]
    assert len(texts) == entries.PAGE_SIZE and texts[0].startswith("rowan replied to your thread “Thread 20”")
    older = first.soup.find("a", rel="next")["href"]
    [last] = client.get(older).soup.select(".notification-list li")
    assert "“Thread 0”" in last.get_text(" ", strip=True)


def test_a_mention_in_a_letter_links_but_tells_no_third_member(make, people, drain_streams):
    juniper, rowan, sage = people
    correspondence = _writing(juniper, rowan)
    letter = letters.send_letter(rowan, correspondence, "Have you met @sage?")
    drain_streams()
    assert '<a href="/u/sage"' in letter.body_html
    assert entries_of(sage) == []  # a letter is private: naming someone tells them nothing


def test_an_author_removing_their_post_tells_no_one(make, people, drain_streams):
    juniper, rowan, _ = people
    thread = make.thread(author=juniper)
    post = make.reply(thread, author=rowan)
    editing.remove_post(post, rowan)
    drain_streams()
    assert [e.kind for e in entries_of(juniper)] == ["reply"]
    assert entries_of(rowan) == []


def test_every_stream_delivered_again_changes_nothing(invoke, make, people, drain_streams):
    from ops.localstreams import StreamReader

    juniper, rowan, sage = people
    profiles.save_profile(juniper, {"bio": None, "medication_classes": None, "stage": None,
                                    "year_started": None, "open_to_new": True,
                                    "availability_note": None, "max_open": 3,
                                    "letter_notifications": "never"})
    thread = make.thread(author=juniper)
    make.reply(thread, author=rowan, body="Hello @juniper")
    reactions.react(thread.thread_id, thread.thread_id, sage)
    correspondence = answering.accept(juniper,
                                      asking.ask(rowan, juniper, "Hello, could we write?"))
    letters.send_letter(rowan, correspondence, "A letter")
    drain_streams()
    before = [(e.ref, sorted(e.group_ids or ())) for e in entries_of(juniper)], unseen(juniper)
    assert before[1] == 3
    for table in ("posts", "reactions", "letters"):
        event = StreamReader(tables=(table,)).recorded_event(table)
        assert invoke.lambda_.invoke(f"{table}_stream", event).payload == {"batchItemFailures": []}
    assert ([(e.ref, sorted(e.group_ids or ())) for e in entries_of(juniper)],
            unseen(juniper)) == before
