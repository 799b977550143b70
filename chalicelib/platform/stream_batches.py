"""A batch of stream records, from Lambda's event to the handlers registered in streams.py.

Each raw record is decoded into a :class:`~chalicelib.platform.streams.Change`, given to
every record handler of its table, and the failed ones reported by sequence number; then
the batch handlers get the whole list. Apart from the registry because only the stream
path needs it: boto3 and Powertools are imported here, inside the functions, so a page
view (which imports streams.py through the features' wiring) never loads them.

Delivery is at least once: every handler must be idempotent. See docs/streams.md.
"""
import logging
from decimal import Decimal

from chalicelib.platform.streams import Change, batch_handlers, handlers

log = logging.getLogger("lantern.streams")


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
        for handler in batch_handlers(table):
            handler(changes)
    except Exception:
        log.exception("stream batch handler failed on %s (%d records)", table, len(changes))
        return {"batchItemFailures": [
            {"itemIdentifier": record["dynamodb"].get("SequenceNumber", "")}
            for record in event.get("Records", [])]}
    return result
