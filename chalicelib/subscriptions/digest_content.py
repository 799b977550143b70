"""What goes in a digest: new and busy threads in chosen categories, new replies in
followed threads; a reader's first digest also looks back over the week. Categories are
read from the digest summaries (summary_reads.py): a fixed number of small items per
category, not every post. A batch of subscribers shares one ``SharedReads``, so each
category's window and each followed thread's new replies are read once per batch.
"""
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from chalicelib.core import clock, markup
from chalicelib.forum import withdrawal
from chalicelib.models.forum import Post, Thread
from chalicelib.subscriptions import summary_reads

NEW_THREADS_SHOWN = 5
ACTIVE_THREADS_SHOWN = 5
WEEK_THREADS_SHOWN = 5
REPLIES_SHOWN_PER_THREAD = 3


class SharedReads:
    """DynamoDB reads for one batch, each made once: ``since`` is the batch's oldest window."""

    def __init__(self, since):
        self.floor = clock.id_floor(since)
        self._windows = {}
        self._thread_posts = {}
        self._threads = {}

    def window(self, slug, since, until):
        """The category's threads in (``since``, ``until``]: summary items, never posts."""
        if (slug, since, until) not in self._windows:
            self._windows[slug, since, until] = summary_reads.read_window(slug, since, until)
        return self._windows[slug, since, until]

    def thread_posts(self, thread_id):
        if thread_id not in self._thread_posts:
            self._thread_posts[thread_id] = list(Post.query(thread_id, Post.post_id > self.floor))
        return self._thread_posts[thread_id]

    def threads(self, thread_ids):
        missing = [i for i in set(thread_ids) if i not in self._threads]
        for start in range(0, len(missing), 100):
            for thread in Thread.batch_get(missing[start:start + 100]):
                # A withdrawn thread (unpublished, hidden) is in no digest: its posts stay
                # visible in the summaries, so it is left out here, by its thread (whose
                # title and author's handle are also the digest's: a retitle shows at once).
                self._threads[thread.thread_id] = \
                    None if withdrawal.is_withdrawn(thread) else thread
        return {i: self._threads[i] for i in thread_ids if self._threads.get(i) is not None}


@dataclass
class Item:
    """One post as a digest shows it: a plain excerpt, or none behind a content warning."""

    author: str
    excerpt: str
    content_warning: str = None


def item(post):
    if post.content_warning:
        return Item(post.author_handle, "", post.content_warning)
    return Item(post.author_handle, markup.plain_excerpt(post.body_source, 200))


def opener_item(thread, entry):
    """A new thread's opening post from its summary entry; the handle is the thread's own,
    so a retitle or an account deletion shows as it is now."""
    return Item(thread.author_handle, entry.get("x", ""), entry.get("cw") or None)


@dataclass
class Digest:
    new_threads: list = field(default_factory=list)  # (thread, Item)
    active_threads: list = field(default_factory=list)  # (thread, new post count)
    followed: list = field(default_factory=list)  # (thread, [Item], count)
    more_new: int = 0  # new threads beyond those shown
    more_active: int = 0
    week_threads: list = field(default_factory=list)  # (thread, post count): first digest only
    # The member's unread notifications they chose to read here (chalicelib/notifications).
    notifications: list = field(default_factory=list)

    @property
    def is_empty(self):
        return not (self.new_threads or self.active_threads or self.followed
                    or self.week_threads or self.notifications)

    @property
    def subject(self):
        parts = []
        if self.new_threads:
            parts.append(_plural(len(self.new_threads) + self.more_new, "new thread"))
        replies = sum(count for _, _, count in self.followed)
        if replies:
            parts.append(_plural(replies, "new reply", "new replies"))
        if self.active_threads and not parts:
            parts.append(_plural(len(self.active_threads), "busy thread"))
        if self.week_threads and not parts:
            parts.append("this week's most active threads")
        if self.notifications and not parts:
            parts.append(_plural(len(self.notifications), "notification"))
        return "Your Lantern digest: " + ", ".join(parts)


def _plural(count, one, many=None):
    return f"{count} {one if count == 1 else (many or one + 's')}"


def _in_window(post, since, until, reader_id):
    return (since < post.created_at <= until and post.status == "visible"
            and post.author_id != reader_id)


def build_digest(reads, since, until, categories=(), followed_ids=(), reader_id=None,
                 skip_own_thread_replies=False):
    """The digest for one subscriber's window (``since``, ``until``]."""
    digest = Digest()
    openers, activity, dropped = [], Counter(), 0
    for slug in sorted(categories):
        window = reads.window(slug, since, until)
        dropped += window.dropped_openers
        for thread_id, entry in window.threads.items():
            if entry.get("o") and (reader_id is None or entry.get("ai") != reader_id):
                openers.append((entry["t"], thread_id, entry))
            if entry["n"]:
                activity[thread_id] += entry["n"]
    openers.sort()
    replies = defaultdict(list)
    for thread_id in followed_ids:
        for post in reads.thread_posts(thread_id):
            # Letters published with a shared thread answer no one: not replies.
            if post.post_id != thread_id and not post.with_thread \
                    and _in_window(post, since, until, reader_id):
                replies[thread_id].append(post)
    digest.more_new = max(0, len(openers) + dropped - NEW_THREADS_SHOWN)
    openers = openers[-NEW_THREADS_SHOWN:]
    new_ids = {thread_id for _, thread_id, _ in openers}
    busy = [thread_id for thread_id, _ in activity.most_common()
            if thread_id not in new_ids and thread_id not in replies]
    digest.more_active = max(0, len(busy) - ACTIVE_THREADS_SHOWN)
    busiest = busy[:ACTIVE_THREADS_SHOWN]
    threads = reads.threads(list(new_ids) + busiest + list(replies))
    digest.new_threads = [(threads[i], opener_item(threads[i], entry))
                          for _, i, entry in reversed(openers) if i in threads]
    digest.active_threads = [(threads[i], activity[i]) for i in busiest if i in threads]
    for thread_id, posts in replies.items():
        thread = threads.get(thread_id)
        if thread is None or (skip_own_thread_replies and thread.author_id == reader_id):
            continue
        shown = [item(post) for post in posts[-REPLIES_SHOWN_PER_THREAD:]]
        digest.followed.append((thread, shown, len(posts)))
    return digest


def add_week_threads(digest, reads, week_since, since, until, categories=(), reader_id=None):
    """Add the week's busiest threads that the window (``since``, ``until``] did not already
    list: a first digest that only waited for new posts would look broken in a quiet week.
    ``reads`` must reach back to ``week_since``."""
    listed = {thread.thread_id for thread, *_ in digest.followed}
    activity = Counter()
    for slug in sorted(categories):
        listed.update(reads.window(slug, since, until).threads)  # shown above
        for thread_id, entry in reads.window(slug, week_since, since).threads.items():
            activity[thread_id] += entry["n"] + (1 if entry.get("o") else 0)
    busiest = [thread_id for thread_id, _ in activity.most_common()
               if thread_id not in listed][:WEEK_THREADS_SHOWN]
    threads = reads.threads(busiest)
    digest.week_threads = [(threads[i], activity[i]) for i in busiest if i in threads]
    return digest
