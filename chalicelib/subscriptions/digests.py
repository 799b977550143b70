"""The digests job: an hourly fan-out to SQS, and the consumer's entry point.

These two are what the schedule and the queue call (chalicelib/jobs.py names them); the
consumer's work for one batch is in digest_batches.py, and sending one digest exactly once
in digest_sending.py.
"""
import json
import logging
import time

from chalicelib.core import clock
from chalicelib.models.subscriptions import DUE_SHARDS, Subscriber
from chalicelib.subscriptions import digest_batches, queue, reply_notices

log = logging.getLogger("lantern.jobs")
# Subscribers per SQS message: one consumer run shares its reads among them.
BATCH_SIZE = 25


def enqueue_due_digests(now=None):
    """Find every subscriber due by ``now`` (index Query, no Scan) and enqueue them."""
    now = now or clock.utcnow()
    started = time.monotonic()
    due = []
    for shard in range(DUE_SHARDS):
        for entry in Subscriber.digests_due.query(shard, Subscriber.digest_due <= clock.iso(now)):
            due.append({"id": entry.subscriber_id, "due": entry.digest_due})
    batches = [due[start:start + BATCH_SIZE] for start in range(0, len(due), BATCH_SIZE)]
    queue.enqueue([{"type": "digests", "now": clock.iso(now), "subscribers": batch}
                   for batch in batches])
    summary = {"job": "digests", "due": len(due), "messages": len(batches),
               "took_ms": round((time.monotonic() - started) * 1000)}
    log.info("digests enqueued", extra={"summary": summary})
    return summary


def handle_message(body):
    """The SQS consumer's work for one message (digest batch or reply notice)."""
    message = json.loads(body)
    if message["type"] == "reply":
        return reply_notices.send_reply_notice(message["thread_id"], message["post_id"])
    return digest_batches.deliver_batch(message["subscribers"], clock.parse_iso(message["now"]))
