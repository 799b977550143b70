"""The security baseline: CSRF on every POST, headers on every response, signing keys."""
import re

import boto3
import pytest

from chalicelib.core import config, signing
from chalicelib.web import security


def post_routes(app):
    return sorted(path for path, methods in app.routes.items() if "POST" in methods)


def concrete(path):
    return re.sub(r"\{[^}]+\}", "sample-value", path)


def test_the_sweep_sees_the_account_forms(app):
    routes = post_routes(app)
    for expected in ("/signup", "/login", "/logout", "/reset", "/reset/{token}",
                     "/verify/{token}", "/settings/password", "/settings/delete"):
        assert expected in routes


@pytest.mark.parametrize("logged_in", [False, True])
def test_every_post_route_refuses_a_missing_or_forged_token(app, client, make, logged_in):
    if logged_in:
        client.login(make.member())
    checked = 0
    for path in post_routes(app):
        if path in security.CSRF_EXEMPT_ROUTES:
            continue
        missing = client.post(concrete(path), {"body": "my words"}, csrf=False)
        assert missing.status == 403, path
        forged = client.post(concrete(path), {"csrf_token": "forged.token.value"})
        assert forged.status == 403, path
        checked += 1
    assert checked >= 10


def test_a_token_from_another_visitor_is_refused(client, make, app):
    from chalice.test import Client
    from helpers.web_client import WebClient

    client.login(make.member())
    with Client(app, stage_name="test") as raw:
        stranger = WebClient(raw)
        stranger.login(make.member())
        token = stranger.csrf_token()
    assert client.post("/settings/logout-everywhere", {"csrf_token": token}).status == 403


def test_only_one_click_unsubscribe_is_exempt():
    # and the site's 404 answer to an unknown address, which writes nothing
    from chalicelib.web.routing import NOT_FOUND_RESOURCE

    assert security.CSRF_EXEMPT_ROUTES == {"/unsubscribe/{token}", NOT_FOUND_RESOURCE}


def assert_security_headers(page):
    csp = page.headers["content-security-policy"]
    for part in ("default-src 'self'", "script-src 'self'", "object-src 'none'",
                 "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"):
        assert part in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["referrer-policy"] == "same-origin"
    assert page.headers["strict-transport-security"].startswith("max-age=")


def test_headers_on_200_404_and_500(client, monkeypatch):
    assert_security_headers(client.get("/login"))
    missing = client.get("/u/nobody-here")
    assert missing.status == 404
    assert_security_headers(missing)
    from chalicelib.forum import reading

    def broken():
        raise RuntimeError("boom")

    monkeypatch.setattr(reading, "categories_and_stats", broken)
    crashed = client.get("/")
    assert crashed.status == 500
    assert_security_headers(crashed)


def test_a_wrong_method_gets_a_friendly_405_not_the_500_page(client, invoke):
    page = client.get("/blocks/remove")  # a POST-only address opened as a link
    assert page.status == 405
    assert page.headers["allow"] == "POST"
    assert "That page cannot be used that way" in page.soup.find("h1").get_text()
    assert_security_headers(page)
    put = invoke.http.put("/login")
    headers = {name.lower(): value for name, value in put.headers.items()}
    assert put.status_code == 405 and "GET" in headers["allow"]
    assert "text/html" in headers["content-type"]


def test_pages_for_members_are_never_cached(client, member):
    # A page with a form binds a token to the visitor, so no shared cache may keep it; a
    # read page without one is public (tests/test_caching.py).
    assert client.get("/login").headers["cache-control"] == "private, no-store"
    assert client.get("/about").headers["cache-control"].startswith("public")
    client.login(member)
    assert client.get("/settings").headers["cache-control"] == "private, no-store"


def test_hsts_only_outside_local():
    assert config.settings.secure_cookies


@pytest.fixture
def ssm_keys():
    original = config.settings
    ssm = boto3.client("ssm", region_name="eu-west-1")
    ssm.put_parameter(Name="/lantern/test/signing-keys", Type="SecureString",
                      Value="from-ssm-new,from-ssm-old")
    config.override(secret="", secret_parameter="/lantern/test/signing-keys")
    signing.signing_keys.cache_clear()
    yield ssm
    config.settings = original
    signing.signing_keys.cache_clear()


def test_signing_keys_come_from_ssm_once_per_cold_start(ssm_keys, monkeypatch):
    from chalicelib.core import aws

    calls = []
    real_client = aws.client

    def counting_client(name):
        if name == "ssm":
            calls.append(name)
        return real_client(name)

    monkeypatch.setattr(aws, "client", counting_client)
    assert signing.signing_keys() == ["from-ssm-new", "from-ssm-old"]
    signing.signing_keys()
    signing.timed_serializer("x").dumps("y")
    assert calls == ["ssm"]


def rotate_to(keys):
    config.override(secret=",".join(keys))
    signing.signing_keys.cache_clear()


def test_key_rotation_keeps_old_tokens_until_the_old_key_is_retired(client, make):
    original = config.settings
    try:
        rotate_to(["key-one"])
        client.login(make.member())
        token_one = client.csrf_token()
        rotate_to(["key-two", "key-one"])  # a new key signs; the old one still verifies
        assert client.csrf_token() != token_one
        assert client.get("/settings").status == 200
        assert client.post("/settings/verify", {"csrf_token": token_one}).status == 303
        rotate_to(["key-two"])  # the old key retired: what it signed no longer verifies
        assert client.post("/settings/verify", {"csrf_token": token_one}).status == 403
        # Sessions are random ids stored as plain SHA-256, independent of any key, so a
        # rotation never logs anyone out.
        assert client.get("/settings").status == 200
        assert client.post("/settings/verify").status == 303
    finally:
        config.settings = original
        signing.signing_keys.cache_clear()
