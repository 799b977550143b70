"""What every view shares: routing with friendly errors, forms, pages and redirects.

A view is ``view(request, **path_params)``; it parses, calls one service function and
returns ``page(...)`` or ``redirect(...)``. Errors it raises become pages in the site's
layout, with the member's text kept whenever a form was posted.
"""
import logging
from urllib.parse import parse_qs

from botocore.exceptions import ClientError
from chalice import Response
from pynamodb.exceptions import PynamoDBException

from chalicelib.core import errors, signing
from chalicelib.platform import rendering, sessions
from chalicelib.web import routing

log = logging.getLogger("lantern")

# Never echoed back into a page, whatever went wrong.
SECRET_FIELDS = {"password", "current_password", "new_password", "csrf_token"}
CSRF_SALT = "csrf"
CSRF_MAX_AGE = 12 * 3600
THROTTLING_CODES = {"ProvisionedThroughputExceededException", "ThrottlingException",
                    "RequestLimitExceeded", "InternalServerError", "ServiceUnavailable"}


class Form:
    """A posted form: ``form.get('title')`` is stripped text, '' when absent."""

    def __init__(self, fields):
        self.fields = fields

    def get(self, name, default=""):
        values = self.fields.get(name)
        return values[0].strip() if values else default

    def raw(self, name, default=""):
        """The value exactly as typed (bodies keep their leading spaces and newlines)."""
        values = self.fields.get(name)
        return values[0].replace("\r\n", "\n") if values else default

    def getlist(self, name):
        return [value.strip() for value in self.fields.get(name, [])]

    def has(self, name):
        return name in self.fields

    def kept(self):
        """Everything the member typed, minus secrets, to show again after a failure."""
        return {name: values[0].replace("\r\n", "\n") for name, values in self.fields.items()
                if name not in SECRET_FIELDS and values and values[0].strip()}


def read_form(request):
    cached = getattr(request, "_lantern_form", None)
    if cached is not None:
        return cached
    body = request.raw_body or b""
    text = body.decode("utf-8", errors="replace") if isinstance(body, bytes) else body
    form = Form(parse_qs(text, keep_blank_values=True))
    request._lantern_form = form
    return form


def query(request, name, default=""):
    params = request.query_params or {}
    return (params.get(name) or default).strip()


def csrf_token(visitor):
    return signing.timed_serializer(CSRF_SALT).dumps(visitor.csrf_binding)


def csrf_is_valid(request):
    visitor = sessions.load_visitor(request)
    token = read_form(request).get("csrf_token")
    if not token:
        return False
    try:
        binding = signing.timed_serializer(CSRF_SALT).loads(token, max_age=CSRF_MAX_AGE)
    except signing.BadSignature:
        return False
    return binding == visitor.csrf_binding


def page(request, template, status=200, headers=None, **context):
    """Render ``template`` in the site layout for whoever is asking."""
    visitor = sessions.load_visitor(request)
    context.setdefault("errors", {})
    context.setdefault("form", {})
    html = rendering.render(template, visitor=visitor, member=visitor.member,
                            csrf_token=csrf_token(visitor), request_path=request.path,
                            **context)
    return Response(body=html, status_code=status,
                    headers={"Content-Type": "text/html; charset=utf-8", **(headers or {})})


def redirect(path, cookies=None, **query_params):
    """303 See Other to a site path, so a reload never re-posts a form."""
    headers = {"Location": rendering.url(path, **query_params)}
    if cookies:
        headers["Set-Cookie"] = list(cookies)
    return Response(body="", status_code=303, headers=headers)


def error_page(request, error):
    kept = read_form(request).kept() if request.method == "POST" else {}
    headers = dict(error.headers)
    try:
        return page(request, "errors/error.html", status=error.status, headers=headers,
                    error=error, kept=kept)
    except Exception:  # the error page itself failed (e.g. DynamoDB down): plain HTML
        log.exception("error page failed")
        body = rendering.render("errors/plain.html", error=error, kept=kept)
        return Response(body=body, status_code=error.status,
                        headers={"Content-Type": "text/html; charset=utf-8", **headers})


def _is_throttling(exc):
    cause = exc
    while cause is not None:
        if isinstance(cause, ClientError):
            return cause.response.get("Error", {}).get("Code") in THROTTLING_CODES
        cause = cause.__cause__ or cause.__context__
    return False


def run_view(view, request, params):
    """Call ``view(request, **params)``, turning every failure into a friendly page."""
    try:
        return view(request, **params)
    except errors.HttpError as error:
        return error_page(request, error)
    except PynamoDBException as exc:
        log.exception("DynamoDB failed on %s", request.path)
        busy = _is_throttling(exc)
        return error_page(request, errors.ServiceBusy() if busy else errors.HttpError())
    except Exception:
        log.exception("unhandled error on %s", request.path)
        return error_page(request, errors.HttpError())


def route(path, methods=("GET",)):
    """Declare ``view(request, **params)`` as serving ``path``; see chalicelib/web/routing.py."""
    if not isinstance(path, str):
        raise TypeError("route(path, methods): views no longer take a blueprint "
                        "(see chalicelib/web/routing.py); run `python -m ops.cli write-routes`")

    def decorate(view):
        routing.DECLARED.append((path, tuple(methods), view.__module__, view.__name__))
        return view

    return decorate
