"""What every Lantern table shares: its name from config, on-demand billing."""
from pynamodb.attributes import UnicodeAttribute
from pynamodb.models import Model

from chalicelib.core import config


def table_meta(short_name, stream=False):
    """A PynamoDB ``Meta`` for the table ``short_name`` (prefixed per stage).

    ``stream``: the table has a stream of new and old images, read by the handlers that
    features register in chalicelib/platform/streams.py (docs/streams.md).
    """

    class Meta:
        table_name = config.table_name(short_name)
        region = config.settings.aws_region
        billing_mode = "PAY_PER_REQUEST"
        # Lambda's own timeout is the real bound; fail fast rather than hang a page.
        connect_timeout_seconds = 3
        read_timeout_seconds = 5
        max_retry_attempts = 3

    if stream:
        Meta.stream_view_type = "NEW_AND_OLD_IMAGES"
    # The stage-free name: infra/ and backups name tables by it.
    Meta.short_name = short_name
    return Meta


class LanternModel(Model):
    """Base of every model; ``ttl_attribute`` names the table's TTL attribute, if any."""

    ttl_attribute = None


def index_meta(name, projection):
    class Meta:
        index_name = name
        billing_mode = "PAY_PER_REQUEST"

    Meta.projection = projection
    return Meta


__all__ = ["LanternModel", "table_meta", "index_meta", "UnicodeAttribute"]
