"""Subscription preferences, email-only double opt-in, signed links and unsubscribing."""
from datetime import timedelta

import pytest

from chalicelib.core import clock
from chalicelib.models.subscriptions import Subscriber
from chalicelib.subscriptions import schedule, subscribers, tokens
from helpers import outgoing


@pytest.fixture
def categories(make):
    return [make.category("support"), make.category("coping"), make.category("stories")]


def checked(page, name):
    return sorted(box["value"] for box in page.soup.find_all("input", attrs={"name": name})
                  if box.has_attr("checked"))


def test_next_due_daily_and_weekly():
    monday_8am = clock.parse_iso("2026-11-30T08:00:00Z")
    assert schedule.next_due("daily", monday_8am) == clock.parse_iso("2026-12-01T07:00:00Z")
    assert schedule.next_due("weekly", monday_8am) == clock.parse_iso("2026-12-07T07:00:00Z")
    just_before = clock.parse_iso("2026-11-30T06:59:59Z")
    assert schedule.next_due("weekly", just_before) == clock.parse_iso("2026-11-30T07:00:00Z")
    assert schedule.next_due("never", monday_8am) is None


def test_member_settings_page_shows_defaults_and_saves(member_client, member, make, categories):
    thread = make.thread(author=member, title="My taper journal")
    page = member_client.get("/settings/subscriptions")
    assert page.status == 200
    assert checked(page, "frequency") == ["weekly"]
    assert checked(page, "own_replies") == ["digest"]
    assert checked(page, "threads") == [thread.thread_id]
    response = member_client.post("/settings/subscriptions", {
        "frequency": "daily", "own_replies": "immediate", "categories": ["coping", "stories"],
        "shown_threads": [thread.thread_id]})
    assert response.status == 303
    page = member_client.follow()
    assert "Your choices are saved" in page.text
    assert checked(page, "frequency") == ["daily"]
    assert checked(page, "own_replies") == ["immediate"]
    assert checked(page, "categories") == ["coping", "stories"]
    assert checked(page, "threads") == []  # unticked: no longer followed
    saved = Subscriber.get(subscribers.member_subscriber_id(member.member_id))
    assert saved.digest_due is not None and saved.categories == {"coping", "stories"}


def test_settings_errors_sit_by_the_field_and_keep_choices(member_client, categories):
    page = member_client.post("/settings/subscriptions", {
        "frequency": "hourly", "own_replies": "immediate", "categories": ["coping"]})
    assert page.status == 400
    assert page.field_error("frequency") == "Choose how often digests come."
    assert checked(page, "categories") == ["coping"]
    assert checked(page, "own_replies") == ["immediate"]


def test_settings_need_a_login(client):
    assert client.get("/settings/subscriptions").asks_to_log_in


def test_never_leaves_the_due_index(member_client, member, categories):
    member_client.post("/settings/subscriptions", {"frequency": "never",
                                                   "own_replies": "digest"})
    saved = Subscriber.get(subscribers.member_subscriber_id(member.member_id))
    assert saved.frequency == "never" and saved.digest_due is None


def subscribe(client, email="reader@example.org", categories=("support",), frequency="weekly"):
    return client.post("/subscribe", {"email": email, "categories": list(categories),
                                      "frequency": frequency})


def test_email_only_subscription_needs_confirmation(client, categories):
    form = client.get("/subscribe")
    assert form.soup.find("label", string="Your email address")
    page = subscribe(client, "Reader@Example.org", ("support", "coping"))
    assert page.status == 200 and "Check your inbox" in page.text
    pending = Subscriber.get(subscribers.email_subscriber_id("reader@example.org"))
    assert pending.status == "pending" and pending.digest_due is None
    assert pending.expires_at > clock.utcnow() + timedelta(days=2)
    [message] = outgoing.sent_to("reader@example.org")
    confirm_path = outgoing.site_path(message, "/subscribe/confirm/")
    # A GET (a mail scanner) confirms nothing.
    confirm_page = client.get(confirm_path)
    assert confirm_page.soup.find("button", string="Confirm my subscription")
    assert Subscriber.get(pending.subscriber_id).status == "pending"
    done = client.post(confirm_path, {})
    assert done.status == 200 and "You are subscribed" in done.text
    active = Subscriber.get(pending.subscriber_id, consistent_read=True)
    assert active.status == "active" and active.expires_at is None
    assert active.categories == {"support", "coping"} and active.digest_due
    # Confirming twice changes nothing more.
    client.post(confirm_path, {})
    assert Subscriber.get(pending.subscriber_id).digest_due == active.digest_due


def test_subscribe_form_errors_keep_what_was_typed(client, categories):
    page = subscribe(client, "not-an-address", categories=())
    assert page.status == 400
    assert page.field_error("email").startswith("Enter an email address")
    assert page.field_error("categories") == "Choose at least one category."
    assert page.value_of("email") == "not-an-address"
    assert outgoing.sent() == []


def test_bad_or_old_confirmation_link_is_a_friendly_404(client, categories):
    import time_machine

    assert client.get("/subscribe/confirm/nonsense").status == 404
    subscribe(client)
    path = outgoing.site_path(outgoing.sent()[-1], "/subscribe/confirm/")
    with time_machine.travel(clock.utcnow() + timedelta(days=4)):
        assert client.post(path, {}).status == 404


def test_subscribe_is_rate_limited_per_address(client, categories, rate_limits_on):
    for _ in range(3):
        assert subscribe(client).status == 200
    page = subscribe(client)
    assert page.status == 429
    assert len(outgoing.sent()) == 3


@pytest.fixture
def rate_limits_on():
    from chalicelib.core import config

    config.override(rate_limits=True)
    yield
    config.override(rate_limits=False)


def test_an_account_owner_subscribing_by_email_gets_one_digest(client, make, categories):
    owner = make.member(email="owner@example.org")
    subscribe(client, "owner@example.org", ("stories",))
    path = outgoing.site_path(outgoing.sent()[-1], "/subscribe/confirm/")
    client.post(path, {})
    member_subscriber = Subscriber.get(subscribers.member_subscriber_id(owner.member_id))
    assert "stories" in member_subscriber.categories and member_subscriber.digest_due
    assert subscribers.get_subscriber(subscribers.email_subscriber_id("owner@example.org")) \
        is None


def test_signed_preferences_link_works_without_login(client, categories):
    subscribe(client)
    client.post(outgoing.site_path(outgoing.sent()[-1], "/subscribe/confirm/"), {})
    subscriber_id = subscribers.email_subscriber_id("reader@example.org")
    link = "/preferences/" + tokens.preferences_token(subscriber_id)
    client.cookies.clear()
    page = client.get(link)
    assert page.status == 200 and checked(page, "categories") == ["support"]
    assert page.soup.find("input", attrs={"name": "own_replies"}) is None
    client.post(link, {"frequency": "daily", "categories": ["coping"]})
    assert Subscriber.get(subscriber_id).categories == {"coping"}
    assert client.get("/preferences/" + tokens.unsubscribe_token(subscriber_id)).status == 404
    assert client.get("/preferences/garbage").status == 404
    assert "reader@example.org" not in link


def test_unsubscribe_get_changes_nothing_and_post_is_one_click(client, make, categories):
    member = make.member()
    make.thread(author=member)
    subscriber_id = subscribers.member_subscriber_id(member.member_id)
    path = "/unsubscribe/" + tokens.unsubscribe_token(subscriber_id)
    page = client.get(path)
    assert page.soup.find("button", string="Unsubscribe")
    assert Subscriber.get(subscriber_id).digest_due is not None
    # What a mail provider sends (RFC 8058): no cookie, no CSRF token.
    response = client.chalice.http.post(
        path, headers={"content-type": "application/x-www-form-urlencoded"},
        body=b"List-Unsubscribe=One-Click")
    assert response.status_code == 200 and "location" not in {
        name.lower() for name in response.headers}
    gone = Subscriber.get(subscriber_id, consistent_read=True)
    assert gone.digest_due is None and gone.status == "unsubscribed"
    again = client.chalice.http.post(
        path, headers={"content-type": "application/x-www-form-urlencoded"},
        body=b"List-Unsubscribe=One-Click")
    assert again.status_code == 200
    assert client.post("/unsubscribe/forged", {}, csrf=False).status == 404


def test_resubscribing_starts_a_fresh_window(client, make, categories):
    member = make.member()
    make.thread(author=member)
    subscriber_id = subscribers.member_subscriber_id(member.member_id)
    subscribers.unsubscribe(subscriber_id)
    later = clock.utcnow() + timedelta(days=60)
    subscribers.save_preferences(Subscriber.get(subscriber_id), "daily", {"support"},
                                 "digest", now=later)
    back = Subscriber.get(subscriber_id, consistent_read=True)
    assert back.status == "active" and back.last_digest_at == later
    assert back.digest_due == clock.iso(schedule.next_due("daily", later))
