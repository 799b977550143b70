"""Quoting a post in a reply, in the one format notifications detect (COMMON contract):
``[HANDLE wrote:](/t/THREAD_ID/p/POST_ID)`` on its own line, the quoted text as Markdown
blockquote lines, then a blank line. static/quote.js writes the same for a selected passage.
"""
from chalicelib.core import errors
from chalicelib.models.forum import Post

REMOVED = "This post was removed, so it cannot be quoted."


def quote_text(handle, thread_id, post_id, text):
    """The quote block for ``text`` (a whole post's Markdown or a passage of it)."""
    lines = text.strip("\n").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    quoted = "\n".join(f"> {line}".rstrip() for line in lines)
    return f"[{handle} wrote:](/t/{thread_id}/p/{post_id})\n{quoted}\n\n"


def prefill(thread_id, post_id):
    """The reply form's fields quoting a visible post of this thread (one GetItem).

    :raise NotFound: the post is not in this thread, or is hidden or removed.
    """
    try:
        post = Post.get(thread_id, post_id)
    except Post.DoesNotExist:
        raise errors.NotFound(REMOVED, title="This post was removed")
    if post.status != "visible":
        raise errors.NotFound(REMOVED, title="This post was removed")
    return {"body": quote_text(post.author_handle, thread_id, post_id, post.body_source)}
