"""Support reactions ("I hear you"): one item per member per post."""
from pynamodb.attributes import UnicodeAttribute, UTCDateTimeAttribute

from chalicelib.models.base import LanternModel, table_meta


class Reaction(LanternModel):
    """Keyed ``<thread id>#<member id>`` / post id, so the thread page learns which posts
    the reader has already reacted to with one Query, and a second reaction to the same
    post fails its ``attribute_not_exists`` condition."""

    Meta = table_meta("reactions")
    thread_member = UnicodeAttribute(hash_key=True)
    post_id = UnicodeAttribute(range_key=True)
    created_at = UTCDateTimeAttribute()
