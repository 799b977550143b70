"""What moderators do to posts and reports; each action and its audit entry are one
transaction, and a condition on the state the moderator saw decides races.
"""
from pynamodb.exceptions import TransactWriteError

from chalicelib.core import errors
from chalicelib.forum import editing, moderating
from chalicelib.models import writes
from chalicelib.moderation import audit, cases

POST_ACTIONS = ("hide", "unhide", "delete")
REPORT_ACTIONS = ("dismiss", "hide", "delete")
MAX_REASON = 1000


POST_CHANGES = {"hide": moderating.hide_post, "unhide": moderating.unhide_post,
                "delete": moderating.remove_post}


def get_post(thread_id, post_id):
    """:raise NotFound: for an unknown post."""
    return editing.get_post(thread_id, post_id)


def _post_change(action, case=None):
    """The forum's write (``change(transaction, post)``) for ``action``; None: nothing to do."""
    if action == "dismiss" and case is not None and case.auto_hidden:
        # Dismissing the reports gives back a post that they had hidden.
        return moderating.unhide_post
    return POST_CHANGES.get(action)


def _audit(moderator, action, post, reason, now):
    return audit.entry(moderator, action, now, reason,
                       subject=(post.author_id, post.author_handle),
                       thread_id=post.thread_id, post_id=post.post_id)


def resolve_reports(moderator, thread_id, post_id, action, reason, now):
    """Act on a queue entry: dismiss the reports, or hide or delete the post.

    :raise Conflict: when another moderator resolved the reports first (saying how).
    """
    if action not in REPORT_ACTIONS:
        raise errors.BadRequest("Choose dismiss, hide or delete.")
    case = cases.get_case(thread_id, post_id)
    if case is None or case.status != "open":
        raise errors.Conflict(cases.what_happened(case))
    post = get_post(thread_id, post_id)
    change = _post_change(action, case)
    try:
        with writes.transaction() as transaction:
            cases.close_case(case, moderator, action, now, transaction)
            if change:
                change(transaction, post)
            audit.save_in(transaction, _audit(moderator, action, post, reason, now))
    except TransactWriteError as error:
        if writes.condition_failed(error):
            raise errors.Conflict(cases.what_happened(
                cases.get_case(thread_id, post_id)))
        raise
    return post


def moderate_post(moderator, thread_id, post_id, action, reason, now):
    """Hide, unhide or delete a post from the thread page; open reports of it close.

    :raise Conflict: when the post is already in that state.
    """
    if action not in POST_ACTIONS:
        raise errors.BadRequest("Choose hide, unhide or delete.")
    post = get_post(thread_id, post_id)
    try:
        with writes.transaction() as transaction:
            if action == "hide":
                # Inline, "hide" means "hide a visible post": a second click is a no-op.
                moderating.hide_post(transaction, post, only_if_visible=True)
            else:
                POST_CHANGES[action](transaction, post)
            audit.save_in(transaction, _audit(moderator, action, post, reason, now))
    except TransactWriteError as error:
        if writes.condition_failed(error):
            state = {"removed": "deleted"}.get(post.status, post.status)
            raise errors.Conflict(f"Nothing changed: that post is {state} already.")
        raise
    case = cases.get_case(thread_id, post_id)
    if case is not None and case.status == "open":
        try:
            with writes.transaction() as transaction:
                cases.close_case(case, moderator, action, now, transaction)
        except TransactWriteError as error:
            if not writes.condition_failed(error):
                raise
    return post
