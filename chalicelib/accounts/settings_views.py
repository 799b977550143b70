"""Account settings: password, email, sessions, export and deletion."""
import json

from chalice import Response

from chalicelib.core import clock
from chalicelib.platform import session_lifecycle, sessions
from chalicelib.accounts import email_change, export, login, settings, verification
from chalicelib.web import page, permissions, query, read_form, redirect, route


NOTICES = {
    "password-changed": "Your password is changed. Every other device has been logged out.",
    "password-reset": "Your new password is set. Every other device has been logged out.",
    "email-sent": "We sent a link to your new address. Your email changes once you follow it.",
    "email-changed": "Your new email address is confirmed.",
    "link-sent": "We sent you a new confirmation link. It works for 48 hours.",
}


@route("/settings")
def overview(request):
    """Show the member's account: email, verification, sessions, export and deletion."""
    member = permissions.require_member(request)
    return page(request, "accounts/settings.html", notice=NOTICES.get(query(request, "done")),
                account=member)


@route("/settings/password")
def password_form(request):
    """Show the change-password form."""
    permissions.require_member(request)
    return page(request, "accounts/change_password.html")


@route("/settings/password", methods=["POST"])
def password_submit(request):
    """Change the password (asks for the current one); other devices are logged out."""
    member = permissions.require_member(request)
    form = read_form(request)
    now = clock.utcnow()
    problems = settings.change_password(member, form.raw("current_password"),
                                        form.raw("new_password"), now)
    if problems:
        return page(request, "accounts/change_password.html", status=400, errors=problems)
    cookies = login.log_in(member, sessions.load_visitor(request), now)
    return redirect("/settings", cookies=cookies, done="password-changed")


@route("/settings/email")
def email_form(request):
    """Show the change-email form."""
    permissions.require_member(request)
    return page(request, "accounts/change_email.html")


@route("/settings/email", methods=["POST"])
def email_submit(request):
    """Send a confirmation link to the new address (nothing changes until it is used)."""
    member = permissions.require_member(request)
    form = read_form(request)
    problems = email_change.request_change(member, form.raw("current_password"),
                                           form.get("new_email"), clock.utcnow())
    if problems:
        return page(request, "accounts/change_email.html", status=400, errors=problems,
                    form=form.kept())
    return redirect("/settings", done="email-sent")


@route("/settings/verify", methods=["POST"])
def resend_verification(request):
    """Send a new email confirmation link."""
    member = permissions.require_member(request)
    verification.resend(member, clock.utcnow())
    return redirect("/settings", done="link-sent")


@route("/settings/logout-everywhere", methods=["POST"])
def logout_everywhere(request):
    """End every session of the member, this one included."""
    member = permissions.require_member(request)
    session_lifecycle.end_all_sessions(member)
    return redirect("/login", cookies=login.log_out(sessions.load_visitor(request)),
                    done="logged-out-everywhere")


@route("/settings/export")
def export_download(request):
    """Download everything Lantern keeps about the member, as JSON."""
    member = permissions.require_member(request)
    now = clock.utcnow()
    body = json.dumps(export.build_export(member, now), indent=2, ensure_ascii=False)
    filename = f"lantern-{member.handle}-{now:%Y-%m-%d}.json"
    return Response(body=body, status_code=200, headers={
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": f'attachment; filename="{filename}"'})


@route("/settings/delete")
def delete_form(request):
    """Explain what deletion does and ask for the password and a choice about posts."""
    permissions.require_member(request)
    return page(request, "accounts/delete.html")


@route("/settings/delete", methods=["POST"])
def delete_submit(request):
    """Delete the account for good: sessions, tokens, claims; posts removed or kept."""
    member = permissions.require_member(request)
    form = read_form(request)
    problems = settings.delete_my_account(member, form.raw("current_password"),
                                          form.get("posts"), clock.utcnow())
    if problems:
        return page(request, "accounts/delete.html", status=400, errors=problems,
                    form=form.kept())
    return redirect("/login", cookies=login.log_out(sessions.load_visitor(request)),
                    done="deleted")
