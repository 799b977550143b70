"""Moderators' thread actions: close, reopen, lock, pin, move and retitle."""
from pynamodb.exceptions import TransactWriteError

from chalicelib.core import errors
from chalicelib.forum import closing, moderating, posting, reading
from chalicelib.models import writes
from chalicelib.moderation import audit, moving

THREAD_ACTIONS = ("close", "reopen", "lock", "pin", "unpin", "move", "retitle")
MAX_TITLE = 150


def _entry(moderator, action, thread, reason, now, detail=""):
    return audit.entry(moderator, action, now, reason,
                       subject=(thread.author_id, thread.author_handle),
                       thread_id=thread.thread_id, detail=detail)


def apply_change(thread, moderator, action, reason, now, change, detail="",
                 conflict="Nothing changed: another moderator got there first."):
    """``change(transaction)`` (the forum's write) and the audit entry, as one transaction."""
    try:
        with writes.transaction() as transaction:
            change(transaction)
            audit.save_in(transaction, _entry(moderator, action, thread, reason, now, detail))
    except TransactWriteError as error:
        if writes.condition_failed(error):
            raise errors.Conflict(conflict)
        raise


def close(thread, moderator, reason, now):
    apply_change(thread, moderator, "close", reason, now,
                 lambda transaction: moderating.close_thread(transaction, thread, now),
                 conflict="That thread is closed already.")


def lock(thread, moderator, reason, now):
    """Close the thread to replies and lock it: only a moderator can reopen it."""
    apply_change(thread, moderator, "lock", reason, now,
                 lambda transaction: moderating.lock_thread(transaction, thread, now),
                 conflict="That thread is locked already.")


def reopen(thread, moderator, reason, now):
    """Open a closed or locked thread again, with a fresh idle clock."""
    if thread.status != "closed":
        raise errors.Conflict("That thread is open already.")
    if not closing.reopen_thread(thread.thread_id, moderator, now):
        raise errors.Conflict("That thread is open already.")
    if thread.locked:
        moderating.unlock_thread(thread)
    _record(moderator, "reopen", thread, reason, now)


def set_pinned(thread, moderator, pinned, reason, now):
    if bool(thread.pinned) == pinned:
        raise errors.Conflict(f"That thread is {'pinned' if pinned else 'not pinned'} already.")
    posting.set_pinned(thread, pinned)
    _record(moderator, "pin" if pinned else "unpin", thread, reason, now)


def _record(moderator, action, thread, reason, now, detail=""):
    _entry(moderator, action, thread, reason, now, detail).save()


def validate_title(title):
    if not title:
        return {"title": "Give the thread a title."}
    if len(title) > MAX_TITLE:
        return {"title": f"Keep the title under {MAX_TITLE} characters."}
    return {}


def retitle(thread, moderator, title, reason, now):
    old = thread.title
    apply_change(thread, moderator, "retitle", reason, now,
                 lambda transaction: moderating.retitle_thread(transaction, thread, title),
                 detail=f"was “{old}”")
    moderating.after_retitle(thread, title)


def act(thread_id, moderator, action, form, reason, now):
    """Apply one thread action chosen on the thread page's moderator tools."""
    thread = reading.get_thread(thread_id, consistent=True)
    if action == "close":
        close(thread, moderator, reason, now)
    elif action == "lock":
        lock(thread, moderator, reason, now)
    elif action == "reopen":
        reopen(thread, moderator, reason, now)
    elif action in ("pin", "unpin"):
        set_pinned(thread, moderator, action == "pin", reason, now)
    elif action == "move":
        moving.move(thread, moderator, form.get("category"), reason, now)
    elif action == "retitle":
        retitle(thread, moderator, form.get("title"), reason, now)
    else:
        raise errors.BadRequest("Choose one of the moderator actions.")
    return thread

