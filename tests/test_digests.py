"""The digests job end to end: fan-out to SQS, the consumer, content, headers, retries."""
import json
import re
from datetime import timedelta

import pytest

from chalicelib import jobs
from chalicelib.core import clock, config
from chalicelib.platform import mailer
from chalicelib.models.digests import DigestSummary
from chalicelib.models.forum import Post
from chalicelib.models.subscriptions import Subscriber
from chalicelib.subscriptions import digests, email_subscriptions, queue, subscribers, suppression
from helpers import outgoing

START = clock.parse_iso("2026-11-30T08:00:00Z")  # a Monday, after the 07:00 digest hour
DUE = clock.parse_iso("2026-12-01T07:00:00Z")  # the next daily digest
RUN = DUE + timedelta(minutes=5)


def email_subscriber(address="reader@example.org", categories=("support",), frequency="daily"):
    return email_subscriptions.confirm_email_subscription(
        {"s": subscribers.email_subscriber_id(address), "e": address, "c": list(categories),
         "f": frequency}, now=START)


def daily_member(make, **options):
    member = make.member(**options)
    subscribers.save_preferences(subscribers.for_member(member, START), "daily", set(),
                                 options.get("own_replies", "digest"), now=START)
    return member


def queued_bodies():
    client, url = queue.sqs_client(), queue.queue_url()
    bodies = []
    while True:
        response = client.receive_message(QueueUrl=url, MaxNumberOfMessages=10)
        messages = response.get("Messages", [])
        if not messages:
            return bodies
        for message in messages:
            bodies.append(message["Body"])
            client.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])


def consume(invoke, bodies):
    event = invoke.events.generate_sqs_event(message_bodies=bodies,
                                             queue_name=config.settings.digest_queue_name)
    return invoke.lambda_.invoke("deliver_digests", event).payload


def run_digests(invoke, now=RUN):
    summary = jobs.run_job("digests", now=now)
    return summary, [consume(invoke, [body]) for body in queued_bodies()]


def test_digest_has_new_threads_followed_replies_and_no_warned_excerpt(invoke, make):
    email_subscriber()
    follower = daily_member(make, email="follower@example.org")
    followed = make.thread(author=follower, title="My slow taper", now=START - timedelta(days=3))
    make.thread(title="Hello from week one", body="Brain zaps are **easing** a little.",
                now=START + timedelta(hours=1))
    make.thread(title="A hard night", body="Graphic details here", content_warning="self-harm",
                now=START + timedelta(hours=2))
    make.reply(followed, body="Holding at 5mg helped me.", now=START + timedelta(hours=3))
    make.thread(title="Too late for this one", now=DUE + timedelta(minutes=1))
    summary, results = run_digests(invoke)
    assert summary["due"] == 2
    [message] = outgoing.sent_to("reader@example.org")
    text = outgoing.text_of(message)
    assert message["Subject"] == "Your Lantern digest: 2 new threads"
    assert "Hello from week one" in text and "Brain zaps are easing a little." in text
    assert "Content warning: self-harm" in text and "Graphic details" not in text
    assert "Graphic details" not in outgoing.html_of(message)
    assert "Too late for this one" not in text and "My slow taper" in text  # most active
    [note] = outgoing.sent_to("follower@example.org")
    assert "NEW REPLIES IN THREADS YOU FOLLOW" in outgoing.text_of(note)
    assert "Holding at 5mg helped me." in outgoing.text_of(note)


def test_digest_is_multipart_with_rfc8058_headers_and_no_tracking(client, invoke, make):
    email_subscriber()
    make.thread(title="Something new here", now=START + timedelta(hours=1))
    run_digests(invoke)
    [message] = outgoing.sent_to("reader@example.org")
    assert message.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in message.iter_parts()] == ["text/plain", "text/html"]
    links = re.findall(r"<([^>]+)>", message["List-Unsubscribe"])
    https = [link for link in links if link.startswith("https://lantern.test/unsubscribe/")]
    # The one-click URL first, then the mailto that chalicelib/inbound reads.
    assert len(https) == 1 and links[0] == https[0]
    assert links[1].startswith("mailto:unsubscribe+") and len(links) == 2
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    raw = outgoing.raw_sent()[-1]
    assert b"\nList-Unsubscribe: <https://lantern.test/unsubscribe/" in raw  # not encoded
    html = outgoing.html_of(message)
    assert "<img" not in html and https[0] in html
    assert "/preferences/" in html and "/preferences/" in outgoing.text_of(message)
    # The provider's one-click POST: the URL alone, no cookies, no CSRF token.
    path = https[0].removeprefix("https://lantern.test")
    response = client.chalice.http.post(
        path, headers={"content-type": "application/x-www-form-urlencoded"},
        body=b"List-Unsubscribe=One-Click")
    assert response.status_code == 200
    subscriber = Subscriber.get(subscribers.email_subscriber_id("reader@example.org"),
                                consistent_read=True)
    assert subscriber.digest_due is None


def test_nothing_new_means_no_email_but_the_window_moves(invoke):
    subscriber = email_subscriber()
    _, results = run_digests(invoke)
    assert results == [[{"sent": 0, "empty": 1, "skipped": 0}]]
    assert outgoing.sent() == []
    moved = Subscriber.get(subscriber.subscriber_id, consistent_read=True)
    assert moved.last_digest_at == DUE
    assert moved.digest_due == clock.iso(DUE + timedelta(days=1))


def test_retried_message_and_rerun_schedule_send_once(invoke, make):
    email_subscriber()
    make.thread(now=START + timedelta(hours=1))
    jobs.run_job("digests", now=RUN)
    jobs.run_job("digests", now=RUN)  # the schedule re-run: the same subscriber twice
    bodies = queued_bodies()
    assert len(bodies) == 2
    for body in bodies + bodies:  # and SQS redelivering each message
        consume(invoke, [body])
    assert len(outgoing.sent_to("reader@example.org")) == 1


def test_a_failure_before_sending_does_not_skip_the_digest(invoke, make, monkeypatch):
    subscriber = email_subscriber()
    make.thread(title="Worth hearing about", now=START + timedelta(hours=1))
    jobs.run_job("digests", now=RUN)
    [body] = queued_bodies()
    real_send = mailer.send

    def broken(message):
        raise ConnectionError("SES unreachable")

    monkeypatch.setattr(mailer, "send", broken)
    with pytest.raises(ConnectionError):
        consume(invoke, [body])
    kept = Subscriber.get(subscriber.subscriber_id, consistent_read=True)
    assert kept.digest_due == clock.iso(DUE) and kept.lease_due is None
    monkeypatch.setattr(mailer, "send", real_send)
    consume(invoke, [body])  # SQS's retry
    [message] = outgoing.sent_to("reader@example.org")
    assert "Worth hearing about" in outgoing.text_of(message)


def test_one_address_never_gets_two_digests(invoke, make):
    # Subscribed by email first; an account with that address came later.
    email_subscriber("both@example.org", ("support",))
    owner = daily_member(make, email="both@example.org")
    make.thread(title="News for both", now=START + timedelta(hours=1))
    run_digests(invoke)
    run_digests(invoke, now=RUN + timedelta(days=1))
    assert len(outgoing.sent_to("both@example.org")) == 1
    merged = Subscriber.get(subscribers.member_subscriber_id(owner.member_id))
    assert "support" in merged.categories


def test_suppressed_addresses_get_nothing(invoke, make):
    subscriber = email_subscriber()
    suppression.suppress("reader@example.org", "complaint", START)
    make.thread(now=START + timedelta(hours=1))
    run_digests(invoke)
    assert outgoing.sent() == []
    assert Subscriber.get(subscriber.subscriber_id).last_digest_at == DUE


def tables_read(params=None, **kwargs):
    """The tables a DynamoDB read names (a BatchGetItem names several)."""
    return [params["TableName"]] if "TableName" in params else list(params.get("RequestItems", ()))


def test_a_batch_reads_each_category_once_and_never_a_post(invoke, make, monkeypatch):
    import botocore.handlers

    from chalicelib.core import aws

    for number in range(5):
        email_subscriber(f"reader{number}@example.org", ("support", "coping"))
    follower = daily_member(make, email="follower@example.org")
    followed = make.thread(author=follower, title="Followed", now=START - timedelta(days=3))
    make.thread(category_slug="support", now=START + timedelta(hours=1))
    make.thread(category_slug="coping", now=START + timedelta(hours=1))
    make.reply(followed, body="A long reply. " * 300, now=START + timedelta(hours=2))
    consume(invoke, queued_bodies())  # the reply notice's message (which reads its post)
    queries, tables = [], []
    real_query = DigestSummary.query

    def counted(slug, *args, **kwargs):
        queries.append(slug)
        return real_query(slug, *args, **kwargs)

    def read(params=None, model=None, **kwargs):
        if model.name in ("Query", "GetItem", "BatchGetItem", "Scan"):
            tables.extend(tables_read(params))

    monkeypatch.setattr(DigestSummary, "query", counted)
    botocore.handlers.BUILTIN_HANDLERS.append(("before-parameter-build.dynamodb", read))
    aws.reset()
    try:
        run_digests(invoke)
    finally:
        botocore.handlers.BUILTIN_HANDLERS.remove(("before-parameter-build.dynamodb", read))
        aws.reset()
    # Categories and followed threads alike are read from the digest summaries: the posts
    # table is never read, whatever the length of the posts.
    assert tables and not [table for table in tables if table == Post.Meta.table_name]
    assert "A long reply." in outgoing.text_of(outgoing.sent_to("follower@example.org")[0])
    # For the whole batch of five, per category: the window since subscribing (08:00, a
    # part of a digest day: one Query of hour items), and a first digest's week before it
    # (whole digest days, and the hour left over: two Queries).
    assert sorted(queries) == ["coping"] * 3 + ["support"] * 3
    assert len(outgoing.sent()) == 6


def test_pending_and_unsubscribed_get_nothing(invoke, make, client):
    make.category("support")
    client.post("/subscribe", {"email": "pending@example.org", "categories": ["support"],
                               "frequency": "daily"})
    gone = email_subscriber("gone@example.org")
    subscribers.unsubscribe(gone.subscriber_id)
    make.thread(now=START + timedelta(hours=1))
    summary, _ = run_digests(invoke)
    assert summary["due"] == 0
    assert [m["To"] for m in outgoing.sent()] == ["pending@example.org"]  # the confirmation


def test_immediate_reply_notice_once_and_not_again_in_the_digest(invoke, make):
    author = make.member(email="author@example.org")
    subscribers.save_preferences(subscribers.for_member(author, START), "daily", set(),
                                 "immediate", now=START)
    thread = make.thread(author=author, title="Month two", now=START)
    make.reply(thread, body="You are not alone.", now=START + timedelta(hours=1))
    [body] = queued_bodies()
    assert json.loads(body)["type"] == "reply"
    consume(invoke, [body])
    consume(invoke, [body])  # delivered twice
    [notice] = outgoing.sent_to("author@example.org")
    assert "You are not alone." in outgoing.text_of(notice)
    assert notice["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    run_digests(invoke)
    assert len(outgoing.sent_to("author@example.org")) == 1


def test_replies_to_own_thread_wait_for_the_digest_by_default(invoke, make):
    author = daily_member(make, email="author@example.org")
    thread = make.thread(author=author, title="Month two", now=START)
    make.reply(thread, body="You are not alone.", now=START + timedelta(hours=1))
    consume(invoke, queued_bodies())
    assert outgoing.sent() == []
    run_digests(invoke)
    [digest] = outgoing.sent_to("author@example.org")
    assert "You are not alone." in outgoing.text_of(digest)


def test_failing_messages_end_in_the_dead_letter_queue():
    client = queue.sqs_client()
    url = queue.queue_url()
    policy = json.loads(client.get_queue_attributes(
        QueueUrl=url, AttributeNames=["RedrivePolicy"])["Attributes"]["RedrivePolicy"])
    assert policy["deadLetterTargetArn"].endswith(config.settings.digest_queue_name + "-dlq")
    client.set_queue_attributes(QueueUrl=url, Attributes={"VisibilityTimeout": "0"})
    queue.enqueue([{"type": "digests", "now": clock.iso(RUN), "subscribers": []}])

    def failing(body):
        raise RuntimeError("always fails")

    for _ in range(int(policy["maxReceiveCount"]) + 1):
        assert queue.receive_and_handle(failing, wait_seconds=0) == 0
    dead = client.get_queue_url(QueueName=config.settings.digest_queue_name + "-dlq")["QueueUrl"]
    moved = client.receive_message(QueueUrl=dead, MaxNumberOfMessages=10).get("Messages", [])
    assert len(moved) == 1


def test_schedule_finds_due_subscribers_by_index_in_every_shard(make):
    for number in range(12):
        email_subscriber(f"r{number}@example.org")
    assert jobs.run_job("digests", now=DUE - timedelta(seconds=1))["due"] == 0
    summary = jobs.run_job("digests", now=DUE)
    assert summary["due"] == 12 and summary["messages"] == 1
    shards = {s.due_shard for s in Subscriber.batch_get(
        [subscribers.email_subscriber_id(f"r{n}@example.org") for n in range(12)])}
    assert len(shards) > 1
    assert digests.BATCH_SIZE == 25


def test_one_failing_digest_does_not_hold_back_the_batch(invoke, make, monkeypatch):
    email_subscriber("first@example.org")
    email_subscriber("second@example.org")
    make.thread(now=START + timedelta(hours=1))
    jobs.run_job("digests", now=RUN)
    [body] = queued_bodies()
    real_send = mailer.send

    def flaky(message):
        if "first@" in message["To"]:
            raise ConnectionError("SES refused this one")
        return real_send(message)

    monkeypatch.setattr(mailer, "send", flaky)
    with pytest.raises(ConnectionError):
        consume(invoke, [body])
    assert len(outgoing.sent_to("second@example.org")) == 1
    monkeypatch.setattr(mailer, "send", real_send)
    assert consume(invoke, [body]) == [{"sent": 1, "empty": 0, "skipped": 1}]
    assert len(outgoing.sent_to("first@example.org")) == 1
    assert len(outgoing.sent_to("second@example.org")) == 1


def test_a_failing_queue_never_loses_the_post(make, monkeypatch, drain_streams):
    """The post is saved before any reaction runs; a notice that cannot be queued is
    retried from the stream and then set aside (the stream-failures queue in AWS)."""
    from chalicelib.forum import posting
    from ops.localstreams import StreamFailure

    def broken(messages):
        raise ConnectionError("SQS unreachable")

    thread = make.thread()
    monkeypatch.setattr(queue, "enqueue", broken)
    post = posting.add_reply(thread, make.member(), "Saved anyway")
    with pytest.raises(StreamFailure, match="kept failing"):
        drain_streams()
    assert Post.get(thread.thread_id, post.post_id).body_source == "Saved anyway"


def test_a_first_digest_after_confirming_carries_the_weeks_most_active_threads(invoke, make):
    busy = make.thread(title="Holding through a wave", now=START - timedelta(days=5))
    for hours in (1, 2, 3):
        make.reply(busy, now=START - timedelta(days=5, hours=-hours))
    make.thread(title="Quiet but this week", now=START - timedelta(days=4))
    make.thread(title="Older than a week", now=START - timedelta(days=9))
    email_subscriber()  # a quiet first window: nothing new between confirming and DUE
    run_digests(invoke)
    [message] = outgoing.sent_to("reader@example.org")
    text = outgoing.text_of(message)
    assert message["Subject"] == "Your Lantern digest: this week's most active threads"
    assert "THIS WEEK ON LANTERN" in text
    assert text.index("Holding through a wave (4 posts this week)") \
        < text.index("Quiet but this week (1 post this week)")
    assert "Older than a week" not in text
    assert "This week on Lantern" in outgoing.html_of(message)
    # The second digest waits for something new again.
    run_digests(invoke, now=RUN + timedelta(days=1))
    assert len(outgoing.sent_to("reader@example.org")) == 1
