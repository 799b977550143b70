"""Moderator pages: the queue, actions on posts and threads, members and the log.

Every view starts with ``permissions.require_moderator``: the role is checked on the server
for every request, whatever the page showed.
"""

from chalicelib.core import clock, errors
from chalicelib.platform import members
from chalicelib.moderation import actions, audit, cases, reports, suspensions, threads
from chalicelib.web import page, permissions, query, read_form, redirect, route

MAX_REASON = 1000


def _reason(form):
    return form.get("reason")[:MAX_REASON]


@route("/mod")
def queue(request):
    """Show open reports grouped by post: possible crises first, then oldest first."""
    permissions.require_moderator(request)
    found, next_cursor = cases.open_cases(query(request, "after"))
    return page(request, "moderation/queue.html", cases=found, next_cursor=next_cursor,
                reasons=reports.REASONS, done=query(request, "done"),
                is_first_page=not query(request, "after"))


@route("/mod/reports/{thread_id}/{post_id}", methods=["POST"])
def resolve_reports(request, thread_id, post_id):
    """Dismiss a post's reports, or hide or delete the post."""
    moderator = permissions.require_moderator(request)
    form = read_form(request)
    action = form.get("action")
    actions.resolve_reports(moderator, thread_id, post_id, action, _reason(form),
                            clock.utcnow())
    return redirect("/mod", done=action)


@route("/mod/posts/{thread_id}/{post_id}", methods=["POST"])
def moderate_post(request, thread_id, post_id):
    """Hide, unhide or delete one post (the inline tools on a thread)."""
    moderator = permissions.require_moderator(request)
    form = read_form(request)
    actions.moderate_post(moderator, thread_id, post_id, form.get("action"), _reason(form),
                          clock.utcnow())
    return redirect(f"/t/{thread_id}#post-{post_id}")


@route("/mod/threads/{thread_id}", methods=["POST"])
def moderate_thread(request, thread_id):
    """Close, reopen, lock, pin, unpin, move or retitle a thread."""
    moderator = permissions.require_moderator(request)
    form = read_form(request)
    action = form.get("action")
    if action == "retitle":
        problems = threads.validate_title(form.get("title"))
        if problems:
            raise errors.BadRequest(problems["title"])
    threads.act(thread_id, moderator, action, form, _reason(form), clock.utcnow())
    return redirect(f"/t/{thread_id}")


def _member_or_404(handle):
    found = members.member_by_handle(handle)
    if found is None:
        raise errors.NotFound("There is no member with that handle.")
    return found


def _member_page(request, handle, status=200, **context):
    permissions.require_moderator(request)
    found = _member_or_404(handle)
    history, _ = audit.read_log(subject_id=found.member_id, size=20)
    now = clock.utcnow()
    return page(request, "moderation/member.html", status=status, subject=found,
                suspended=suspensions.is_suspended(found, now),
                durations=suspensions.DURATIONS, history=history,
                can_suspend=not permissions.is_moderator(found), actions=audit.ACTIONS,
                **context)


@route("/mod/members/{handle}")
def member_status(request, handle):
    """Show a member's suspension state, the suspend form and their moderation history."""
    return _member_page(request, handle)


@route("/mod/members/{handle}/suspend", methods=["POST"])
def suspend_member(request, handle):
    """Suspend a member for a while, with a reason they will see."""
    moderator = permissions.require_moderator(request)
    form = read_form(request)
    days, reason = form.get("days"), form.get("reason")
    problems = suspensions.validate(days, reason)
    if problems:
        return _member_page(request, handle, status=400, errors=problems, form=form.kept())
    subject = _member_or_404(handle)
    suspensions.suspend(moderator, subject, days, reason, clock.utcnow())
    return redirect(f"/mod/members/{subject.handle}")


@route("/mod/members/{handle}/lift", methods=["POST"])
def lift_suspension(request, handle):
    """End a member's suspension now."""
    moderator = permissions.require_moderator(request)
    subject = _member_or_404(handle)
    suspensions.lift(moderator, subject, _reason(read_form(request)), clock.utcnow())
    return redirect(f"/mod/members/{subject.handle}")


@route("/mod/log")
def audit_log(request):
    """Show every moderation action, newest first, filtered by moderator, action or member."""
    permissions.require_moderator(request)
    filters = {name: query(request, name) for name in ("moderator", "action", "member")}
    problems, ids = {}, {}
    for name in ("moderator", "member"):
        if filters[name]:
            found = members.member_by_handle(filters[name])
            if found is None:
                problems[name] = f"There is no member called {filters[name]}."
            ids[name] = found.member_id if found else None
    if filters["action"] and filters["action"] not in audit.ACTIONS:
        problems["action"] = "Choose an action from the list."
    entries, next_cursor = [], None
    if not problems:
        entries, next_cursor = audit.read_log(
            query(request, "after"), moderator_id=ids.get("moderator"),
            action=filters["action"] or None, subject_id=ids.get("member"))
    return page(request, "moderation/log.html", status=400 if problems else 200,
                entries=entries, next_cursor=next_cursor, form=filters, errors=problems,
                actions=audit.ACTIONS, is_first_page=not query(request, "after"))
