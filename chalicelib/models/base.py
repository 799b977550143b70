"""What every Lantern table shares: its name from config, on-demand billing, one client."""
import threading

from pynamodb.attributes import UnicodeAttribute
from pynamodb.connection import Connection
from pynamodb.models import Model

from chalicelib.core import aws, config

# The same for every table (one shared client): Lambda's own timeout is the real bound;
# fail fast rather than hang a page.
CONNECT_TIMEOUT, READ_TIMEOUT, RETRIES = 3, 5, 3


def table_meta(short_name, stream=False):
    """A PynamoDB ``Meta`` for the table ``short_name`` (prefixed per stage).

    ``stream``: the table has a stream of new and old images, read by the handlers that
    features register in chalicelib/platform/streams.py (docs/streams.md).
    """

    class Meta:
        table_name = config.table_name(short_name)
        region = config.settings.aws_region
        billing_mode = "PAY_PER_REQUEST"
        connect_timeout_seconds = CONNECT_TIMEOUT
        read_timeout_seconds = READ_TIMEOUT
        max_retry_attempts = RETRIES

    if stream:
        Meta.stream_view_type = "NEW_AND_OLD_IMAGES"
    # The stage-free name: infra/ and backups name tables by it.
    Meta.short_name = short_name
    return Meta


class SharedConnection(Connection):
    """A PynamoDB connection whose botocore client comes from the process's one session."""

    @property
    def session(self):
        return aws.session()

    @property
    def client(self):
        with aws.lock:  # made once, from a session that is not thread-safe
            return Connection.client.fget(self)


_shared = None
_shared_lock = threading.Lock()


def shared_connection():
    """The one DynamoDB connection (and so client) of the process, for every model and every
    transaction: PynamoDB would otherwise make one per model class and per TransactWrite
    (docs/pitfalls.md #17)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = SharedConnection(
                region=config.settings.aws_region, connect_timeout_seconds=CONNECT_TIMEOUT,
                read_timeout_seconds=READ_TIMEOUT, max_retry_attempts=RETRIES)
        return _shared


def _forget_shared():
    global _shared
    _shared = None


aws.on_reset(_forget_shared)


class LanternModel(Model):
    """Base of every model; ``ttl_attribute`` names the table's TTL attribute, if any."""

    ttl_attribute = None

    @classmethod
    def _get_connection(cls):
        # PynamoDB's TableConnection makes its own Connection (no client yet, that is lazy);
        # swap in the shared one, carrying the table's schema over.
        table = super()._get_connection()
        shared = shared_connection()
        if table.connection is not shared:
            shared.add_meta_table(table.connection.get_meta_table(table.table_name))
            table.connection = shared
        return table


def index_meta(name, projection):
    class Meta:
        index_name = name
        billing_mode = "PAY_PER_REQUEST"

    Meta.projection = projection
    return Meta


__all__ = ["LanternModel", "table_meta", "index_meta", "shared_connection", "UnicodeAttribute"]
