"""Suspensions, new-member limits and blocks."""
from datetime import timedelta

import pytest

from chalicelib.core import clock, errors
from chalicelib.forum import composing
from chalicelib.models.forum import Post
from chalicelib.models.members import Member
from chalicelib.moderation import blocks, new_members, suspensions

OLD = clock.utcnow() - timedelta(days=10)


@pytest.fixture
def moderator(make):
    return make.member(handle="suspender", role="moderator", now=OLD)


# Suspensions ------------------------------------------------------------------------

def test_suspending_ends_sessions_and_login_shows_the_reason(client, make, moderator):
    target = make.member(handle="troll", now=OLD)
    target_cookies = dict(client.login(target).cookies)
    assert client.get("/").soup.find("a", href="/u/troll")
    client.cookies = {}
    client.login(moderator)
    page = client.post("/mod/members/troll/suspend", {"days": "7", "reason": "Repeated abuse."})
    assert page.status == 303
    client.cookies = target_cookies
    assert not client.get("/").soup.find("a", href="/u/troll")  # logged out everywhere
    stored = Member.get(target.member_id)
    assert stored.session_epoch == 1
    message = suspensions.login_refusal(stored, clock.utcnow())
    assert "suspended until" in message and "Repeated abuse." in message
    assert suspensions.login_refusal(stored, clock.utcnow() + timedelta(days=8)) is None


def test_suspension_form_errors_and_lifting(client, make, moderator):
    quick = make.member(handle="quick", now=OLD)
    client.login(moderator)
    page = client.post("/mod/members/quick/suspend", {"days": "", "reason": ""})
    assert page.status == 400 and page.field_error("days") and page.field_error("reason")
    client.post("/mod/members/quick/suspend", {"days": "1", "reason": "Cool off."})
    page = client.get("/mod/members/quick")
    assert "Suspended until" in page.text and "Cool off." in page.text
    assert client.post("/mod/members/quick/lift", {"reason": "Apologised"}).status == 303
    lifted = Member.get(quick.member_id)
    assert lifted.suspended_until is None
    assert client.post("/mod/members/quick/lift", {}).status == 409
    history = client.get("/mod/members/quick").soup.select("table.data tbody tr")
    assert len(history) == 2


def test_moderators_cannot_be_suspended(client, make, moderator):
    make.member(handle="othermoderator", role="moderator")
    client.login(moderator)
    page = client.post("/mod/members/othermoderator/suspend", {"days": "1", "reason": "x"})
    assert page.status == 403


def test_a_suspended_member_cannot_post_and_is_told_why(make, moderator):
    target = make.member(now=OLD)
    suspensions.suspend(moderator, target, "3", "Spam.", clock.utcnow())
    with pytest.raises(errors.Forbidden) as refused:
        composing.require_poster(Member.get(target.member_id))
    assert refused.value.message == suspensions.login_refusal(
        Member.get(target.member_id), clock.utcnow())
    assert "Spam." in refused.value.message


# New-member limits ------------------------------------------------------------------

def test_new_members_start_at_most_three_threads_in_their_first_day(make):
    now = clock.utcnow()
    newcomer = make.member(now=now - timedelta(hours=2))
    for _ in range(3):
        new_members.check_can_post(newcomer, "thread", "hello", now)
        make.thread(author=newcomer)
    with pytest.raises(new_members.PostingNotAllowed) as refused:
        new_members.check_can_post(newcomer, "thread", "hello", now)
    assert "up to 3 threads" in refused.value.message
    new_members.check_can_post(newcomer, "reply", "hello", now)  # replies still fine
    new_members.check_can_post(newcomer, "thread", "hello", now + timedelta(days=1))


def test_new_members_post_at_most_ten_replies_in_their_first_day(make):
    now = clock.utcnow()
    newcomer = make.member(now=now - timedelta(hours=1))
    thread = make.thread()
    for _ in range(10):
        new_members.check_can_post(newcomer, "reply", "hi", now)
        make.reply(thread, author=newcomer)
    with pytest.raises(new_members.PostingNotAllowed) as refused:
        new_members.check_can_post(newcomer, "reply", "hi", now)
    assert "up to 10 replies" in refused.value.message
    assert Post.posts_by_author.count(newcomer.member_id) == 10


def test_new_members_may_include_at_most_two_links(make):
    now = clock.utcnow()
    newcomer = make.member(now=now)
    two = "See https://a.example and [this](https://b.example)."
    new_members.check_can_post(newcomer, "reply", two, now)
    with pytest.raises(new_members.PostingNotAllowed) as refused:
        new_members.check_can_post(newcomer, "reply", two + " And www.c.example", now)
    assert refused.value.field == "body" and "at most 2 links" in refused.value.message
    established = make.member(now=OLD)
    new_members.check_can_post(established, "reply", two + " And www.c.example", now)
    moderator = make.member(role="moderator", now=now)
    new_members.check_can_post(moderator, "reply", two + " And www.c.example", now)


def test_established_means_verified_and_past_the_first_day(make):
    now = clock.utcnow()
    assert new_members.is_established(make.member(now=OLD), now)
    assert not new_members.is_established(make.member(now=now), now)
    assert not new_members.is_established(make.member(now=OLD, verified=False), now)


# Blocks -----------------------------------------------------------------------------

def test_blocking_collapses_their_posts_for_you_only(client, make):
    me, them = make.member(handle="blocker"), make.member(handle="noisy")
    thread = make.thread(author=them, body="Loud words here.")
    client.login(me)
    assert client.post("/blocks", {"handle": "noisy"}).status == 303
    assert blocks.is_blocked(me.member_id, them.member_id)
    assert not blocks.is_blocked(them.member_id, me.member_id)
    assert blocks.blocked_ids(me.member_id) == {them.member_id}
    page = client.get(f"/t/{thread.thread_id}")
    summary = page.soup.select_one("details.blocked-post summary")
    assert summary and "You blocked noisy" in summary.get_text()
    listed = client.get("/blocks")
    assert "noisy" in listed.soup.select_one(".block-row").get_text()
    client.post("/blocks/remove", {"member_id": them.member_id})
    assert not blocks.is_blocked(me.member_id, them.member_id)
    client.login(make.member())
    assert not client.get(f"/t/{thread.thread_id}").soup.select("details.blocked-post")


def test_block_form_errors(client, make):
    me = make.member(handle="selfie")
    make.member(handle="amod", role="moderator")
    client.login(me)
    page = client.post("/blocks", {"handle": "ghost"})
    assert page.status == 400 and "no member called ghost" in page.field_error("handle")
    assert page.value_of("handle") == "ghost"
    assert client.post("/blocks", {"handle": "selfie"}).field_error("handle")
    assert client.post("/blocks", {"handle": "amod"}).field_error("handle")
    prefilled = client.get("/blocks?handle=someone")
    assert prefilled.value_of("handle") == "someone"


def test_a_post_menu_leads_to_a_plain_confirmation_then_back_to_the_post(client, make):
    me, them = make.member(handle="reader"), make.member(handle="harsh")
    thread = make.thread(author=them, body="Harsh words.")
    client.login(me)
    page = client.get(f"/t/{thread.thread_id}")
    link = page.soup.select_one(".post-actions a[href^='/u/harsh/block']")
    assert link.get_text(" ", strip=True) == "Block harsh"
    confirm = client.get(link["href"])
    assert "You will no longer see their posts" in confirm.text
    assert "They cannot write to you" in confirm.text
    assert not blocks.is_blocked(me.member_id, them.member_id)  # the GET changed nothing
    form = confirm.soup.find("form", action="/blocks")
    back = form.find("input", attrs={"name": "next"})["value"]
    assert back == f"/t/{thread.thread_id}#post-{thread.thread_id}"
    done = client.post("/blocks", {"handle": "harsh", "next": back})
    assert done.status == 303 and done.location.endswith(back)
    assert blocks.is_blocked(me.member_id, them.member_id)
    page = client.get(f"/t/{thread.thread_id}")
    assert page.soup.select_one("details.blocked-post")
    assert not page.soup.select(".post-actions a[href^='/u/harsh/block']")
    assert client.post("/blocks", {"handle": "harsh", "next": "//evil.example"}
                       ).location == "/"


def test_block_and_unblock_from_a_profile(client, make):
    me, them = make.member(handle="quietone"), make.member(handle="loudone")
    client.login(me)
    profile = client.get("/u/loudone")
    link = profile.soup.find("a", string="Block loudone")
    assert link["href"] == "/u/loudone/block"
    confirm = client.get(link["href"])
    assert confirm.soup.find("form", action="/blocks").find("input", attrs={"name": "next"})[
        "value"] == "/u/loudone"
    assert client.post("/blocks", {"handle": "loudone", "next": "/u/loudone"}).status == 303
    profile = client.get("/u/loudone")
    assert "You have blocked loudone" in profile.text
    unblock = profile.soup.find("form", action="/blocks/remove")
    assert client.post("/blocks/remove", {
        "member_id": unblock.find("input", attrs={"name": "member_id"})["value"],
        "next": "/u/loudone"}).location == "/u/loudone"
    assert not blocks.is_blocked(me.member_id, them.member_id)
    assert client.get("/u/loudone").soup.find("a", string="Block loudone")


def test_no_block_link_for_yourself_staff_or_visitors(client, make):
    me = make.member(handle="myself")
    make.member(handle="helper", role="moderator")
    assert not client.get("/u/myself").soup.find("a", string="Block myself")
    client.login(me)
    assert not client.get("/u/myself").soup.find("a", string="Block myself")
    assert not client.get("/u/helper").soup.find("a", string="Block helper")
    confirm = client.get("/u/helper/block")
    assert "Moderators cannot be blocked" in confirm.text
    assert not confirm.soup.find("form", action="/blocks")
    assert client.get("/u/nobody-here/block").status == 404


def test_settings_lead_to_blocked_members(client, make):
    client.login(make.member())
    link = client.get("/settings").soup.find("a", string="Blocked members")
    assert link["href"] == "/blocks"
    assert client.get(link["href"]).status == 200


def test_blocking_needs_login(client):
    assert client.get("/blocks").asks_to_log_in
    assert client.post("/blocks", {"handle": "x"}).status == 403


def test_errors_module_is_used_for_refusals():
    assert issubclass(new_members.PostingNotAllowed, errors.HttpError)


# Hooked into the composer ------------------------------------------------------------

def test_the_new_thread_form_carries_the_medical_disclaimer(client, make):
    make.category("support")
    client.login(make.member())
    page = client.get("/c/support/new")
    notice = page.soup.find(id="disclaimer-heading").parent.get_text(" ", strip=True)
    assert "peer support, not medical advice" in notice
    assert "Never stop or change a psychiatric drug abruptly" in notice
    assert "learn about tapering first" in notice


def test_the_composer_enforces_new_member_limits_with_clear_messages(client, make):
    make.category("support")
    newcomer = make.member(now=clock.utcnow() - timedelta(hours=1))
    client.login(newcomer)
    links = "One https://a.org two https://b.org three https://c.org"
    page = client.post("/c/support/new", {"title": "My first thread", "body": links})
    assert page.status == 400 and "at most 2 links" in page.field_error("body")
    assert page.value_of("body") == links
    for number in range(3):
        assert client.post("/c/support/new", {"title": f"Thread {number} here",
                                              "body": "Hello"}).status == 303
    page = client.post("/c/support/new", {"title": "One thread too many", "body": "Kept"})
    assert page.status == 429 and "up to 3 threads" in page.text and "Kept" in page.text


def test_first_day_totals_meet_the_hourly_limits_with_one_message(client, make, rate_limits):
    """3rd thread and 10th reply pass, the next are refused by one rule, whose message
    keeps the text; 24 hours after joining, both are allowed again."""
    import time_machine

    start = rate_limits
    make.category("support")
    newcomer = make.member(now=start - timedelta(hours=1))
    thread = make.thread(author=make.member(now=OLD))
    client.login(newcomer)
    for number in range(1, 4):
        assert client.post("/c/support/new", {"title": f"Thread number {number}",
                                              "body": "Hello"}).status == 303
    links = "Kept words https://a.example https://b.example https://c.example"
    refused = client.post("/c/support/new", {"title": "A fourth thread", "body": links})
    assert refused.status == 429 and "up to 3 threads" in refused.text
    assert "at most 2 links" not in refused.text and "posted a lot" not in refused.text
    assert "Kept words" in refused.text
    for number in range(1, 11):
        assert client.post(f"/t/{thread.thread_id}/reply",
                           {"body": f"Reply number {number}"}).status == 303
    refused = client.post(f"/t/{thread.thread_id}/reply", {"body": "Eleventh, kept"})
    assert refused.status == 429 and "up to 10 replies" in refused.text
    assert "posted a lot" not in refused.text and "Eleventh, kept" in refused.text
    assert refused.headers["retry-after"] == str(23 * 3600)
    with time_machine.travel(start + timedelta(hours=23) - timedelta(seconds=1), tick=False):
        client.login(newcomer)
        assert client.post("/c/support/new", {"title": "Still the first day",
                                              "body": "Hello"}).status == 429
    with time_machine.travel(start + timedelta(hours=23), tick=False):
        client.login(newcomer)
        assert client.post("/c/support/new", {"title": "A day later now",
                                              "body": "Hello"}).status == 303
        assert client.post(f"/t/{thread.thread_id}/reply",
                           {"body": "A day later"}).status == 303


def test_an_edit_cannot_add_the_links_a_new_post_could_not_carry(client, make):
    newcomer = make.member(now=clock.utcnow() - timedelta(hours=1))
    thread = make.thread(author=newcomer, body="No links yet.")
    client.login(newcomer)
    links = "Now https://a.example https://b.example https://c.example"
    page = client.post(f"/p/{thread.thread_id}/{thread.thread_id}/edit",
                       {"body": links, "title": thread.title, "version": "1"})
    assert page.status == 400 and "at most 2 links" in page.field_error("body")
    assert page.value_of("body") == links
    assert Post.get(thread.thread_id, thread.thread_id).body_source == "No links yet."
