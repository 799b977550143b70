"""The close-stale job: boundaries, per-category override, the reply-wins race, retries,
its summary log line, and moderators reopening a thread."""
import json
import logging
from datetime import timedelta

import pytest
import time_machine

from chalicelib import jobs
from chalicelib.core import clock, errors, logs
from chalicelib.forum import closing, keys
from chalicelib.models.forum import Thread

NOW = clock.parse_iso("2026-12-01T03:15:00Z")


def fresh(thread):
    return Thread.get(thread.thread_id, consistent_read=True)


@pytest.mark.parametrize("offset, status", [(-1, "open"), (0, "open"), (1, "closed")])
def test_thread_closes_only_after_n_days(make, offset, status):
    thread = make.thread(now=NOW - timedelta(days=30, seconds=offset))
    jobs.run_job("close-stale", now=NOW)
    assert fresh(thread).status == status


def test_category_override_beats_the_site_default(make):
    make.category("quick", stale_after_days=7)
    quick = make.thread(category_slug="quick", now=NOW - timedelta(days=7, seconds=1))
    slow = make.thread(category_slug="support", now=NOW - timedelta(days=7, seconds=1))
    summary = jobs.run_job("close-stale", now=NOW)
    assert summary["closed"] == 1
    closed = fresh(quick)
    assert closed.status == "closed" and closed.closed_after_days == 7
    assert closed.closed_reason == "stale" and closed.open_activity is None
    assert fresh(slow).status == "open"


def test_closed_thread_says_why_and_keeps_its_posts(client, make):
    thread = make.thread(body="Still here", now=NOW - timedelta(days=40))
    make.reply(thread, body="A reply", now=NOW - timedelta(days=31))
    jobs.run_job("close-stale", now=NOW)
    page = client.get(f"/t/{thread.thread_id}")
    assert "Closed after 30 days without replies" in page.text
    assert len(page.soup.select(".post-body")) == 2


def test_a_reply_that_lands_first_wins(make, monkeypatch):
    thread = make.thread(now=NOW - timedelta(days=31))
    stale_entry = Thread.get(thread.thread_id)
    make.reply(thread, now=NOW - timedelta(minutes=1))
    # The index is eventually consistent (docs/pitfalls.md #5): it may still show the old activity.
    monkeypatch.setattr(Thread.open_threads_by_activity, "query",
                        lambda *args, **kwargs: iter([stale_entry]))
    summary = jobs.run_job("close-stale", now=NOW)
    assert summary == {**summary, "closed": 0, "skipped": 1}
    assert fresh(thread).status == "open"


def test_running_twice_changes_nothing_more(make):
    thread = make.thread(now=NOW - timedelta(days=31))
    assert jobs.run_job("close-stale", now=NOW)["closed"] == 1
    first = fresh(thread)
    again = jobs.run_job("close-stale", now=NOW + timedelta(hours=1))
    assert again["closed"] == 0 and again["skipped"] == 0
    assert fresh(thread).closed_at == first.closed_at


def test_scheduled_handler_runs_the_job_and_lambda_retries_are_harmless(invoke, make):
    thread = make.thread(now=NOW - timedelta(days=31))
    event = invoke.events.generate_cw_event(source="aws.events", detail_type="Scheduled Event",
                                            detail={}, resources=[])
    with time_machine.travel(NOW, tick=False):
        first = invoke.lambda_.invoke("close_stale_threads", event)
        second = invoke.lambda_.invoke("close_stale_threads", event)
    assert first.payload["closed"] == 1 and second.payload["closed"] == 0
    assert fresh(thread).status == "closed"


class Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.INFO)
        self.records = []

    def emit(self, record):
        self.records.append(record)


def test_job_logs_one_structured_summary_line(make):
    make.thread(now=NOW - timedelta(days=31))
    logger, collect = logging.getLogger("lantern.jobs"), Collect()
    logger.addHandler(collect)
    level, logger.level = logger.level, logging.INFO
    try:
        jobs.run_job("close-stale", now=NOW)
    finally:
        logger.removeHandler(collect)
        logger.setLevel(level)
    lines = [logs.JsonFormatter().format(r) for r in collect.records
             if getattr(r, "summary", None)]
    assert len(lines) == 1 and "\n" not in lines[0]
    entry = json.loads(lines[0])
    assert entry["job"] == "close-stale" and entry["closed"] == 1
    assert entry["skipped"] == 0 and isinstance(entry["took_ms"], int)


def test_reply_to_a_closed_thread_is_refused(make):
    from pynamodb.exceptions import TransactWriteError

    thread = make.thread(now=NOW - timedelta(days=31))
    jobs.run_job("close-stale", now=NOW)
    with pytest.raises(TransactWriteError):
        make.reply(fresh(thread), now=NOW)


def test_moderator_reopens_and_the_idle_clock_restarts(make):
    moderator = make.member(role="moderator")
    thread = make.thread(now=NOW - timedelta(days=31))
    jobs.run_job("close-stale", now=NOW)
    assert closing.reopen_thread(thread.thread_id, moderator, now=NOW) is True
    reopened = fresh(thread)
    assert reopened.status == "open" and reopened.closed_at is None
    assert reopened.open_activity == keys.open_activity(NOW)
    # Idle clock counts from the reopening, not from the last post.
    later = NOW + timedelta(days=30)
    assert jobs.run_job("close-stale", now=later)["closed"] == 0
    assert jobs.run_job("close-stale", now=later + timedelta(seconds=1))["closed"] == 1


def test_reopened_thread_takes_replies_and_reopen_is_idempotent(make):
    moderator = make.member(role="admin")
    thread = make.thread(now=NOW - timedelta(days=31))
    jobs.run_job("close-stale", now=NOW)
    closing.reopen_thread(thread.thread_id, moderator, now=NOW)
    assert closing.reopen_thread(thread.thread_id, moderator, now=NOW) is False
    make.reply(fresh(thread), now=NOW + timedelta(minutes=1))
    assert fresh(thread).reply_count == 1


def test_only_moderators_reopen(make):
    thread = make.thread(now=NOW - timedelta(days=31))
    jobs.run_job("close-stale", now=NOW)
    with pytest.raises(errors.Forbidden):
        closing.reopen_thread(thread.thread_id, make.member(), now=NOW)
    with pytest.raises(errors.NotFound):
        closing.reopen_thread("01NOPE", make.member(role="moderator"), now=NOW)
    assert fresh(thread).status == "closed"
