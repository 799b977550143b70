"""Reactions through the table streams: a feature registers a handler for a table's
changes, and each changed item reaches every handler a moment after it was written.

A lower package (the forum) writes its items and knows nothing of who reacts; the
higher features (care, subscriptions, correspondence) register ``"module:function"``
handlers in their ``wiring`` module with :func:`on_change`. app.py's stream functions
hand Lambda's batch to :func:`handle_batch`; ``ops/localstreams.py`` builds the same
batches from moto's streams for `make run` and the tests. See docs/streams.md.

Delivery is at least once: every handler must be idempotent (a record delivered twice
changes nothing twice). boto3 and Powertools are imported only here, inside the stream
path, so a page view never loads them.
"""
import logging
from dataclasses import dataclass, field
from decimal import Decimal

from chalicelib.core.hooks import Hook

log = logging.getLogger("lantern.streams")
# The streamed tables (short names); infra/ gives each a NEW_AND_OLD_IMAGES stream.
STREAMED_TABLES = ("posts", "threads", "blocks", "suppressions", "reactions", "letters",
                   "letter_shares")
_hooks = {table: Hook(f"streams.{table}") for table in STREAMED_TABLES}
# Handlers that take a whole batch at once (one write for many records: the search index).
_batch_hooks = {table: Hook(f"streams.{table}.batch") for table in STREAMED_TABLES}


@dataclass(frozen=True)
class Change:
    """One decoded stream record: what happened to one item, as plain Python values."""

    table: str
    event_name: str  # INSERT | MODIFY | REMOVE
    keys: dict
    new: dict = field(default=None)  # None for REMOVE
    old: dict = field(default=None)  # None for INSERT
    sequence_number: str = ""

    @property
    def image(self):
        """The item as it is now, or as it was before it was removed."""
        return self.new if self.new is not None else self.old

    def became(self, name, value):
        """Did attribute ``name`` change to ``value`` with this write?"""
        return (self.new or {}).get(name) == value and (self.old or {}).get(name) != value


def on_change(table, target):
    """Register ``target`` (``"module:function"``) for every change of ``table``.

    :raise KeyError: for a table that has no stream.
    """
    return _hooks[table].register(target)


def on_batch(table, target):
    """Register ``target`` (``"module:function"``) for each batch of ``table``'s changes:
    it gets the list of every decoded record of the batch, in stream order, after the
    record handlers ran. It must be idempotent too: when it fails, the whole batch is
    reported failed and delivered again.

    :raise KeyError: for a table that has no stream.
    """
    return _batch_hooks[table].register(target)


def handlers(table):
    return _hooks[table].handlers()


def registered():
    """Handler names by table, in the order they run (docs and the report)."""
    return {table: list(hook.targets) for table, hook in _hooks.items()}


def registered_batches():
    """Batch handler names by table (tables with none left out)."""
    return {table: list(hook.targets) for table, hook in _batch_hooks.items() if hook.targets}


def _plain(value):
    # TypeDeserializer gives Decimal for every number and sets for SS/NS.
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, (set, frozenset)):
        return {_plain(item) for item in value}
    return value


def _image(deserializer, attributes):
    if attributes is None:
        return None
    return {name: _plain(deserializer.deserialize(value)) for name, value in attributes.items()}


def decode(table, record):
    """A :class:`Change` from one raw stream record (Lambda's event shape)."""
    from boto3.dynamodb.types import TypeDeserializer

    deserializer = TypeDeserializer()
    body = record["dynamodb"]
    return Change(table=table, event_name=record["eventName"],
                  keys=_image(deserializer, body.get("Keys")) or {},
                  new=_image(deserializer, body.get("NewImage")),
                  old=_image(deserializer, body.get("OldImage")),
                  sequence_number=body.get("SequenceNumber", ""))


def dispatch(change):
    """Run every handler of the change's table on it.

    Every handler runs even when an earlier one fails, and the first failure is raised
    afterwards: the record is then retried whole, which is safe because handlers are
    idempotent, and a handler that broke never keeps the others from acting.
    """
    failure = None
    for handler in handlers(change.table):
        try:
            handler(change)
        except Exception as error:
            log.exception("stream handler %s failed on %s %s", handler.__name__,
                          change.table, change.sequence_number)
            failure = failure or error
    if failure is not None:
        raise failure


def handle_batch(table, event):
    """Lambda's stream batch for ``table``: each record to its handlers, and the
    failed ones reported by sequence number so only they are retried.

    :return: ``{"batchItemFailures": [{"itemIdentifier": <sequence number>}, ...]}``.
    """
    from aws_lambda_powertools.utilities.batch import (BatchProcessor, EventType,
                                                       process_partial_response)

    # Every record failing is reported the same way as one failing (not raised), so
    # Lambda and the local reader see one answer shape.
    processor = BatchProcessor(event_type=EventType.DynamoDBStreams,
                               raise_on_entire_batch_failure=False)

    changes = []

    def handle_record(record):
        change = decode(table, record.raw_event)
        changes.append(change)
        dispatch(change)

    result = process_partial_response(event=event, record_handler=handle_record,
                                      processor=processor)
    return _run_batch_handlers(table, changes, event, result)


def _run_batch_handlers(table, changes, event, result):
    """Every batch handler on the decoded records; one failing fails the whole batch (each
    record again, from the first: handlers are idempotent)."""
    try:
        for handler in _batch_hooks[table].handlers():
            handler(changes)
    except Exception:
        log.exception("stream batch handler failed on %s (%d records)", table, len(changes))
        return {"batchItemFailures": [
            {"itemIdentifier": record["dynamodb"].get("SequenceNumber", "")}
            for record in event.get("Records", [])]}
    return result
