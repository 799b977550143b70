"""A moderator moves a thread to another category: counters and the "latest" lines
follow at once, the posts in batches a moment later, whatever the thread's length (the
forum's writes are in chalicelib/forum/thread_moves.py).

A move and a reply can run at the same time. The move's transaction holds only while
the thread has the reply count whose posts it moves, so a reply landing first makes the
move run again with the new count.
"""
from pynamodb.exceptions import TransactWriteError

from chalicelib.core import errors
from chalicelib.forum import reading, thread_moves
from chalicelib.models import writes
from chalicelib.moderation import audit

MOVE_ATTEMPTS = 3


def move(thread, moderator, category_slug, reason, now):
    """Move a thread and its posts to another category, counters and all.

    :raise NotFound: for an unknown category.
    :raise Conflict: when another moderator moved the thread first.
    """
    target = reading.get_category(category_slug)
    source_slug = thread.category_slug
    if target.slug == source_slug:
        raise errors.Conflict("That thread is in that category already.")
    for _ in range(MOVE_ATTEMPTS):
        try:
            _move_once(thread, source_slug, target.slug, moderator, reason, now)
            break
        except TransactWriteError as error:
            if not writes.condition_failed(error):
                raise
        seen_replies = thread.reply_count
        thread = reading.get_thread(thread.thread_id, consistent=True)
        if thread.category_slug != source_slug:
            raise errors.Conflict("That thread was moved meanwhile; nothing changed.")
        if thread.reply_count == seen_replies:  # not a reply: the category went away
            raise errors.Conflict("That category changed meanwhile; nothing changed.")
    else:
        raise errors.Conflict("Replies kept arriving while the thread was being moved; "
                              "nothing changed. Please try again.")
    thread_moves.update_latest_lines(thread, source_slug, target.slug)


def _move_once(thread, source_slug, target_slug, moderator, reason, now):
    with writes.transaction() as transaction:
        thread_moves.move_thread(transaction, thread, source_slug, target_slug)
        audit.save_in(transaction, audit.entry(
            moderator, "move", now, reason, subject=(thread.author_id, thread.author_handle),
            thread_id=thread.thread_id, detail=f"from {source_slug} to {target_slug}"))
