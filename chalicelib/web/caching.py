"""Who may keep an answer: shared caches (the CDN) for anonymous reading, nobody otherwise.

An anonymous GET answered 200 that set no cookie and bound no CSRF token is the same for
every reader: it is ``public`` for a minute, may be served up to a minute stale while the
CDN fetches a fresh copy, and carries an ETag so a reader's browser revalidates it with a
304. So a post deleted or hidden can stay in a cached page for at most two minutes.
Everything else (a member's page, an answer to a form, a page with a form's token, a page
reached by a token in its address) is ``private, no-store``, except what a view vouches is
the same for everyone (static files: ``public`` for a year, whoever asks).

Compression is API Gateway's and CloudFront's, not the function's (docs/pitfalls.md #28):
the answers say ``Vary: Accept-Encoding`` so caches keep the gzip and plain copies apart,
and ``Cookie`` so a browser does not show its cached anonymous copy after logging in.
"""
import hashlib

PUBLIC = "public, max-age=60, stale-while-revalidate=60"
PRIVATE = "private, no-store"
VARY = "Accept-Encoding, Cookie"


def _body_bytes(body):
    if isinstance(body, bytes):
        return body
    return (body if isinstance(body, str) else repr(body)).encode("utf-8")


def entity_tag(body):
    """A weak validator: the gateway may send the same page gzip-compressed."""
    return 'W/"' + hashlib.sha256(_body_bytes(body)).hexdigest()[:32] + '"'


def _matches(if_none_match, tag):
    """RFC 9110 weak comparison of If-None-Match against ``tag``."""
    wanted = tag.removeprefix("W/")
    for candidate in (if_none_match or "").split(","):
        candidate = candidate.strip()
        if candidate == "*" or candidate.removeprefix("W/") == wanted:
            return True
    return False


def same_for_everyone(response):
    """A view that vouches its answer depends on nobody (static files say ``public``)."""
    own = response.headers.get("Cache-Control") or response.headers.get("cache-control") or ""
    return own.startswith("public")


def is_shareable(request, response, private):
    return (not private and request.method in ("GET", "HEAD")
            and response.status_code == 200)


def apply(request, response, private):
    """Set the cache headers on ``response``; answer 304 when the reader's copy is current.

    :return: the response to send (``response`` itself, or a bodiless 304).
    """
    headers = response.headers
    own = headers.pop("Cache-Control", None) or headers.pop("cache-control", None)
    private = private or "private" in (own or "") or "no-store" in (own or "")
    if not is_shareable(request, response, private):
        headers["Cache-Control"] = PRIVATE
        return response
    headers["Cache-Control"] = own or PUBLIC  # static files keep their year
    headers["Vary"] = VARY
    headers["ETag"] = entity_tag(response.body)
    if _matches(request.headers.get("if-none-match"), headers["ETag"]):
        response.body = ""
        response.status_code = 304
        headers.pop("Content-Type", None)
    return response
