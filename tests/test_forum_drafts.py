"""Drafts are never lost: ended sessions, stale forms, rate limits and DynamoDB outages."""
from datetime import timedelta

import pytest

from chalicelib.core import clock, config
from chalicelib.models import Draft, Member
from chalicelib.models.forum import Thread


def drafts_cookie():
    from chalicelib.forum import drafts

    return drafts.cookie_name()


def end_sessions_of(member):
    Member(member_id=member.member_id).update(actions=[Member.session_epoch.add(1)])


def test_session_ended_while_writing_keeps_a_draft_restored_after_login(client, make):
    thread = make.thread()
    writer = make.member()
    client.login(writer)
    client.get(f"/t/{thread.thread_id}")
    end_sessions_of(writer)
    page = client.post(f"/t/{thread.thread_id}/reply",
                       {"body": "A long reply written slowly", "action": "post"})
    assert page.status == 403
    assert "Your draft is saved" in page.text
    assert page.soup.find("textarea", string="A long reply written slowly")
    assert drafts_cookie() in client.cookies
    assert Thread.get(thread.thread_id).reply_count == 0

    client.login(Member.get(writer.member_id))
    back = client.get("/draft")
    assert back.status == 303
    assert back.location == f"/t/{thread.thread_id}/reply?draft=1"
    composer = client.follow()
    assert composer.value_of("body") == "A long reply written slowly"
    assert "Your draft was kept" in composer.text

    posted = client.post(f"/t/{thread.thread_id}/reply",
                         {"body": composer.value_of("body"), "action": "post"})
    assert posted.status == 303
    assert drafts_cookie() not in client.cookies
    assert Thread.get(thread.thread_id).reply_count == 1


def test_restore_after_login_names_the_composer(client, make):
    from chalicelib.forum import drafts

    make.category("support")
    writer = make.member()
    client.login(writer)
    end_sessions_of(writer)
    client.post("/c/support/new", {"title": "Kept title", "body": "Kept body", "action": "post"})
    request = type("Request", (), {"headers": {"cookie": "; ".join(
        f"{k}={v}" for k, v in client.cookies.items())}})
    assert drafts.restore_after_login(request, writer) == "/c/support/new?draft=1"
    assert drafts.restore_after_login(request, make.member()) is None  # someone else
    later = clock.utcnow() + timedelta(hours=25)
    assert drafts.restore_after_login(request, writer, now=later) is None


def test_draft_table_has_a_ttl():
    assert Draft.ttl_attribute == "expires_at"


def test_old_csrf_token_keeps_text_for_a_member(member_client, make):
    thread = make.thread()
    page = member_client.post(f"/t/{thread.thread_id}/reply",
                              {"body": "Typed for hours", "csrf_token": "old-token"})
    assert page.status == 403
    assert page.soup.find("textarea", string="Typed for hours")


def test_rate_limit_keeps_text_and_is_stricter_on_the_first_day(client, make):
    config.override(rate_limits=True)
    try:
        thread = make.thread()
        client.login(make.member(now=clock.utcnow() - timedelta(hours=2)))
        for number in range(10):
            assert client.post(f"/t/{thread.thread_id}/reply",
                               {"body": f"reply {number}", "action": "post"}).status == 303
        page = client.post(f"/t/{thread.thread_id}/reply", {"body": "one more", "action": "post"})
        assert page.status == 429
        assert page.headers["retry-after"]
        assert "New accounts" in page.text
        assert page.soup.find("textarea", string="one more")

        client.login(make.member(now=clock.utcnow() - timedelta(days=30)))
        for number in range(11):
            assert client.post(f"/t/{thread.thread_id}/reply",
                               {"body": f"settled {number}", "action": "post"}).status == 303
    finally:
        config.override(rate_limits=False)


class _Body:
    def __init__(self, data):
        self.data = data

    def stream(self, **kwargs):
        yield self.data


@pytest.fixture
def throttled_transactions(monkeypatch):
    """Every TransactWriteItems answers as throttled DynamoDB does, retries included.

    moto never throttles (docs/pitfalls.md #6): a botocore ``before-send`` handler runs inside the
    retry loop, so botocore retries each fake 400 exactly as it would a real one.
    """
    from botocore.awsrequest import AWSResponse
    from chalicelib.core import aws

    calls = []

    def throttle(request, **kwargs):
        calls.append(request.url)
        body = (b'{"__type":"com.amazonaws.dynamodb.v20120810#ThrottlingException",'
                b'"message":"Rate of requests exceeds the allowed throughput."}')
        return AWSResponse(request.url, 400, {"content-type": "application/x-amz-json-1.0"},
                           _Body(body))

    def start():
        from helpers import streams

        # A client only sees handlers its session had when it was made: start afresh.
        aws.reset()
        aws.session().register("before-send.dynamodb.TransactWriteItems", throttle)
        # The stream handlers' own transactions would be throttled too (in AWS they are
        # retried later); this test is about the page, so reactions wait.
        monkeypatch.setattr(streams, "_reader", None)
        return calls

    yield start
    aws.reset()


def test_throttled_dynamodb_shows_503_and_keeps_text(member_client, make, throttled_transactions):
    thread = make.thread()
    calls = throttled_transactions()
    page = member_client.post(f"/t/{thread.thread_id}/reply",
                              {"body": "Please do not lose this", "action": "post"})
    # (moto's own before-send handler still applies the transaction behind the injected
    # answer, so here the reply lands although DynamoDB "refused" it; tests/helpers/faults.py
    # injects faults that change nothing, as in DynamoDB, and tests/test_faults.py checks it.)
    assert page.status == 503
    assert "try again" in page.text
    assert page.soup.find("textarea", string="Please do not lose this")
    assert "Traceback" not in page.text
    assert len(calls) > 1  # botocore retried before giving up
