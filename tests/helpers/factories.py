"""Factories for test data, through the same services the app uses."""
import itertools
from functools import lru_cache

from chalicelib.core import clock, passwords
from chalicelib.platform import members
from chalicelib.forum import category_index, posting
from chalicelib.models.forum import CATEGORY_PARTITION, Category, Post
from helpers import streams

PASSWORD = "correct horse battery"
_counter = itertools.count(1)


@lru_cache(maxsize=1)
def password_hash():
    # Hashing once keeps argon2's deliberate slowness out of every test.
    return passwords.hash_password(PASSWORD)


def member(handle=None, email=None, verified=True, role="member", now=None):
    number = next(_counter)
    handle = handle or f"member{number}"
    return members.create_member(handle, email or f"{handle.lower()}@example.org",
                                 password_hash(), now=now, verified=verified, role=role)


def category(slug="support", name=None, description="A category for tests.", position=0,
             stale_after_days=None):
    try:
        return Category.get(CATEGORY_PARTITION, slug)
    except Category.DoesNotExist:
        found = Category(CATEGORY_PARTITION, slug, name=name or slug.title(),
                         description=description, position=position,
                         stale_after_days=stale_after_days)
        found.save()
        category_index.changed()  # as the seed does: pages read the names by key
        return found


def thread(author=None, category_slug="support", title=None, body="Hello, everyone.",
           now=None, content_warning=None):
    category(category_slug)
    author = author or member()
    number = next(_counter)
    created, _ = posting.start_thread(category_slug, author, title or f"Thread number {number}",
                                      body, content_warning=content_warning,
                                      now=now or clock.utcnow())
    streams.drain()  # following, the unanswered and newcomer lists, as a moment later
    created.refresh(consistent_read=True)
    return created


def reply(thread, author=None, body="I hear you.", now=None):
    author = author or member()
    post = posting.add_reply(thread, author, body, now=now or clock.utcnow())
    streams.drain()
    thread.refresh(consistent_read=True)
    return post


def long_thread(replies=22):
    """A thread of ``replies`` + 1 posts by one replier, each reply read back before the next
    (as a member would see it), so its page marks are exact. Streams are not drained."""
    found = thread()
    author = member()
    for _ in range(replies):
        posting.add_reply(found, author, "Still here.")
        found.refresh(consistent_read=True)
    return found


def post_ids(of_thread):
    """Every post id of a thread, in posting order."""
    return [post.post_id for post in Post.query(of_thread.thread_id)]
