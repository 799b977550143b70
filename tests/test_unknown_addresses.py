"""Unknown addresses, any method, get the friendly 404 page with every security header.

Locally the dev server (`make run`) answers them through the app (ops/localgateway.py)
instead of chalice local's bare 403 "Missing Authentication Token" (docs/pitfalls.md #14);
deployed, the HTTP API's `$default` route hands them to the app the same way
(tests/test_http_api_events.py). And a favicon, so browsers stop asking a 404.
"""
import http.client
import os
import threading

import pytest

from ops import localgateway

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SECURITY_HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options",
                    "Referrer-Policy", "Permissions-Policy")
UNKNOWN = ("/no/such/page?from=email", "/wp-login.php", "/static", "/thread/",
           "/.lantern-not-found", "/%E2%98%83")


@pytest.fixture
def local_server(app):
    """ops.devserver's HTTP server on a free port, serving the test app; undone after."""
    from chalice.config import Config

    original_class = app.__class__
    server = localgateway.create_server(app, Config.create(
        chalice_stage="test", app_name="lantern", project_dir=ROOT), "127.0.0.1", 0)
    thread = threading.Thread(target=server.server.serve_forever, daemon=True)
    thread.start()
    yield server.server.server_address[1]
    server.shutdown()
    server.server.server_close()
    app.routes.pop(localgateway.NOT_FOUND_RESOURCE, None)
    app.__class__ = original_class


def _fetch(port, method, path, body=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Accept": "text/html"}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    text = response.read().decode("utf-8", "replace")
    connection.close()
    return response, text


@pytest.mark.parametrize("method", localgateway.METHODS)
def test_unknown_addresses_get_the_friendly_404_page_for_every_method(local_server, method):
    for path in UNKNOWN:
        body = "title=mine&body=kept" if method in ("POST", "PUT", "PATCH") else None
        response, text = _fetch(local_server, method, path, body)
        assert response.status == 404, (method, path, text[:200])
        for header in SECURITY_HEADERS:
            assert response.getheader(header), (method, path, header)
        assert response.getheader("Content-Type").startswith("text/html")
        assert "Missing Authentication Token" not in text
        if method != "HEAD":
            assert "Page not found" in text and 'class="skip-link"' in text, (method, path)


def test_known_addresses_still_answer_as_before(local_server):
    home, text = _fetch(local_server, "GET", "/")
    assert home.status == 200 and "<h1" in text
    wrong_method, _ = _fetch(local_server, "DELETE", "/crisis")
    assert wrong_method.status == 405 and wrong_method.getheader("Content-Security-Policy")


def test_favicon_is_served_and_linked(client, local_server):
    icon, text = _fetch(local_server, "GET", "/favicon.ico")
    assert icon.status == 200 and icon.getheader("Content-Type") == "image/svg+xml"
    assert text.startswith("<svg") and len(text) < 2048
    page = client.get("/crisis")
    [link] = page.soup.find_all("link", rel="icon")
    assert link["type"] == "image/svg+xml" and "/static/favicon.svg?v=" in link["href"]
    assert client.get(link["href"]).status == 200
