"""A post's own address leads to the page that holds it, in a long thread too."""
from urllib.parse import parse_qs, urlsplit

import pytest

from chalicelib.forum import editing
from chalicelib.models.forum import Post

pytestmark = pytest.mark.usefixtures("small_pages")


def long_thread(make, replies=12):
    thread = make.long_thread(replies)
    return thread, make.post_ids(thread)


def test_a_post_link_goes_to_its_page_and_anchor(client, make):
    thread, ids = long_thread(make)
    answer = client.get(f"/t/{thread.thread_id}/p/{ids[11]}")
    assert answer.status == 303
    target = urlsplit(answer.location)
    assert target.fragment == f"post-{ids[11]}"
    assert parse_qs(target.query) == {"page": ["3"], "from": [ids[9]]}
    shown = client.get(answer.location.split("#")[0])
    assert shown.soup.find(id=f"post-{ids[11]}") is not None


def test_a_post_on_the_first_page_links_to_the_thread_itself(client, make):
    thread, ids = long_thread(make, replies=2)
    answer = client.get(f"/t/{thread.thread_id}/p/{ids[1]}")
    assert answer.location.endswith(f"/t/{thread.thread_id}#post-{ids[1]}")


def test_a_removed_post_gets_a_calm_page_with_the_way_back(client, make):
    author = make.member()
    thread = make.thread()
    post = make.reply(thread, author=author, body="Something I regret writing.")
    editing.remove_post(post, author)
    answer = client.get(f"/t/{thread.thread_id}/p/{post.post_id}")
    assert answer.status == 404
    assert answer.soup.h1.text == "This post was removed"
    assert "Its author took it down." in answer.text
    assert answer.soup.find("a", string=f"Go to the thread “{thread.title}”")


def test_a_moderator_still_reaches_a_hidden_post(client, make):
    thread = make.thread()
    post = make.reply(thread)
    post.update(actions=[Post.status.set("hidden")])
    assert client.get(f"/t/{thread.thread_id}/p/{post.post_id}").status == 404
    client.login(make.member(role="moderator"))
    assert client.get(f"/t/{thread.thread_id}/p/{post.post_id}").status == 303


@pytest.mark.parametrize("post_id", ["nonsense", "01ARZ3NDEKTSV4RRFFQ69G5FAV", "01arz3ndektsv4rrffq69g5fav"])
def test_unknown_posts_and_threads_are_a_friendly_404(client, make, post_id):
    thread = make.thread()
    assert client.get(f"/t/{thread.thread_id}/p/{post_id}").status == 404
    assert client.get(f"/t/no-such-thread/p/{post_id}").status == 404
