"""What moderators change in the forum's posts and threads, written by the forum.

Moderation keeps its audit log and report cases; each function here adds the forum's
part to the caller's transaction, so an action and its audit entry still commit together::

    with writes.transaction() as transaction:
        moderating.hide_post(transaction, post)
        audit.save_in(transaction, entry)

Each change carries the condition on the state the moderator saw, so races are decided by
DynamoDB and the loser's transaction fails as a whole.
"""
from chalicelib.forum import editing
from chalicelib.models.forum import Post, Thread

_NOT_REMOVED = Post.post_id.exists() & (Post.status != "removed")


def _update_post(transaction, post, condition, actions):
    # No version bump: an author's edit in progress must not look stale for a moderator's act.
    transaction.update(post, condition=condition, actions=actions, add_version_condition=False)


def hide_post(transaction, post, only_if_visible=False):
    """Hide a post (not a removed one; with ``only_if_visible``, only a visible one)."""
    condition = Post.status == "visible" if only_if_visible else _NOT_REMOVED
    _update_post(transaction, post, condition, [Post.status.set("hidden")])


def unhide_post(transaction, post):
    _update_post(transaction, post, Post.status == "hidden", [Post.status.set("visible")])


def remove_post(transaction, post):
    """Remove a post; its place shows "removed by a moderator"."""
    _update_post(transaction, post, _NOT_REMOVED,
                 [Post.status.set("removed"), Post.removed_by.set("moderator")])


def _closing_actions(now):
    return [Thread.status.set("closed"), Thread.closed_at.set(now),
            Thread.closed_reason.set("moderator"), Thread.open_activity.remove()]


def close_thread(transaction, thread, now):
    """Close an open thread to replies."""
    transaction.update(thread, condition=Thread.status == "open", actions=_closing_actions(now))


def lock_thread(transaction, thread, now):
    """Lock a thread not locked yet (closing it if open): only a moderator can reopen it."""
    unlocked = Thread.locked.does_not_exist() | (Thread.locked == False)  # noqa: E712
    transaction.update(thread, condition=unlocked, actions=[Thread.locked.set(True)] + (
        _closing_actions(now) if thread.status == "open" else []))


def unlock_thread(thread):
    """After a reopen (chalicelib.forum.closing.reopen_thread): no longer locked."""
    thread.update(actions=[Thread.locked.set(False)])


def retitle_thread(transaction, thread, title):
    transaction.update(thread, condition=Thread.thread_id.exists(),
                       actions=[Thread.title.set(title)])


def after_retitle(thread, title):
    """Once the retitle committed: the category's "latest in" line names the new title."""
    editing.rename_in_latest_line(thread, title)
