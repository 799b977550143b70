"""Authors editing and removing their own posts.

Edits use the post's VersionAttribute: the form carries the version the member started
from, and the write succeeds only if the post is still at that version. A stale edit
(another tab, another device) never overwrites: the member sees the saved version beside
their own text and chooses.
"""
from pynamodb.exceptions import TransactWriteError, UpdateError

from chalicelib.core import clock, errors
from chalicelib.models.forum import CATEGORY_PARTITION, Category, Post, Thread
from chalicelib.models import writes
from chalicelib.platform import mentions

NO_SUCH_POST = "We could not find that post. It may have been removed."


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
        raise errors.NotFound(NO_SUCH_POST)


def post_keys(thread_id, post_id):
    """``get_post``'s read, for a BatchGetItem; ``post_in`` finds it among the items."""
    return {Post.Meta.table_name: {"Keys": [{"thread_id": {"S": thread_id},
                                             "post_id": {"S": post_id}}],
                                   "ConsistentRead": True}}


def post_in(found, thread_id, post_id):
    """:raise NotFound: as ``get_post``."""
    raw = next((raw for raw in found.get(Post.Meta.table_name, [])
                if (raw["thread_id"]["S"], raw["post_id"]["S"]) == (thread_id, post_id)), None)
    if raw is None:
        raise errors.NotFound(NO_SUCH_POST)
    return Post.from_raw_data(raw)


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


def save_edit(post, thread, member, body, content_warning, seen_version, title=None, now=None):
    """Save an edit made from ``seen_version`` and, with ``title``, the thread's new title (and
    the category's "latest in" line when it names this thread): one transaction, so a failure
    leaves nothing half-changed.

    :raise EditConflict: when the post moved on since (nothing is overwritten).
    """
    now = now or clock.utcnow()
    post.version = int(seen_version)
    warning = Post.content_warning.set(content_warning) if content_warning \
        else Post.content_warning.remove()
    actions = [Post.body_source.set(body), Post.body_html.set(mentions.resolve(body).html(body)),
               warning, Post.edited_at.set(now)]
    title = title if title is not None and title != thread.title else None
    latest_line = title is not None and _names_in_latest_line(thread)
    try:
        _commit_edit(post, thread, member, actions, title, latest_line)
    except TransactWriteError as error:
        if not writes.condition_failed(error):
            raise
        if not latest_line or _reason_code(error, 0) == "ConditionalCheckFailed":
            raise EditConflict(get_post(post.thread_id, post.post_id)) from error
        # Another thread became the category's latest meanwhile: that line is not ours.
        _commit_edit(post, thread, member, actions, title, False)
    return post


def _commit_edit(post, thread, member, actions, title, latest_line):
    with writes.transaction() as transaction:
        transaction.update(post, actions=actions, condition=(
            Post.author_id == member.member_id) & (Post.status == "visible"))
        if title is not None:
            transaction.update(thread, actions=[Thread.title.set(title)],
                               condition=Thread.author_id == member.member_id,
                               add_version_condition=False)
        if latest_line:
            transaction.update(Category(CATEGORY_PARTITION, thread.category_slug),
                               actions=[Category.last_thread_title.set(title)],
                               condition=Category.last_thread_id == thread.thread_id,
                               add_version_condition=False)


def _names_in_latest_line(thread):
    try:
        category = Category.get(CATEGORY_PARTITION, thread.category_slug, consistent_read=True)
    except Category.DoesNotExist:
        return False
    return category.last_thread_id == thread.thread_id


def _reason_code(error, index):
    reasons = error.cancellation_reasons or []
    return getattr(reasons[index], "code", None) if index < len(reasons) and reasons[index] \
        else None


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

