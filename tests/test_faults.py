"""DynamoDB failing under every POST route: throttling, ServiceUnavailable, transaction
conflicts, injected into each DynamoDB call of each request in turn (tests/helpers/faults.py,
inside botocore's retry loop: docs/pitfalls.md #6).

Whatever call fails, the answer is never a 500: a calm 503 that keeps the member's text; and
nothing is half-written: every post has its thread's counters and the reverse, and a 503 that
says "could not save that" changed no forum table. Transaction conflicts are first retried
with jitter (chalicelib/models/writes.py).
"""
import pytest

from chalicelib.models.forum import Category, Post, Thread
from chalicelib.route_table import ROUTES
from chalicelib.web.responses import MAYBE_SAVED
from helpers import factories, faults
from helpers.web_client import WebClient
from test_authorization_matrix import EXPECTED, FORMS, World

MARK = "Please keep these words safe"
POST_ROUTES = [path for methods, path, _target in ROUTES if "POST" in methods]
VISITOR_FOR_RULE = {"public": None, "token": None, "moderator": "moderator", "admin": "admin"}
# What a refused or failed request may still write: a session seen, a rate-limit window, the
# kept draft.
BOOKKEEPING = {"sessions", "ratelimits", "drafts"}
# Bounded so the suite stays fast: every call of a short request is failed in turn, and a
# longer request at spaced positions (its first calls, then further apart).
FAULT_POSITIONS = (0, 1, 2, 3, 5, 8, 13)
# Routes that still write in several independent steps, so a failure between two of them
# leaves the first done while the page says nothing was saved. Open defects (issue 15): each
# needs its writes in one transaction, or its page to say what was done.
KNOWN_PARTIAL_WRITES = {
    "/journal/medications/{medication_id}/remove", "/letters/{correspondence_id}",
    "/letters/{correspondence_id}/accept", "/letters/{correspondence_id}/end",
    "/letters/{correspondence_id}/pause", "/p/{thread_id}/{post_id}/edit",
    "/settings/logout-everywhere"}
FIGURES = {"routes": 0, "requests": 0, "faults": 0, "503": 0, "maybe saved": 0, "5xx": 0}


@pytest.fixture(scope="module")
def world():
    import moto

    from chalicelib.core import signing
    from ops import backend

    signing.signing_keys.cache_clear()
    with moto.mock_aws():
        backend.create_local_resources()
        yield World()


@pytest.fixture(autouse=True)
def aws(world):
    """One moto world for the module (replaces conftest.py's per-test one)."""
    yield


@pytest.fixture(scope="module")
def chalice_client(world):
    from chalice.test import Client

    from app import app
    from conftest import ROOT

    with Client(app, stage_name="test", project_dir=ROOT) as client:
        yield client


@pytest.fixture
def injector(monkeypatch):
    return faults.install(monkeypatch)


def forum_state():
    """Every thread's counters against its posts; the categories' counts."""
    posts = {}
    for post in Post.scan():
        posts.setdefault(post.thread_id, []).append(post.post_id)
    threads = {thread.thread_id: thread for thread in Thread.scan()}
    return threads, posts, {(c.slug, c.post_count, c.thread_count) for c in Category.scan()}


def assert_whole(threads, posts):
    """No post without its thread's counters, no counter without its post."""
    assert set(posts) <= set(threads), "posts of a thread that does not exist"
    for thread_id, thread in threads.items():
        mine = posts.get(thread_id, [])
        assert len(mine) == 1 + int(thread.reply_count or 0), (thread.title, len(mine))
        assert thread.last_post_id in mine or thread.last_post_id is None


def table_items():
    from chalicelib.models import ALL_MODELS

    return {model.Meta.short_name: sorted(str(item.attribute_values) for item in model.scan())
            for model in ALL_MODELS if model.Meta.short_name not in BOOKKEEPING}


def _form(path):
    return {**FORMS.get(path, {}), "title": f"{MARK} (title)", "body": MARK,
            "content_warning": "", "reason": "spam", "note": MARK, "message": MARK}


def _client(world, chalice_client, path):
    rule = EXPECTED[("POST", path)]
    client = WebClient(chalice_client)
    visitor = VISITOR_FOR_RULE.get(rule, "member")
    if visitor:
        person = world.people[visitor]
        person.refresh()
        client.login(person)
    return client


@pytest.mark.parametrize("fault", sorted(faults.FAULTS))
def test_every_post_route_answers_calmly_and_writes_whole_or_nothing(
        world, chalice_client, injector, fault):
    five_hundreds, partial = [], set()
    for path in POST_ROUTES:
        FIGURES["routes"] += fault == "conflict"
        ids, _ = world.ids_for(path)
        url = path.format(**ids)
        before = table_items()
        for at in FAULT_POSITIONS:
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
            threads, posts = forum_state()[:2]
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
