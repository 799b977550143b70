"""The function as the HTTP API calls it: payload format 1.0 events, shaped as AWS documents
them (API Gateway developer guide, "Create AWS Lambda proxy integrations for HTTP APIs",
the 1.0 example), through ``app(event, context)`` exactly as Lambda does.

What differs from the REST API's events: the top-level ``path`` carries the stage (``/api/``),
a form's body arrives base64-encoded, and the ``$default`` route (an address no route has)
hands over the path as asked in ``resource`` and ``resourcePath`` (docs/pitfalls.md #30).
"""
import base64
import re
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest

from chalicelib.web.routing import NOT_FOUND_RESOURCE
from helpers import factories

STAGE = "api"


def http_api_event(method, route, path, path_parameters=None, query=None, cookie=None,
                   form=None):
    """A payload 1.0 event for ``route`` (``$default``: none matched) asked as ``path``."""
    headers = {"accept": "text/html,application/xhtml+xml", "accept-encoding": "gzip, br",
               "host": "abc123.execute-api.eu-west-1.amazonaws.com",
               "user-agent": "Mozilla/5.0", "x-forwarded-for": "192.0.2.7",
               "x-forwarded-port": "443", "x-forwarded-proto": "https"}
    body, encoded = None, False
    if cookie:
        headers["cookie"] = cookie
    if form is not None:
        headers["content-type"] = "application/x-www-form-urlencoded"
        # The HTTP API passes only text/*, JSON, XML and JavaScript bodies as text.
        body, encoded = base64.b64encode(urlencode(form).encode()).decode(), True
    resource = path if route == "$default" else route
    return {
        "version": "1.0", "resource": resource, "path": f"/{STAGE}{path}", "httpMethod": method,
        "headers": headers, "multiValueHeaders": {k: [v] for k, v in headers.items()},
        "queryStringParameters": {k: v[-1] for k, v in query.items()} if query else None,
        "multiValueQueryStringParameters": query or None,
        "requestContext": {
            "accountId": "123456789012", "apiId": "abc123",
            "authorizer": {"claims": None, "scopes": None},
            "domainName": "abc123.execute-api.eu-west-1.amazonaws.com",
            "domainPrefix": "abc123", "extendedRequestId": "request-id", "httpMethod": method,
            "identity": {"accessKey": None, "accountId": None, "caller": None,
                         "cognitoAuthenticationProvider": None,
                         "cognitoAuthenticationType": None, "cognitoIdentityId": None,
                         "cognitoIdentityPoolId": None, "principalOrgId": None,
                         "sourceIp": "192.0.2.7", "user": None, "userAgent": "Mozilla/5.0",
                         "userArn": None},
            "path": f"/{STAGE}{path}", "protocol": "HTTP/1.1", "requestId": "id=",
            "requestTime": "30/Nov/2026:10:00:00 +0000", "requestTimeEpoch": 1795939200000,
            "resourceId": route, "resourcePath": resource, "stage": STAGE},
        "pathParameters": path_parameters, "stageVariables": None, "body": body,
        "isBase64Encoded": encoded,
    }


@pytest.fixture
def call(app):
    """``call(event)`` -> the response dict the function gives the HTTP API."""
    yield lambda event: app(event, None)
    app.routes.pop(NOT_FOUND_RESOURCE, None)


def set_cookies(response):
    values = response["multiValueHeaders"].get("Set-Cookie", [])
    return values + ([response["headers"]["Set-Cookie"]] if "Set-Cookie" in
                     response["headers"] else [])


def cookie_header(response):
    jar = SimpleCookie()
    for value in set_cookies(response):
        jar.load(value)
    return "; ".join(f"{name}={morsel.value}" for name, morsel in jar.items())


def test_a_page_with_a_path_parameter(call, make):
    thread = make.thread(title="Evenings in week three")
    response = call(http_api_event("GET", "/t/{thread_id}", f"/t/{thread.thread_id}",
                                   {"thread_id": thread.thread_id}))
    assert response["statusCode"] == 200
    assert response["headers"]["Content-Type"] == "text/html; charset=utf-8"
    assert "Evenings in week three" in response["body"]
    assert response["headers"]["Cache-Control"].startswith("public")
    assert response["headers"]["Content-Security-Policy"]
    assert not set_cookies(response) and not response.get("isBase64Encoded")


def test_a_route_giving_its_path_as_asked_is_still_served(call, make):
    """Should a named route's event carry the path as asked (AWS documents only $default's
    shape), the path parameters lead back to the route's template."""
    thread = make.thread(title="Mornings are easier")
    event = http_api_event("GET", "/t/{thread_id}", f"/t/{thread.thread_id}",
                           {"thread_id": thread.thread_id})
    event["resource"] = event["requestContext"]["resourcePath"] = f"/t/{thread.thread_id}"
    response = call(event)
    assert response["statusCode"] == 200 and "Mornings are easier" in response["body"]
    wrong = http_api_event("GET", "/t/{thread_id}", "/t/other", {"thread_id": "another"})
    wrong["resource"] = wrong["requestContext"]["resourcePath"] = "/t/other"
    assert call(wrong)["statusCode"] == 404


def test_a_form_posted_base64_encoded_with_its_cookie_logs_in(call, make):
    make.member(handle="juniper")
    form_page = call(http_api_event("GET", "/login", "/login"))
    assert form_page["statusCode"] == 200
    token = re.search(r'name="csrf_token" value="([^"]+)"', form_page["body"]).group(1)
    answer = call(http_api_event(
        "POST", "/login", "/login", cookie=cookie_header(form_page),
        form={"csrf_token": token, "identifier": "juniper",
              "password": factories.PASSWORD}))
    assert answer["statusCode"] == 303, answer["body"][:300]
    # Two cookies at once travel as multiValueHeaders, which payload 1.0 answers keep.
    session, spent = answer["multiValueHeaders"]["Set-Cookie"]
    assert session.startswith("__Host-lantern_session=") and "Max-Age=0" not in session
    assert spent.startswith("__Host-lantern_csrf=;") and "Max-Age=0" in spent
    assert answer["headers"]["Cache-Control"].startswith("private")
    home = call(http_api_event("GET", "/", "/", cookie=cookie_header(answer)))
    assert home["statusCode"] == 200 and "juniper" in home["body"]


def test_a_wrong_password_keeps_what_was_typed(call, make):
    make.member(handle="juniper")
    form_page = call(http_api_event("GET", "/login", "/login"))
    token = re.search(r'name="csrf_token" value="([^"]+)"', form_page["body"]).group(1)
    answer = call(http_api_event(
        "POST", "/login", "/login", cookie=cookie_header(form_page),
        form={"csrf_token": token, "identifier": "juniper", "password": "not this one"}))
    assert answer["statusCode"] == 400 and not set_cookies(answer)
    assert 'value="juniper"' in answer["body"]


def test_a_static_file(call):
    response = call(http_api_event("GET", "/static/{name}", "/static/lantern.css",
                                   {"name": "lantern.css"}))
    assert response["statusCode"] == 200
    assert response["headers"]["Content-Type"] == "text/css; charset=utf-8"
    assert response["headers"]["Cache-Control"] == "public, max-age=31536000, immutable"
    assert not response.get("isBase64Encoded") and "body" in response["body"]
    icon = call(http_api_event("GET", "/favicon.ico", "/favicon.ico"))
    assert icon["statusCode"] == 200 and icon["body"].startswith("<svg")


@pytest.mark.parametrize("method, path", [
    ("GET", "/no/such/page"), ("GET", "/wp-login.php"), ("POST", "/t/abc/nothing"),
    ("HEAD", "/thread/"), ("GET", "/t/{thread_id}"), ("GET", NOT_FOUND_RESOURCE),
    ("PUT", "/no/such/page")])
def test_an_address_no_route_has_gets_the_calm_404_page(call, method, path):
    form = {"title": "mine", "body": "kept"} if method in ("POST", "PUT") else None
    response = call(http_api_event(method, "$default", path, form=form))
    assert response["statusCode"] == 404, response["body"][:300]
    assert response["headers"]["Content-Type"] == "text/html; charset=utf-8"
    assert "Page not found" in response["body"] and 'class="skip-link"' in response["body"]
    assert response["headers"]["Content-Security-Policy"]
    assert "Missing Authentication Token" not in response["body"]


def test_a_known_address_asked_with_another_method_is_a_405_page(call):
    response = call(http_api_event("DELETE", "$default", "/crisis"))
    assert response["statusCode"] == 405
    assert response["headers"]["Allow"] == "GET"
    assert "<h1" in response["body"]
