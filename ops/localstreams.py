"""Reading moto's table streams the way Lambda's event source mappings read DynamoDB's:
`make run` polls them in a thread, and the tests drain them after every write.

Each shard is read from its start (TRIM_HORIZON), its position (the last sequence number
handled) kept between polls; every
batch becomes the event Lambda would send and goes through the same
``chalicelib.platform.stream_batches.handle_batch`` as in AWS. Records a batch reports as failed
are retried, like Lambda's retries; after ``ATTEMPTS`` they are kept in ``failed`` and
logged (in AWS they go to the ``stream-failures`` queue). See docs/streams.md.
"""
import logging

import boto3
from botocore.config import Config

from chalicelib.core import config
from chalicelib.platform import stream_batches, streams

log = logging.getLogger("lantern.streams")
ATTEMPTS = 3
BATCH_SIZE = 100  # as app.py's stream functions
MAX_ROUNDS = 100  # a drain that never settles is a handler writing in a loop


class StreamFailure(AssertionError):
    """Records still failing after every attempt (the tests' drain raises it)."""


def lambda_event(table, stream_arn, records):
    """The event Lambda sends a stream function for ``records`` (get_records' shape)."""
    events = []
    for record in records:
        body = dict(record["dynamodb"])
        created = body.get("ApproximateCreationDateTime")
        if hasattr(created, "timestamp"):
            body["ApproximateCreationDateTime"] = int(created.timestamp())
        events.append({**record, "awsRegion": config.settings.aws_region,
                       "eventSourceARN": stream_arn, "dynamodb": body})
    return {"Records": events}


class StreamReader:
    """Positions in the streams of ``tables``, read on demand."""

    def __init__(self, tables=streams.STREAMED_TABLES):
        session = boto3.session.Session()  # its own: the reader runs in its own thread
        region = config.settings.aws_region
        self.dynamodb = session.client("dynamodb", region_name=region)
        # botocore now sends stream calls to an account-id host (<account>.streams-ddb...),
        # which moto's in-process mock does not recognise; the classic host works in both.
        self.client = session.client("dynamodbstreams", region_name=region,
                                     config=Config(account_id_endpoint_mode="disabled"))
        self.tables = tables
        self.arns = {}
        self.positions = {}  # (table, shard id) -> sequence number of the last record read
        self.failed = []  # (table, sequence number) of records that kept failing

    def _discover(self):
        for table in self.tables:
            if table in self.arns:
                continue
            described = self.dynamodb.describe_table(TableName=config.table_name(table))
            self.arns[table] = described["Table"]["LatestStreamArn"]
            for shard in self.client.describe_stream(
                    StreamArn=self.arns[table])["StreamDescription"]["Shards"]:
                self.positions[(table, shard["ShardId"])] = None

    def _iterator(self, table, shard_id):
        # A fresh iterator from the remembered sequence number on every poll: moto swaps
        # a table's stream object when a transaction fails (it restores a copy), which
        # would strand an iterator kept from before.
        last = self.positions[(table, shard_id)]
        where = ({"ShardIteratorType": "AFTER_SEQUENCE_NUMBER", "SequenceNumber": last}
                 if last else {"ShardIteratorType": "TRIM_HORIZON"})
        return self.client.get_shard_iterator(StreamArn=self.arns[table], ShardId=shard_id,
                                              **where)["ShardIterator"]

    def recorded_event(self, table):
        """Every record ``table``'s stream holds, from its start, as the one event Lambda
        would send (a replay: what a retry after a timeout delivers again)."""
        self._discover()
        records = []
        for stream_table, shard_id in self.positions:
            if stream_table == table:
                iterator = self.client.get_shard_iterator(
                    StreamArn=self.arns[table], ShardId=shard_id,
                    ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
                records += self.client.get_records(ShardIterator=iterator)["Records"]
        return lambda_event(table, self.arns[table], records)

    def poll(self):
        """Read each shard once and hand what is new to the handlers.

        :return: how many records were read.
        """
        self._discover()
        read = 0
        for table, shard_id in list(self.positions):
            records = self.client.get_records(ShardIterator=self._iterator(table, shard_id),
                                              Limit=BATCH_SIZE)["Records"]
            if records:
                self._deliver(table, records)
                self.positions[(table, shard_id)] = records[-1]["dynamodb"]["SequenceNumber"]
                read += len(records)
        return read

    def _deliver(self, table, records):
        pending = records
        for _attempt in range(ATTEMPTS):
            result = stream_batches.handle_batch(table,
                                                 lambda_event(table, self.arns[table], pending))
            failed = {item["itemIdentifier"] for item in result["batchItemFailures"]}
            pending = [r for r in pending if r["dynamodb"]["SequenceNumber"] in failed]
            if not pending:
                return
        for record in pending:
            number = record["dynamodb"]["SequenceNumber"]
            log.error("stream record %s of %s kept failing; set aside", number, table)
            self.failed.append((table, number))

    def drain(self, strict=False):
        """Poll until a round reads nothing new (handlers' own writes included).

        :raise StreamFailure: with ``strict``, when a record kept failing.
        :return: how many records were read.
        """
        total = 0
        for _round in range(MAX_ROUNDS):
            read = self.poll()
            total += read
            if not read:
                break
        else:
            raise StreamFailure(f"streams still busy after {MAX_ROUNDS} rounds")
        if strict and self.failed:
            failed, self.failed = self.failed, []
            raise StreamFailure(f"stream records kept failing: {failed}")
        return total


def run_forever(stop, interval=0.3, reader=None):
    """`make run`: poll every ``interval`` seconds until ``stop`` is set (going on from
    ``reader``'s positions when given)."""
    reader = reader or StreamReader()
    while not stop.wait(interval):
        try:
            reader.poll()
        except Exception:
            log.exception("reading the table streams failed")
            stop.wait(5)
