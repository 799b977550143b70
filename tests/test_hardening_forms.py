"""Numbers, unreadable characters and cached private text (issue 15 #2, #3, #5)."""
import email
import xml.etree.ElementTree as ElementTree
from email import policy

import feedparser
from hypothesis import HealthCheck, given, settings, strategies as st

from chalicelib.core import numbers, text

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


@settings(max_examples=15, deadline=None,
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


def test_a_title_in_an_email_parses(make):
    from chalicelib.platform import mailer  # noqa: F401  (the mail path exists)

    cleaned = text.clean_line("Hello\x1b\u202e there\ufffe")
    message = email.message.EmailMessage()
    message["Subject"] = f"New reply in {cleaned}"
    message.set_content(f"{cleaned}\n")
    parsed = email.message_from_bytes(message.as_bytes(), policy=policy.default)
    assert parsed["Subject"] == f"New reply in {cleaned}" and not parsed.defects


def test_the_session_ended_page_echoing_a_post_is_not_cached(client, make):
    thread = make.thread()
    page = client.post(f"/t/{thread.thread_id}/reply", {"body": "Private words"}, csrf=False)
    assert "Private words" in page.text
    assert page.headers.get("cache-control") == "no-store"


def test_every_answer_to_a_form_is_not_cached(client, make):
    page = client.post("/login", {"identifier": "nobody", "password": "wrong one here"})
    assert page.status == 400 and page.headers.get("cache-control") == "no-store"


def test_an_odd_page_number_in_a_search_is_the_first_page(client):
    for value in ("²", "١", "0", "-2", "99999999999"):
        page = client.get(f"/search?q=taper&page={value}")
        assert page.status == 200, (value, page.status)
