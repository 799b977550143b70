"""Every moderation route checks the role on the server: anonymous, member, moderator."""
import pytest

from chalicelib.models.forum import Post
from chalicelib.route_table import ROUTES

MODERATOR_ROUTES = [
    ("GET", "/mod", {}),
    ("GET", "/mod/log", {}),
    ("GET", "/mod/members/{handle}", {}),
    ("POST", "/mod/members/{handle}/suspend", {"days": "1", "reason": "Testing access."}),
    ("POST", "/mod/members/{handle}/lift", {"reason": "Testing access."}),
    ("POST", "/mod/reports/{thread_id}/{post_id}", {"action": "dismiss"}),
    ("POST", "/mod/posts/{thread_id}/{post_id}", {"action": "hide"}),
    ("POST", "/mod/threads/{thread_id}", {"action": "pin"}),
]
MEMBER_ROUTES = [
    ("GET", "/t/{thread_id}/p/{post_id}/report", {}),
    ("POST", "/t/{thread_id}/p/{post_id}/report", {"reason": "spam"}),
    ("GET", "/blocks", {}),
    ("GET", "/u/{handle}/block", {}),
    ("POST", "/blocks", {"handle": "{handle}"}),
    ("POST", "/blocks/remove", {"member_id": "someone"}),
]


def test_the_sweep_covers_every_moderation_route():
    """A new moderation route fails this test until it is added to the sweep below."""
    modules = ("chalicelib.moderation.views", "chalicelib.moderation.safety_views")
    registered = {(method, path) for methods, path, target in ROUTES
                  if target.partition(":")[0] in modules for method in methods}
    assert registered == {(method, path) for method, path, _ in MODERATOR_ROUTES + MEMBER_ROUTES}


@pytest.fixture
def world(make):
    author = make.member(handle="sweepauthor")
    thread = make.thread(author=author)
    post = Post.get(thread.thread_id, thread.thread_id)
    return {"handle": "sweepauthor", "thread_id": thread.thread_id, "post_id": post.post_id}


def call(client, method, path, data, world):
    path = path.format(**world)
    data = {key: value.format(**world) for key, value in data.items()}
    return client.get(path) if method == "GET" else client.post(path, data)


@pytest.mark.parametrize("method,path,data", MODERATOR_ROUTES)
def test_moderator_routes_refuse_anonymous_and_members(client, make, world, method, path,
                                                       data):
    anonymous = call(client, method, path, data, world)
    if method == "GET":
        assert anonymous.asks_to_log_in
    else:
        assert anonymous.status == 403 and "log in" in anonymous.text.lower()
    client.login(make.member())
    assert call(client, method, path, data, world).status == 403


@pytest.mark.parametrize("method,path,data", MODERATOR_ROUTES)
def test_moderator_routes_serve_moderators(client, make, world, method, path, data):
    client.login(make.member(role="moderator"))
    if path.endswith("/lift"):
        call(client, "POST", "/mod/members/{handle}/suspend",
             {"days": "1", "reason": "first"}, world)
    if path.startswith("/mod/reports"):
        reporter = make.member()
        client.login(reporter)
        call(client, "POST", "/t/{thread_id}/p/{post_id}/report", {"reason": "spam"}, world)
        client.login(make.member(role="moderator"))
    assert call(client, method, path, data, world).status in (200, 303)


@pytest.mark.parametrize("method,path,data", MEMBER_ROUTES)
def test_member_safety_routes_need_a_login(client, make, world, method, path, data):
    anonymous = call(client, method, path, data, world)
    assert anonymous.asks_to_log_in if method == "GET" else anonymous.status == 403
    client.login(make.member())
    assert call(client, method, path, data, world).status in (200, 303)


def test_admins_count_as_moderators(client, make, world):
    client.login(make.member(role="admin"))
    assert client.get("/mod").status == 200


def test_posts_without_a_csrf_token_are_refused(client, make, world):
    client.login(make.member(role="moderator"))
    page = client.post(f"/mod/threads/{world['thread_id']}", {"action": "pin"}, csrf=False)
    assert page.status == 403
