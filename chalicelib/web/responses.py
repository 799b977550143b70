"""What a view returns: a page in the site's layout, a redirect, or a friendly error page.

``run_view`` calls a view and turns whatever it raises into an error page, with the
member's text kept whenever a form was posted.
"""
import logging
import re
from urllib.parse import quote, urlencode

from botocore.exceptions import ClientError
from chalice import Response
from pynamodb.exceptions import PynamoDBException, TransactWriteError

from chalicelib.core import errors
from chalicelib.models import writes
from chalicelib.platform import rendering, sessions
from chalicelib.web.forms import LazyCsrfToken, read_form

log = logging.getLogger("lantern")

THROTTLING_CODES = {"ProvisionedThroughputExceededException", "ThrottlingException",
                    "RequestLimitExceeded", "InternalServerError", "ServiceUnavailable",
                    "TransactionConflictException"}
# When a transaction of this request committed before the failure, "could not save that"
# may be untrue: say so, so the member looks before sending it twice.
MAYBE_SAVED = ("Lantern is very busy right now and could not finish. Part of what you sent "
               "may already be saved: please open the page again to check before sending it "
               "again. Your text is kept below.")


def page(request, template, status=200, headers=None, **context):
    """Render ``template`` in the site layout for whoever is asking."""
    visitor = sessions.load_visitor(request)
    context.setdefault("errors", {})
    context.setdefault("form", {})
    html = rendering.render(template, visitor=visitor, member=visitor.member,
                            csrf_token=LazyCsrfToken(visitor), request_path=request.path,
                            **context)
    return Response(body=html, status_code=status,
                    headers={"Content-Type": "text/html; charset=utf-8", **(headers or {})})


def redirect(path, cookies=None, **query_params):
    """303 See Other to a site path, so a reload never re-posts a form."""
    headers = {"Location": rendering.url(path, **query_params)}
    if cookies:
        headers["Set-Cookie"] = list(cookies)
    return Response(body="", status_code=303, headers=headers)


def safe_next(target):
    """Only a path on this site: never another host (an open redirect helps phishing).

    Judged as a browser reads it: the URL standard drops ASCII tabs and newlines and reads
    a backslash as a slash, so ``/\t/evil.example`` and ``/\\evil`` mean ``//evil...``.
    """
    if not isinstance(target, str) or not target.startswith("/"):
        return "/"
    as_browser = re.sub(r"[\t\n\r]", "", target).replace("\\", "/")
    if any(ord(c) <= 0x20 or ord(c) == 0x7F for c in as_browser):
        return "/"  # spaces and controls are never in a path we write (header injection)
    if as_browser.startswith("//"):
        return "/"  # "//host...": another site, whatever follows (even "//[", no URL at all)
    # What is left starts with one slash: a path, never a scheme (those start with a letter)
    # nor a host (only after "//"), so there is nothing more to parse.
    return as_browser


def requested_path(request):
    """The path and query the visitor asked for (``request.path`` is the route's template)."""
    path = request.path
    for name, value in (request.uri_params or {}).items():
        path = path.replace("{" + name + "}", quote(value, safe=""))
    params = request.query_params or {}
    pairs = [(name, value) for name in params for value in params.getlist(name)]
    return path + ("?" + urlencode(pairs) if pairs else "")


def error_page(request, error):
    if isinstance(error, errors.LoginRequired) and request.method == "GET":
        # A visitor opening a member page is sent to log in and brought back after it;
        # a POST keeps its answer (the page holds the member's text).
        return redirect("/login", next=requested_path(request))
    kept = read_form(request).kept() if request.method == "POST" else {}
    headers = dict(error.headers)
    try:
        return page(request, "errors/error.html", status=error.status, headers=headers,
                    error=error, kept=kept,
                    return_path=requested_path(request))
    except Exception:  # the error page itself failed (e.g. DynamoDB down): plain HTML
        log.exception("error page failed")
        body = rendering.render("errors/plain.html", error=error, kept=kept)
        return Response(body=body, status_code=error.status,
                        headers={"Content-Type": "text/html; charset=utf-8", **headers})


def _is_throttling(exc):
    if isinstance(exc, TransactWriteError) and writes.only_conflicts(exc):
        return True  # still conflicting after models.writes' retries
    cause = exc
    while cause is not None:
        if isinstance(cause, ClientError):
            return cause.response.get("Error", {}).get("Code") in THROTTLING_CODES
        cause = cause.__cause__ or cause.__context__
    return False


def failure_error(exc):
    """The page for an unexpected failure: 503 when DynamoDB was busy, else 500."""
    return errors.ServiceBusy() if _is_throttling(exc) else errors.HttpError()


def run_view(view, request, params):
    """Call ``view(request, **params)``, turning every failure into a friendly page."""
    committed = writes.commits()
    try:
        return view(request, **params)
    except errors.HttpError as error:
        return error_page(request, error)
    except (PynamoDBException, ClientError) as exc:  # ClientError: platform.batches' reads
        log.exception("DynamoDB failed on %s", request.path)
        if not _is_throttling(exc):
            return error_page(request, errors.HttpError())
        saved = request.method == "POST" and writes.commits() > committed
        return error_page(request, errors.ServiceBusy(MAYBE_SAVED if saved else None))
    except Exception:
        log.exception("unhandled error on %s", request.path)
        return error_page(request, errors.HttpError())
