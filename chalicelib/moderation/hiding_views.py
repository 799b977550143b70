"""Moderator pages for hiding and restoring a whole thread, and the Hidden threads list.

Every view starts with ``permissions.require_moderator``; readers get the forum's calm 404
for a hidden thread (chalicelib/forum/reading.py), moderators read it here and on its own
page, under a notice with Restore (templates/moderation/_hidden_notice.html).
"""
from chalicelib.core import clock
from chalicelib.moderation import hiding
from chalicelib.web import page, permissions, query, read_form, redirect, route


def _hide_page(request, thread, status=200, errors=None, form=None):
    return page(request, "moderation/hide_thread.html", status=status, thread=thread,
                errors=errors or {}, form=form or {})


@route("/mod/threads/{thread_id}/hide")
def hide_form(request, thread_id):
    """Ask why before hiding a thread (a hidden one goes to its moderator page)."""
    permissions.require_moderator(request)
    thread = hiding.thread_to_hide(thread_id)
    if thread is None:
        return redirect(f"/mod/threads/{thread_id}/hidden")
    return _hide_page(request, thread)


@route("/mod/threads/{thread_id}/hide", methods=["POST"])
def hide_thread(request, thread_id):
    """Hide a thread from every reader, with a reason for the audit log."""
    moderator = permissions.require_moderator(request)
    form = read_form(request)
    reason = form.get("reason")
    problems = hiding.validate_reason(reason)
    if problems:
        thread = hiding.thread_to_hide(thread_id)
        if thread is None:
            return redirect(f"/mod/threads/{thread_id}/hidden")
        return _hide_page(request, thread, 400, problems, form.kept())
    hiding.hide(thread_id, moderator, reason, clock.utcnow())
    return redirect(f"/mod/threads/{thread_id}/hidden", done="hidden")


@route("/mod/threads/{thread_id}/hidden")
def hidden_thread(request, thread_id):
    """A hidden thread as moderators read it, with Restore (a public one: its page)."""
    permissions.require_moderator(request)
    found = hiding.hidden_thread(thread_id, query(request, "after"))
    if found is None:
        return redirect(f"/t/{thread_id}")
    return page(request, "moderation/hidden_thread.html", hidden=found, thread=found.thread,
                done=query(request, "done"), is_first_page=not query(request, "after"))


@route("/mod/threads/{thread_id}/restore", methods=["POST"])
def restore_thread(request, thread_id):
    """Give a hidden thread back to every reader, as it was."""
    moderator = permissions.require_moderator(request)
    reason = read_form(request).get("reason")[:hiding.MAX_REASON]
    hiding.restore(thread_id, moderator, reason, clock.utcnow())
    return redirect(f"/t/{thread_id}")


@route("/mod/hidden-threads")
def hidden_threads(request):
    """Every hidden thread, latest hidden first."""
    permissions.require_moderator(request)
    found, next_cursor = hiding.hidden_threads(query(request, "after"))
    return page(request, "moderation/hidden_threads.html", threads=found,
                next_cursor=next_cursor, is_first_page=not query(request, "after"))
