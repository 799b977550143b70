"""Log in, log out, and reset a forgotten password."""

from chalicelib.core import clock
from chalicelib.platform import sessions
from chalicelib.accounts import login, reset
from chalicelib.accounts.views import client_ip
from chalicelib.web import page, query, read_form, redirect, route, safe_next


NOTICES = {
    "logged-out": "You are logged out. Take care.",
    "logged-out-everywhere": "You are logged out on every device.",
    "email-changed": "Your new email address is confirmed. Please log in.",
    "deleted": "Your account has been deleted.",
}


@route("/login")
def login_form(request):
    """Show the log-in form."""
    return page(request, "accounts/login.html", notice=NOTICES.get(query(request, "done")),
                form={"next": safe_next(query(request, "next", "/"))})


@route("/login", methods=["POST"])
def login_submit(request):
    """Log in with email or handle and password; a fresh session every time."""
    form = read_form(request)
    now = clock.utcnow()
    try:
        member = login.authenticate(form.get("identifier"), form.raw("password"),
                                    client_ip(request), now)
    except login.LoginFailed:
        return page(request, "accounts/login.html", status=400,
                    errors={"password": login.WRONG}, form=form.kept())
    cookies = login.log_in(member, sessions.load_visitor(request), now)
    return redirect(safe_next(form.get("next", "/")), cookies=cookies)


@route("/logout", methods=["POST"])
def logout(request):
    """End this session only."""
    cookies = login.log_out(sessions.load_visitor(request))
    return redirect("/login", cookies=cookies, done="logged-out")


@route("/reset")
def reset_form(request):
    """Ask for a password reset link."""
    return page(request, "accounts/reset_request.html", sent=query(request, "done") == "sent")


@route("/reset", methods=["POST"])
def reset_submit(request):
    """Email a reset link (or, for an unknown address, a note saying so): same answer."""
    form = read_form(request)
    problems = reset.request_reset(form.get("email"), client_ip(request), clock.utcnow())
    if problems:
        return page(request, "accounts/reset_request.html", status=400, errors=problems,
                    form=form.kept(), sent=False)
    return redirect("/reset", done="sent")


@route("/reset/{token}")
def reset_password_form(request, token):
    """Show the new-password form for a live reset link."""
    if reset.pending(token, clock.utcnow()) is None:
        return page(request, "accounts/link_spent.html", status=410, kind="reset")
    return page(request, "accounts/reset_password.html", token=token)


@route("/reset/{token}", methods=["POST"])
def reset_password_submit(request, token):
    """Set the new password, end every session, and log in here afresh."""
    now = clock.utcnow()
    row = reset.pending(token, now)
    if row is None:
        return page(request, "accounts/link_spent.html", status=410, kind="reset")
    member, problems = reset.reset_password(row, read_form(request).raw("password"), now)
    if problems:
        return page(request, "accounts/reset_password.html", status=400, errors=problems,
                    token=token)
    cookies = login.log_in(member, sessions.load_visitor(request), now)
    return redirect("/settings", cookies=cookies, done="password-reset")
