"""Creating the AWS resources a local run or a test needs (tables, SES identity, ...), and
the one-request-at-a-time guarantee (and steady memory) moto's DynamoDB lacks."""
import threading
from email.utils import parseaddr

import boto3

from chalicelib.core import config
from chalicelib.models import create_tables
from chalicelib.subscriptions import queue


def verify_sender():
    """SES (and moto) refuse to send from an unverified address."""
    address = parseaddr(config.settings.sender)[1]
    boto3.client("ses", region_name=config.settings.aws_region).verify_email_identity(
        EmailAddress=address)


def create_search_bucket():
    """The bucket the search index lives in, when the settings name one (tests)."""
    bucket = config.settings.search_bucket
    if bucket:
        region = config.settings.aws_region
        boto3.client("s3", region_name=region).create_bucket(
            Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": region})


def create_local_resources():
    create_tables()
    verify_sender()
    queue.create_local_queues()
    create_search_bucket()


def atomic_dynamodb_handlers():
    """``{moto handler class: call_action}`` that answers one DynamoDB (or DynamoDB
    Streams) request at a time, as real DynamoDB applies each request atomically.

    moto's in-memory DynamoDB is not thread-safe (docs/pitfalls.md #19): a transaction
    that fails puts back a copy of its tables taken before it began, so a write another
    thread made meanwhile is lost, and a copy taken mid-write fails with a 500. The tests
    patch these in for every test; `make run` (ops/devserver.py), whose web, stream, queue
    and job threads share one moto server, for good.

    Each request also lets go of moto's record of every DynamoDB object it ever made
    (docs/pitfalls.md #32): kept, it holds a whole copy of the tables per transaction, so
    a long `make run` or a module's shared test world grows without bound.
    """
    from moto.dynamodb.responses import DynamoHandler
    from moto.dynamodbstreams.responses import DynamoDBStreamsHandler

    lock = threading.RLock()

    def atomic(handle):
        def call_action(self):
            with lock:
                try:
                    return handle(self)
                finally:
                    _forget_tracked_models("dynamodb", "dynamodbstreams")
        return call_action

    return {handler: atomic(handler.call_action)
            for handler in (DynamoHandler, DynamoDBStreamsHandler)}


def _forget_tracked_models(*services):
    """Empty moto's per-class lists of the instances made so far. They only feed its
    dashboard (``/moto-api/data.json``); the tables themselves hold what they need."""
    from moto.core.model_instances import model_data

    for service in services:
        for model in model_data[service].values():
            model.instances_tracked = []
