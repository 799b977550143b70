"""Saved posts and quoting (issue 17): Save / Unsave on each post, the Saved page newest
first, and the Quote link that opens the reply form with the post quoted in the format
notifications detect."""
import re
from datetime import timedelta

from chalicelib.core import clock
from chalicelib.forum import saved
from chalicelib.models.forum import Post


def own_action(page, post_id, name):
    """The Save/Unsave (or react) button of one post: it submits the page's one form."""
    return page.soup.select_one(f"#post-{post_id}").find("button", string=re.compile(name))


def test_save_and_unsave_from_the_thread_page(client, make):
    member = make.member()
    thread = make.thread(title="What helped with sleep")
    reply = make.reply(thread, body="Magnesium and a dark room.")
    client.login(member)
    page = client.get(f"/t/{thread.thread_id}")
    button = own_action(page, reply.post_id, "^Save$")
    assert button["form"] == "own-actions" and button["value"] == "yes"
    assert button["formaction"] == f"/p/{thread.thread_id}/{reply.post_id}/save"
    response = client.post(button["formaction"], {"save": "yes"})
    assert response.status == 303 and response.location.endswith(f"#post-{reply.post_id}")
    page = client.get(f"/t/{thread.thread_id}")
    assert own_action(page, reply.post_id, "^Unsave$")["value"] == "no"
    assert own_action(page, thread.thread_id, "^Save$")
    listed = client.get("/saved")
    assert "Magnesium and a dark room." in listed.text
    assert listed.soup.select_one(".saved-title a")["href"] == \
        f"/t/{thread.thread_id}/p/{reply.post_id}"
    client.post(f"/p/{thread.thread_id}/{reply.post_id}/save", {"save": "no"})
    assert own_action(client.get(f"/t/{thread.thread_id}"), reply.post_id, "^Save$")
    assert "not saved any posts yet" in client.get("/saved").text


def test_saved_page_lists_newest_saved_first_and_pages_on(client, make):
    from chalicelib.core import config

    member = make.member()
    thread = make.thread()
    posts = [make.reply(thread, body=f"Reply number {n}.") for n in range(3)]
    start = clock.utcnow() - timedelta(hours=1)
    for minutes, post in zip((5, 1, 9), posts):
        saved.save(member, thread.thread_id, post.post_id, now=start + timedelta(minutes=minutes))
    original = config.settings.page_size
    config.override(page_size=2)
    try:
        client.login(member)
        page = client.get("/saved")
        bodies = [body.get_text(strip=True) for body in page.soup.select(".post-body")]
        assert bodies == ["Reply number 2.", "Reply number 0."]
        more = page.soup.find("a", rel="next")
        page = client.get(more["href"])
        assert [body.get_text(strip=True) for body in page.soup.select(".post-body")] == \
            ["Reply number 1."]
    finally:
        config.override(page_size=original)


def test_a_saved_post_later_hidden_or_removed_shows_as_removed(client, make):
    member = make.member()
    thread = make.thread()
    reply = make.reply(thread, body="Private words that get hidden.")
    saved.save(member, thread.thread_id, reply.post_id)
    Post.get(thread.thread_id, reply.post_id).update(actions=[Post.status.set("hidden")])
    client.login(member)
    page = client.get("/saved")
    assert "This post was removed." in page.text
    assert "Private words" not in page.text
    # It can still be unsaved from there.
    assert client.post(f"/p/{thread.thread_id}/{reply.post_id}/save",
                       {"save": "no", "back": "saved"}).location == "/saved"
    assert "not saved any posts yet" in client.follow().text


def test_a_hidden_post_cannot_be_saved(client, make):
    member = make.member()
    thread = make.thread()
    reply = make.reply(thread)
    Post.get(thread.thread_id, reply.post_id).update(actions=[Post.status.set("removed")])
    client.login(member)
    page = client.post(f"/p/{thread.thread_id}/{reply.post_id}/save", {"save": "yes"})
    assert page.status == 404 and "no longer there" in page.text
    assert client.post(f"/p/{thread.thread_id}/{reply.post_id}/save", {"save": "maybe"}
                       ).status == 400


def test_quote_opens_the_reply_form_with_the_post_quoted(client, make):
    juniper = make.member(handle="juniper")
    thread = make.thread(author=juniper, body="Day 40.\n\nThe mornings are easier now.")
    client.login(make.member())
    page = client.get(f"/t/{thread.thread_id}")
    link = page.soup.select_one(f"#post-{thread.thread_id}").find("a", string="Quote")
    assert link["href"] == f"/t/{thread.thread_id}/reply?quote={thread.thread_id}"
    form = client.get(link["href"])
    assert form.status == 200
    assert form.value_of("body") == (
        f"[juniper wrote:](/t/{thread.thread_id}/p/{thread.thread_id})\n"
        "> Day 40.\n>\n> The mornings are easier now.\n\n")


def test_quoting_a_hidden_or_unknown_post_is_a_calm_404(client, make):
    thread = make.thread()
    reply = make.reply(thread, body="Hidden soon.")
    Post.get(thread.thread_id, reply.post_id).update(actions=[Post.status.set("hidden")])
    client.login(make.member())
    page = client.get(f"/t/{thread.thread_id}/reply?quote={reply.post_id}")
    assert page.status == 404 and "This post was removed" in page.text
    assert "Hidden soon." not in page.text
    other = make.thread()
    assert client.get(f"/t/{thread.thread_id}/reply?quote={other.thread_id}").status == 404
    # A malformed id is no quote at all: the empty reply form.
    assert client.get(f"/t/{thread.thread_id}/reply?quote=nonsense").status == 200


def test_no_quote_link_on_a_closed_thread_or_for_visitors(client, make):
    from chalicelib.models.forum import Thread

    thread = make.thread()
    page = client.get(f"/t/{thread.thread_id}")
    assert not page.soup.find("a", string="Quote") and not page.soup.select("#own-actions")
    Thread.get(thread.thread_id).update(actions=[Thread.status.set("closed")])
    client.login(make.member())
    page = client.get(f"/t/{thread.thread_id}")
    assert not page.soup.find("a", string="Quote")
    assert own_action(page, thread.thread_id, "^Save$")


def test_blocked_authors_posts_stay_folded_and_follow_state_shows(client, make):
    from chalicelib.moderation import blocks
    from chalicelib.subscriptions import follows

    member, other = make.member(), make.member(handle="loud_one")
    thread = make.thread()
    reply = make.reply(thread, author=other, body="Unwelcome words.")
    blocks.block(member, other, clock.utcnow())
    follows.set_following(member.member_id, thread, True)
    client.login(member)
    page = client.get(f"/t/{thread.thread_id}")
    folded = page.soup.select_one(f"#post-{reply.post_id} details.blocked-post summary")
    assert folded and "You blocked loud_one" in folded.get_text()
    assert "You follow this thread" in page.text
    make.reply(thread, author=member, body="Mine.")
    client.get(f"/t/{thread.thread_id}")
    # Reacting shows as "You hear this" from the reactions read in the same batch.
    client.post(f"/p/{thread.thread_id}/{thread.thread_id}/react", {"reaction": "add"})
    page = client.get(f"/t/{thread.thread_id}")
    assert own_action(page, thread.thread_id, "You hear this")
