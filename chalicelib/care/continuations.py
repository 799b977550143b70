"""Continuations: a thread closed for inactivity can be carried on in a new thread.

The new thread says where it continues from and the old one links forward, so a reader
arriving at either end finds the whole conversation.
"""
from pynamodb.exceptions import TransactWriteError

from chalicelib.platform import rendering
from chalicelib.forum.composing import TITLE_MAX
from chalicelib.models.forum import Thread
from chalicelib.models import writes

SUFFIX = " (continued)"


def can_continue(thread):
    return thread is not None and thread.status == "closed" and thread.closed_reason == "stale"


def source(thread_id):
    """The closed thread ``thread_id`` names, or None when it cannot be continued."""
    if not thread_id:
        return None
    try:
        found = Thread.get(thread_id)
    except Thread.DoesNotExist:
        return None
    return found if can_continue(found) else None


def _markdown_text(text):
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def prefill(thread_id):
    """The new-thread form, filled in to continue ``thread_id`` ({} when it cannot be)."""
    old = source(thread_id)
    if old is None:
        return {}
    title = old.title[:TITLE_MAX - len(SUFFIX)] + SUFFIX
    link = rendering.url(f"/t/{old.thread_id}")
    body = f"Continued from [{_markdown_text(old.title)}]({link}).\n\n"
    return {"title": title, "body": body, "continues": old.thread_id}


def link(thread, old_thread_id):
    """Link a new thread back to the thread it continues, and that one forward to it.

    The first continuation is the one the old thread links to. Never raises for a bad or
    vanished ``old_thread_id``: the new thread is already posted and stays as it is.
    """
    old = source(old_thread_id)
    if old is None:
        return False
    back = [Thread.continued_from.set(old.thread_id),
            Thread.continued_from_title.set(old.title)]
    try:
        with writes.transaction() as write:
            write.update(thread, actions=back)
            write.update(old, condition=Thread.continued_in.does_not_exist(), actions=[
                Thread.continued_in.set(thread.thread_id),
                Thread.continued_in_title.set(thread.title)])
    except TransactWriteError as error:
        if not writes.condition_failed(error):
            raise
        thread.update(actions=back)  # continued already: link back only
    return True
