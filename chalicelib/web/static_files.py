"""Serves the stylesheet and the one small script from static/ (same origin, for the CSP)."""
import os

from chalice import Response

from chalicelib.core import errors
from chalicelib.platform import rendering
from chalicelib.web import route


CONTENT_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
                 ".svg": "image/svg+xml", ".ico": "image/x-icon", ".txt": "text/plain"}


@route("/static/{name}")
def static_file(request, name):
    """Send a file from static/; the URL carries a content hash, so it may be cached long."""
    extension = os.path.splitext(name)[1]
    path = os.path.join(rendering.STATIC_DIR, name)
    if "/" in name or name.startswith(".") or extension not in CONTENT_TYPES \
            or not os.path.isfile(path):
        raise errors.NotFound()
    with open(path, "rb") as handle:
        body = handle.read()
    return Response(body=body.decode("utf-8") if extension != ".ico" else body,
                    headers={"Content-Type": CONTENT_TYPES[extension],
                             "Cache-Control": "public, max-age=31536000, immutable"})


@route("/favicon.ico")
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links: the same small SVG."""
    return static_file(request, "favicon.svg")
