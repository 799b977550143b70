"""Local stage only: read the outbox (sent and received mail) and run scheduled jobs from
the browser.

app.py registers these routes (LOCAL_ROUTES) only when LANTERN_STAGE is ``local``, and every view
checks again, so nothing here is reachable in a deployed stage.
"""
import os
from email import policy
from email.parser import BytesParser


from chalicelib import jobs


from chalicelib.core import clock, config, errors
from chalicelib.web import page, read_form, route


def _require_local():
    if not config.settings.is_local:
        raise errors.NotFound()


def _outbox_files():
    folder = config.settings.outbox_dir
    if not folder or not os.path.isdir(folder):
        return []
    return sorted((name for name in os.listdir(folder) if name.endswith(".eml")), reverse=True)


def _read_message(name):
    if name not in _outbox_files():
        raise errors.NotFound("No such message in the outbox.")
    with open(os.path.join(config.settings.outbox_dir, name), "rb") as handle:
        return BytesParser(policy=policy.default).parse(handle)


HEADERS = ("From", "To", "Reply-To", "Subject", "Date", "List-Unsubscribe",
           "List-Unsubscribe-Post", "X-Lantern-Became")


def _headers(message):
    """The shown headers as text; a received email's broken header shows as empty."""
    found = {}
    for name in HEADERS:
        try:
            found[name] = str(message[name] or "")
        except Exception:
            found[name] = ""
    return found


def _text(message):
    try:
        part = message.get_body(preferencelist=("plain", "html"))
        return part.get_content() if part else ""
    except Exception:
        return "(this part could not be decoded)"


@route("/dev/outbox")
def outbox(request):
    """List every email sent, and every one received by the local SMTP server with what
    it became, newest first."""
    _require_local()
    messages = [(name, _headers(_read_message(name))) for name in _outbox_files()]
    return page(request, "dev/outbox.html",
                messages=[(name, headers) for name, headers in messages
                          if "-inbound-" not in name],
                received=[(name, headers) for name, headers in messages
                          if "-inbound-" in name])


@route("/dev/outbox/{name}")
def outbox_message(request, name):
    """Show one email: headers and its text (links are clickable)."""
    _require_local()
    message = _read_message(name)
    # (``headers=`` would be the response's own headers: page() takes that name.)
    return page(request, "dev/message.html", name=name, fields=_headers(message),
                text=_text(message))


@route("/dev/jobs")
def job_list(request):
    """Buttons that run each scheduled job now."""
    _require_local()
    return page(request, "dev/jobs.html", jobs=sorted(jobs.JOBS), result=None)


@route("/dev/jobs", methods=["POST"])
def run_job(request):
    """Run one scheduled job now, optionally as if at another time."""
    _require_local()
    form = read_form(request)
    name = form.get("job")
    if name not in jobs.JOBS:
        raise errors.BadRequest("There is no job by that name.")
    when = form.get("now")
    try:
        now = clock.parse_iso(when) if when else None
    except ValueError:
        return page(request, "dev/jobs.html", jobs=sorted(jobs.JOBS), result=None,
                    form=form.kept(), errors={"now": "Use a time like 2026-12-01T07:00:00Z."},
                    status=400)
    result = jobs.run_job(name, now=now)
    return page(request, "dev/jobs.html", jobs=sorted(jobs.JOBS), result=(name, result))


