"""Member-facing safety pages: reporting a post, and blocking members."""

from chalicelib.core import clock, errors
from chalicelib.platform import members, sessions
from chalicelib.forum import reading
from chalicelib.moderation import actions, blocks, report_page, reports
from chalicelib.web import page, permissions, query, read_form, redirect, route, safe_next


def _report_page(request, thread_id, post_id, status=200, **context):
    shown = report_page.report_page(sessions.PendingVisitor(request), thread_id, post_id)
    return page(request, "moderation/report.html", status=status, thread=shown.thread,
                post=shown.post, reasons=reports.REASONS, author_is_staff=shown.author_is_staff,
                already=shown.already, **context)


@route("/t/{thread_id}/p/{post_id}/report")
def report_form(request, thread_id, post_id):
    """Show the form to report a post (or say that you already did)."""
    return _report_page(request, thread_id, post_id)


@route("/t/{thread_id}/p/{post_id}/report", methods=["POST"])
def report_post(request, thread_id, post_id):
    """Report a post to the moderators."""
    member = permissions.require_member(request)
    form = read_form(request)
    reason, note = form.get("reason"), form.get("note")
    problems = reports.validate(reason, note)
    if problems:
        return _report_page(request, thread_id, post_id, status=400, errors=problems,
                            form=form.kept())
    thread = reading.get_thread(thread_id)
    post = actions.get_post(thread_id, post_id)
    reports.file_report(member, thread, post, reason, note, clock.utcnow())
    return redirect(f"/t/{thread_id}/p/{post_id}/report")


def _blocks_page(request, status=200, **context):
    member = permissions.require_member(request)
    return page(request, "moderation/blocks.html", status=status,
                blocks=blocks.list_blocks(member.member_id), **context)


@route("/blocks")
def blocked_members(request):
    """Show the members you have blocked, and a form to block one."""
    return _blocks_page(request, form={"handle": query(request, "handle")},
                        blocked=query(request, "blocked"))


@route("/u/{handle}/block")
def confirm_block(request, handle):
    """Say in plain words what blocking ``handle`` does, with the button that does it."""
    member, other, blocked = blocks.block_page(sessions.PendingVisitor(request), handle)
    return page(request, "moderation/block_confirm.html", other=other, blocked=blocked,
                can_block=other.member_id != member.member_id and not permissions.is_moderator(other),
                back=safe_next(query(request, "next", f"/u/{other.handle}")))


@route("/blocks", methods=["POST"])
def block_member(request):
    """Block a member by their handle."""
    member = permissions.require_member(request)
    form = read_form(request)
    handle = form.get("handle").lstrip("@")
    other = members.member_by_handle(handle) if handle else None
    if other is None:
        message = "Type the handle of the member to block." if not handle \
            else f"There is no member called {handle}."
        return _blocks_page(request, status=400, errors={"handle": message}, form=form.kept())
    try:
        blocks.block(member, other, clock.utcnow())
    except errors.BadRequest as error:
        return _blocks_page(request, status=400, errors={"handle": error.message},
                            form=form.kept())
    back = form.get("next")
    if back:
        return redirect(safe_next(back))
    return redirect("/blocks", blocked=other.handle)


@route("/blocks/remove", methods=["POST"])
def unblock_member(request):
    """Unblock a member."""
    member = permissions.require_member(request)
    form = read_form(request)
    other_id = form.get("member_id")
    if not other_id:
        raise errors.BadRequest()
    blocks.unblock(member, other_id)
    return redirect(safe_next(form.get("next") or "/blocks"))
