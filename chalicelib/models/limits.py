"""Rate-limit windows: one counter item per (rule, who, window), expiring by TTL."""
from pynamodb.attributes import NumberAttribute, TTLAttribute, UnicodeAttribute

from chalicelib.models.base import LanternModel, table_meta


class RateWindow(LanternModel):
    Meta = table_meta("ratelimits")
    ttl_attribute = "expires_at"
    window_key = UnicodeAttribute(hash_key=True)  # "<rule>#<who>#<window start>"
    hits = NumberAttribute(default=0)
    expires_at = TTLAttribute()
