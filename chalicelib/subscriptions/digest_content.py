"""What goes in a digest: new and busy threads in chosen categories, new replies in
followed threads; a reader's first digest also looks back over the week. Categories are
read from the digest summaries (summary_reads.py), followed threads from their own
summary items (digest_followed.py): a fixed number of small items, never every post. A
batch of subscribers shares one ``SharedReads``, so each category's window and each
followed thread's summary are read once per batch.
"""
from collections import Counter
from dataclasses import dataclass, field

from chalicelib.core import clock
from chalicelib.forum import withdrawal
from chalicelib.models.digests import DigestSummary
from chalicelib.models.forum import Post, Thread
from chalicelib.subscriptions import digest_followed, summary_reads, thread_summaries
from chalicelib.subscriptions.digest_followed import Item

NEW_THREADS_SHOWN = 5
ACTIVE_THREADS_SHOWN = 5
WEEK_THREADS_SHOWN = 5


class SharedReads:
    """DynamoDB reads for one batch, each made once: ``since`` is the batch's oldest window."""

    def __init__(self, since):
        self.floor = clock.id_floor(since)
        self._windows = {}
        self._thread_posts = {}
        self._thread_summaries = {}
        self._threads = {}

    def window(self, slug, since, until):
        """The category's threads in (``since``, ``until``]: summary items, never posts."""
        if (slug, since, until) not in self._windows:
            self._windows[slug, since, until] = summary_reads.read_window(slug, since, until)
        return self._windows[slug, since, until]

    def thread_summaries(self, thread_ids):
        """Each followed thread's summary item (None where there is none): one BatchGetItem
        per 100 threads not read yet in this batch."""
        missing = [i for i in dict.fromkeys(thread_ids) if i not in self._thread_summaries]
        for start in range(0, len(missing), 100):
            chunk = missing[start:start + 100]
            self._thread_summaries.update(dict.fromkeys(chunk))
            for found in DigestSummary.batch_get(
                    [(thread_summaries.item_key(i), thread_summaries.BUCKET) for i in chunk]):
                self._thread_summaries[found.key.removeprefix("thread#")] = found
        return {i: self._thread_summaries[i] for i in thread_ids
                if self._thread_summaries.get(i) is not None}

    def thread_posts(self, thread_id):
        """A thread's posts in the batch's windows: only for a thread whose summary does not
        reach back that far (posted in before the summaries were deployed)."""
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
    replies = digest_followed.new_replies(reads, followed_ids, since, until, reader_id)
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
    for thread_id, (shown, count) in replies.items():
        thread = threads.get(thread_id)
        if thread is None or (skip_own_thread_replies and thread.author_id == reader_id):
            continue
        digest.followed.append((thread, shown, count))
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
