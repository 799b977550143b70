"""Cache headers: anonymous reading is shareable (CDN), everything personal is never kept."""
import json
import os

import pytest

from chalicelib.platform import site_cookies
from chalicelib.web import caching

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture
def reading(make):
    thread = make.thread(title="Sleep in week three")
    make.reply(thread, body="It got better for me after a month.")
    return thread


def read_pages(thread):
    return ["/", f"/c/{thread.category_slug}", f"/t/{thread.thread_id}", "/unanswered",
            "/feed", f"/c/{thread.category_slug}/feed", "/about", "/search?q=sleep"]


def test_anonymous_read_pages_set_no_cookie_and_are_public(client, reading):
    for path in read_pages(reading):
        page = client.get(path)
        assert page.status == 200, path
        assert "set-cookie" not in page.headers, path
        assert page.headers["cache-control"] == caching.PUBLIC, path
        assert "max-age=60" in caching.PUBLIC and "stale-while-revalidate" in caching.PUBLIC
        assert page.headers["etag"].startswith('W/"'), path
        assert page.headers["vary"] == "Accept-Encoding, Cookie", path
    assert not client.cookies


def test_an_unchanged_page_is_answered_304_and_a_changed_one_200(client, make, reading):
    path = f"/t/{reading.thread_id}"
    first = client.get(path)
    tag = first.headers["etag"]
    again = client.get(path, headers={"if-none-match": tag})
    assert again.status == 304 and again.text == ""
    assert again.headers["etag"] == tag and again.headers["cache-control"] == caching.PUBLIC
    # A strong copy of the same tag, or one in a list, matches too (RFC 9110 weak match).
    assert client.get(path, headers={"if-none-match": f'"x", {tag[2:]}'}).status == 304
    make.reply(reading, body="And a new reply changes the page.")
    changed = client.get(path, headers={"if-none-match": tag})
    assert changed.status == 200 and changed.headers["etag"] != tag


def test_pages_with_a_form_are_private_and_carry_a_working_token(client, make):
    make.member(handle="juniper", email="juniper@example.org")
    page = client.get("/login")
    assert page.headers["cache-control"] == caching.PRIVATE
    assert "etag" not in page.headers
    assert site_cookies.csrf_cookie_name() in client.cookies
    # The token printed in the form is the one the cookie's seed binds.
    token = page.soup.find("input", attrs={"name": "csrf_token"})["value"]
    answer = client.post("/login", {"identifier": "juniper", "password": "wrong one here",
                                    "csrf_token": token})
    assert answer.status == 400  # past the CSRF check, to the password check
    assert answer.headers["cache-control"] == caching.PRIVATE


def test_a_members_pages_are_private_whatever_they_show(client, member, reading):
    client.login(member)
    for path in read_pages(reading) + ["/settings"]:
        page = client.get(path)
        assert page.headers["cache-control"] == caching.PRIVATE, path
        assert "etag" not in page.headers, path


def test_a_stale_session_cookie_is_cleared_privately(client, reading):
    client.cookies[site_cookies.session_cookie_name()] = "nobody.some-old-token"
    page = client.get("/")
    assert page.headers["cache-control"] == caching.PRIVATE
    assert "set-cookie" in page.headers


def test_errors_redirects_and_token_pages_are_never_shared(client):
    assert client.get("/t/no-such-thread").headers["cache-control"] == caching.PRIVATE
    assert client.get("/settings").headers["cache-control"] == caching.PRIVATE  # 303
    assert client.get("/reset/some-token").headers["cache-control"] == caching.PRIVATE


def test_a_hidden_thread_is_never_kept_for_its_moderators_or_its_readers(client, make,
                                                                         reading):
    """Moderators read a hidden thread on its page (tests/test_thread_hiding_view.py):
    that page and the readers' 404 stay private."""
    from chalicelib.core import clock
    from chalicelib.moderation import hiding

    moderator = make.member(role="moderator")
    hiding.hide(reading.thread_id, moderator, "why", clock.utcnow())
    path = f"/t/{reading.thread_id}"
    visitor = client.get(path)
    assert visitor.status == 404 and visitor.headers["cache-control"] == caching.PRIVATE
    client.login(moderator)
    page = client.get(path)
    assert page.status == 200 and page.headers["cache-control"] == caching.PRIVATE
    assert "etag" not in page.headers


def test_static_files_keep_their_long_life_whoever_asks(client, member):
    page = client.get("/static/lantern.css")
    assert page.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert page.headers["etag"]
    client.login(member)  # a member's browser sends the session cookie along
    again = client.get("/static/lantern.css")
    assert again.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert "set-cookie" not in again.headers


def test_the_gateway_compresses_html_css_feeds_and_json():
    """Compression is API Gateway's (docs/pitfalls.md #28): every deployed stage asks it."""
    with open(os.path.join(ROOT, ".chalice", "config.json"), encoding="utf-8") as handle:
        stages = json.load(handle)["stages"]
    for name in ("dev", "prod"):
        assert 0 < stages[name]["minimum_compression_size"] <= 1024, name


def test_a_view_may_keep_its_answer_private(client):
    from chalice import Response

    class Request:
        method, headers = "GET", {}

    response = Response(body="x", headers={"Cache-Control": "private, no-store"})
    assert caching.apply(Request, response, False).headers["Cache-Control"] == caching.PRIVATE
    assert "ETag" not in response.headers


def test_profiles_are_public_for_anonymous_readers(client, make):
    author = make.member(handle="willow")
    make.thread(author=author)
    page = client.get("/u/willow")
    assert page.status == 200 and page.headers["cache-control"] == caching.PUBLIC
    assert "set-cookie" not in page.headers
