"""Categories, threads and posts: see docs/data-model.md for every access pattern."""
from pynamodb.attributes import (BooleanAttribute, ListAttribute, MapAttribute,
                                 NumberAttribute, UnicodeAttribute, UTCDateTimeAttribute,
                                 VersionAttribute)
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex, KeysOnlyProjection

from chalicelib.models.base import LanternModel, index_meta, table_meta

CATEGORY_PARTITION = "site"
LATEST_FEED = "all"
# The items in the categories partition that are not categories: site-wide counters
# (unanswered threads), so the home page's categories Query returns them for free. Writes
# go to one of SITE_STATS_SHARDS items (``_site-stats#3``) picked at random, so no single
# item takes every new thread and first reply; reads add them up (the unsharded item
# from before still counts).
SITE_STATS_SLUG = "_site-stats"
SITE_STATS_SHARDS = 8


def site_stats_shard(number):
    return f"{SITE_STATS_SLUG}#{number}"


def is_site_stats(slug):
    return slug == SITE_STATS_SLUG or slug.startswith(SITE_STATS_SLUG + "#")


# The categories' names and order in one item, read by key (chalicelib/forum/category_index.py).
CATEGORY_INDEX_SLUG = "_category-index"


def is_category(slug):
    """False for the partition's items that are not categories (stats shards, the index)."""
    return not is_site_stats(slug) and slug != CATEGORY_INDEX_SLUG

# The hash key value of the sparse "whole forum" indexes below (unanswered, newcomers, milestones).
ALL_THREADS = "all"
# Why a thread no longer shows anywhere: its writers unpublished their shared letters, or
# a moderator hid it.
WITHDRAWN_REASONS = ("unpublished", "hidden")
# Longest post body in characters: its source and rendered HTML stay far below 400 KB.
MAX_BODY_CHARS = 30_000


class Category(LanternModel):
    """All categories share one partition, so the home page reads them with one Query."""

    Meta = table_meta("categories")
    partition = UnicodeAttribute(hash_key=True, default=CATEGORY_PARTITION)
    slug = UnicodeAttribute(range_key=True)
    name = UnicodeAttribute()
    description = UnicodeAttribute(default="")
    position = NumberAttribute(default=0)
    stale_after_days = NumberAttribute(null=True)
    thread_count = NumberAttribute(default=0)
    post_count = NumberAttribute(default=0)
    last_activity_at = UTCDateTimeAttribute(null=True)
    last_thread_id = UnicodeAttribute(null=True)
    last_thread_title = UnicodeAttribute(null=True)
    unanswered_count = NumberAttribute(default=0)  # on the SITE_STATS_SLUG item only
    # On the CATEGORY_INDEX_SLUG item only: the categories as JSON, the count of changes
    # made to them, and the count the JSON was built from (trusted only when equal).
    index = UnicodeAttribute(null=True)
    revision = NumberAttribute(null=True)
    built_revision = NumberAttribute(null=True)


class ThreadsByCategory(GlobalSecondaryIndex):
    """A category's threads: pinned first, then newest activity (``list_key`` descending)."""

    Meta = index_meta("threads_by_category", AllProjection())
    category_slug = UnicodeAttribute(hash_key=True)
    list_key = UnicodeAttribute(range_key=True)


class OpenThreadsByActivity(GlobalSecondaryIndex):
    """Sparse: only open threads carry ``open_activity``, so "idle since T" is a range Query."""

    Meta = index_meta("open_threads_by_activity", KeysOnlyProjection())
    category_slug = UnicodeAttribute(hash_key=True)
    open_activity = UnicodeAttribute(range_key=True)


class LatestThreads(GlobalSecondaryIndex):
    """Every thread by last activity, for the home page's Latest list and its feed."""

    Meta = index_meta("latest_threads", AllProjection())
    feed = UnicodeAttribute(hash_key=True)
    activity_key = UnicodeAttribute(range_key=True)


class ThreadsByAuthor(GlobalSecondaryIndex):
    """A member's threads, newest first (profile page, export)."""

    Meta = index_meta("threads_by_author", AllProjection())
    author_id = UnicodeAttribute(hash_key=True)
    thread_id = UnicodeAttribute(range_key=True)


class UnansweredThreads(GlobalSecondaryIndex):
    """Sparse: ``unanswered`` is present only while an open thread has no reply from anyone
    but its author, so the Unanswered page is one Query, oldest first."""

    Meta = index_meta("unanswered_threads", AllProjection())
    unanswered = UnicodeAttribute(hash_key=True)
    thread_id = UnicodeAttribute(range_key=True)


class NewcomerThreads(GlobalSecondaryIndex):
    """Sparse: first threads by members in their first 14 days, by when the author joined."""

    Meta = index_meta("newcomer_threads", AllProjection())
    newcomer_feed = UnicodeAttribute(hash_key=True)
    newcomer_key = UnicodeAttribute(range_key=True)  # <author joined>#<thread id>


class GreetingsDue(GlobalSecondaryIndex):
    """Sparse: a newcomer's first thread carries ``greeting_due`` until greeters are told
    (or someone answers first), so the greeter job reads only threads now due."""

    Meta = index_meta("greetings_due", KeysOnlyProjection())
    newcomer_feed = UnicodeAttribute(hash_key=True)
    greeting_due = UnicodeAttribute(range_key=True)


class MilestoneThreads(GlobalSecondaryIndex):
    """Sparse: success stories and milestones, newest marked first."""

    Meta = index_meta("milestone_threads", AllProjection())
    milestone_feed = UnicodeAttribute(hash_key=True)
    milestone_key = UnicodeAttribute(range_key=True)  # <marked at>#<thread id>


class WithdrawnThreads(GlobalSecondaryIndex):
    """Sparse: only a withdrawn thread has ``withdrawn``, so the moderators' Hidden threads
    list is one Query on the "hidden" partition, latest hidden first."""

    Meta = index_meta("withdrawn_threads", AllProjection())
    withdrawn = UnicodeAttribute(hash_key=True)
    withdrawn_at = UTCDateTimeAttribute(range_key=True)


class HeldState(MapAttribute):
    """What withdrawing a thread changed or took away, kept so restoring gives it back
    exactly (chalicelib/forum/withdrawal.py); who hid it and why, for the moderators' view."""

    status = UnicodeAttribute()
    closed_at = UTCDateTimeAttribute(null=True)
    closed_reason = UnicodeAttribute(null=True)
    newcomer_key = UnicodeAttribute(null=True)
    milestone_key = UnicodeAttribute(null=True)
    post_count = NumberAttribute()  # what the category's count lost
    by_handle = UnicodeAttribute(null=True)
    note = UnicodeAttribute(null=True)


class Thread(LanternModel):
    Meta = table_meta("threads", stream=True)
    thread_id = UnicodeAttribute(hash_key=True)
    category_slug = UnicodeAttribute()
    title = UnicodeAttribute()
    author_id = UnicodeAttribute()
    author_handle = UnicodeAttribute()
    created_at = UTCDateTimeAttribute()
    last_activity_at = UTCDateTimeAttribute()
    last_post_id = UnicodeAttribute(null=True)
    last_author_handle = UnicodeAttribute(null=True)
    reply_count = NumberAttribute(default=0)
    # Long threads (chalicelib/forum/page_index.py): the id of the last post of each full
    # page of ``page_marks_size`` posts, so page N starts right after mark N-1.
    page_marks = ListAttribute(of=UnicodeAttribute, null=True)
    page_marks_size = NumberAttribute(null=True)
    pinned = BooleanAttribute(default=False)
    status = UnicodeAttribute(default="open")  # open | closed
    closed_at = UTCDateTimeAttribute(null=True)
    closed_reason = UnicodeAttribute(null=True)  # stale | moderator
    closed_after_days = NumberAttribute(null=True)
    locked = BooleanAttribute(default=False)
    # A move in progress (chalicelib/forum/thread_moves.py): the category its posts are
    # being brought to, and the last post already brought there.
    posts_moving_to = UnicodeAttribute(null=True)
    posts_moved_through = UnicodeAttribute(null=True)
    # Withdrawn from every reader (chalicelib/forum/withdrawal.py): WITHDRAWN_REASONS.
    # A withdrawn thread has no list keys, so no list, feed or index shows it.
    withdrawn = UnicodeAttribute(null=True)
    withdrawn_at = UTCDateTimeAttribute(null=True)
    withdrawn_before = HeldState(null=True)
    # A thread published from two members' shared letters: both writers' handles.
    shared_by = ListAttribute(of=UnicodeAttribute, null=True)
    shared_from = UnicodeAttribute(null=True)  # what the publishing feature needs to undo it
    # Index keys, kept in step with the fields above by chalicelib.forum.keys (absent
    # only on a withdrawn thread).
    list_key = UnicodeAttribute(null=True)
    open_activity = UnicodeAttribute(null=True)
    feed = UnicodeAttribute(default=LATEST_FEED)
    activity_key = UnicodeAttribute(null=True)
    # No one left alone (chalicelib/care): sparse keys above, and what the pages show.
    unanswered = UnicodeAttribute(null=True)
    answered_at = UTCDateTimeAttribute(null=True)  # first reply by someone else
    newcomer_feed = UnicodeAttribute(null=True)
    newcomer_key = UnicodeAttribute(null=True)
    greeting_due = UnicodeAttribute(null=True)
    greeters_told_at = UTCDateTimeAttribute(null=True)
    continued_from = UnicodeAttribute(null=True)
    continued_from_title = UnicodeAttribute(null=True)
    continued_in = UnicodeAttribute(null=True)
    continued_in_title = UnicodeAttribute(null=True)
    milestone_kind = UnicodeAttribute(null=True)  # success | milestone
    milestone_label = UnicodeAttribute(null=True)
    milestone_feed = UnicodeAttribute(null=True)
    milestone_key = UnicodeAttribute(null=True)

    threads_by_category = ThreadsByCategory()
    open_threads_by_activity = OpenThreadsByActivity()
    latest_threads = LatestThreads()
    threads_by_author = ThreadsByAuthor()
    unanswered_threads = UnansweredThreads()
    newcomer_threads = NewcomerThreads()
    greetings_due = GreetingsDue()
    milestone_threads = MilestoneThreads()
    withdrawn_threads = WithdrawnThreads()


class PostsByAuthor(GlobalSecondaryIndex):
    """A member's posts in time order (profile, export, account deletion)."""

    Meta = index_meta("posts_by_author", KeysOnlyProjection())
    author_id = UnicodeAttribute(hash_key=True)
    post_id = UnicodeAttribute(range_key=True)


class Post(LanternModel):
    """A thread's posts share its partition; ULID sort keys keep them in posting order."""

    Meta = table_meta("posts", stream=True)
    thread_id = UnicodeAttribute(hash_key=True)
    post_id = UnicodeAttribute(range_key=True)
    category_slug = UnicodeAttribute()
    author_id = UnicodeAttribute()
    author_handle = UnicodeAttribute()
    body_source = UnicodeAttribute()
    body_html = UnicodeAttribute()
    content_warning = UnicodeAttribute(null=True)
    created_at = UTCDateTimeAttribute()
    edited_at = UTCDateTimeAttribute(null=True)
    status = UnicodeAttribute(default="visible")  # visible | removed | hidden
    removed_by = UnicodeAttribute(null=True)  # author | moderator, once removed
    reaction_count = NumberAttribute(default=0)
    # Published whole with its thread (shared letters, forum/publishing.py): the stream's
    # reactions tell no one of it, as it answers no one.
    with_thread = BooleanAttribute(null=True)
    version = VersionAttribute()

    posts_by_author = PostsByAuthor()
