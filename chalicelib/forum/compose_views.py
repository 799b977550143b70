"""Writing: new threads and replies, with Preview that needs no JavaScript.

Every way a POST can fail shows the member's text again: field errors re-render the
composer, refusals and outages keep it on the error page, and an ended session keeps it
as a server-side draft restored after login (``draft_views``).
"""
from types import SimpleNamespace

from chalice import Response
from pynamodb.exceptions import TransactWriteError

from chalicelib.core import clock
from chalicelib.platform import pagination, rendering, sessions
from chalicelib.forum import composing, hooks, page_index, policy, posting, quotes, reading
from chalicelib.forum.draft_views import composer_context, session_ended_page, without_draft
from chalicelib.web import page, query, read_form, route


def to_post(thread_id, post, reply_count, draft_key):
    """303 to the page of the thread that shows ``post`` (page one if the thread is short)."""
    cursor = None
    if reply_count + 1 > reading.page_size():
        # A start key just below the new post's id: that page begins with the new post.
        start = SimpleNamespace(thread_id=thread_id, post_id=post.post_id[:-1])
        cursor = pagination.encode_cursor(start, reading.POST_KEYS)
    location = rendering.url(f"/t/{thread_id}", after=cursor, posted=draft_key)
    return Response(body="", status_code=303,
                    headers={"Location": f"{location}#post-{post.post_id}"})


@route("/c/{slug}/new")
def new_thread_form(request, slug):
    """Show the form for starting a thread in a category."""
    category = reading.get_category(slug)
    composing.require_poster(sessions.load_visitor(request).member)
    context = composer_context(request, f"new:{slug}", category=category, with_title=True)
    context.setdefault("form", hooks.merged_context(hooks.new_thread_prefill,
                                                    request.query_params or {}))
    return page(request, "forum/compose.html", **context)


def checked_fields(form, member, kind, now):
    """The composer's fields and every problem with them, new-member limits included.

    A preview writes nothing, so a day's totals do not stop it (they refuse the post
    itself); what the member can fix in the text (too many links) is shown beside it.
    """
    fields, problems = composing.read_post_fields(form, with_title=kind == "thread")
    checked = "preview" if form.get("action") == "preview" else kind
    problems.update(policy.field_errors(member, checked, fields["body"], now))
    return fields, problems


def composer_again(request, form, fields, problems, draft_key, **context):
    """The composer re-shown with the text kept: a preview, or field errors (400)."""
    return page(request, "forum/compose.html", status=400 if problems else 200,
                form=form.kept(), errors=problems, preview=composing.preview_html(fields),
                draft_key=draft_key, **context)


@route("/c/{slug}/new", methods=("POST",))
def new_thread(request, slug):
    """Preview or start a thread; field errors re-show the form with the text kept."""
    category = reading.get_category(slug)
    member = sessions.load_visitor(request).member
    if member is None:
        return session_ended_page(request)
    composing.require_poster(member)
    form, now = read_form(request), clock.utcnow()
    fields, problems = checked_fields(form, member, "thread", now)
    if problems or form.get("action") == "preview":
        return composer_again(request, form, fields, problems, f"new:{slug}",
                              category=category, with_title=True)
    composing.limit_posting(member, "thread")
    thread, post = posting.start_thread(slug, member, fields["title"], fields["body"],
                                        fields["content_warning"], now=now)
    hooks.thread_started.call_all(thread, form)
    return without_draft(request, to_post(thread.thread_id, post, 0, f"new:{slug}"))


@route("/t/{thread_id}/reply")
def reply_form(request, thread_id):
    """Show the reply form on its own page (after Preview, a draft restored, or a post's
    Quote link: ``?quote=POST_ID`` starts the reply with that post quoted)."""
    thread = reading.get_thread(thread_id)
    composing.require_poster(sessions.load_visitor(request).member)
    composing.require_open(thread)
    quoted = page_index.parse_start(query(request, "quote"))
    context = composer_context(request, f"reply:{thread_id}", thread=thread, with_title=False)
    if quoted and "form" not in context:
        context["form"] = quotes.prefill(thread_id, quoted)
    return page(request, "forum/compose.html", **context)


@route("/t/{thread_id}/reply", methods=("POST",))
def reply(request, thread_id):
    """Preview or post a reply; a closed thread refuses it, keeping the text."""
    thread = reading.get_thread(thread_id, consistent=True)
    member = sessions.load_visitor(request).member
    if member is None:
        return session_ended_page(request)
    composing.require_poster(member)
    composing.require_open(thread)
    form, now = read_form(request), clock.utcnow()
    fields, problems = checked_fields(form, member, "reply", now)
    if problems or form.get("action") == "preview":
        return composer_again(request, form, fields, problems, f"reply:{thread_id}",
                              thread=thread, with_title=False)
    composing.limit_posting(member, "reply")
    try:
        post = posting.add_reply(thread, member, fields["body"], fields["content_warning"],
                                 now=now)
    except TransactWriteError:
        # Closed (or removed) between our read and the write: say which, keep the text.
        composing.require_open(reading.get_thread(thread_id, consistent=True))
        raise
    return without_draft(request, to_post(thread_id, post, thread.reply_count,
                                          f"reply:{thread_id}"))
