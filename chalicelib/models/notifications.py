"""A member's notifications: one item per thing to tell them (see docs/data-model.md)."""
from pynamodb.attributes import (TTLAttribute, UnicodeAttribute, UnicodeSetAttribute,
                                 UTCDateTimeAttribute)
from pynamodb.indexes import (AllProjection, GlobalSecondaryIndex, KeysOnlyProjection,
                              LocalSecondaryIndex)

from chalicelib.models.base import LanternModel, index_meta, table_meta


class NotificationsByTime(LocalSecondaryIndex):
    """A member's notifications, most recently changed first (the Notifications page)."""

    Meta = index_meta("notifications_by_time", AllProjection())
    member_id = UnicodeAttribute(hash_key=True)
    sort_key = UnicodeAttribute(range_key=True)  # "<changed at>#<ref>"


class NotificationsByActor(GlobalSecondaryIndex):
    """Sparse on ``actor_id``: what others were told about a member, gone with their account."""

    Meta = index_meta("notifications_by_actor", KeysOnlyProjection())
    actor_id = UnicodeAttribute(hash_key=True)
    sort_key = UnicodeAttribute(range_key=True)


class Notification(LanternModel):
    """Keyed by what it is about, so a stream record delivered twice finds it there.

    ``ref``: ``post#<post id>`` (a reply, mention or quote: one per member per post),
    ``heard#<post id>`` (the post's "I hear you" reactions, grouped), ``letters#<correspondence
    id>`` (letters waiting, grouped), ``mod#<post id>#<decision>#<post version>`` (a
    moderator's decision), ``share#<share id>#v<version>`` or ``share#<share id>#<outcome>``
    (Share our letters: a proposal or its change, or what became of it).
    """

    Meta = table_meta("notifications")
    ttl_attribute = "expires_at"
    member_id = UnicodeAttribute(hash_key=True)
    ref = UnicodeAttribute(range_key=True)
    sort_key = UnicodeAttribute()
    kind = UnicodeAttribute()  # reply | mention | quote | reactions | letters | sharing | moderation
    actor_id = UnicodeAttribute(null=True)
    actor_handle = UnicodeAttribute(null=True)
    thread_id = UnicodeAttribute(null=True)
    post_id = UnicodeAttribute(null=True)
    thread_title = UnicodeAttribute(null=True)
    correspondence_id = UnicodeAttribute(null=True)
    detail = UnicodeAttribute(null=True)  # moderation: hidden | removed | restored
    # Grouped entries: who reacted, or which letters wait (string sets: adding twice is once).
    group_ids = UnicodeSetAttribute(null=True)
    created_at = UTCDateTimeAttribute()
    changed_at = UTCDateTimeAttribute()
    read_at = UTCDateTimeAttribute(null=True)
    expires_at = TTLAttribute()

    notifications_by_time = NotificationsByTime()
    notifications_by_actor = NotificationsByActor()
