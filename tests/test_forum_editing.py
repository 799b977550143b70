"""Editing and removing own posts, support reactions and pinned threads."""
from chalicelib.models.forum import Category, Post, Thread
from chalicelib.models.reactions import Reaction


def edit_url(post):
    return f"/p/{post.thread_id}/{post.post_id}/edit"


def opening_post(thread):
    return Post.get(thread.thread_id, thread.thread_id, consistent_read=True)


def test_author_edits_body_and_title_with_an_edited_marker(client, make):
    author = make.member()
    thread = make.thread(author=author, title="My first week", body="Typo hre")
    client.login(author)
    form = client.get(edit_url(opening_post(thread)))
    assert form.value_of("body") == "Typo hre" and form.value_of("title") == "My first week"
    page = client.post(edit_url(opening_post(thread)), {
        "title": "My first week off", "body": "Typo here", "version": form.value_of("version"),
        "action": "post"})
    assert page.status == 303
    shown = client.follow()
    assert shown.soup.h1.get_text(strip=True) == "My first week off"
    assert "(edited" in shown.soup.select_one(".post").get_text()
    assert shown.soup.select_one(".post-body").get_text(strip=True) == "Typo here"
    assert Category.get("site", "support").last_thread_title == "My first week off"


def test_reply_author_cannot_edit_the_title(client, make):
    thread = make.thread(title="Original title")
    replier = make.member()
    post = make.reply(thread, author=replier, body="first")
    client.login(replier)
    form = client.get(edit_url(post))
    assert form.value_of("title") is None
    client.post(edit_url(post), {"title": "Hijacked", "body": "second",
                                 "version": form.value_of("version"), "action": "post"})
    assert Thread.get(thread.thread_id).title == "Original title"
    assert Post.get(thread.thread_id, post.post_id).body_source == "second"


def test_others_cannot_edit_or_delete(client, make):
    thread = make.thread()
    post = opening_post(thread)
    client.login(make.member())
    assert client.get(edit_url(post)).status == 403
    page = client.post(edit_url(post), {"body": "Mine now", "version": "1", "action": "post"})
    assert page.status == 403
    assert page.soup.find("textarea", string="Mine now")  # kept even when refused
    assert client.post(f"/p/{post.thread_id}/{post.post_id}/delete").status == 403
    assert opening_post(thread).body_source == "Hello, everyone."
    assert not client.get(f"/t/{thread.thread_id}").soup.find("a", string="Edit")


def test_stale_edit_shows_the_saved_version_and_keeps_the_members_text(client, make):
    author = make.member()
    thread = make.thread(author=author, body="Version one")
    client.login(author)
    first_tab = client.get(edit_url(opening_post(thread))).value_of("version")
    second_tab = client.get(edit_url(opening_post(thread))).value_of("version")
    assert client.post(edit_url(opening_post(thread)), {
        "title": thread.title, "body": "Written in tab two", "version": second_tab,
        "action": "post"}).status == 303
    page = client.post(edit_url(opening_post(thread)), {
        "title": thread.title, "body": "Written in tab one", "version": first_tab,
        "action": "post"})
    assert page.status == 409
    assert "changed somewhere else" in page.text
    assert "Written in tab two" in page.soup.find("section", class_="conflict").get_text()
    assert page.value_of("body") == "Written in tab one"
    assert opening_post(thread).body_source == "Written in tab two"
    again = client.post(edit_url(opening_post(thread)), {
        "title": thread.title, "body": "Written in tab one", "version": page.value_of("version"),
        "action": "post"})
    assert again.status == 303
    assert opening_post(thread).body_source == "Written in tab one"


def test_edit_preview_and_validation_keep_text(client, make):
    author = make.member()
    thread = make.thread(author=author)
    post = make.reply(thread, author=author, body="Reply")
    client.login(author)
    preview = client.post(edit_url(post), {"body": "**new**", "version": "1", "action": "preview"})
    assert preview.status == 200 and preview.soup.select_one(".preview strong")
    empty = client.post(edit_url(post), {"body": "  ", "version": "1", "action": "post"})
    assert empty.status == 400 and empty.field_error("body")
    assert Post.get(thread.thread_id, post.post_id).body_source == "Reply"


def test_deleting_leaves_a_marker_in_place(client, make):
    author = make.member()
    thread = make.thread()
    post = make.reply(thread, author=author, body="Something I regret")
    make.reply(thread, body="A reply after it")
    client.login(author)
    confirm = client.get(f"/p/{post.thread_id}/{post.post_id}/delete")
    assert confirm.soup.find("button", string="Delete my post")
    assert client.post(f"/p/{post.thread_id}/{post.post_id}/delete").status == 303
    page = client.follow()
    posts = page.soup.select(".post")
    assert "Post removed by its author." in posts[1].get_text()
    assert "Something I regret" not in page.text
    assert "A reply after it" in posts[2].get_text()
    assert Post.get(thread.thread_id, post.post_id).body_source == ""


def test_one_reaction_per_member_per_post(client, make):
    thread = make.thread()
    post = opening_post(thread)
    client.login(make.member())
    react = f"/p/{post.thread_id}/{post.post_id}/react"
    assert client.post(react, {"reaction": "add"}).status == 303
    assert client.post(react, {"reaction": "add"}).status == 303  # a double click
    assert opening_post(thread).reaction_count == 1
    page = client.get(f"/t/{thread.thread_id}")
    assert page.soup.find("button", string=lambda s: s and "undo" in s)
    assert "1 member hears you" in page.text
    client.login(make.member())
    client.post(react, {"reaction": "add"})
    assert opening_post(thread).reaction_count == 2
    client.post(react, {"reaction": "remove"})
    client.post(react, {"reaction": "remove"})
    assert opening_post(thread).reaction_count == 1
    assert Reaction.count() == 1


def test_reacting_does_not_make_an_open_edit_stale(client, make):
    author = make.member()
    thread = make.thread(author=author)
    client.login(author)
    version = client.get(edit_url(opening_post(thread))).value_of("version")
    from chalicelib.forum import reactions

    reactions.react(thread.thread_id, thread.thread_id, make.member())
    page = client.post(edit_url(opening_post(thread)), {
        "title": thread.title, "body": "Edited", "version": version, "action": "post"})
    assert page.status == 303


def test_anonymous_and_unverified_cannot_react(client, make):
    thread = make.thread()
    react = f"/p/{thread.thread_id}/{thread.thread_id}/react"
    assert client.post(react, {"reaction": "add"}).status == 403
    client.login(make.member(verified=False))
    assert client.post(react, {"reaction": "add"}).status == 403
    assert opening_post(thread).reaction_count == 0


def test_moderators_pin_threads_to_the_top(client, make):
    pinned = make.thread(title="Resources round-up")
    make.thread(title="A newer thread")
    client.login(make.member())
    assert client.post(f"/t/{pinned.thread_id}/pin", {"pinned": "yes"}).status == 403
    client.login(make.member(role="moderator"))
    assert client.get(f"/t/{pinned.thread_id}").soup.find("button", string=lambda s: s and "Pin" in s)
    assert client.post(f"/t/{pinned.thread_id}/pin", {"pinned": "yes"}).status == 303
    rows = client.get("/c/support").soup.select(".thread-row")
    assert "Resources round-up" in rows[0].get_text() and "Pinned" in rows[0].get_text()
    client.post(f"/t/{pinned.thread_id}/pin", {"pinned": "no"})
    rows = client.get("/c/support").soup.select(".thread-row")
    assert "A newer thread" in rows[0].get_text()
