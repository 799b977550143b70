"""Local stage only: read the outbox and run scheduled jobs from the browser.

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


@route("/dev/outbox")
def outbox(request):
    """List every email sent while running locally, newest first."""
    _require_local()
    messages = [(name, _read_message(name)) for name in _outbox_files()]
    return page(request, "dev/outbox.html", messages=messages)


@route("/dev/outbox/{name}")
def outbox_message(request, name):
    """Show one sent email: headers and its plain-text part (links are clickable)."""
    _require_local()
    message = _read_message(name)
    text = message.get_body(preferencelist=("plain",))
    return page(request, "dev/message.html", name=name, message=message,
                text=text.get_content() if text else "")


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


