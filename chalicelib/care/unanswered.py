"""Unanswered threads: open threads with no reply from anyone but their author.

A thread carries the sparse ``unanswered`` attribute from the moment it starts until
someone else replies or it closes; the site-stats item's ``unanswered_count`` moves with
it (atomic ADD) inside the same transactions, so the home page shows the count without
an extra request.
"""
from pynamodb.exceptions import TransactWriteError, UpdateError

from chalicelib.core import config
from chalicelib.platform import pagination
from chalicelib.models.forum import (ALL_THREADS, CATEGORY_PARTITION, SITE_STATS_SLUG,
                                     Category, Thread)
from chalicelib.models import writes

LIST_KEYS = ("thread_id", "unanswered")


def mark_new(thread):
    """A new thread starts unanswered (called before its creating transaction)."""
    thread.unanswered = ALL_THREADS


def count(transaction, change):
    """Move the site's unanswered count by ``change`` inside ``transaction``."""
    transaction.update(Category(CATEGORY_PARTITION, SITE_STATS_SLUG),
                       actions=[Category.unanswered_count.add(change)])


def answers(thread, author):
    """Does a reply by ``author`` take ``thread`` off the unanswered list?"""
    return bool(thread.unanswered) and author.member_id != thread.author_id


def leave_actions():
    """Update actions that take a thread off the list (and stop its greeting)."""
    return [Thread.unanswered.remove(), Thread.greeting_due.remove()]


def answered_actions(now):
    return leave_actions() + [Thread.answered_at.set(now)]


def close_with(thread, condition, actions):
    """Close ``thread`` with ``actions`` if ``condition`` holds; an unanswered thread
    leaves the list and its count in the same transaction.

    :return: True if this call closed it, False if the condition no longer held.
    """
    try:
        with writes.transaction() as write:
            write.update(thread, condition=condition & Thread.unanswered.exists(),
                         actions=actions + leave_actions())
            count(write, -1)
        return True
    except TransactWriteError as error:
        if not writes.condition_failed(error):
            raise
    try:
        thread.update(condition=condition & Thread.unanswered.does_not_exist(),
                      actions=actions)
        return True
    except UpdateError as error:
        if writes.condition_failed(error):
            return False
        raise


def reopen_with(thread, condition, actions):
    """Reopen ``thread`` with ``actions`` if ``condition`` holds; one no one else ever
    answered (no ``answered_at``) rejoins the unanswered list in the same transaction.

    :return: True if this call reopened it, False if the condition no longer held.
    """
    target = Thread(thread_id=thread.thread_id)
    try:
        if thread.answered_at is not None:
            target.update(condition=condition, actions=actions)
            return True
        with writes.transaction() as write:
            write.update(target, condition=condition & Thread.answered_at.does_not_exist(),
                         actions=actions + [Thread.unanswered.set(ALL_THREADS)])
            count(write, +1)
        return True
    except (UpdateError, TransactWriteError) as error:
        if writes.condition_failed(error):
            return False
        raise


def stats_count(stats):
    """The unanswered count from the site-stats item (None before the first thread)."""
    return max(int(stats.unanswered_count or 0), 0) if stats is not None else 0


def unanswered_threads(cursor=None, size=None):
    """A page of unanswered threads, oldest first (one Query)."""
    size = size or config.settings.page_size

    def query(**options):
        return Thread.unanswered_threads.query(ALL_THREADS, scan_index_forward=True,
                                               **options)

    return pagination.fetch_page(query, LIST_KEYS, cursor, size)


def recount():
    """Set the stored count to what the index holds (operator repair after drift).

    :return: the count. Reads only the sparse index, so it costs one Query per page.
    """
    total = sum(1 for _ in Thread.unanswered_threads.query(
        ALL_THREADS, attributes_to_get=["thread_id"]))
    Category(CATEGORY_PARTITION, SITE_STATS_SLUG).update(
        actions=[Category.unanswered_count.set(total)])
    return total


def waited(since, now):
    """How long a thread has waited, in words a tired reader takes in at a glance."""
    minutes = max(int((now - since).total_seconds() // 60), 0)
    for size, unit in ((60 * 24 * 7, "week"), (60 * 24, "day"), (60, "hour"), (1, "minute")):
        if minutes >= size:
            number = minutes // size
            return f"{number} {unit}{'' if number == 1 else 's'}"
    return "less than a minute"
