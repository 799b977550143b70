"""A member's own reading: What's new, Mark all as read, saved posts."""
from chalicelib.core import clock, errors
from chalicelib.platform import sessions
from chalicelib.forum import positions, saved, whats_new
from chalicelib.forum.post_views import back_to
from chalicelib.web import page, permissions, query, read_form, redirect, route


@route("/new")
def whats_new_page(request):
    """Threads with posts the member has not read, newest activity first."""
    after = query(request, "after")
    visitor, found, next_cursor = whats_new.unread_page(sessions.PendingVisitor(request),
                                                         after)
    return page(request, "forum/whats_new.html", threads=[thread for thread, _ in found],
                new_posts={thread.thread_id: news for thread, news in found},
                next_cursor=next_cursor,
                is_first_page=not after, marked=query(request, "marked"))


@route("/new/read", methods=("POST",))
def mark_all_read(request):
    """Count everything posted until now as read."""
    positions.mark_all_read(permissions.require_member(request), now=clock.utcnow())
    return redirect("/new", marked=1)


@route("/saved")
def saved_posts(request):
    """The member's saved posts, newest saved first."""
    after = query(request, "after")
    visitor, entries, next_cursor = saved.saved_page(sessions.PendingVisitor(request), after)
    return page(request, "forum/saved.html", entries=entries, next_cursor=next_cursor,
                is_first_page=not after)


@route("/p/{thread_id}/{post_id}/save", methods=("POST",))
def save_post(request, thread_id, post_id):
    """Save a post to read again later, or unsave it."""
    member = permissions.require_member(request)
    form = read_form(request)
    if form.get("save") == "no":
        saved.unsave(member, thread_id, post_id)
    elif form.get("save") == "yes":
        saved.save(member, thread_id, post_id, now=clock.utcnow())
    else:
        raise errors.BadRequest()
    if form.get("back") == "saved":
        return redirect("/saved")
    return back_to(thread_id, post_id, after=form.get("after"))
