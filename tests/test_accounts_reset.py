"""Password reset: one hour, single use, no account enumeration."""
import re
from datetime import timedelta

import time_machine

from chalicelib.core import clock, passwords
from chalicelib.platform import members
from helpers import mail


def without_tokens(text):
    return re.sub(r'name="csrf_token" value="[^"]*"', "", text)


def ask(client, email):
    return client.post("/reset", {"email": email})


def test_reset_flow_sets_password_verifies_and_ends_sessions(client, make, app):
    from chalice.test import Client
    from helpers.web_client import WebClient

    member = make.member(handle="juniper", email="juniper@example.org", verified=False)
    with Client(app, stage_name="test") as raw:
        other = WebClient(raw).login(member)
        ask(client, "Juniper@example.org")
        link = mail.link_in(mail.last_to("juniper@example.org"), "/reset/")
        form = client.get(link)
        assert form.status == 200 and form.headers["referrer-policy"] == "no-referrer"
        assert form.soup.find("label", string="New password")
        done = client.post(link, {"password": "a brand new sunrise"})
        assert done.location == "/settings?done=password-reset"
        assert other.get("/settings").asks_to_log_in
    assert client.get("/settings").status == 200  # logged in afresh here
    found = members.member_by_handle("juniper")
    assert passwords.verify_password(found.password_hash, "a brand new sunrise")
    assert found.email_verified


def test_a_reset_link_works_once(client, make):
    make.member(handle="juniper", email="juniper@example.org")
    ask(client, "juniper@example.org")
    link = mail.link_in(mail.last_to("juniper@example.org"), "/reset/")
    assert client.post(link, {"password": "a brand new sunrise"}).status == 303
    assert client.post(link, {"password": "another new sunrise"}).status == 410
    assert client.get(link).status == 410


def test_a_reset_link_expires_after_one_hour(client, make):
    make.member(handle="juniper", email="juniper@example.org")
    start = clock.utcnow()
    with time_machine.travel(start, tick=False):
        ask(client, "juniper@example.org")
    link = mail.link_in(mail.last_to("juniper@example.org"), "/reset/")
    with time_machine.travel(start + timedelta(minutes=59), tick=False):
        assert client.get(link).status == 200
    with time_machine.travel(start + timedelta(minutes=61), tick=False):
        assert client.post(link, {"password": "a brand new sunrise"}).status == 410


def test_weak_new_password_is_refused_and_link_still_works(client, make):
    make.member(handle="juniper", email="juniper@example.org")
    ask(client, "juniper@example.org")
    link = mail.link_in(mail.last_to("juniper@example.org"), "/reset/")
    page = client.post(link, {"password": "password1"})
    assert page.status == 400 and "common" in page.field_error("password")
    assert client.post(link, {"password": "a brand new sunrise"}).status == 303


def test_known_and_unknown_addresses_answer_alike(client, make):
    make.member(handle="juniper", email="juniper@example.org")
    known = ask(client, "juniper@example.org")
    unknown = ask(client, "stranger@example.org")
    assert (known.status, known.location) == (unknown.status, unknown.location) == (303, "/reset?done=sent")
    # The same work on both paths: one email each (a link, or a note there is no account).
    assert len(mail.sent_messages()) == 2
    assert "no Lantern account uses it" in " ".join(mail.text_of(mail.last_to("stranger@example.org")).split())
    assert without_tokens(client.get(known.location).text) == without_tokens(
        client.get(unknown.location).text)


def test_bad_address_is_a_field_error_with_the_text_kept(client):
    page = ask(client, "not an address")
    assert page.status == 400 and page.field_error("email")
    assert page.value_of("email") == "not an address"


def test_reset_requests_are_rate_limited_per_address(client, rate_limits):
    for _ in range(3):
        assert ask(client, "stranger@example.org").status == 303
    page = ask(client, "stranger@example.org")
    assert page.status == 429 and int(page.headers["retry-after"]) > 0


def test_known_and_unknown_addresses_cost_the_same_requests(make, dynamodb_requests):
    """The time an answer takes must not tell whether the address has an account: the
    same DynamoDB operations, in the same order, either way (bench/enumeration.py times it)."""
    from chalicelib.accounts import reset, tokens

    make.member(handle="juniper", email="juniper@example.org")
    operations = []
    for address in ("juniper@example.org", "stranger@example.org"):
        before = len(dynamodb_requests)
        assert reset.request_reset(address, "192.0.2.1", clock.utcnow()) == {}
        operations.append(dynamodb_requests[before:])
    assert operations[0] == operations[1] and len(operations[0]) == 4, operations
    # The unknown address's token names no member and no link accepts it.
    assert reset.pending("anything", clock.utcnow()) is None
    assert tokens.NO_ACCOUNT not in {tokens.RESET_PASSWORD, tokens.VERIFY_EMAIL,
                                     tokens.CHANGE_EMAIL}
