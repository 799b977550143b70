"""Unanswered threads: open threads with no reply from anyone but their author.

A thread carries the sparse ``unanswered`` attribute from the moment it starts until
someone else replies or it closes; the site stats' ``unanswered_count`` moves with it
(atomic ADD on one of the stats' shards), so the home page shows the count without an
extra request.

Both move a moment after the forum's writes, from its streams: each handler puts or
removes the mark and moves the count in one transaction conditioned on the mark's
absence or presence, so a record delivered twice, or handled after later changes to the
thread, moves the count exactly once per change of the thread's state.
"""
from chalicelib.core import config
from chalicelib.forum import marks
from chalicelib.platform import pagination
from chalicelib.models import writes
from chalicelib.models.forum import (ALL_THREADS, CATEGORY_PARTITION, SITE_STATS_SHARDS,
                                     SITE_STATS_SLUG, Category, Thread, site_stats_shard)

LIST_KEYS = ("thread_id", "unanswered")


def on_thread_change(change):
    """threads stream: a new or reopened thread joins the list, a closed one leaves it."""
    if change.new is None:
        return None
    thread_id = change.new["thread_id"]
    if change.event_name == "INSERT" or change.became("status", "open"):
        # Only while open and answered by no one else (a reply may have been handled first).
        return marks.write_marks(thread_id, set_values={"unanswered": ALL_THREADS},
                                 absent=("unanswered", "answered_at"),
                                 equal={"status": "open"}, unanswered_change=+1)
    if change.became("status", "closed"):
        left = marks.write_marks(thread_id, remove=("unanswered", "greeting_due"),
                                 present=("unanswered",), equal={"status": "closed"},
                                 unanswered_change=-1)
        # No one greets a closed thread, even one already answered.
        return left or marks.write_marks(thread_id, remove=("greeting_due",),
                                         present=("greeting_due",),
                                         equal={"status": "closed"})
    return None


def on_post(change):
    """posts stream: the first reply by someone other than the author answers the thread."""
    post = change.new
    if change.event_name != "INSERT" or post["post_id"] == post["thread_id"]:
        return None
    try:
        thread = Thread.get(post["thread_id"], consistent_read=True)
    except Thread.DoesNotExist:
        return False
    # One read spares most replies two failed conditional writes (which cost like writes).
    if thread.author_id == post["author_id"] or thread.answered_at is not None:
        return False
    answered = {"answered_at": Thread.answered_at.deserialize(post["created_at"])}
    replier = {"author_id": post["author_id"]}
    left = marks.write_marks(post["thread_id"], set_values=answered,
                             remove=("unanswered", "greeting_due"),
                             present=("unanswered",), unequal=replier, unanswered_change=-1)
    # Not on the list (closed, or the thread's own record not handled yet): remember the
    # answer all the same, so a later reopening or a late start leaves it off.
    return left or marks.write_marks(post["thread_id"], set_values=answered,
                                     remove=("greeting_due",), absent=("answered_at",),
                                     unequal=replier)


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
    # The whole count on the first shard, nothing on the others, in one transaction.
    with writes.transaction() as write:
        for slug in [SITE_STATS_SLUG] + [site_stats_shard(n) for n in range(SITE_STATS_SHARDS)]:
            write.update(Category(CATEGORY_PARTITION, slug), actions=[
                Category.unanswered_count.set(total if slug == site_stats_shard(0) else 0)])
    return total


def waited(since, now):
    """How long a thread has waited, in words a tired reader takes in at a glance."""
    minutes = max(int((now - since).total_seconds() // 60), 0)
    for size, unit in ((60 * 24 * 7, "week"), (60 * 24, "day"), (60, "hour"), (1, "minute")):
        if minutes >= size:
            number = minutes // size
            return f"{number} {unit}{'' if number == 1 else 's'}"
    return "less than a minute"
