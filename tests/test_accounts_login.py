"""Log in, log out, sessions: cookie flags, fixation, expiry, rate limits and backoff."""
import re
from datetime import timedelta

import time_machine

from chalicelib.core import clock
from chalicelib.platform import site_cookies
from chalicelib.models.members import Session
from helpers.factories import PASSWORD


def log_in(client, identifier, password=PASSWORD, **extra):
    return client.post("/login", {"identifier": identifier, "password": password, **extra})


def without_tokens(text):
    return re.sub(r'name="csrf_token" value="[^"]*"', "", text)


def test_log_in_by_email_or_handle(client, make):
    make.member(handle="Juniper", email="juniper@example.org")
    for identifier in ("juniper@example.org", "JUNIPER@Example.org", "juniper", "JuNiPeR"):
        page = log_in(client, identifier)
        assert page.status == 303 and page.location == "/"
        assert client.get("/settings").status == 200
        client.post("/logout")


def test_session_cookie_flags(client, make):
    make.member(handle="juniper")
    page = log_in(client, "juniper")
    cookie = next(c for c in page.response.headers["Set-Cookie"] if c.startswith("__Host-lantern_session="))
    flags = {part.strip().split("=")[0] for part in cookie.split(";")[1:]}
    assert {"Path", "HttpOnly", "SameSite", "Secure", "Max-Age"} <= flags
    assert "SameSite=Lax" in cookie and "Path=/" in cookie
    assert "Domain" not in cookie  # __Host- cookies must not name a domain


def test_only_the_session_hash_is_stored(client, make):
    member = make.member(handle="juniper")
    log_in(client, "juniper")
    token = client.cookies[site_cookies.session_cookie_name()].partition(".")[2]
    rows = list(Session.sessions_by_member.query(member.member_id))
    assert len(rows) == 1 and rows[0].session_hash != token
    assert token not in str(Session.get(rows[0].session_hash).attribute_values)


def test_unknown_account_and_wrong_password_answer_alike(client, make):
    make.member(handle="juniper", email="juniper@example.org")
    wrong = log_in(client, "juniper@example.org", "not my password at all")
    unknown = log_in(client, "nobody@example.org", "not my password at all")
    assert wrong.status == unknown.status == 400
    assert without_tokens(wrong.text) == without_tokens(unknown.text).replace(
        "nobody@example.org", "juniper@example.org")
    assert wrong.field_error("password") and wrong.value_of("identifier") == "juniper@example.org"
    assert wrong.value_of("password") is None


def test_session_fixation_a_pre_login_session_is_useless(client, make):
    first = make.member(handle="first")
    make.member(handle="second")
    client.login(first)
    planted = client.cookies[site_cookies.session_cookie_name()]
    log_in(client, "second")
    fresh = client.cookies[site_cookies.session_cookie_name()]
    assert fresh != planted
    client.cookies[site_cookies.session_cookie_name()] = planted
    assert client.get("/settings").asks_to_log_in  # the old session was ended at login


def test_login_replaces_the_anonymous_csrf_seed(client, make):
    make.member(handle="juniper")
    client.get("/login")
    client.csrf_token()
    assert site_cookies.csrf_cookie_name() in client.cookies
    log_in(client, "juniper")
    assert site_cookies.csrf_cookie_name() not in client.cookies


def test_log_out_ends_the_session(client, make):
    make.member(handle="juniper")
    log_in(client, "juniper")
    cookie = client.cookies[site_cookies.session_cookie_name()]
    page = client.post("/logout")
    assert page.location == "/login?done=logged-out"
    assert "You are logged out" in client.follow().text
    client.cookies[site_cookies.session_cookie_name()] = cookie
    assert client.get("/settings").asks_to_log_in


def test_log_out_everywhere(client, make, app):
    from chalice.test import Client
    from helpers.web_client import WebClient

    member = make.member(handle="juniper")
    client.login(member)
    with Client(app, stage_name="test") as raw:
        phone = WebClient(raw).login(member)
        assert phone.get("/settings").status == 200
        page = client.post("/settings/logout-everywhere")
        assert page.location == "/login?done=logged-out-everywhere"
        assert phone.get("/settings").asks_to_log_in
    assert client.get("/settings").asks_to_log_in
    assert list(Session.sessions_by_member.query(member.member_id)) == []


def test_idle_timeout_and_absolute_lifetime(client, make):
    member = make.member(handle="juniper")
    start = clock.utcnow()
    with time_machine.travel(start, tick=False):
        client.login(member)
    with time_machine.travel(start + timedelta(days=13), tick=False):
        assert client.get("/settings").status == 200  # refreshes last_seen
    with time_machine.travel(start + timedelta(days=26), tick=False):
        assert client.get("/settings").status == 200
    with time_machine.travel(start + timedelta(days=40, hours=1), tick=False):
        assert client.get("/settings").status == 303  # to log in: idle for 14 days and an hour
    with time_machine.travel(start, tick=False):
        client.login(member)
    for day in range(10, 60, 10):
        with time_machine.travel(start + timedelta(days=day), tick=False):
            assert client.get("/settings").status == 200
    with time_machine.travel(start + timedelta(days=60, minutes=1), tick=False):
        assert client.get("/settings").status == 303  # to log in: the absolute lifetime is over


def test_next_only_goes_to_this_site(client, make):
    make.member(handle="juniper")
    assert log_in(client, "juniper", next="/settings").location == "/settings"
    client.post("/logout")
    assert log_in(client, "juniper", next="//evil.example/").location == "/"
    client.post("/logout")
    assert log_in(client, "juniper", next="https://evil.example/").location == "/"
    client.post("/logout")
    assert log_in(client, "juniper", next="/\t/evil.example/").location == "/"


def test_login_is_rate_limited_per_ip(client, make, rate_limits):
    make.member(handle="juniper")
    for number in range(6):
        assert log_in(client, f"someone{number}", "wrong password here").status == 400
    page = log_in(client, "juniper")
    assert page.status == 429 and 0 < int(page.headers["retry-after"]) <= 60
    assert "log-in attempts" in page.text


def test_account_backoff_grows_and_then_lets_the_member_in(client, make, rate_limits):
    make.member(handle="juniper")
    start = rate_limits
    minute = 0

    def attempt(password, at_minute):
        # A new minute each time, so the per-IP limit stays out of the way.
        with time_machine.travel(start + timedelta(minutes=at_minute), tick=False):
            return log_in(client, "juniper", password)

    for _ in range(5):
        assert attempt("wrong password here", minute).status == 400
    blocked = attempt(PASSWORD, minute)
    assert blocked.status == 429 and int(blocked.headers["retry-after"]) <= 60
    # The right password is refused during the backoff too: no oracle for the attacker.
    for minute in range(1, 6):
        assert attempt("wrong password here", minute).status == 400
    minute = 6
    blocked = attempt(PASSWORD, minute)
    assert blocked.status == 429 and 60 < int(blocked.headers["retry-after"]) <= 15 * 60
    # No permanent lockout: after the window the right password works.
    assert attempt(PASSWORD, 16).status == 303


def test_a_members_only_page_offers_the_login_form_and_comes_back(client, make):
    make.member(handle="juniper")
    page = client.get("/settings")
    assert page.status == 303 and page.location == "/login?next=%2Fsettings"
    form = client.follow(page)
    assert form.value_of("next") == "/settings"
    assert log_in(client, "juniper", next="/settings").location == "/settings"
