"""Numbered pages of a long thread, any one of them in two DynamoDB requests.

Posts sort by id (time-ordered) under their thread, so a page is a Query that starts right
after the last post of the page before. The thread item keeps those ids ("page marks"), one
per full page; the reply that completes a page appends its own id, in the reply's
transaction and on condition that the reply count is still the one read, so the list stays
exact however replies race (docs/data-model.md, "Pages of a thread").

Page links carry their start id (``?page=N&from=ID``): reading page N is then the posts
Query and the BatchGetItem that brings the thread, as for page one. A bare ``?page=N`` (the
page-number form) reads the thread first: three requests.
"""
import bisect
import math
import re

from chalicelib.core import config

ID = re.compile(r"[0-9A-Z]{26}")


def size():
    return config.settings.page_size


def is_indexed(thread):
    """Do the thread's marks describe every full page at today's page size?"""
    marks = thread.page_marks
    if marks is None or thread.page_marks_size != size():
        return False
    return len(marks) >= full_pages(thread)


def full_pages(thread):
    return (1 + int(thread.reply_count or 0)) // size()


def page_count(thread):
    return max(1, math.ceil((1 + int(thread.reply_count or 0)) / size()))


def start_after(thread, number):
    """The post id page ``number`` starts after (None for page one or an unknown page)."""
    if number <= 1 or not is_indexed(thread) or number > page_count(thread):
        return None
    return thread.page_marks[number - 2]


def current_page(thread, first_post_id):
    """Which page begins with ``first_post_id`` (or holds it), from the marks."""
    return bisect.bisect_left(thread.page_marks or [], first_post_id) + 1


def next_mark_count(thread):
    """The reply count at which the next reply completes a page (posts are numbered from 0,
    the opening post: a reply is number reply_count + 1)."""
    count = int(thread.reply_count or 0)
    return count + (-(count + 2)) % size()


def reply_rule(thread, post_id):
    """How a reply keeps the marks exact: (highest reply count it may land on, new marks).

    A reply that completes a page adds its id and must land on exactly the count read; any
    other may land on a later count as long as it does not reach the next page's end, so
    concurrent replies conflict only near the end of a page. (None, None) for a thread
    awaiting `python -m ops.cli backfill-page-index`.
    """
    if not is_indexed(thread):
        return None, None
    count, limit = int(thread.reply_count or 0), next_mark_count(thread)
    if count == limit:
        return count, list(thread.page_marks[:full_pages(thread)]) + [post_id]
    return limit - 1, None


def marks_of(post_ids, page_size=None):
    """Every full page's last id, for the ids of a whole thread in order (the backfill)."""
    page_size = page_size or size()
    return [post_ids[index] for index in range(page_size - 1, len(post_ids), page_size)]


def parse_page(text):
    """A page number from the query string (1 when absent or not a number)."""
    if not text or not re.fullmatch(r"[0-9]{1,6}", text):
        return 1
    return max(1, int(text))


def parse_start(text):
    return text if text and ID.fullmatch(text) else None


def links(thread, current, window=2):
    """The pager: (number, start id) for first, previous, the pages around, next, last."""
    total = page_count(thread)
    if not is_indexed(thread) or total == 1:
        return None
    numbers = sorted({1, total, *range(max(1, current - window),
                                        min(total, current + window) + 1)})
    return {"total": total, "current": current,
            "pages": [(number, start_after(thread, number)) for number in numbers],
            "previous": (current - 1, start_after(thread, current - 1)) if current > 1 else None,
            "next": (current + 1, start_after(thread, current + 1)) if current < total else None}
