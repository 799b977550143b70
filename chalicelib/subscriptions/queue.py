"""The digest queue (SQS): the hourly fan-out and reply notices go through it.

Failed messages are retried and then moved to the dead-letter queue by the queue's redrive
policy (infra/ in AWS; backend.create_local_resources locally and in tests).
"""
import json

import boto3

from chalicelib import config

# SQS's limit for one SendMessageBatch call.
SEND_BATCH = 10
_urls = {}


def sqs_client():
    return boto3.client("sqs", region_name=config.settings.aws_region)


def queue_url():
    if config.settings.digest_queue_url:
        return config.settings.digest_queue_url
    name = config.settings.digest_queue_name
    if name not in _urls:
        _urls[name] = sqs_client().get_queue_url(QueueName=name)["QueueUrl"]
    return _urls[name]


def enqueue(messages):
    """Send JSON ``messages`` in batches of ten.

    :raise RuntimeError: if SQS refused any of them (the caller's run is then retried).
    """
    client, url = sqs_client(), queue_url()
    for start in range(0, len(messages), SEND_BATCH):
        chunk = messages[start:start + SEND_BATCH]
        response = client.send_message_batch(QueueUrl=url, Entries=[
            {"Id": str(number), "MessageBody": json.dumps(message)}
            for number, message in enumerate(chunk)])
        if response.get("Failed"):
            raise RuntimeError(f"SQS refused {len(response['Failed'])} digest messages")
    return len(messages)


def create_local_queues():
    """The queue and its dead-letter queue, as infra/ creates them in AWS (idempotent)."""
    client = sqs_client()
    name = config.settings.digest_queue_name
    dead = client.create_queue(QueueName=name + "-dlq")["QueueUrl"]
    dead_arn = client.get_queue_attributes(
        QueueUrl=dead, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    client.create_queue(QueueName=name, Attributes={
        "VisibilityTimeout": "120",
        "RedrivePolicy": json.dumps({"deadLetterTargetArn": dead_arn, "maxReceiveCount": "5"})})
    _urls.clear()
