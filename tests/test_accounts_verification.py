"""Email verification: single-use hashed tokens that expire after 48 hours."""
from datetime import timedelta

import pytest
import time_machine

from chalicelib.core import clock, errors
from chalicelib.platform import members
from chalicelib.web import permissions
from chalicelib.models.tokens import Token
from helpers import mail


def signed_up(client):
    client.post("/signup", {"handle": "fern", "email": "fern@example.org",
                            "password": "slow steady steps", "consent": ["guidelines", "privacy"]})
    return mail.link_in(mail.last_to("fern@example.org"), "/verify/")


def test_get_changes_nothing_and_post_verifies_and_logs_in(client):
    link = signed_up(client)
    page = client.get(link)
    assert page.status == 200 and page.soup.find("button", string="Confirm my account")
    assert page.headers["referrer-policy"] == "no-referrer"
    assert not members.member_by_handle("fern").email_verified
    done = client.post(link)
    assert done.status == 303 and done.location == "/welcome"
    assert members.member_by_handle("fern").email_verified
    assert "Welcome to Lantern, fern" in client.follow().text


def test_only_the_hash_is_stored(client):
    link = signed_up(client)
    token = link.rsplit("/", 1)[1]
    assert len(token) >= 22  # at least 128 random bits, URL-safe base64
    from chalicelib.core import signing
    row = Token.get(signing.hash_token(token))
    assert row.token_hash != token and row.purpose == "verify-email"
    assert abs(row.expires_at - row.created_at - timedelta(hours=48)) < timedelta(seconds=1)


def test_a_used_link_is_refused(client):
    link = signed_up(client)
    client.post(link)
    again = client.post(link)
    assert again.status == 410 and "no longer works" in again.text
    assert client.get(link).status == 410


def test_a_link_expires_after_48_hours(client):
    start = clock.utcnow()
    with time_machine.travel(start, tick=False):
        link = signed_up(client)
    with time_machine.travel(start + timedelta(hours=47), tick=False):
        assert client.get(link).status == 200
    with time_machine.travel(start + timedelta(hours=48, seconds=1), tick=False):
        assert client.post(link).status == 410
    assert not members.member_by_handle("fern").email_verified


def test_unverified_members_can_read_but_not_post(client, make):
    member = make.member(handle="sage", verified=False)
    thread = make.thread()
    client.login(member)
    page = client.get(f"/t/{thread.thread_id}")
    assert page.status == 200
    assert "confirm your email" in page.soup.find(attrs={"aria-label": "Email confirmation"}).text

    class Request:
        _lantern_visitor = type("V", (), {"member": member})()

    with pytest.raises(errors.Forbidden):
        permissions.require_verified(Request)
    member.email_verified = True
    assert permissions.require_verified(Request) is member


def test_unverified_member_can_ask_for_a_new_link(client, make):
    member = make.member(handle="sage", email="sage@example.org", verified=False)
    client.login(member)
    settings = client.get("/settings")
    assert settings.soup.find("button", string="Send me a new confirmation link")
    page = client.post("/settings/verify")
    assert page.location == "/settings?done=link-sent"
    link = mail.link_in(mail.last_to("sage@example.org"), "/verify/")
    client.post(link)
    assert members.member_by_handle("sage").email_verified


def test_new_links_are_rate_limited(client, make, rate_limits):
    member = make.member(verified=False)
    client.login(member)
    for _ in range(5):
        assert client.post("/settings/verify").status == 303
    assert client.post("/settings/verify").status == 429
