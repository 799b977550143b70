"""A post's own address, ``/t/{thread_id}/p/{post_id}``: the page of its thread that holds it.

Notifications, quotes, search results and shared letters link here, so a link keeps
working however long the thread grows. The thread and the post come in one BatchGetItem;
the page is found from the thread's page marks (chalicelib/forum/page_index.py), and the
answer is a redirect to that page's own address, which reads it in two requests.
"""
from chalicelib.core import errors
from chalicelib.forum import page_index, withdrawal
from chalicelib.models.forum import Post, Thread
from chalicelib.platform import batches, sessions
from chalicelib.web import page, redirect, route
from chalicelib.web.permissions import is_moderator

REMOVED = "This post was removed"


def locate(thread_id, post_id, reader=None):
    """(thread, post) in one request, with the reader's session (``reader``, a
    ``sessions.PendingVisitor``); either is None when it does not exist."""
    if not page_index.ID.fullmatch(post_id or ""):
        return None, None
    found = batches.batch_get(batches.merge({
        Thread.Meta.table_name: {"Keys": [{"thread_id": {"S": thread_id}}]},
        Post.Meta.table_name: {"Keys": [{"thread_id": {"S": thread_id}, "post_id": {"S": post_id}}]},
    }, reader.request_items() if reader else {}))
    if reader:
        reader.settle(found)
    threads = found.get(Thread.Meta.table_name, [])
    posts = found.get(Post.Meta.table_name, [])
    return (Thread.from_raw_data(threads[0]) if threads else None,
            Post.from_raw_data(posts[0]) if posts else None)


def page_of(thread, post_id):
    """The number of the page that holds ``post_id``, and the id that page starts after."""
    if not page_index.is_indexed(thread):
        return 1, None
    number = min(page_index.current_page(thread, post_id), page_index.page_count(thread))
    return number, page_index.start_after(thread, number)


@route("/t/{thread_id}/p/{post_id}")
def post_link(request, thread_id, post_id):
    """Go to the post on its page; a removed or hidden post gets a calm page instead (a
    moderator goes on to it, in a hidden thread too)."""
    thread, post = locate(thread_id, post_id, reader=sessions.PendingVisitor(request))
    member = sessions.load_visitor(request).member
    if thread is not None and not withdrawal.shown_to(thread, member):
        raise errors.NotFound(withdrawal.GONE, title=REMOVED)
    if thread is None or post is None:
        raise errors.NotFound("We could not find that post. It may have been removed.",
                              title=REMOVED)
    if post.status != "visible" and not is_moderator(member):
        return page(request, "forum/post_removed.html", status=404, thread=thread,
                    hidden_for_review=post.status == "hidden",
                    by_moderator=post.removed_by == "moderator")
    number, start = page_of(thread, post_id)
    target = redirect(f"/t/{thread_id}", **({"page": number, "from": start} if start else {}))
    target.headers["Location"] += f"#post-{post_id}"
    return target
