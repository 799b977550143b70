"""Account pages: sign up, confirm an email address, welcome, public profiles."""

from chalicelib.core import clock
from chalicelib.platform import sessions
from chalicelib.accounts import login, profile, signup, tokens, verification
from chalicelib.moderation import suspensions
from chalicelib.web import page, permissions, query, read_form, redirect, route


def client_ip(request):
    """The caller's address as API Gateway saw it (X-Forwarded-For can be forged)."""
    return ((request.context or {}).get("identity") or {}).get("sourceIp") or "unknown"


@route("/signup")
def signup_form(request):
    """Show the sign-up form, or the "check your email" page once it was sent."""
    if query(request, "done") == "sent":
        return page(request, "accounts/check_email.html")
    if sessions.load_visitor(request).is_member:
        return redirect("/")
    return page(request, "accounts/signup.html", consents=[])


@route("/signup", methods=["POST"])
def signup_submit(request):
    """Create an account and send the verification link (same answer for known emails)."""
    form = read_form(request)
    consents = form.getlist("consent")
    problems = signup.sign_up(form.get("handle"), form.get("email"), form.raw("password"),
                              consents, client_ip(request), clock.utcnow())
    if problems:
        return page(request, "accounts/signup.html", status=400, errors=problems,
                    form=form.kept(), consents=consents)
    return redirect("/signup", done="sent")


@route("/verify/{token}")
def verify_form(request, token):
    """Show the button that confirms an email address (a GET changes nothing)."""
    row = verification.pending(token, clock.utcnow())
    if row is None:
        return page(request, "accounts/link_spent.html", status=410, kind="verify")
    return page(request, "accounts/verify.html", token=token,
                changing=row.purpose == tokens.CHANGE_EMAIL)


@route("/verify/{token}", methods=["POST"])
def verify_submit(request, token):
    """Confirm the address; a new member is logged in and welcomed."""
    now = clock.utcnow()
    row = verification.pending(token, now)
    if row is None:
        return page(request, "accounts/link_spent.html", status=410, kind="verify")
    member = verification.confirm(row, now)
    if row.purpose == tokens.CHANGE_EMAIL:
        visitor = sessions.load_visitor(request)
        if visitor.member and visitor.member.member_id == member.member_id:
            return redirect("/settings", done="email-changed")
        return redirect("/login", done="email-changed")
    cookies = login.log_in(member, sessions.load_visitor(request), now)
    return redirect("/welcome", cookies=cookies)


@route("/welcome")
def welcome(request):
    """Greet a member whose address is confirmed, with the first places to go."""
    permissions.require_member(request)
    return page(request, "accounts/welcome.html")


@route("/u/{handle}")
def member_profile(request, handle):
    """Show a member's public profile: handle, role, join date and their threads."""
    found, threads, next_cursor, visitor, blocked = profile.profile_page(
        handle, query(request, "after"), reader=sessions.PendingVisitor(request))
    tools = (suspensions.member_tools(found, clock.utcnow())
             if permissions.is_moderator(visitor.member) else {})
    return page(request, "accounts/profile.html", profile=found, threads=threads,
                next_cursor=next_cursor, is_first_page=not query(request, "after"),
                blocked=blocked, moderator_tools=bool(tools), **tools)
