"""What goes in a digest: new and busy threads in chosen categories, new replies in
followed threads; a reader's first digest also looks back over the week. A batch of subscribers shares one ``SharedReads``, so each category's
new posts and each followed thread's new replies are read once per batch.
"""
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from chalicelib.core import clock, markup
from chalicelib.forum import withdrawal
from chalicelib.models.forum import Post, Thread

NEW_THREADS_SHOWN = 5
ACTIVE_THREADS_SHOWN = 5
WEEK_THREADS_SHOWN = 5
REPLIES_SHOWN_PER_THREAD = 3


class SharedReads:
    """DynamoDB reads for one batch, each made once: ``since`` is the batch's oldest window."""

    def __init__(self, since):
        self.floor = clock.id_floor(since)
        self._category_posts = {}
        self._thread_posts = {}
        self._threads = {}

    def category_posts(self, slug):
        if slug not in self._category_posts:
            self._category_posts[slug] = list(Post.posts_by_category.query(
                slug, Post.post_id > self.floor))
        return self._category_posts[slug]

    def thread_posts(self, thread_id):
        if thread_id not in self._thread_posts:
            self._thread_posts[thread_id] = list(Post.query(thread_id, Post.post_id > self.floor))
        return self._thread_posts[thread_id]

    def threads(self, thread_ids):
        missing = [i for i in set(thread_ids) if i not in self._threads]
        for start in range(0, len(missing), 100):
            for thread in Thread.batch_get(missing[start:start + 100]):
                # A withdrawn thread (unpublished, hidden) is in no digest: its posts are
                # still in posts_by_category, so it is left out here, by its thread.
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
    openers, activity = [], Counter()
    for slug in sorted(categories):
        for post in reads.category_posts(slug):
            if not _in_window(post, since, until, reader_id):
                continue
            if post.post_id == post.thread_id:
                openers.append(post)
            else:
                activity[post.thread_id] += 1
    replies = defaultdict(list)
    for thread_id in followed_ids:
        for post in reads.thread_posts(thread_id):
            # Letters published with a shared thread answer no one: not replies.
            if post.post_id != thread_id and not post.with_thread \
                    and _in_window(post, since, until, reader_id):
                replies[thread_id].append(post)
    digest.more_new = max(0, len(openers) - NEW_THREADS_SHOWN)
    openers = openers[-NEW_THREADS_SHOWN:]
    new_ids = {post.thread_id for post in openers}
    busy = [thread_id for thread_id, _ in activity.most_common()
            if thread_id not in new_ids and thread_id not in replies]
    digest.more_active = max(0, len(busy) - ACTIVE_THREADS_SHOWN)
    busiest = busy[:ACTIVE_THREADS_SHOWN]
    threads = reads.threads([p.thread_id for p in openers] + busiest + list(replies))
    digest.new_threads = [(threads[p.thread_id], item(p)) for p in reversed(openers)
                          if p.thread_id in threads]
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
        for post in reads.category_posts(slug):
            if _in_window(post, since, until, reader_id):
                listed.add(post.thread_id)  # new or active in the window: shown above
            elif _in_window(post, week_since, until, reader_id):
                activity[post.thread_id] += 1
    busiest = [thread_id for thread_id, _ in activity.most_common()
               if thread_id not in listed][:WEEK_THREADS_SHOWN]
    threads = reads.threads(busiest)
    digest.week_threads = [(threads[i], activity[i]) for i in busiest if i in threads]
    return digest
