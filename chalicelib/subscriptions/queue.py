"""The digest queue (SQS): the hourly fan-out and reply notices go through it.

Failed messages are retried and then moved to the dead-letter queue by the queue's redrive
policy (infra/ in AWS; backend.create_local_resources locally and in tests).
"""
import json
import logging

from chalicelib.core import aws, config

log = logging.getLogger("lantern.jobs")
# SQS's limit for one SendMessageBatch call.
SEND_BATCH = 10
_urls = {}
# A queue's URL belongs to the client's endpoint: forget both together.
aws.on_reset(_urls.clear)


def sqs_client():
    return aws.client("sqs")


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
    aws.client("sns").create_topic(
        Name=config.settings.bounce_topic_name)


def receive_and_handle(handler, wait_seconds=1):
    """What Lambda's SQS trigger does, for `make run`: receive, handle, delete on success.

    A message whose handler raises stays on the queue, comes back after the visibility
    timeout, and after ``maxReceiveCount`` tries SQS moves it to the dead-letter queue.
    :return: how many messages were handled successfully.
    """
    client, url = sqs_client(), queue_url()
    response = client.receive_message(QueueUrl=url, MaxNumberOfMessages=10,
                                      WaitTimeSeconds=wait_seconds)
    handled = 0
    for message in response.get("Messages", []):
        try:
            handler(message["Body"])
        except Exception:
            log.exception("queue message failed; SQS will retry it")
            continue
        client.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
        handled += 1
    return handled
