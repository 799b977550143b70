"""Digest summaries: what the digests read instead of every post (docs/data-model.md).

One table; the category items and marks go by TTL after the longest digest period:

- ``<category slug>`` / ``h#<UTC hour>``: the hour's threads in the category;
- ``<category slug>`` / ``d#<digest day>``: the same for the 24 hours that end at the
  digest hour (a daily or weekly digest window is made of whole digest days);
- ``post#<post id>`` / ``mark``: where that post is counted (its hour and day items), so
  a stream record delivered twice counts nothing twice and a hidden post can be taken out;
- ``thread#<thread id>`` / ``replies``: a followed thread's recent replies (no TTL: one
  small item per thread, kept as long as the thread), and ``post#<post id>`` / ``tmark``:
  where that reply is counted in it and the post version last applied.

An hour or day item holds at most ``MAX_THREADS`` thread entries, each a few hundred
bytes (a short excerpt, never the whole post), so a digest reads a fixed amount per item.
"""
from pynamodb.attributes import (BooleanAttribute, JSONAttribute, NumberAttribute, TTLAttribute,
                                 UnicodeAttribute, UTCDateTimeAttribute)
from pynamodb.indexes import GlobalSecondaryIndex, KeysOnlyProjection

from chalicelib.models.base import LanternModel, index_meta, table_meta

MAX_THREADS = 30


class MarksByAuthor(GlobalSecondaryIndex):
    """Sparse: only marks carry ``author_id``; account deletion finds its member's excerpts."""

    Meta = index_meta("digest_marks_by_author", KeysOnlyProjection())
    author_id = UnicodeAttribute(hash_key=True)
    key = UnicodeAttribute(range_key=True)


class DigestSummary(LanternModel):
    Meta = table_meta("digest_summaries")
    ttl_attribute = "expires_at"
    key = UnicodeAttribute(hash_key=True)  # category slug, or post#<post id> for a mark
    bucket = UnicodeAttribute(range_key=True)  # h#<hour> | d#<day> | mark
    # Hour and day items: {thread id: {"n": replies, "o": 1 if opened here, "ai": opener's
    # member id, "x": excerpt, "cw": content warning, "t": opened at}}.
    threads = JSONAttribute(null=True)
    openers = NumberAttribute(default=0)  # threads opened here, entries dropped for room included
    # Every write is conditioned on the version read, so two stream shards never lose a count.
    version = NumberAttribute(default=0)
    # Marks: where the post is counted.
    thread_id = UnicodeAttribute(null=True)
    category_slug = UnicodeAttribute(null=True)
    hour = UnicodeAttribute(null=True)
    day = UnicodeAttribute(null=True)
    opener = BooleanAttribute(null=True)
    author_id = UnicodeAttribute(null=True)
    # Thread items (chalicelib/subscriptions/thread_summaries.py): the newest replies
    # [{"p": post id, "a": author id, "h": handle, "x": excerpt, "cw", "t": time, "v": post
    # version}], visible replies per UTC hour and author {hour: {author id: n}}, and since
    # when every reply is counted (the thread's start, or the first reply seen after deploy).
    replies = JSONAttribute(null=True)
    hours = JSONAttribute(null=True)
    counting_since = UTCDateTimeAttribute(null=True)
    # Thread marks: the post version last applied and the author the reply is counted for.
    post_version = NumberAttribute(null=True)
    counted_author = UnicodeAttribute(null=True)
    expires_at = TTLAttribute(null=True)

    marks_by_author = MarksByAuthor()
