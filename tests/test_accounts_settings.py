"""Account settings: password, email, export, deletion (leaving no trace), roles, profile."""
import json

import pytest

from chalicelib.core import passwords
from chalicelib.platform import members
from chalicelib.models import ALL_MODELS
from chalicelib.models.forum import Post, Thread
from helpers import mail
from helpers.factories import PASSWORD


def test_settings_need_a_member(client):
    for path in ("/settings", "/settings/password", "/settings/email", "/settings/delete",
                 "/settings/export"):
        assert client.get(path).asks_to_log_in


def test_settings_show_the_email_only_to_its_owner(client, make):
    member = make.member(handle="juniper", email="juniper@example.org")
    make.thread(author=member, title="My first weeks")
    client.login(member)
    assert "juniper@example.org" in client.get("/settings").text
    client.logout()
    viewer = make.member()
    client.login(viewer)
    profile = client.get("/u/JUNIPER")
    assert profile.status == 200 and "juniper@example.org" not in profile.text
    assert profile.soup.find("h1").get_text() == "juniper"
    assert profile.soup.find("a", string="My first weeks")


def test_profile_pages_threads_with_a_cursor(client, make):
    from chalicelib.core import config

    member = make.member(handle="juniper")
    for number in range(config.settings.page_size + 2):
        make.thread(author=member, title=f"Day {number}")
    first = client.get("/u/juniper")
    assert len(first.soup.select(".thread-row")) == config.settings.page_size
    second = client.get(first.soup.find("a", rel="next")["href"])
    assert len(second.soup.select(".thread-row")) == 2
    assert client.get("/u/nobody-like-that").status == 404


def test_change_password_asks_for_the_current_one_and_ends_other_sessions(client, make, app):
    from chalice.test import Client
    from helpers.web_client import WebClient

    member = make.member(handle="juniper")
    client.login(member)
    wrong = client.post("/settings/password", {"current_password": "nope nope nope",
                                               "new_password": "password1"})
    assert wrong.status == 400
    assert wrong.field_error("current_password") and "common" in wrong.field_error("new_password")
    assert wrong.value_of("current_password") is None
    with Client(app, stage_name="test") as raw:
        other = WebClient(raw).login(member)
        page = client.post("/settings/password", {"current_password": PASSWORD,
                                                  "new_password": "a much better phrase"})
        assert page.location == "/settings?done=password-changed"
        assert other.get("/settings").asks_to_log_in
    assert "Your password is changed" in client.follow().text
    found = members.member_by_handle("juniper")
    assert passwords.verify_password(found.password_hash, "a much better phrase")


def test_change_email_is_confirmed_from_the_new_address(client, make):
    member = make.member(handle="juniper", email="old@example.org")
    client.login(member)
    page = client.post("/settings/email", {"new_email": "New@Example.org",
                                           "current_password": PASSWORD})
    assert page.location == "/settings?done=email-sent"
    assert members.member_by_handle("juniper").email == "old@example.org"
    link = mail.link_in(mail.last_to("New@example.org"), "/verify/")
    assert "Confirm my new address" in client.get(link).text
    assert client.post(link).location == "/settings?done=email-changed"
    assert members.member_by_handle("juniper").email == "New@example.org"
    assert members.member_by_email("old@example.org") is None
    assert members.member_by_email("new@example.org").handle == "juniper"
    assert "was just changed" in " ".join(mail.text_of(mail.last_to("old@example.org")).split())
    assert client.post(link).status == 410


def test_change_to_a_taken_email_does_not_tell(client, make):
    make.member(handle="other", email="taken@example.org")
    member = make.member(handle="juniper", email="old@example.org")
    client.login(member)
    page = client.post("/settings/email", {"new_email": "taken@example.org",
                                           "current_password": PASSWORD})
    assert page.location == "/settings?done=email-sent"
    assert "already belongs" in " ".join(mail.text_of(mail.last_to("taken@example.org")).split())


def test_change_email_errors(client, make):
    client.login(make.member(email="old@example.org"))
    page = client.post("/settings/email", {"new_email": "bad", "current_password": "wrong!"})
    assert page.status == 400 and page.field_error("new_email")
    assert page.field_error("current_password") and page.value_of("new_email") == "bad"


def test_export_is_a_json_download_of_profile_and_posts(client, make):
    member = make.member(handle="juniper", email="juniper@example.org")
    thread = make.thread(author=member, title="Week one", body="Hard days")
    make.reply(thread, author=member, body="Better today")
    client.login(member)
    page = client.get("/settings/export")
    assert page.status == 200
    assert page.headers["content-type"].startswith("application/json")
    assert page.headers["content-disposition"].startswith('attachment; filename="lantern-juniper-')
    data = json.loads(page.text)
    assert data["profile"]["email"] == "juniper@example.org"
    assert [t["title"] for t in data["threads"]] == ["Week one"]
    assert [p["body"] for p in data["posts"]] == ["Hard days", "Better today"]


def every_item_as_text():
    """Every item of every table, read in full (tests may scan; chalicelib may not)."""
    import boto3

    client = boto3.client("dynamodb", region_name="eu-west-1")
    texts = []
    for model in ALL_MODELS:
        for page in client.get_paginator("scan").paginate(TableName=model.Meta.table_name):
            texts.extend(json.dumps(item) for item in page["Items"])
    return texts


@pytest.mark.parametrize("choice", ["remove", "keep"])
def test_deleting_an_account_leaves_no_trace_of_the_email(client, make, choice):
    member = make.member(handle="juniper", email="Juniper.Private@example.org")
    friend = make.member(handle="harbor")
    own = make.thread(author=member, title="My taper story", body="Words of mine")
    make.reply(own, author=friend, body="Thank you for sharing")
    theirs = make.thread(author=friend, title="Harbor's thread")
    make.reply(theirs, author=member, body="A reply of mine")
    client.login(member)
    client.post("/settings/email", {"new_email": "juniper.next@example.org",
                                    "current_password": PASSWORD})  # a pending token
    from chalicelib.core import clock
    from chalicelib.models.subscriptions import Subscriber, Suppression
    from chalicelib.subscriptions import subscribers
    now = clock.utcnow()
    Subscriber(subscriber_id=subscribers.member_subscriber_id(member.member_id), kind="member",
               member_id=member.member_id, created_at=now).save()
    Subscriber(subscriber_id=subscribers.email_subscriber_id(member.email), kind="email",
               email=member.email, created_at=now).save()
    Suppression(email=member.email.lower(), reason="complaint").save()
    assert any("juniper.private@example.org" in text.lower() for text in every_item_as_text())

    page = client.post("/settings/delete", {"posts": choice, "current_password": PASSWORD})
    assert page.location == "/login?done=deleted"
    texts = "\n".join(every_item_as_text()).lower()
    assert "juniper.private@example.org" not in texts
    assert "juniper.next@example.org" not in texts
    assert member.member_id.lower() not in texts  # sessions, tokens, posts: nothing points back
    assert client.get("/settings").asks_to_log_in
    assert client.get("/u/juniper").status == 404
    # The handle stays reserved: nobody can sign up as the departed member.
    again = client.post("/signup", {"handle": "juniper", "email": "x@example.org",
                                    "password": "quiet morning walk",
                                    "consent": ["guidelines", "privacy"]})
    assert "taken" in again.field_error("handle")

    posts = {p.body_source or p.status: p for p in Post.query(own.thread_id)}
    assert "Thank you for sharing" in posts  # others' replies always stay
    opening = Post.get(own.thread_id, own.thread_id)
    reply = next(Post.query(theirs.thread_id, Post.post_id > theirs.thread_id))
    for post in (opening, reply):
        assert post.author_handle == "former member"
    assert Thread.get(theirs.thread_id).last_author_handle == "former member"
    if choice == "remove":
        assert opening.status == "removed" and opening.body_source == ""
        assert "Words of mine" not in texts and "a reply of mine" not in texts
        assert Thread.get(own.thread_id).title == "(title removed by its author)"
    else:
        assert opening.body_source == "Words of mine" and reply.body_source == "A reply of mine"
        assert Thread.get(own.thread_id).author_handle == "former member"
    thread_page = client.get(f"/t/{own.thread_id}")
    assert thread_page.status == 200 and "former member" in thread_page.text


def test_deletion_needs_the_password_and_a_choice(client, make):
    member = make.member(handle="juniper")
    client.login(member)
    page = client.post("/settings/delete", {"current_password": "not it"})
    assert page.status == 400
    assert page.field_error("posts") and page.field_error("current_password")
    assert members.member_by_handle("juniper") is not None


@pytest.mark.parametrize("command, role", [("make-admin", "admin"),
                                           ("make-moderator", "moderator"),
                                           ("make-member", "member")])
def test_role_commands(make, monkeypatch, capsys, command, role):
    from ops import cli, stage_environment

    make.member(handle="willow")
    monkeypatch.setattr(stage_environment, "connect", lambda *args: None)
    cli.main([command, "Willow"])
    assert members.member_by_handle("willow").role == role
    assert f"willow is now {role}" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        cli.main([command, "nobody"])


def test_profile_shows_a_moderator_badge(client, make):
    from chalicelib.accounts import roles

    make.member(handle="willow")
    roles.set_role("willow", "moderator")
    assert client.get("/u/willow").soup.find(class_="badge", string="Moderator")
