"""Authors editing and removing their own posts.

Edits use the post's VersionAttribute: the form carries the version the member started
from, and the write succeeds only if the post is still at that version. A stale edit
(another tab, another device) never overwrites: the member sees the saved version beside
their own text and chooses.
"""
from pynamodb.exceptions import UpdateError

from chalicelib.core import clock, errors
from chalicelib.models.forum import CATEGORY_PARTITION, Category, Post, Thread
from chalicelib.models import writes
from chalicelib.platform import mentions

class EditConflict(Exception):
    """The post changed after the member opened the editor; ``current`` is what is saved."""

    def __init__(self, current):
        super().__init__("stale edit")
        self.current = current


def get_post(thread_id, post_id):
    """:raise NotFound: for an unknown post."""
    try:
        return Post.get(thread_id, post_id, consistent_read=True)
    except Post.DoesNotExist:
        raise errors.NotFound("We could not find that post. It may have been removed.")


NOT_AUTHOR = "Only the person who wrote a post can change it."


def require_shown(post):
    """:raise Forbidden: once ``post`` is removed (whoever asks; authorship is the view's check)."""
    if post.status != "visible":
        raise errors.Forbidden("This post has been removed, so it can no longer be edited.")


def may_edit_title(thread, post, member):
    return post.post_id == thread.thread_id and member is not None \
        and thread.author_id == member.member_id


def _rejected(error):
    return isinstance(error, UpdateError) and writes.condition_failed(error)


def edit_post(post, member, body, content_warning, seen_version, now=None):
    """Save an edit made from ``seen_version``.

    :raise EditConflict: when the post moved on since (nothing is overwritten).
    """
    now = now or clock.utcnow()
    post.version = int(seen_version)
    warning = Post.content_warning.set(content_warning) if content_warning \
        else Post.content_warning.remove()
    try:
        post.update(actions=[Post.body_source.set(body),
                             Post.body_html.set(mentions.resolve(body).html(body)),
                             warning, Post.edited_at.set(now)],
                    condition=(Post.author_id == member.member_id) & (Post.status == "visible"))
    except UpdateError as error:
        if _rejected(error):
            raise EditConflict(get_post(post.thread_id, post.post_id)) from error
        raise
    return post


def edit_title(thread, member, title):
    """The thread's author renames it (and the home page's "latest in" line with it)."""
    if title == thread.title:
        return
    thread.update(actions=[Thread.title.set(title)],
                  condition=Thread.author_id == member.member_id)
    rename_in_latest_line(thread, title)


def rename_in_latest_line(thread, title):
    """The category's "latest in" line names ``title``, if ``thread`` is its latest."""
    try:
        Category(CATEGORY_PARTITION, thread.category_slug).update(
            actions=[Category.last_thread_title.set(title)],
            condition=Category.last_thread_id == thread.thread_id)
    except UpdateError as error:
        if not _rejected(error):  # another thread is the latest: nothing to rename there
            raise


def remove_post(post, member, now=None):
    """Remove the text of ``member``'s own post; a marker stays so replies keep context."""
    post.update(actions=[Post.status.set("removed"), Post.body_source.set(""),
                         Post.body_html.set(""), Post.content_warning.remove(),
                         Post.edited_at.set(now or clock.utcnow())],
                condition=(Post.author_id == member.member_id) & (Post.status == "visible"),
                add_version_condition=False)

