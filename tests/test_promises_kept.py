"""What the pages promise, kept (issue 15 #8): the suspension email the log-in refusal
speaks of, no Block link on a moderator's post, and a preview for a new member at the day's
limit."""
from datetime import timedelta

from chalicelib.core import clock
from chalicelib.moderation import new_members
from helpers import outgoing

OLD = clock.utcnow() - timedelta(days=10)


def test_a_suspension_emails_the_member_the_reason_and_the_end(client, make):
    moderator = make.member(handle="steady", role="moderator", now=OLD)
    make.member(handle="rough", email="rough@example.org", now=OLD)
    client.login(moderator)
    page = client.post("/mod/members/rough/suspend", {"days": "7", "reason": "Repeated abuse."})
    assert page.status == 303
    [message] = outgoing.sent_to("rough@example.org")
    assert "suspended" in message["Subject"]
    text = outgoing.text_of(message)
    assert "Repeated abuse." in text and "Nothing you wrote has been deleted" in text
    assert "/crisis" in text
    client.cookies = {}
    refusal = client.post("/login", {"identifier": "rough", "password": "correct horse battery"})
    assert "emailed you" in refusal.text


def block_links(page):
    return {link["href"].split("?")[0] for link in page.soup.select("a[href*='/block']")}


def test_the_block_link_never_shows_on_a_moderators_post(client, make):
    moderator = make.member(handle="warden", role="moderator", now=OLD)
    admin = make.member(handle="keeper", role="admin", now=OLD)
    thread = make.thread(author=moderator, title="Welcome, everyone")
    make.reply(thread, author=admin)
    reply = make.reply(thread, author=make.member(handle="peer", now=OLD))
    client.login(make.member(handle="reader", now=OLD))
    links = block_links(client.get(f"/t/{thread.thread_id}"))
    assert links == {"/u/peer/block"}, links
    report = client.get(f"/t/{thread.thread_id}/p/{thread.thread_id}/report")
    assert report.status == 200 and not block_links(report)
    assert block_links(client.get(f"/t/{thread.thread_id}/p/{reply.post_id}/report"))


def test_a_new_member_at_the_days_limit_still_gets_a_preview(client, make):
    make.category("support")
    newcomer = make.member(now=clock.utcnow() - timedelta(hours=1))
    for number in range(new_members.MAX_NEW_THREADS):
        make.thread(author=newcomer, title=f"Thread {number} of mine")
    client.login(newcomer)
    form = {"title": "One more thread", "body": "Words to **look** at first."}
    page = client.post("/c/support/new", {**form, "action": "preview"})
    assert page.status == 200, page.status
    assert "<strong>look</strong>" in page.text and page.value_of("body") == form["body"]
    page = client.post("/c/support/new", {**form, "action": "post"})
    assert page.status == 429 and "up to 3 threads" in page.text
    thread = make.thread(author=make.member(now=OLD))
    for _ in range(new_members.MAX_NEW_REPLIES):
        make.reply(thread, author=newcomer)
    page = client.post(f"/t/{thread.thread_id}/reply", {"body": "A reply", "action": "preview"})
    assert page.status == 200 and page.value_of("body") == "A reply"
