"""Letters and thread replies by email (issue 19): the setting, the letter in full with its
Reply-To, a reply becoming the next letter or a thread reply under every rule, refusals
mailed back with the text, Message-ID once, unsubscribing by mail, and SES's path."""
import base64
import json
import re
from datetime import timedelta

import boto3
import pytest

from chalicelib.core import clock, config, signing
from chalicelib.correspondence import answering, asking, daily_requests, ending, letters
from chalicelib.inbound import handling, ses
from chalicelib.models.correspondence import Correspondence, Letter
from chalicelib.models.forum import MAX_BODY_CHARS, Post, Thread
from chalicelib.models.subscriptions import Subscriber
from chalicelib.moderation import blocks, suspensions
from chalicelib.platform import reply_addresses
from chalicelib.profiles import editing
from chalicelib.subscriptions import reply_notices, subscribers, tokens
from helpers import outgoing
from helpers.inbound import QUOTED, html_only_email, reply_email

PROFILE = {"bio": None, "medication_classes": None, "stage": None, "year_started": None,
           "open_to_new": True, "availability_note": None, "max_open": 3,
           "letter_notifications": "immediately", "letters_in_full": False}
NEW_TEXT = "Thank you for this. The third week was the hardest for me too."


def set_profile(member, **values):
    return editing.save_profile(member, {**PROFILE, **values})


@pytest.fixture
def pair(make):
    """An open correspondence; ``reader`` asked for letters in full by email."""
    writer = make.member(handle="writer", email="writer@example.org")
    reader = make.member(handle="reader", email="Reader@Example.org")
    set_profile(writer)
    set_profile(reader, letters_in_full=True)
    correspondence = answering.accept(writer, asking.ask(reader, writer, "Could we write?"))
    return writer, reader, correspondence


def letter_email_to(address):
    return outgoing.sent_to(address)[-1]


def reply_to_of(message):
    return message["Reply-To"]


def letters_of(correspondence):
    return [letter.body_source for letter in Letter.query(correspondence.correspondence_id)]


def refusal_to(address):
    found = [m for m in outgoing.sent_to(address)
             if m["Subject"] == "Your email reply was not posted on Lantern"]
    assert found, f"no refusal sent to {address}"
    assert found[-1]["Auto-Submitted"] == "auto-replied"  # no out-of-office answers it
    return outgoing.text_of(found[-1])


def test_the_setting_is_off_by_default_and_warns_about_shared_inboxes(member_client):
    page = member_client.get("/settings/peer-profile")
    box = page.soup.find("input", {"name": "letters_in_full"})
    label = box.find_parent("label").get_text(" ", strip=True)
    assert label == "Send me letters in full by email, and let me reply by email"
    assert not box.has_attr("checked")
    assert "shared" in page.soup.find(id="letters_in_full_hint").get_text()
    form = {"letter_notifications": "immediately", "max_open": "3", "letters_in_full": "yes"}
    assert member_client.post("/settings/peer-profile", form).status == 303
    page = member_client.get("/settings/peer-profile")
    assert page.soup.find("input", {"name": "letters_in_full"}).has_attr("checked")


def test_a_letter_in_full_carries_its_text_and_a_signed_reply_to(pair):
    writer, reader, correspondence = pair
    letters.send_letter(writer, correspondence, "Dear reader, *slowly* is the way.")
    message = letter_email_to("reader@example.org")
    assert "Dear reader, *slowly* is the way." in outgoing.text_of(message)
    assert "<em>slowly</em>" in outgoing.html_of(message)
    address = reply_to_of(message)
    assert re.fullmatch(r"reply\+[a-z2-7]{47}@reply\.lantern\.invalid", address)
    assert reply_addresses.read_reply_address(address, reader.member_id) == (
        "letter", correspondence.correspondence_id)
    assert reply_addresses.read_reply_address(address, writer.member_id) is None
    # The writer kept the default: only "a letter is waiting", no text, no Reply-To.
    letters.send_letter(reader, correspondence, "Thank you.")
    notice = letter_email_to("writer@example.org")
    assert "Thank you." not in outgoing.text_of(notice) and notice["Reply-To"] is None


def test_a_reply_by_email_becomes_the_next_letter_without_the_quote(pair):
    writer, reader, correspondence = pair
    letters.send_letter(writer, correspondence, "How are you?")
    address = reply_to_of(letter_email_to("reader@example.org"))
    outcome = handling.handle(reply_email(address, "Reader <READER@example.org>", NEW_TEXT))
    assert outcome["result"] == "letter"
    assert letters_of(correspondence) == ["How are you?", NEW_TEXT]
    assert Letter.get(correspondence.correspondence_id, outcome["id"]).author_id == \
        reader.member_id
    # The writer is told as they chose (a letter is waiting).
    assert "A letter is waiting" in letter_email_to("writer@example.org")["Subject"]


def test_the_same_message_id_twice_does_nothing_twice(pair):
    writer, reader, correspondence = pair
    letters.send_letter(writer, correspondence, "How are you?")
    address = reply_to_of(letter_email_to("reader@example.org"))
    raw = reply_email(address, "reader@example.org", NEW_TEXT, message_id="<once@example.org>")
    assert handling.handle(raw)["result"] == "letter"
    again = handling.handle(raw)
    assert again["result"] == "duplicate" and again["before"].startswith("letter")
    assert letters_of(correspondence) == ["How are you?", NEW_TEXT]


def test_a_claim_left_by_a_stopped_function_is_taken_again_later():
    from chalicelib.inbound import mailbox

    now = clock.utcnow()
    assert mailbox.claim("k", now) is True
    assert mailbox.claim("k", now + timedelta(minutes=5)) is False  # still at work
    assert mailbox.claim("k", now + timedelta(minutes=20)) is True  # stopped mid-way
    mailbox.finish("k", "letter:posted")
    assert mailbox.claim("k", now + timedelta(days=2)) is False  # done is done


def test_html_only_replies_are_reduced_to_safe_text(pair):
    writer, reader, correspondence = pair
    letters.send_letter(writer, correspondence, "How are you?")
    address = reply_to_of(letter_email_to("reader@example.org"))
    html = ("<div>Better <b>today</b> &amp; calmer.<script>alert(1)</script>"
            "<img src=x onerror=alert(2)></div><blockquote>How are you?</blockquote>")
    assert handling.handle(html_only_email(address, "reader@example.org", html))[
        "result"] == "letter"
    [_, letter] = list(Letter.query(correspondence.correspondence_id))
    assert letter.body_source == "Better today & calmer."
    assert "script" not in letter.body_html and "onerror" not in letter.body_html


def _refused_letter(pair, prepare, expected):
    writer, reader, correspondence = pair
    letters.send_letter(writer, correspondence, "How are you?")
    address = reply_to_of(letter_email_to("reader@example.org"))
    prepare(writer, reader, correspondence)
    outcome = handling.handle(reply_email(address, "reader@example.org", NEW_TEXT))
    assert outcome["result"] == "refused"
    text = refusal_to("reader@example.org")
    assert NEW_TEXT in text and expected in text
    assert QUOTED not in text  # the new text, not the whole thread again
    assert NEW_TEXT not in letters_of(correspondence)
    return outcome


def test_paused_correspondence_refuses_politely_with_the_text(pair):
    _refused_letter(pair, lambda writer, reader, c: ending.pause(writer, c), "paused")


def test_ended_correspondence_refuses_and_says_the_other_is_not_available(pair):
    def end_and_close(writer, reader, correspondence):
        ending.end(correspondence, reason="ended")
        set_profile(writer, open_to_new=False)

    _refused_letter(pair, end_and_close, "is not available for new correspondence")


def test_ended_correspondence_names_the_daily_request_limit_when_it_is_reached(pair, make):
    def end_and_ask_three(writer, reader, correspondence):
        ending.end(correspondence, reason="ended")
        while daily_requests.requests_left_today(reader.member_id, clock.utcnow()):
            other = make.member()
            set_profile(other)
            asking.ask(reader, other, "Hello?")

    _refused_letter(pair, end_and_ask_three, "please try again tomorrow")


def test_a_block_refuses_without_saying_block(pair):
    def block(writer, reader, correspondence):
        blocks.block(writer, reader, clock.utcnow())

    outcome = _refused_letter(pair, block, "has ended")
    assert "block" not in refusal_to("reader@example.org").lower()
    assert outcome["reason"] == "ended"


def test_a_suspension_refuses_letters_by_email(pair, make):
    moderator = make.member(role="moderator")
    _refused_letter(pair, lambda writer, reader, c: suspensions.suspend(
        moderator, reader, "3", "A cooling-off period.", clock.utcnow()), "suspended")


def test_a_too_long_letter_is_refused_with_all_of_it(pair):
    writer, reader, correspondence = pair
    letters.send_letter(writer, correspondence, "How are you?")
    address = reply_to_of(letter_email_to("reader@example.org"))
    long_text = "\n".join(["A long line of words about the taper, one more time."] * 700)
    assert len(long_text) > MAX_BODY_CHARS
    outcome = handling.handle(reply_email(address, "reader@example.org", long_text))
    assert (outcome["result"], outcome["reason"]) == ("refused", "too-long")
    assert long_text.strip() in refusal_to("reader@example.org")


def test_attachments_are_refused_with_the_text(pair):
    writer, reader, correspondence = pair
    letters.send_letter(writer, correspondence, "How are you?")
    address = reply_to_of(letter_email_to("reader@example.org"))
    raw = reply_email(address, "reader@example.org", NEW_TEXT, attachment=b"\xff\xd8jpeg")
    assert handling.handle(raw)["reason"] == "attachments"
    assert NEW_TEXT in refusal_to("reader@example.org")
    assert letters_of(correspondence) == ["How are you?"]


def test_the_wrong_sender_posts_nothing_and_a_member_sender_gets_the_text(pair, make):
    writer, reader, correspondence = pair
    letters.send_letter(writer, correspondence, "How are you?")
    address = reply_to_of(letter_email_to("reader@example.org"))
    outcome = handling.handle(reply_email(address, "stranger@elsewhere.example", NEW_TEXT))
    assert outcome == {"result": "refused", "reason": "wrong-sender", "told": False}
    assert not outgoing.sent_to("stranger@elsewhere.example")  # never mail strangers
    # The writer answering from the reader's email: told, without the reader's name.
    outcome = handling.handle(reply_email(address, "writer@example.org", NEW_TEXT))
    assert outcome["told"] is True
    text = refusal_to("writer@example.org")
    assert NEW_TEXT in text and "reader" not in text.lower().replace("reader@", "")
    assert letters_of(correspondence) == ["How are you?"]


def test_addresses_fit_the_64_characters_of_a_local_part_for_the_longest_ids():
    """RFC 5321: mail servers (SES too) may refuse a longer local part."""
    longest = "7ZZZZZZZZZZZZZZZZZZZZZZZZZ"  # the largest ULID
    for kind in reply_addresses.KINDS:
        address = reply_addresses.reply_address(kind, longest, longest)
        assert len(address.split("@")[0]) <= 64, address
        assert reply_addresses.read_reply_address(address, longest) == (kind, longest)
        # Mail servers may change the case of the local part.
        assert reply_addresses.read_reply_address(address.upper(), longest) == (kind, longest)
    for subscriber_id in (subscribers.email_subscriber_id("a" * 200 + "@example.org"),
                          subscribers.member_subscriber_id(longest)):
        address = reply_addresses.unsubscribe_address(subscriber_id)
        assert len(address.split("@")[0]) <= 64, address


def _with_mac_of(address, other):
    """``other``'s kind and target (the first 17 bytes) under ``address``'s HMAC."""
    def unpacked(text):
        token = reply_addresses.reply_token(text).upper()
        return base64.b32decode(token + "=" * (-len(token) % 8))

    packed = unpacked(other)[:17] + unpacked(address)[17:]
    return base64.b32encode(packed).decode().rstrip("=").lower()


def test_a_token_is_bound_to_its_member_kind_and_target():
    target, other_target, member, other = (clock.new_id() for _ in range(4))
    address = reply_addresses.reply_address("letter", target, member)
    assert reply_addresses.read_reply_address(address, other) is None
    for flipped in (reply_addresses.reply_address("thread", target, member),
                    reply_addresses.reply_address("letter", other_target, member)):
        # Swap the kind or the target while keeping the first token's HMAC.
        assert reply_addresses.read_reply_token(_with_mac_of(address, flipped), member) is None
    same = _with_mac_of(address, address)
    assert reply_addresses.read_reply_token(same, member) == ("letter", target)


def test_a_forged_altered_or_truncated_token_posts_nothing_and_gives_the_text_back(pair):
    writer, reader, correspondence = pair
    letters.send_letter(writer, correspondence, "How are you?")
    address = reply_to_of(letter_email_to("reader@example.org"))
    token = address.split("+", 1)[1].split("@")[0]
    old_format = signing.serializer(reply_addresses.SALT).dumps(
        ["l", correspondence.correspondence_id, reader.member_id])  # never shipped
    for forged in (address.replace(token, token[:-2] + ("aa" if token[-2:] != "aa" else "bb")),
                   address.replace(token, token[:-5]),
                   f"reply+{reply_addresses.SALT}@reply.lantern.invalid",
                   f"reply+{old_format}@reply.lantern.invalid"):
        outcome = handling.handle(reply_email(forged, "reader@example.org", NEW_TEXT))
        assert outcome == {"result": "refused", "reason": "wrong-sender", "told": True}, forged
        assert NEW_TEXT in refusal_to("reader@example.org")
    sent_before = len(outgoing.sent())
    elsewhere = address.replace("reply.lantern.invalid", "elsewhere.example")
    assert handling.handle(reply_email(elsewhere, "reader@example.org", NEW_TEXT))[
        "result"] == "ignored"
    assert len(outgoing.sent()) == sent_before
    assert letters_of(correspondence) == ["How are you?"]


def test_a_token_reused_for_another_member_or_target_posts_nothing(pair, make):
    writer, reader, correspondence = pair
    other = make.member(handle="other", email="other@example.org")
    set_profile(other)
    elsewhere = answering.accept(other, asking.ask(reader, other, "Could we write too?"))
    letters.send_letter(writer, correspondence, "How are you?")
    address = reply_to_of(letter_email_to("reader@example.org"))
    # The other member of a correspondence of the reader's cannot use the reader's token.
    assert handling.handle(reply_email(address, "other@example.org", NEW_TEXT))[
        "reason"] == "wrong-sender"
    # A token for one correspondence, its target swapped for another of the reader's.
    token = reply_addresses.reply_token(address)
    swapped = _with_mac_of(address, reply_addresses.reply_address(
        "letter", elsewhere.correspondence_id, reader.member_id))
    assert handling.handle(reply_email(address.replace(token, swapped), "reader@example.org",
                                       NEW_TEXT))["reason"] == "wrong-sender"
    assert letters_of(correspondence) == ["How are you?"]
    assert NEW_TEXT not in letters_of(elsewhere)


# Thread replies by email -------------------------------------------------------------

@pytest.fixture
def noticed(make):
    """A thread whose author gets reply notices at once, and the notice of one reply."""
    author = make.member(handle="author", email="author@example.org")
    subscribers.save_preferences(subscribers.for_member(author), "never", set(), "immediate")
    thread = make.thread(author=author, title="Month two of the taper")
    post = make.reply(thread, body="You are not alone.")
    assert reply_notices.send_reply_notice(thread.thread_id, post.post_id) == "sent"
    notice = outgoing.sent_to("author@example.org")[-1]
    return author, thread, notice


def test_a_reply_notice_answered_by_email_is_a_reply_in_the_thread(noticed):
    author, thread, notice = noticed
    assert "Reply to this email to answer in the thread" in outgoing.text_of(notice)
    outcome = handling.handle(reply_email(notice["Reply-To"], "author@example.org", NEW_TEXT))
    assert outcome["result"] == "thread"
    post = Post.get(thread.thread_id, outcome["id"])
    assert (post.body_source, post.author_id) == (NEW_TEXT, author.member_id)
    assert Thread.get(thread.thread_id).reply_count == 2


def _refused_reply(noticed, prepare, expected):
    author, thread, notice = noticed
    prepare(author, thread)
    outcome = handling.handle(reply_email(notice["Reply-To"], "author@example.org", NEW_TEXT))
    assert outcome["result"] == "refused", outcome
    text = refusal_to("author@example.org")
    assert NEW_TEXT in text and expected in text
    assert "kept below" not in text
    assert f"https://lantern.test/t/{thread.thread_id}" in text  # where to write instead
    assert Thread.get(thread.thread_id).reply_count == 1
    return outcome


def test_a_closed_thread_refuses_a_reply_by_email(noticed):
    def close(author, thread):
        thread.update(actions=[Thread.status.set("closed")])

    _refused_reply(noticed, close, "This thread is closed")


def test_a_suspended_author_cannot_reply_by_email(noticed, make):
    moderator = make.member(role="moderator")
    _refused_reply(noticed, lambda author, thread: suspensions.suspend(
        moderator, author, "3", "A pause.", clock.utcnow()), "suspended")


def test_first_day_limits_apply_to_replies_by_email(make):
    from chalicelib.moderation import new_members

    author = make.member(handle="newcomer", email="newcomer@example.org",
                         now=clock.utcnow() - timedelta(hours=2))
    subscribers.save_preferences(subscribers.for_member(author), "never", set(), "immediate")
    thread = make.thread(author=author, title="My first thread here")
    post = make.reply(thread, body="Welcome.")
    reply_notices.send_reply_notice(thread.thread_id, post.post_id)
    address = outgoing.sent_to("newcomer@example.org")[-1]["Reply-To"]
    outcomes = [handling.handle(reply_email(address, "newcomer@example.org", f"{NEW_TEXT} {n}"))
                for n in range(new_members.MAX_NEW_REPLIES + 1)]
    assert [outcome["result"] for outcome in outcomes] == \
        ["thread"] * new_members.MAX_NEW_REPLIES + ["refused"]
    text = refusal_to("newcomer@example.org")
    assert f"{NEW_TEXT} {new_members.MAX_NEW_REPLIES}" in text
    assert "first day" in text and "kept below" not in text


def test_the_hourly_posting_limit_applies_to_replies_by_email(noticed, rate_limits):
    from chalicelib.forum import composing

    author, thread, notice = noticed
    for _ in range(composing.POSTING_LIMITS["reply"]):
        composing.limit_posting(author, "reply")
    _refused_reply(noticed, lambda author, thread: None, "posted a lot in the last hour")


# Unsubscribing by mail ---------------------------------------------------------------

def test_list_unsubscribe_names_a_mailto_that_unsubscribes(noticed):
    author, thread, notice = noticed
    links = re.findall(r"<([^>]+)>", notice["List-Unsubscribe"])
    assert links[0].startswith("https://lantern.test/unsubscribe/")
    assert links[1].startswith("mailto:unsubscribe+")
    mailto = links[1][len("mailto:"):].split("?")[0]
    # Mail clients send it from the subscriber's address, often with an empty body.
    raw = reply_email(mailto, "author@example.org", "", quoted=False, signature="",
                      subject="unsubscribe")
    assert handling.handle(raw)["result"] == "unsubscribed"
    subscriber = Subscriber.get(subscribers.member_subscriber_id(author.member_id))
    assert subscriber.status == "unsubscribed"
    assert len(mailto.split("@")[0]) <= 64


def test_unsubscribe_by_mail_needs_its_own_token_from_its_own_address(noticed, make):
    author, thread, notice = noticed
    mailto = re.findall(r"<mailto:([^?>]+)", notice["List-Unsubscribe"])[0]
    make.member(handle="someone", email="someone@example.org")
    for forged, sender in ((mailto.replace("unsubscribe+", "unsubscribe+x"), "author@example.org"),
                           (mailto[:-30] + mailto[-28:], "author@example.org"),
                           (mailto, "someone@example.org"), (mailto, "stranger@example.org")):
        assert handling.handle(reply_email(forged, sender, "", quoted=False))[
            "result"] == "ignored", (forged, sender)
    subscriber = Subscriber.get(subscribers.member_subscriber_id(author.member_id))
    assert subscriber.status != "unsubscribed"


# SES's path --------------------------------------------------------------------------

def ses_notification(bucket, key, recipients, **verdicts):
    receipt = {"recipients": recipients,
               **{f"{name}Verdict": {"status": verdicts.get(name, "PASS")}
                  for name in ("spam", "virus", "spf", "dkim", "dmarc")},
               "action": {"type": "S3", "bucketName": bucket, "objectKey": key,
                          "topicArn": "arn:aws:sns:eu-west-1:123456789012:inbound"}}
    return json.dumps({"notificationType": "Received", "receipt": receipt,
                       "mail": {"messageId": key.rpartition("/")[2]}})


@pytest.fixture
def stored(pair):
    """A reply stored by SES's receipt rule in the inbound bucket."""
    writer, reader, correspondence = pair
    letters.send_letter(writer, correspondence, "How are you?")
    address = reply_to_of(letter_email_to("reader@example.org"))
    s3 = boto3.client("s3", region_name=config.settings.aws_region)
    s3.create_bucket(Bucket="lantern-test-inbound",
                     CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    s3.put_object(Bucket="lantern-test-inbound", Key="inbound/abc123",
                  Body=reply_email(address, "reader@example.org", NEW_TEXT))
    return correspondence, address


def test_ses_notification_through_the_lambda_becomes_a_letter(stored, invoke):
    correspondence, address = stored
    event = invoke.events.generate_sns_event(
        message=ses_notification("lantern-test-inbound", "inbound/abc123", [address]))
    response = invoke.lambda_.invoke("inbound_mail", event)
    assert response.payload["result"] == "letter"
    assert letters_of(correspondence) == ["How are you?", NEW_TEXT]


def test_a_failing_ses_verdict_does_nothing(stored):
    correspondence, address = stored
    sent_before = len(outgoing.sent())
    for verdicts, why in [({name: "FAIL"}, name) for name in ("spam", "virus", "spf", "dkim",
                                                              "dmarc")] + [
            ({"spam": "GRAY"}, "spam or virus"), ({"spf": "GRAY", "dkim": "GRAY"}, "neither")]:
        outcome = ses.handle_notification(ses_notification(
            "lantern-test-inbound", "inbound/abc123", [address], **verdicts))
        assert outcome["result"] == "ignored" and why in outcome["reason"], verdicts
    assert letters_of(correspondence) == ["How are you?"]
    assert len(outgoing.sent()) == sent_before
    # Not the receipt rule's object, or not a received-mail notification: nothing either.
    assert ses.handle_notification(ses_notification(
        "lantern-test-inbound", "elsewhere/abc123", [address]))["result"] == "ignored"
    assert ses.handle_notification(json.dumps({"notificationType": "Bounce"}))[
        "result"] == "ignored"


def test_an_operator_replays_a_stored_email_and_it_acts_once(stored, tmp_path, capsys):
    from types import SimpleNamespace

    from ops.commands import live_site

    correspondence, address = stored
    s3 = boto3.client("s3", region_name=config.settings.aws_region)
    path = tmp_path / "stored.eml"
    path.write_bytes(s3.get_object(Bucket="lantern-test-inbound", Key="inbound/abc123")[
        "Body"].read())
    for _ in range(2):
        live_site.receive_mail(SimpleNamespace(file=str(path), to=[address]))
    first, second = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert (first["result"], second["result"]) == ("letter", "duplicate")
    assert letters_of(correspondence) == ["How are you?", NEW_TEXT]


def test_replies_by_email_switch_off_with_the_inbound_domain(pair):
    writer, reader, correspondence = pair
    config.override(inbound_domain="")
    try:
        letters.send_letter(writer, correspondence, "How are you?")
        message = letter_email_to("reader@example.org")
        assert message["Reply-To"] is None
        assert "Reply to this email" not in outgoing.text_of(message)
        assert "How are you?" in outgoing.text_of(message)
        assert "mailto:" not in tokens.unsubscribe_headers("s1", "digests")["List-Unsubscribe"]
    finally:
        config.override(inbound_domain="reply.lantern.invalid")
    assert Correspondence.get(correspondence.correspondence_id).letter_count == 1
