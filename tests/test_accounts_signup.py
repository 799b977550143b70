"""Sign-up: handle, email and password rules, consent, uniqueness, no enumeration."""
import pytest

from chalicelib.platform import members
from chalicelib.accounts import rules
from chalicelib.models.members import Member
from helpers import mail

GOOD = {"handle": "river_stone", "email": "River.Stone@Example.ORG",
        "password": "quiet morning walk", "consent": ["guidelines", "privacy"]}


def sign_up(client, **changes):
    return client.post("/signup", {**GOOD, **changes})


@pytest.mark.parametrize("handle, ok", [
    ("ab", False), ("a" * 31, False), ("a" * 30, True), ("river stone", False),
    ("river.stone", False), ("rivér", False), ("Admin", False), ("MODERATOR", False),
    ("lantern", False), ("Lantern_Team", False), ("ad-min", False), ("river_stone-2", True),
])
def test_handle_rules(handle, ok):
    assert (rules.handle_problem(handle) is None) is ok


def test_common_password_list_ships_in_chalicelib_and_is_large():
    assert rules.COMMON_PASSWORDS_FILE.startswith(rules.os.path.dirname(rules.__file__))
    assert len(rules.common_passwords()) >= 3000


@pytest.mark.parametrize("password, ok", [
    ("short12", False), ("password1", False), ("PASSWORD1", False), ("iloveyou", False),
    ("x" * 128, True), ("x" * 129, False), ("quiet morning walk", True),
])
def test_password_rules(password, ok):
    assert (rules.password_problem(password) is None) is ok


def test_email_is_normalised_without_dns():
    assert rules.normalise_email("River@Example.ORG") == ("River@example.org", None)
    assert rules.normalise_email("not an email")[1]
    # A domain that cannot exist still passes: no DNS look-up is made.
    assert rules.normalise_email("me@no-such-domain-48213.org")[1] is None


def test_signup_creates_unverified_member_and_sends_link(client):
    page = sign_up(client)
    assert page.status == 303 and page.location == "/signup?done=sent"
    assert "Check your email" in client.follow().text
    member = members.member_by_email("river.stone@example.org")
    assert member.handle == "river_stone" and member.email == "River.Stone@example.org"
    assert not member.email_verified and member.role == "member"
    assert member.password_hash.startswith("$argon2id$")
    assert member.consented_at is not None
    message = mail.last_to("River.Stone@example.org")
    assert mail.link_in(message, "/verify/")
    # Signing up does not log in: the answer must not differ for known addresses.
    assert client.get("/settings").asks_to_log_in


def test_long_password_is_not_truncated(client):
    long_password = "a calm sea under grey skies " * 4  # 112 characters
    sign_up(client, password=long_password)
    member = members.member_by_handle("river_stone")
    from chalicelib.core import passwords
    assert passwords.verify_password(member.password_hash, long_password)
    assert not passwords.verify_password(member.password_hash, long_password[:-1] + "X")


def test_field_errors_keep_typed_values_but_never_the_password(client):
    page = sign_up(client, handle="admin", email="nope", password="password1", consent=[])
    assert page.status == 400
    assert "reserved" in page.field_error("handle")
    assert page.field_error("email")
    assert "common" in page.field_error("password")
    assert page.field_error("consent_guidelines") and page.field_error("consent_privacy")
    assert page.value_of("handle") == "admin" and page.value_of("email") == "nope"
    assert page.value_of("password") is None
    assert "password1" not in page.text
    assert page.soup.find("label", attrs={"for": "handle"})


def test_consent_kept_when_other_fields_fail(client):
    page = sign_up(client, handle="x")
    assert page.soup.find(id="consent_guidelines").has_attr("checked")


def test_taken_handle_is_refused_case_insensitively(client, make):
    make.member(handle="River_Stone")
    page = sign_up(client)
    assert page.status == 400 and "taken" in page.field_error("handle")


def test_known_email_gets_the_same_answer_and_a_note(client, make):
    existing = make.member(handle="willow", email="river.stone@example.org")
    first = sign_up(client)
    second = sign_up(client, handle="new_person", email="someone.new@example.org")
    assert (first.status, first.location) == (second.status, second.location)
    assert members.member_by_handle("river_stone") is None
    assert members.member_by_email("river.stone@example.org").member_id == existing.member_id
    assert "already has an account" in mail.text_of(mail.last_to("river.stone@example.org"))


def test_uniqueness_is_one_conditional_transaction(make):
    make.member(handle="juniper", email="j@example.org")
    with pytest.raises(members.AlreadyTaken):
        members.create_member("JUNIPER", "other@example.org", "x")
    with pytest.raises(members.AlreadyTaken):
        members.create_member("other", "J@example.org", "x")
    assert sum(1 for _ in Member.query("x")) == 0


def test_signup_is_rate_limited_per_ip(client, rate_limits):
    from chalicelib.accounts import signup
    for number in range(signup.SIGNUPS_PER_IP_PER_HOUR):
        sign_up(client, handle=f"person{number}", email=f"p{number}@example.org")
    page = sign_up(client, handle="one_more", email="more@example.org")
    assert page.status == 429 and int(page.headers["retry-after"]) > 0
    assert page.soup.find("textarea", id="kept-handle").get_text() == "one_more"
