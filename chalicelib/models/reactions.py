"""Support reactions ("I hear you"): one item per member per post."""
from pynamodb.attributes import UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.indexes import GlobalSecondaryIndex, KeysOnlyProjection

from chalicelib.models.base import LanternModel, index_meta, table_meta


class ReactionsByMember(GlobalSecondaryIndex):
    """Every reaction one member gave, so deleting their account can take them back."""

    Meta = index_meta("reactions_by_member", KeysOnlyProjection())
    member_id = UnicodeAttribute(hash_key=True)
    post_id = UnicodeAttribute(range_key=True)


class Reaction(LanternModel):
    """Keyed ``<thread id>#<member id>`` / post id, so the thread page learns which posts
    the reader has already reacted to with one Query, and a second reaction to the same
    post fails its ``attribute_not_exists`` condition."""

    Meta = table_meta("reactions", stream=True)
    thread_member = UnicodeAttribute(hash_key=True)
    post_id = UnicodeAttribute(range_key=True)
    created_at = UTCDateTimeAttribute()
    member_id = UnicodeAttribute(null=True)  # null only on reactions given before the index
    reactions_by_member = ReactionsByMember()
