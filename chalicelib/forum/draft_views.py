"""A composer's text outlives an ended session: a POST without a live session keeps it as
a server-side draft, logging in brings the composer back holding it, and posting forgets it.

Apart from ``compose_views`` because editing a post (``post_views``) and the CSRF failure
hook (``wiring``) keep and restore drafts the same way.
"""
from chalicelib.core import errors
from chalicelib.platform import sessions
from chalicelib.forum import drafts
from chalicelib.web import page, query, read_form, redirect, route


RESTORED_NOTICE = ("Welcome back. Your draft was kept while you logged in: check it and "
                   "post it when you are ready.")


def session_ended_page(request):
    """The POST came without a live session: keep the text as a draft, ask to log in.

    :return: a Response, or None when the request was not a composer's.
    """
    if request.method != "POST" or not drafts.is_composer(request.path):
        return None
    form = read_form(request)
    target = request.context.get("path") or request.path
    draft, cookie = drafts.keep(form, target, request)
    response = page(request, "forum/session_ended.html", status=403, kept=form.kept(),
                    draft=draft, login_next=drafts.RESTORE_PATH)
    if cookie:
        response.headers["Set-Cookie"] = [cookie]
    return response


def composer_context(request, kind, **context):
    """Fill the composer from a kept draft when the member comes back after logging in."""
    member = sessions.load_visitor(request).member
    if query(request, "draft") and "form" not in context:
        draft = drafts.find(request, member)
        if draft is not None:
            context.update(form=drafts.as_form(draft), notice=RESTORED_NOTICE)
    context.setdefault("draft_key", kind)
    return context


def without_draft(request, response):
    """Forget this browser's kept draft once its text is posted."""
    cleared = drafts.discard(request)
    if cleared:
        response.headers["Set-Cookie"] = [cleared]
    return response


@route(drafts.RESTORE_PATH)
def restore_draft(request):
    """After logging in: back to the composer holding the kept draft."""
    member = sessions.load_visitor(request).member
    if member is None:
        raise errors.LoginRequired("Please log in: your draft is waiting for you.")
    target = drafts.restore_after_login(request, member)
    if target is None:
        raise errors.NotFound("There is no kept draft here any more. Drafts are kept "
                              "for 24 hours after a session ends.", title="No draft found")
    return redirect(target.split("?")[0], draft=1)
