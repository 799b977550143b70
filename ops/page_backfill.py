"""Page marks for threads written before numbered pages (chalicelib/forum/page_index.py).

Walks categories, then each category's threads (threads_by_category), then each thread's
post ids (a keys-only read of its posts): no Scan. Each thread's marks are written on
condition that its reply count is still the one counted, so a reply landing meanwhile makes
the thread be counted again; a thread already marked at today's page size is left alone.
"""
from pynamodb.exceptions import UpdateError

from chalicelib.forum import page_index
from chalicelib.models import writes
from chalicelib.models.forum import CATEGORY_PARTITION, Category, Post, Thread, is_category

ATTEMPTS = 3


def backfill(progress=print):
    """:return: (threads marked, threads already marked)."""
    marked = skipped = 0
    for category in Category.query(CATEGORY_PARTITION):
        if not is_category(category.slug):
            continue
        for listed in Thread.threads_by_category.query(category.slug):
            if _mark(listed.thread_id):
                marked += 1
            else:
                skipped += 1
        progress(f"{category.slug}: {marked} marked, {skipped} already marked so far")
    return marked, skipped


def _mark(thread_id):
    for _ in range(ATTEMPTS):
        thread = Thread.get(thread_id, consistent_read=True)
        if page_index.is_indexed(thread):
            return False
        ids = [post.post_id for post in Post.query(thread_id, attributes_to_get=["post_id"],
                                                   consistent_read=True)]
        try:
            thread.update(actions=[Thread.page_marks.set(page_index.marks_of(ids)),
                                   Thread.page_marks_size.set(page_index.size())],
                          condition=Thread.reply_count == int(thread.reply_count or 0))
            return True
        except UpdateError as error:
            if not writes.condition_failed(error):
                raise
    raise RuntimeError(f"thread {thread_id} kept changing; run the backfill again")
