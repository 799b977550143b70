"""Pages that keep anyone from being left alone: Unanswered, Milestones, re-confirming a
suppressed address."""

from chalicelib.core import clock, errors
from chalicelib.platform import sessions
from chalicelib.care import addresses, milestones, unanswered
from chalicelib.forum import positions, reading
from chalicelib.web import page, query, read_form, redirect, route


@route("/unanswered")
def unanswered_list(request):
    """Show open threads no one else has replied to yet, the longest waiting first."""
    threads, next_cursor = unanswered.unanswered_threads(query(request, "after"))
    names = {category.slug: category.name for category in reading.list_categories()}
    return page(request, "care/unanswered.html", threads=threads, next_cursor=next_cursor,
                is_first_page=not query(request, "after"), category_names=names,
                now=clock.utcnow(), waited=unanswered.waited,
                new_posts=positions.for_list(sessions.PendingVisitor(request), threads))


@route("/milestones")
def milestone_list(request):
    """Show success stories and milestones, newest marked first."""
    threads, next_cursor = milestones.milestone_threads(query(request, "after"))
    names = {category.slug: category.name for category in reading.list_categories()}
    return page(request, "care/milestones.html", threads=threads, next_cursor=next_cursor,
                is_first_page=not query(request, "after"), category_names=names)


@route("/t/{thread_id}/milestone", methods=("POST",))
def mark_milestone(request, thread_id):
    """Mark one's own thread as a success story or milestone (or neither again)."""
    member = sessions.load_visitor(request).member
    if member is None:
        raise errors.LoginRequired("Please log in to mark your thread.")
    thread = reading.get_thread(thread_id, consistent=True)
    form = read_form(request)
    kind, label = form.get("milestone_kind"), " ".join(form.get("milestone_label").split())
    problems = milestones.check(kind, label)
    if problems:
        if member.member_id != thread.author_id:
            raise errors.Forbidden("Only the member who started a thread can mark it.")
        posts, next_cursor = reading.thread_posts(thread_id)
        return page(request, "forum/thread.html", status=400, thread=thread, posts=posts,
                    next_cursor=next_cursor, is_first_page=True, following=False,
                    posted=None, after=None, reacted=set(), form=form.kept(),
                    errors=problems)
    milestones.mark(thread, member, kind, label)
    return redirect(f"/t/{thread_id}")


@route("/settings/email/reconfirm", methods=("POST",))
def reconfirm_address(request):
    """Send the link that re-confirms a suppressed address, or (with ?token=) confirm it."""
    member = sessions.load_visitor(request).member
    if member is None:
        raise errors.LoginRequired("Please log in to re-confirm your address.")
    token = query(request, "token")
    if not token:
        addresses.send_reconfirmation(member, clock.utcnow())
        return redirect("/settings/email/reconfirm", sent=1)
    if not addresses.confirm(member, token):
        raise errors.BadRequest("That confirmation link is not valid for your account any "
                                "more. Please ask for a new one.")
    return redirect("/settings/email/reconfirm", done=1)


@route("/settings/email/reconfirm")
def reconfirm_page(request):
    """Explain where things stand; a link from the email shows the confirm button."""
    member = sessions.load_visitor(request).member
    if member is None:
        raise errors.LoginRequired("Please log in to re-confirm your address.")
    return page(request, "care/reconfirm.html", token=query(request, "token"),
                sent=query(request, "sent"), done=query(request, "done"))
