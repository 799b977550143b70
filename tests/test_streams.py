"""Reactions through the table streams, end to end on moto: a write, its stream record,
the registered handlers, and what they set in motion (docs/streams.md)."""
import json
from datetime import timedelta

import pytest
from boto3.dynamodb.types import TypeSerializer

from chalicelib import jobs
from chalicelib.core import clock, config
from chalicelib.correspondence import answering, asking
from chalicelib.forum import closing, posting
from chalicelib.models.correspondence import Correspondence
from chalicelib.forum import reading
from chalicelib.models.forum import Thread
from chalicelib.models.members import Member
from chalicelib.models.subscriptions import Suppression
from chalicelib.moderation import blocks
from chalicelib.platform import streams
from chalicelib.profiles import editing
from chalicelib.subscriptions import follows, queue, subscribers, suppression
from helpers import outgoing
from ops.localstreams import StreamReader

NOW = clock.parse_iso("2026-11-30T08:00:00Z")


def unanswered_count():
    return reading.categories_and_stats()[1].unanswered_count


def queued_bodies():
    client, url = queue.sqs_client(), queue.queue_url()
    bodies = []
    while True:
        messages = client.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get(
            "Messages", [])
        if not messages:
            return bodies
        for message in messages:
            bodies.append(message["Body"])
            client.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])


def consume(invoke, bodies):
    """The digest queue's Lambda consumer, as SQS would invoke it."""
    event = invoke.events.generate_sqs_event(message_bodies=bodies,
                                             queue_name=config.settings.digest_queue_name)
    return invoke.lambda_.invoke("deliver_digests", event).payload


def recorded_event(table):
    """Every record ``table``'s stream holds, as the event Lambda would send."""
    return StreamReader(tables=(table,)).recorded_event(table)


def wants_replies_at_once(member):
    subscribers.save_preferences(subscribers.for_member(member, NOW), "never", set(),
                                 "immediate", now=NOW)


def test_every_streamed_table_has_its_handlers_registered():
    assert streams.registered() == {
        "posts": ["chalicelib.care.unanswered:on_post",
                  "chalicelib.subscriptions.reactions:follow_poster",
                  "chalicelib.subscriptions.reactions:enqueue_reply_notice",
                  "chalicelib.subscriptions.summaries:on_post",
                  "chalicelib.subscriptions.thread_summaries:on_post",
                  "chalicelib.notifications.events:on_post"],
        "threads": ["chalicelib.forum.thread_moves:on_thread_change",
                    "chalicelib.care.unanswered:on_thread_change",
                    "chalicelib.care.newcomers:on_thread_change",
                    "chalicelib.notifications.events:on_thread"],
        "blocks": ["chalicelib.correspondence.safety:on_block_change",
                   "chalicelib.notifications.events:on_block"],
        "suppressions": ["chalicelib.care.addresses:on_suppression_change"],
        "reactions": ["chalicelib.notifications.events:on_reaction"],
        "letters": ["chalicelib.notifications.events:on_letter"],
        "letter_shares": ["chalicelib.notifications.shares:on_share"]}
    assert streams.registered_batches() == {
        "posts": ["chalicelib.search.indexing:on_posts"],
        "threads": ["chalicelib.search.indexing:on_threads"]}


def test_a_reply_reaches_the_followers_inbox_through_the_stream(make, invoke, drain_streams):
    author = make.member(handle="asker", email="asker@example.org")
    wants_replies_at_once(author)
    thread = make.thread(author=author, now=NOW)
    posting.add_reply(thread, make.member(), "You are not alone.", now=NOW + timedelta(hours=1))
    assert queued_bodies() == []  # the request path queues nothing itself

    drain_streams()
    bodies = queued_bodies()
    assert [json.loads(body)["type"] for body in bodies] == ["reply"]
    assert consume(invoke, bodies) == ["sent"]
    (notice,) = outgoing.sent_to("asker@example.org")
    assert "You are not alone." in outgoing.text_of(notice)


def test_a_record_delivered_twice_changes_nothing_twice(make, invoke):
    author = make.member(handle="asker", email="asker@example.org")
    replier = make.member()
    wants_replies_at_once(author)
    thread = make.thread(author=author, now=NOW)
    make.reply(thread, author=replier, now=NOW + timedelta(hours=1))
    assert consume(invoke, queued_bodies()) == ["sent"]
    assert unanswered_count() == 0

    # Lambda retried both streams' batches from the start (a timeout, say).
    for table in ("threads", "posts"):
        response = invoke.lambda_.invoke(f"{table}_stream", recorded_event(table))
        assert response.payload == {"batchItemFailures": []}
    assert consume(invoke, queued_bodies()) == ["skipped"]
    assert len(outgoing.sent_to("asker@example.org")) == 1
    assert unanswered_count() == 0
    assert follows.get_follow(replier.member_id, thread.thread_id).following


def test_a_failing_handler_reports_only_its_record(invoke, monkeypatch):
    seen = []

    def fragile(change):
        if change.keys["post_id"] == "p2":
            raise RuntimeError("this one breaks")

    monkeypatch.setattr(streams._hooks["posts"], "targets", [fragile, seen.append])
    serialize = TypeSerializer().serialize
    records = [{"eventID": str(number), "eventName": "INSERT", "eventVersion": "1.1",
                "eventSource": "aws:dynamodb", "awsRegion": "eu-west-1",
                "eventSourceARN": config.settings.posts_stream_arn,
                "dynamodb": {"ApproximateCreationDateTime": 1764489600,
                             "Keys": {"thread_id": serialize("t1"), "post_id": serialize(post)},
                             "NewImage": {"thread_id": serialize("t1"),
                                          "post_id": serialize(post),
                                          "reaction_count": serialize(2)},
                             "SequenceNumber": f"{number}00", "SizeBytes": 60,
                             "StreamViewType": "NEW_AND_OLD_IMAGES"}}
               for number, post in enumerate(["p1", "p2", "p3"], start=1)]

    response = invoke.lambda_.invoke("posts_stream", {"Records": records})
    assert response.payload == {"batchItemFailures": [{"itemIdentifier": "200"}]}
    # The broken handler kept no other handler from its record, nor any other record.
    assert [change.keys["post_id"] for change in seen] == ["p1", "p2", "p3"]
    assert seen[0].new == {"thread_id": "t1", "post_id": "p1", "reaction_count": 2}
    assert seen[0].old is None and seen[0].event_name == "INSERT"


def test_the_unanswered_count_follows_reply_close_and_reopen(make, drain_streams):
    moderator = make.member(role="moderator")
    quiet = make.thread(now=NOW - timedelta(days=40))
    answered = make.thread(now=NOW - timedelta(days=40))
    assert unanswered_count() == 2
    posting.add_reply(answered, make.member(), "Same here.", now=NOW - timedelta(days=39))
    # The posts stream handled before the threads stream's later records, then the
    # default reader delivering everything again: the count moves once either way.
    StreamReader(tables=("posts",)).drain(strict=True)
    drain_streams()
    assert unanswered_count() == 1

    assert jobs.run_job("close-stale", now=NOW)["closed"] == 2
    drain_streams()
    assert unanswered_count() == 0 and not Thread.get(quiet.thread_id).unanswered

    for thread in (quiet, answered):
        assert closing.reopen_thread(thread.thread_id, moderator, now=NOW)
    drain_streams()
    assert unanswered_count() == 1
    assert Thread.get(quiet.thread_id).unanswered and not Thread.get(answered.thread_id).unanswered


def test_a_bounce_flags_the_member_from_the_suppressions_stream(make, invoke, drain_streams):
    member = make.member(handle="river", email="river@example.org")
    suppression.suppress("River <river@example.org>", "permanent-bounce", NOW)
    assert Member.get(member.member_id).email_suppressed is None  # not yet: a moment later
    drain_streams()
    assert Member.get(member.member_id).email_suppressed == "permanent-bounce"

    # Re-confirmed meanwhile: a late second delivery must not raise the flag again.
    Suppression(email="river@example.org").update(actions=[Suppression.suppressed.set(False)])
    Member.get(member.member_id).update(actions=[Member.email_suppressed.remove()])
    invoke.lambda_.invoke("suppressions_stream", recorded_event("suppressions"))
    assert Member.get(member.member_id).email_suppressed is None


def test_a_block_ends_the_correspondence_from_the_blocks_stream(make, drain_streams):
    mentor, seeker = make.member(handle="mentor"), make.member(handle="seeker")
    editing.save_profile(mentor, {"bio": None, "medication_classes": None, "stage": None,
                                  "year_started": None, "open_to_new": True,
                                  "availability_note": None, "max_open": 3,
                                  "letter_notifications": "immediately"})
    correspondence = answering.accept(mentor, asking.ask(seeker, mentor, "Could we write?"))
    blocks.block(mentor, seeker, NOW)
    assert Correspondence.get(correspondence.correspondence_id).status == "open"
    drain_streams()
    ended = Correspondence.get(correspondence.correspondence_id)
    assert (ended.status, ended.ended_reason) == ("ended", "blocked")


@pytest.mark.parametrize("table", streams.STREAMED_TABLES)
def test_local_and_test_tables_have_streams_of_both_images(table):
    import boto3

    described = boto3.client("dynamodb", region_name=config.settings.aws_region).describe_table(
        TableName=config.table_name(table))["Table"]
    assert described["StreamSpecification"] == {"StreamEnabled": True,
                                                 "StreamViewType": "NEW_AND_OLD_IMAGES"}
