"""Acting on one post or thread: edit, remove, react, pin."""
from chalice import Response

from chalicelib.core import clock, numbers
from chalicelib.platform import rendering, sessions
from chalicelib.forum import composing, drafts, editing, policy, posting, reactions, reading
from chalicelib.forum.draft_views import composer_context, session_ended_page
from chalicelib.web import page, permissions, read_form, redirect, route


CONFLICT_NOTICE = ("This post was changed somewhere else (another tab or device) after you "
                   "opened it. The saved version is shown below, and your text is kept in "
                   "the form: save again to replace the saved version with yours.")


def edit_context(thread, post, member, **context):
    base = dict(thread=thread, post=post, heading="Edit your post",
                action_url=rendering.url(f"/p/{post.thread_id}/{post.post_id}/edit"),
                with_title=editing.may_edit_title(thread, post, member),
                submit_label="Save changes", body_label="Your post",
                draft_key=f"edit:{post.post_id}", version=post.version)
    base.update(context)
    return base


def back_to(thread_id, post_id, **query):
    """303 to the post on its thread page (the page it was on, when known)."""
    location = rendering.url(f"/t/{thread_id}", **query)
    return Response(body="", status_code=303, headers={"Location": f"{location}#post-{post_id}"})


@route("/p/{thread_id}/{post_id}/edit")
def edit_form(request, thread_id, post_id):
    """Show the editor for one of the member's own posts."""
    post = editing.get_post(thread_id, post_id)
    member = permissions.require_owner(request, post.author_id, refusal=editing.NOT_AUTHOR)
    editing.require_shown(post)
    thread = reading.get_thread(thread_id)
    form = {"title": thread.title, "body": post.body_source,
            "content_warning": post.content_warning or ""}
    context = composer_context(request, f"edit:{post_id}")
    context.setdefault("form", form)
    return page(request, "forum/compose.html", **edit_context(thread, post, member, **context))


@route("/p/{thread_id}/{post_id}/edit", methods=("POST",))
def edit(request, thread_id, post_id):
    """Preview or save an edit; a stale edit shows the saved version and keeps the text."""
    member = sessions.load_visitor(request).member
    if member is None:
        return session_ended_page(request)
    post = editing.get_post(thread_id, post_id)
    permissions.require_owner(request, post.author_id, refusal=editing.NOT_AUTHOR)
    editing.require_shown(post)
    thread = reading.get_thread(thread_id, consistent=True)
    form = read_form(request)
    with_title = editing.may_edit_title(thread, post, member)
    fields, problems = composing.read_post_fields(form, with_title=with_title)
    # An edit must not slip in the links a new member's first post could not carry.
    problems.update(policy.field_errors(member, "edit", fields["body"], clock.utcnow()))
    seen_version = form.get("version") or str(post.version)
    if numbers.int_or_none(seen_version, 0, 10**9) is None:
        problems["body"] = "This form could not be read. Please copy your text and try again."
    if problems or form.get("action") == "preview":
        return page(request, "forum/compose.html", status=400 if problems else 200,
                    **edit_context(thread, post, member, form=form.kept(), errors=problems,
                                   version=seen_version,
                                   preview=composing.preview_html(fields)))
    composing.limit_posting(member, "edit")
    try:
        editing.save_edit(post, thread, member, fields["body"], fields["content_warning"],
                          seen_version, fields["title"] if with_title else None,
                          now=clock.utcnow())
    except editing.EditConflict as conflict:
        return page(request, "forum/compose.html", status=409,
                    **edit_context(thread, conflict.current, member, form=form.kept(),
                                   conflict=conflict.current, notice=CONFLICT_NOTICE))
    response = back_to(thread_id, post_id, posted=f"edit:{post_id}")
    cleared = drafts.discard(request)
    if cleared:
        response.headers["Set-Cookie"] = [cleared]
    return response


@route("/p/{thread_id}/{post_id}/delete")
def delete_form(request, thread_id, post_id):
    """Ask before removing one of the member's own posts."""
    post = editing.get_post(thread_id, post_id)
    permissions.require_owner(request, post.author_id, refusal=editing.NOT_AUTHOR)
    editing.require_shown(post)
    return page(request, "forum/delete.html", post=post,
                thread=reading.get_thread(thread_id))


@route("/p/{thread_id}/{post_id}/delete", methods=("POST",))
def delete(request, thread_id, post_id):
    """Remove the post's text, leaving "post removed by its author" in its place."""
    post = editing.get_post(thread_id, post_id)
    member = permissions.require_owner(request, post.author_id, refusal=editing.NOT_AUTHOR)
    editing.require_shown(post)
    editing.remove_post(post, member, now=clock.utcnow())
    return back_to(thread_id, post_id)


@route("/p/{thread_id}/{post_id}/react", methods=("POST",))
def react(request, thread_id, post_id):
    """Add or take back an "I hear you" (one per member per post)."""
    member = sessions.load_visitor(request).member
    composing.require_poster(member)
    form = read_form(request)
    if form.get("reaction") == "remove":
        reactions.unreact(thread_id, post_id, member)
    else:
        reactions.react(thread_id, post_id, member, now=clock.utcnow())
    return back_to(thread_id, post_id, after=form.get("after"))


@route("/t/{thread_id}/pin", methods=("POST",))
def pin(request, thread_id):
    """Pin a thread to the top of its category, or unpin it (moderators)."""
    permissions.require_moderator(request)
    thread = reading.get_thread(thread_id, consistent=True)
    posting.set_pinned(thread, read_form(request).get("pinned") == "yes")
    return redirect(f"/t/{thread_id}")
