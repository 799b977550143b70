"""The one place every request passes: the CSRF check, security headers, error pages."""
import json
import logging

from chalice import Response

from chalicelib.core import config, errors
from chalicelib.platform import sessions
from chalicelib.web import caching, hooks
from chalicelib.web.forms import csrf_is_valid, read_form
from chalicelib.web.responses import error_page, failure_error, page
from chalicelib.web.routing import NOT_FOUND_RESOURCE

log = logging.getLogger("lantern")

# Route templates whose POST needs no CSRF token: RFC 8058 one-click unsubscribe is sent
# by mail providers with the URL's opaque token alone; an unknown address writes nothing
# and answers 404 whatever is posted to it.
CSRF_EXEMPT_ROUTES = {"/unsubscribe/{token}", NOT_FOUND_RESOURCE}
# Pages that carry a secret token in their URL never leak it through the Referer header.
TOKEN_ROUTE_PREFIXES = ("/verify/", "/reset/", "/unsubscribe/", "/subscribe/confirm/",
                        "/preferences/")

CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; "
                           "img-src 'self'; object-src 'none'; base-uri 'none'; "
                           "frame-ancestors 'none'; form-action 'self'")


def security_headers(request, visitor):
    headers = {
        "Content-Security-Policy": CONTENT_SECURITY_POLICY,
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": ("no-referrer" if request.path.startswith(TOKEN_ROUTE_PREFIXES)
                            else "same-origin"),
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    }
    if config.settings.secure_cookies:
        headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains"
    return headers


def shows_private_text(request, visitor, response=None):
    """Could this answer hold a member's text or data? Then no cache may keep it.

    A member's every page; every answer to a form (error pages, the session-ended page and
    the composer echo what was posted); pages reached by a token in the address (a
    subscriber's address and choices); any page holding a form's token, bound to this
    visitor; and any answer setting a cookie (a kept draft).
    """
    if visitor is not None and (visitor.is_member or visitor.cookies_to_set
                                or visitor.csrf_bound):
        return True
    if request.method not in ("GET", "HEAD") or request.path.startswith(TOKEN_ROUTE_PREFIXES):
        return True
    if response is None:
        return False
    return bool(response.headers.get("Set-Cookie") or response.headers.get("set-cookie"))


def _is_chalice_default_error(response):
    """Chalice answers unknown content types, bad JSON and crashes with JSON bodies."""
    return response.status_code >= 400 and isinstance(response.body, dict)


STATUS_ERRORS = {400: errors.BadRequest, 403: errors.Forbidden, 404: errors.NotFound,
                 405: errors.MethodNotAllowed}


def _as_error(response):
    if response.status_code == 415:
        return errors.BadRequest("That form was sent in a way we cannot read.")
    error = STATUS_ERRORS.get(response.status_code, errors.HttpError)()
    allowed = response.headers.get("Allow")
    if allowed:  # a 405 names the methods the address does take (RFC 9110)
        error.headers["Allow"] = allowed
    return error


def _add_cookies(response, cookies):
    if not cookies:
        return
    existing = response.headers.get("Set-Cookie") or response.headers.get("set-cookie")
    combined = (list(existing) if isinstance(existing, list) else [existing]) if existing else []
    response.headers.pop("set-cookie", None)
    response.headers["Set-Cookie"] = combined + [c for c in cookies if c not in combined]


def _csrf_failure(request):
    if not sessions.load_visitor(request).is_member:
        # Most often a session that ended while the member wrote: the forum keeps the
        # text as a draft (its handler answers None for any other form).
        kept = hooks.first_answer(hooks.csrf_failure, request)
        if kept is not None:
            return kept
    error = errors.Forbidden(
        "This form had been open for a long time, or came from another site, so it was "
        "not sent. Your text is kept below: check it and send it again.",
        title="Please send that again")
    return page(request, "errors/csrf.html", status=403, error=error,
                    kept=read_form(request).kept(), action=request.context.get("path")
                    or request.path)


def http_middleware(event, get_response):
    """Chalice HTTP middleware: registered once in app.py."""
    request = event
    visitor = None
    try:
        # A GET page reads the session itself, with its own keys in one BatchGetItem
        # (platform.sessions.PendingVisitor); it is loaded here after the view otherwise.
        if request.method != "GET":
            visitor = sessions.load_visitor(request)
        if request.method == "POST" and request.path not in CSRF_EXEMPT_ROUTES \
                and not csrf_is_valid(request):
            response = _csrf_failure(request)
        else:
            response = get_response(request)
        if _is_chalice_default_error(response):
            log.warning("chalice error %s on %s: %s", response.status_code, request.path,
                        json.dumps(response.body)[:300])
            response = error_page(request, _as_error(response))
        visitor = sessions.load_visitor(request)
    except Exception as exc:
        log.exception("middleware failed on %s", getattr(request, "path", "?"))
        response = error_page(request, failure_error(exc))
    response.headers.update(security_headers(request, visitor))
    private = shows_private_text(request, visitor, response)
    if private and caching.same_for_everyone(response) and request.method == "GET" \
            and not (visitor and visitor.cookies_to_set):
        private = False  # a static file: the same whoever asks
    response = caching.apply(request, response, private)
    _add_cookies(response, visitor.cookies_to_set if visitor else None)
    return response
