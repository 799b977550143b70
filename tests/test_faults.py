"""DynamoDB failing under every POST route: throttling, ServiceUnavailable, transaction
conflicts, injected into each DynamoDB call of each request in turn (tests/helpers/faults.py,
inside botocore's retry loop: docs/pitfalls.md #6).

Whatever call fails, the answer is never a 500: a calm 503 that keeps the member's text; and
nothing is half-written: every post has its thread's counters and the reverse, and a 503 that
says "could not save that" changed no forum table. Transaction conflicts are first retried
with jitter (chalicelib/models/writes.py).
"""
import json
import os

import pytest

from chalicelib.models import writes
from chalicelib.models.forum import Post, Thread
from chalicelib.web.responses import MAYBE_SAVED
from helpers import factories, faults
from helpers.route_forms import post_routes
from helpers.worlds import aws, chalice_client, world  # noqa: F401  (the module's one world)
from test_authorization_matrix import EXPECTED, FORMS

MARK = "Please keep these words safe"
POST_ROUTES = post_routes()
# What a refused or failed request may still write: a session seen, a rate-limit window, the
# kept draft.
BOOKKEEPING = {"sessions", "ratelimits", "drafts"}
# Bounded so the suite stays fast: every call of a short request is failed in turn, and a
# longer request at spaced positions (its first calls, then further apart). Throttling and
# ServiceUnavailable take one path (botocore's retries, then the 503 page), so they share the
# positions out instead of both failing each; a conflict can only fail a transaction.
FAULT_POSITIONS = {"throttled": (0, 2, 5, 13), "unavailable": (1, 3, 8),
                   "conflict": (0, 1, 2, 3, 5, 8, 13)}
# Routes that still write in several independent steps, so a failure between two of them
# leaves the first done while the page says nothing was saved (none, since issue 15).
KNOWN_PARTIAL_WRITES = set()
FIGURES = {"routes": 0, "requests": 0, "faults": 0, "503": 0, "maybe saved": 0, "5xx": 0}


@pytest.fixture
def injector(monkeypatch):
    # The pauses between a conflicted transaction's tries are random; a millisecond here.
    monkeypatch.setattr(writes, "CONFLICT_PAUSE_SECONDS", 0.001)
    return faults.install(monkeypatch)


def stored(model):
    """``model``'s table as moto holds it in memory: a Scan of every table after every
    request was most of this module's time."""
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.dynamodb.models import dynamodb_backends

    table = dynamodb_backends[DEFAULT_ACCOUNT_ID][os.environ["AWS_REGION"]].tables[
        model.Meta.table_name]
    return [item.to_json()["Attributes"] for item in table.all_items()]


def forum_state():
    """Every thread's counters against its posts."""
    posts = {}
    for post in stored(Post):
        posts.setdefault(post["thread_id"]["S"], []).append(post["post_id"]["S"])
    threads = {thread["thread_id"]["S"]: thread for thread in stored(Thread)}
    return threads, posts


def assert_whole(threads, posts):
    """No post without its thread's counters, no counter without its post."""
    assert set(posts) <= set(threads), "posts of a thread that does not exist"
    for thread_id, thread in threads.items():
        mine = posts.get(thread_id, [])
        replies = int(thread.get("reply_count", {}).get("N", 0))
        assert len(mine) == 1 + replies, (thread["title"], len(mine))
        last = thread.get("last_post_id", {}).get("S")
        assert last in mine or last is None


def table_items():
    from chalicelib.models import ALL_MODELS

    return {model.Meta.short_name: sorted(json.dumps(item, sort_keys=True)
                                          for item in stored(model))
            for model in ALL_MODELS if model.Meta.short_name not in BOOKKEEPING}


def _form(path):
    return {**FORMS.get(path, {}), "title": f"{MARK} (title)", "body": MARK,
            "content_warning": "", "reason": "spam", "note": MARK, "message": MARK}


def _client(world, chalice_client, path):
    return world.client(chalice_client, EXPECTED[("POST", path)])


@pytest.mark.parametrize("fault", sorted(faults.FAULTS))
def test_every_post_route_answers_calmly_and_writes_whole_or_nothing(
        world, chalice_client, injector, fault):
    five_hundreds, partial = [], set()
    for path in POST_ROUTES:
        FIGURES["routes"] += fault == "conflict"
        ids, _ = world.ids_for(path)
        url = path.format(**ids)
        before = table_items()
        for at in FAULT_POSITIONS[fault]:
            client = _client(world, chalice_client, path)
            injector.arm(fault, at)
            page = client.post(url, _form(path))
            injector.disarm()
            FIGURES["requests"] += 1
            if not injector.injected:
                break  # the request made fewer calls than ``at``: swept
            FIGURES["faults"] += injector.injected
            if page.status >= 500:
                FIGURES["5xx"] += page.status != 503
                FIGURES["503"] += page.status == 503
            if page.status >= 500 and page.status != 503:
                five_hundreds.append((fault, at, path, page.status))
                continue
            threads, posts = forum_state()
            assert_whole(threads, posts)
            if page.status == 503:
                assert "Traceback" not in page.text
                assert MARK in page.text, (fault, at, path, page.text[:400])
                if MAYBE_SAVED.split(".")[0] in page.text:
                    FIGURES["maybe saved"] += 1
                    before = table_items()
                elif table_items() != before:
                    partial.add(path)
                    before = table_items()
            else:  # answered (refused, or the retries got through): it may have written
                before = table_items()
    print(f"\n{fault}: {FIGURES}; half-written: {sorted(partial)}")
    assert not five_hundreds, five_hundreds
    assert partial <= KNOWN_PARTIAL_WRITES, (
        f"said nothing was saved, yet wrote: {sorted(partial - KNOWN_PARTIAL_WRITES)}")


def test_a_conflict_that_clears_is_retried_and_the_reply_is_posted(
        world, chalice_client, injector):
    """A reply and a thread move at the same instant: the reply's transaction conflicts once,
    is tried again after a short random pause, and lands."""
    thread = factories.thread(author=world.people["member"])
    client = _client(world, chalice_client, "/t/{thread_id}/reply")
    injector.arm("conflict", 0, limit=1)
    page = client.post(f"/t/{thread.thread_id}/reply", {"body": MARK, "action": "post"})
    injector.disarm()
    assert injector.injected == 1
    assert page.status == 303, page.text[:300]
    thread.refresh()
    assert thread.reply_count == 1
