"""What each member has read and saved: one partition per member (docs/data-model.md).

``item_key`` sorts a member's items: ``horizon`` (everything up to it counts as read, from
"Mark all as read"), ``s#<thread id>#<post id>`` (a saved post) and ``t#<thread id>``
(their read position in that thread and the posts of it they saved).
"""
from pynamodb.attributes import NumberAttribute, UnicodeAttribute, UnicodeSetAttribute, \
    UTCDateTimeAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex

from chalicelib.models.base import LanternModel, index_meta, table_meta

HORIZON_KEY = "horizon"


def thread_key(thread_id):
    return f"t#{thread_id}"


def saved_key(thread_id, post_id):
    return f"s#{thread_id}#{post_id}"


class SavedByTime(GlobalSecondaryIndex):
    """Sparse: only saved posts carry ``saved_order``; the Saved page, newest first
    (a global index: its lag of a moment after saving is harmless, and the policy and
    template tooling already know global indexes)."""

    Meta = index_meta("saved_by_time", AllProjection())
    member_id = UnicodeAttribute(hash_key=True)
    saved_order = UnicodeAttribute(range_key=True)  # <saved at>#<thread id>#<post id>


class ReadingItem(LanternModel):
    Meta = table_meta("readings")
    member_id = UnicodeAttribute(hash_key=True)
    item_key = UnicodeAttribute(range_key=True)
    thread_id = UnicodeAttribute(null=True)
    # t#: the newest post id read, how many posts of the thread that makes (None when the
    # page did not say), and the thread's posts this member saved.
    last_read_id = UnicodeAttribute(null=True)
    read_count = NumberAttribute(null=True)
    read_at = UTCDateTimeAttribute(null=True)
    saved = UnicodeSetAttribute(null=True)
    # s#: one saved post.
    post_id = UnicodeAttribute(null=True)
    saved_at = UTCDateTimeAttribute(null=True)
    saved_order = UnicodeAttribute(null=True)
    # horizon: every post id up to ``read_through`` counts as read.
    read_through = UnicodeAttribute(null=True)

    saved_by_time = SavedByTime()
