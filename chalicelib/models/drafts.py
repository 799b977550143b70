"""Drafts kept server-side when a member's session ended while they were writing."""
from pynamodb.attributes import TTLAttribute, UnicodeAttribute, UTCDateTimeAttribute

from chalicelib.models.base import LanternModel, table_meta


class Draft(LanternModel):
    """One kept draft, found only through the signed id in its writer's cookie."""

    Meta = table_meta("drafts")
    ttl_attribute = "expires_at"
    draft_id = UnicodeAttribute(hash_key=True)
    # The member the expired session cookie named: a hint (unverified), so a draft is
    # only ever restored to that member, never to the next person on a shared computer.
    member_hint = UnicodeAttribute(null=True)
    target = UnicodeAttribute()  # the composer path it was posted to, e.g. /t/<id>/reply
    title = UnicodeAttribute(null=True)
    body = UnicodeAttribute(default="")
    content_warning = UnicodeAttribute(null=True)
    created_at = UTCDateTimeAttribute()
    expires_at = TTLAttribute()
