"""New replies in a reader's followed threads, from each thread's summary item
(thread_summaries.py): one small item per thread, whatever the period and the posts'
length. A thread whose summary does not reach back to the window's start (its posts came
before the summaries were deployed) is read from its posts, as digests did before."""
from dataclasses import dataclass

from chalicelib.core import clock, markup
from chalicelib.subscriptions import summaries, thread_entries

REPLIES_SHOWN_PER_THREAD = 3


@dataclass
class Item:
    """One post as a digest shows it: a plain excerpt, or none behind a content warning."""

    author: str
    excerpt: str
    content_warning: str = None


def item(post):
    if post.content_warning:
        return Item(post.author_handle, "", post.content_warning)
    return Item(post.author_handle,
                markup.plain_excerpt(post.body_source, summaries.EXCERPT_CHARS))


def entry_item(entry):
    return Item(entry["h"], entry.get("x", ""), entry.get("cw") or None)


def new_replies(reads, followed_ids, since, until, reader_id):
    """{thread id: ([Item], count)} for the followed threads with new replies by others."""
    by_thread = reads.thread_summaries(followed_ids)
    uncovered = [i for i in followed_ids if not _covers(by_thread.get(i), i, since)]
    # Without a summary, a thread whose last activity is older than the window has
    # nothing new: only a thread active since then is read from its posts.
    active = reads.threads(uncovered)
    found = {}
    for thread_id in followed_ids:
        summary = by_thread.get(thread_id)
        if thread_id in uncovered:
            if thread_id in active and active[thread_id].last_activity_at > since:
                found[thread_id] = _from_posts(reads, thread_id, since, until, reader_id)
            continue
        entries, count = thread_entries.replies_in(summary, since, until, reader_id,
                                                   REPLIES_SHOWN_PER_THREAD)
        if count:
            found[thread_id] = ([entry_item(entry) for entry in entries], count)
    return {thread_id: value for thread_id, value in found.items() if value[1]}


def _covers(summary, thread_id, since):
    """Counting since the thread began (started by its opener), or since before ``since``."""
    return summary is not None and summary.counting_since is not None and (
        summary.counting_since <= since or clock.id_floor(summary.counting_since) <= thread_id)


def _from_posts(reads, thread_id, since, until, reader_id):
    posts = [post for post in reads.thread_posts(thread_id)
             # Letters published with a shared thread answer no one: not replies.
             if post.post_id != thread_id and not post.with_thread
             and since < post.created_at <= until and post.status == "visible"
             and post.author_id != reader_id]
    return [item(post) for post in posts[-REPLIES_SHOWN_PER_THREAD:]], len(posts)
