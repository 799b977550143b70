"""Following threads: by default for authors and repliers, changeable from the thread page."""
from chalicelib.subscriptions import follows


def follow_button(page):
    form = page.soup.find("form", class_="follow-form")
    return form.find("button").get_text(strip=True) if form else None


def test_author_and_repliers_follow_by_default(make):
    author, replier = make.member(), make.member()
    thread = make.thread(author=author)
    make.reply(thread, author=replier)
    assert follows.followed_thread_ids(author.member_id) == [thread.thread_id]
    assert follows.followed_thread_ids(replier.member_id) == [thread.thread_id]


def test_member_unfollows_and_follows_from_the_thread_page(client, make):
    member = make.member()
    thread = make.thread(author=member)
    client.login(member)
    assert follow_button(client.get(f"/t/{thread.thread_id}")) == "Stop following"
    response = client.post(f"/t/{thread.thread_id}/follow", {"follow": "no"})
    assert response.status == 303
    assert follow_button(client.follow()) == "Follow"
    assert follows.followed_thread_ids(member.member_id) == []
    client.post(f"/t/{thread.thread_id}/follow", {"follow": "yes"})
    assert follow_button(client.follow()) == "Stop following"


def test_replying_again_does_not_undo_an_unfollow(make):
    member = make.member()
    thread = make.thread()
    make.reply(thread, author=member)
    follows.set_following(member.member_id, thread, False)
    make.reply(thread, author=member)
    assert not follows.is_following(member, thread.thread_id)


def test_visitors_see_no_button_and_cannot_follow(client, make):
    thread = make.thread()
    assert follow_button(client.get(f"/t/{thread.thread_id}")) is None
    response = client.post(f"/t/{thread.thread_id}/follow", {"follow": "yes"})
    assert response.status == 403


def test_follow_needs_a_csrf_token(client, make):
    member = make.member()
    thread = make.thread()
    client.login(member)
    response = client.post(f"/t/{thread.thread_id}/follow", {"follow": "yes"}, csrf=False)
    assert response.status == 403
    assert not follows.is_following(member, thread.thread_id)


def test_following_an_unknown_thread_is_a_404(member_client):
    assert member_client.post("/t/01NOPE/follow", {"follow": "yes"}).status == 404
