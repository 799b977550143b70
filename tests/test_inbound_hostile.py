"""Inbound mail under attack and by accident (issue 19): replies delivered over SMTP to
`make run`'s server, and a sweep of malformed MIME, forged and reused tokens, wrong
senders, a 10 MB message, HTML with scripts and other charsets. No exception escapes, no
letter is created by a hostile email, and a member's refused text always comes back."""
import smtplib
from email.message import EmailMessage

import pytest

from chalicelib.core import clock, config, signing
from chalicelib.correspondence import answering, asking, ending, letters
from chalicelib.inbound import handling, reading
from chalicelib.models.correspondence import Letter
from chalicelib.platform import reply_addresses
from chalicelib.profiles import editing
from helpers import outgoing
from helpers.inbound import QUOTED, reply_email

PROFILE = {"bio": None, "medication_classes": None, "stage": None, "year_started": None,
           "open_to_new": True, "availability_note": None, "max_open": 3,
           "letter_notifications": "immediately", "letters_in_full": True}
NEW_TEXT = "Slowly, one small step at a time. Thank you for writing."
REFUSAL_SUBJECT = "Your email reply was not posted on Lantern"
TEN_MB = ("x" * 76 + "\n") * 136_000  # lines SMTP accepts (998 characters at most)


@pytest.fixture
def pair(make):
    writer = make.member(handle="writer", email="writer@example.org")
    reader = make.member(handle="reader", email="reader@example.org")
    for member in (writer, reader):
        editing.save_profile(member, PROFILE)
    correspondence = answering.accept(writer, asking.ask(reader, writer, "Could we write?"))
    letters.send_letter(writer, correspondence, "How are you this week?")
    address = outgoing.sent_to("reader@example.org")[-1]["Reply-To"]
    return writer, reader, correspondence, address


def letter_bodies(correspondence):
    return [letter.body_source for letter in Letter.query(correspondence.correspondence_id)]


def refusals_to(address):
    return [outgoing.text_of(m) for m in outgoing.sent_to(address)
            if m["Subject"] == REFUSAL_SUBJECT]


@pytest.fixture
def smtp_server(tmp_path):
    from ops import localinbound

    config.override(outbox_dir=str(tmp_path))
    controller = localinbound.start()
    yield controller
    controller.stop()
    config.override(outbox_dir="")


def test_replies_delivered_over_smtp_become_letters_without_the_quote(pair, smtp_server,
                                                                      tmp_path):
    writer, reader, correspondence, address = pair
    with smtplib.SMTP("127.0.0.1", smtp_server.port, timeout=10) as smtp:
        smtp.sendmail("reader@example.org", [address],
                      reply_email(address, "reader@example.org", NEW_TEXT))
    assert letter_bodies(correspondence) == ["How are you this week?", NEW_TEXT]
    assert QUOTED not in "".join(letter_bodies(correspondence))
    # The outbox keeps what came in, with what it became (/dev/outbox lists it).
    [received] = [path for path in tmp_path.iterdir() if "-inbound-" in path.name]
    assert received.read_bytes().startswith(b"X-Lantern-Became: letter, posted, ")
    listing, shown = local_pages("/dev/outbox", f"/dev/outbox/{received.name}")
    assert "letter, posted" in listing and "Received" in listing
    assert "What it became" in shown and NEW_TEXT in shown


def local_pages(*paths):
    """GET pages of the local-only routes (/dev/...), served as `make run` serves them."""
    from chalice import Chalice
    from chalice.test import Client

    from chalicelib.route_table import LOCAL_ROUTES
    from chalicelib.web import routing, security

    local = Chalice(app_name="lantern-local")
    local.register_middleware(security.http_middleware, "http")
    routing.register_routes(local, LOCAL_ROUTES)
    config.override(stage="local")
    try:
        with Client(local) as client:
            responses = [client.http.get(path) for path in paths]
    finally:
        config.override(stage="test")
    assert [response.status_code for response in responses] == [200] * len(paths)
    return [response.body.decode() for response in responses]


def test_the_smtp_server_answers_every_hostile_message_and_stays_up(pair, smtp_server,
                                                                   tmp_path):
    writer, reader, correspondence, address = pair
    with smtplib.SMTP("127.0.0.1", smtp_server.port, timeout=30) as smtp:
        smtp.sendmail("x@example.org", [address], b"\x00\xff not an email at all")
        smtp.sendmail("reader@example.org", [address],
                      reply_email(address, "reader@example.org", TEN_MB))
        smtp.sendmail("reader@example.org", [address],
                      reply_email(address, "reader@example.org", NEW_TEXT))
    assert letter_bodies(correspondence) == ["How are you this week?", NEW_TEXT]
    assert any("larger than Lantern reads" in text for text in refusals_to("reader@example.org"))
    # The outbox pages show even an email whose bytes are not an email.
    received = sorted(path.name for path in tmp_path.iterdir() if "-inbound-" in path.name)
    assert len(received) == 3
    local_pages("/dev/outbox", *(f"/dev/outbox/{name}" for name in received))


def _multipart(address, sender, parts):
    boundary = "b0undary"
    body = "".join(f"--{boundary}\r\n{part}\r\n" for part in parts)
    return (f"From: {sender}\r\nTo: {address}\r\nMessage-ID: <{clock.new_id()}@example.org>\r\n"
            f"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"{boundary}\"\r\n"
            f"\r\n{body}").encode()


def _nested(address, sender, depth):
    head = (f"From: {sender}\r\nTo: {address}\r\nMessage-ID: <deep@example.org>\r\n"
            "MIME-Version: 1.0\r\n")
    inner = "Content-Type: text/plain\r\n\r\nDeep text.\r\n"
    for level in range(depth):
        inner = (f"Content-Type: multipart/mixed; boundary=\"b{level}\"\r\n\r\n--b{level}\r\n"
                 f"{inner}--b{level}--\r\n")
    return (head + inner).encode()


def hostile_messages(address, other_address):
    """(name, raw bytes, recipients): what must create no letter."""
    sender = "reader@example.org"
    token = address.split("+", 1)[1].split("@")[0]
    forged_member = signing.serializer("other-salt").dumps(["l", "x", "y"])
    yield "empty", b"", [address]
    yield "binary garbage", b"\x00\xff\xfe" * 1000, [address]
    yield "headers only", f"From: {sender}\r\nTo: {address}\r\n".encode(), [address]
    yield "broken From", f"From: <<<@@>>>\r\nTo: {address}\r\n\r\n{NEW_TEXT}".encode(), [address]
    yield "encoded-word soup", (f"From: =?utf-8?b?!!!?= <{sender}>\r\nTo: {address}\r\n"
                                f"Subject: =?x-bogus?q?=FF=FE?=\r\n\r\n").encode(), [address]
    yield "unterminated multipart", _multipart(address, sender, [
        "Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!notbase64"]), \
        [address]
    yield "attachment only", _multipart(address, sender, [
        "Content-Type: application/x-msdownload\r\nContent-Disposition: attachment; "
        "filename=run.exe\r\n\r\nMZ..."]), [address]
    yield "200 nested multiparts", _nested(address, sender, 200), [address]
    yield "10 MB", reply_email(address, sender, TEN_MB), [address]
    yield "altered token", reply_email(address.replace(token, token[:-3] + "abc"), sender,
                                       NEW_TEXT), None
    yield "truncated token", reply_email(address.replace(token, token[:30]), sender,
                                         NEW_TEXT), None
    yield "old long token format", reply_email(
        f"reply+{signing.serializer('reply-by-email').dumps(['l', 'x', 'y'])}"
        "@reply.lantern.invalid", sender, NEW_TEXT), None
    yield "token signed with another salt", reply_email(
        f"reply+{forged_member}@reply.lantern.invalid", sender, NEW_TEXT), None
    yield "huge token", reply_email(f"reply+{'A' * 5000}@reply.lantern.invalid", sender,
                                    NEW_TEXT), None
    yield "another member's token", reply_email(other_address, sender, NEW_TEXT), None
    yield "wrong From", reply_email(address, "mallory@evil.example", NEW_TEXT), None
    yield "From spoofed in display name", reply_email(
        address, f'"{sender}" <mallory@evil.example>', NEW_TEXT), None
    yield "only the quote", reply_email(address, sender, "", signature=""), None
    yield "an out-of-office reply", reply_email(address, sender, "I am away until Monday.")\
        .replace(b"Subject:", b"Auto-Submitted: auto-replied\r\nSubject:"), None
    yield "script in HTML only", (
        f"From: {sender}\r\nTo: {address}\r\nMIME-Version: 1.0\r\n"
        "Content-Type: text/html\r\n\r\n<script>alert(1)</script><style>p{}</style>").encode(), \
        None


def test_hostile_inbound_sweep_creates_no_letter_and_loses_nothing(pair, make):
    writer, reader, correspondence, address = pair
    other = make.member(email="other@example.org")
    other_address = reply_addresses.reply_address("letter", correspondence.correspondence_id,
                                                  other.member_id)
    seen = []
    for name, raw, recipients in hostile_messages(address, other_address):
        sent_before = len(outgoing.sent())
        outcome = handling.handle(raw, recipients=recipients)  # never raises
        seen.append((name, outcome["result"]))
        assert outcome["result"] in ("ignored", "refused", "duplicate"), (name, outcome)
        assert letter_bodies(correspondence) == ["How are you this week?"], name
        new_mail = outgoing.sent()[sent_before:]
        assert all(m["To"] in ("reader@example.org", "other@example.org") for m in new_mail), \
            f"{name}: mailed a stranger"
        if name == "an out-of-office reply":
            assert (outcome["reason"], new_mail) == ("an automatic reply", []), name
        if outcome["result"] == "refused" and outcome["reason"] not in ("too-large",
                                                                        "wrong-sender", "empty"):
            text = outgoing.text_of(new_mail[-1])
            assert NEW_TEXT in text or outcome["reason"] in ("unreadable", "attachments"), name
    assert len(seen) == 20


def test_a_replayed_valid_reply_and_a_reply_to_an_ended_correspondence(pair):
    writer, reader, correspondence, address = pair
    raw = reply_email(address, "reader@example.org", NEW_TEXT, message_id="<same@example.org>")
    assert handling.handle(raw)["result"] == "letter"
    for _ in range(3):
        assert handling.handle(raw)["result"] == "duplicate"
    ending.end(correspondence, reason="ended")
    later = reply_email(address, "reader@example.org", "Are you still there?")
    assert handling.handle(later)["reason"] == "ended"
    assert letter_bodies(correspondence) == ["How are you this week?", NEW_TEXT]
    assert "Are you still there?" in refusals_to("reader@example.org")[-1]


CHARSETS = {"iso-8859-1": "Ça va mieux, merci. Déjà trois semaines.",
            "windows-1252": "“Slowly” — the taper’s third week.",
            "koi8-r": "Спасибо, мне лучше.",
            "shift_jis": "ありがとう、少し良くなりました。",
            "gb2312": "谢谢，我好多了。"}


@pytest.mark.parametrize("charset", sorted(CHARSETS))
def test_other_charsets_are_read_as_written(pair, charset):
    writer, reader, correspondence, address = pair
    text = CHARSETS[charset]
    message = EmailMessage()
    message["From"], message["To"] = "reader@example.org", address
    message.set_content(text, charset=charset)
    assert handling.handle(message.as_bytes())["result"] == "letter"
    assert letter_bodies(correspondence)[-1] == text


def test_an_unknown_or_lying_charset_keeps_what_it_can(pair):
    writer, reader, correspondence, address = pair
    for charset, body in (("x-made-up", "Plain words survive.".encode()),
                          ("utf-8", "Caf\xe9 latin-1 bytes.".encode("latin-1"))):
        raw = (f"From: reader@example.org\r\nTo: {address}\r\nMIME-Version: 1.0\r\n"
               f"Content-Type: text/plain; charset={charset}\r\n\r\n").encode() + body
        assert handling.handle(raw)["result"] == "letter"
    bodies = letter_bodies(correspondence)
    assert bodies[-2] == "Plain words survive."
    assert bodies[-1].startswith("Caf") and bodies[-1].endswith("latin-1 bytes.")


def test_script_in_a_plain_text_reply_is_shown_as_text_never_run(pair):
    writer, reader, correspondence, address = pair
    body = 'Hello <script>alert("x")</script> <img src=x onerror=alert(1)> [a](javascript:alert(1))'
    assert handling.handle(reply_email(address, "reader@example.org", body))["result"] == "letter"
    [_, letter] = list(Letter.query(correspondence.correspondence_id))
    assert "<script" not in letter.body_html and "onerror=" not in letter.body_html.replace(
        "onerror=alert", "")
    assert "href=\"javascript:" not in letter.body_html


def test_reading_never_raises_on_bytes_it_cannot_understand():
    for raw in (b"", b"\r\n\r\n", b"\xff" * 10, b"From: \x00\r\n\r\n\x00",
                b"Content-Type: multipart/alternative\r\n\r\nno boundary"):
        incoming = reading.read(raw)
        assert isinstance(incoming.message_key, str)
