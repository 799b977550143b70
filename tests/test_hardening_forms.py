"""Numbers, unreadable characters and cached private text (issue 15 #2, #3, #5)."""
import xml.etree.ElementTree as ElementTree

import feedparser
from hypothesis import HealthCheck, given, settings, strategies as st

from chalicelib.core import numbers, text
from helpers.fuzzing import examples

ODD_DIGITS = ["¹²³", "②", "١", "²", "٣", "9" * 5000, "-1", "+3", "3.0", " ", "", "0x1"]


def test_the_number_parser_takes_ascii_digits_within_bounds_only():
    assert numbers.parse_int(" 3 ", 1, 5) == 3
    for bad in ODD_DIGITS + ["6", "0"]:
        assert numbers.int_or_none(bad, 1, 5) is None, bad


@given(st.text(max_size=12))
def test_the_number_parser_never_raises_anything_but_its_own_error(typed):
    try:
        value = numbers.parse_int(typed, 0, 10**6)
    except numbers.NumberError:
        return
    assert 0 <= value <= 10**6 and typed.strip().isascii()


def test_odd_digits_get_a_field_message_not_a_500(member_client, make):
    for value in ODD_DIGITS:
        if not value.strip():
            continue
        page = member_client.post("/journal/check-in", {"overall": value, "sleep": "3",
                                                        "note": "kept note"})
        assert page.status == 400 and page.field_error("overall"), value
        assert page.value_of("note") == "kept note"
        page = member_client.post("/settings/peer-profile",
                                  {"year_started": value, "max_open": value, "bio": "kept"})
        assert page.status == 400, value


def test_an_edit_with_an_odd_version_is_a_message(member_client, make, member):
    thread = make.thread(author=member)
    page = member_client.post(f"/p/{thread.thread_id}/{thread.thread_id}/edit",
                              {"body": "Edited words", "version": "²", "action": "post"})
    assert page.status == 400 and "Edited words" in page.text


def test_the_cleaner_drops_what_breaks_readers():
    assert text.clean_line("a\x1bb\ufffe\u202ec\td\r\ne") == "abc d e"
    assert text.clean_block("a\r\nb\tc\x00\x85\ud800") == "a\nb\tc\n"


def parse_feed(client, path):
    page = client.get(path)
    assert page.status == 200
    ElementTree.fromstring(page.response.body)
    parsed = feedparser.parse(page.response.body)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    return parsed


TITLE_CHARACTERS = st.characters(codec="utf-8") | st.sampled_from(
    "\x00\x1b\x7f\x85\u202e\u2066\ufffe\uffff\U0001fffe\ufdd0\t\n\r")


@settings(max_examples=examples(15), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=st.text(TITLE_CHARACTERS, min_size=1, max_size=40))
def test_any_title_leaves_the_feeds_well_formed(client, make, title):
    from datetime import timedelta

    from chalicelib.core import clock

    make.category("support")
    client.login(make.member(now=clock.utcnow() - timedelta(days=30)))
    member_client = client
    page = member_client.post("/c/support/new", {"title": "Title " + title,
                                                 "body": "A body for the feed test."})
    assert page.status < 500
    parse_feed(member_client, "/feed")
    parse_feed(member_client, "/c/support/feed")


HOSTILE_TITLE = "Tapering\x1b \u202eweek\u2066 two\ufffe\r\nBcc: evil@example.org\x00 \U0001fffe"


def test_a_moderators_retitle_is_cleaned_like_a_members_title(client, make):
    from datetime import timedelta

    from chalicelib.core import clock
    from chalicelib.models.forum import Thread

    make.category("support")
    client.login(make.member(now=clock.utcnow() - timedelta(days=30)))
    page = client.post("/c/support/new", {"title": HOSTILE_TITLE, "body": "Hello all."})
    assert page.status == 303
    thread_id = page.location.split("/t/")[1].split("/")[0].split("?")[0].split("#")[0]
    members_title = Thread.get(thread_id).title
    assert members_title == text.clean_line(HOSTILE_TITLE).strip()
    client.login(make.member(role="moderator"))
    page = client.post(f"/mod/threads/{thread_id}", {"action": "retitle", "title": "Old",
                                                     "reason": "Test"})
    assert Thread.get(thread_id).title == "Old"
    page = client.post(f"/mod/threads/{thread_id}", {"action": "retitle",
                                                     "title": HOSTILE_TITLE, "reason": "x"})
    assert page.status == 303, page.status
    assert Thread.get(thread_id).title == members_title
    assert not any(ord(c) < 32 or 0x202a <= ord(c) <= 0x202e or 0x2066 <= ord(c) <= 0x2069
                   or ord(c) in (0xfffe, 0xffff) for c in members_title)


def test_an_email_carrying_a_hostile_title_parses_with_the_title_intact(make):
    """Through the real mailer (MIME from chalicelib/platform/mailer.py, sent to moto's SES):
    the title typed into the form reaches the subject and body intact, and no header."""
    from email import policy as email_policy
    from email.parser import BytesParser

    from chalicelib.platform import mailer
    from helpers import outgoing

    title = text.clean_line(HOSTILE_TITLE).strip()
    mailer.send(mailer.compose("author@example.org", f"New reply in “{title}”",
                               "reply_notice", thread=make.thread(title=title),
                               item={"author": "peer", "excerpt": "I hear you.", "url": "/"},
                               unsubscribe_url="https://lantern.test/u",
                               preferences_url="https://lantern.test/p"))
    [raw] = outgoing.raw_sent()
    parsed = BytesParser(policy=email_policy.default).parsebytes(raw)
    assert parsed["Subject"] == f"New reply in “{title}”"
    assert not parsed.defects and parsed["Bcc"] is None
    assert sorted(parsed.keys()) == sorted(["From", "To", "Subject", "Date", "Message-ID",
                                            "MIME-Version", "Content-Type"])
    assert title in outgoing.text_of(parsed)
    for part in parsed.walk():
        assert not part.defects


def test_the_session_ended_page_echoing_a_post_is_not_cached(client, make):
    thread = make.thread()
    page = client.post(f"/t/{thread.thread_id}/reply", {"body": "Private words"}, csrf=False)
    assert "Private words" in page.text
    assert page.headers.get("cache-control") == "private, no-store"


def test_every_answer_to_a_form_is_not_cached(client, make):
    page = client.post("/login", {"identifier": "nobody", "password": "wrong one here"})
    assert page.status == 400 and page.headers.get("cache-control") == "private, no-store"


def test_an_odd_page_number_in_a_search_is_the_first_page(client):
    for value in ("²", "١", "0", "-2", "99999999999"):
        page = client.get(f"/search?q=taper&page={value}")
        assert page.status == 200, (value, page.status)
