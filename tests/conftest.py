"""Test harness: fake AWS credentials and settings before `app` is imported, moto for
every test, a chalice test client with a cookie jar, and factories.
"""
import os
import sys

# Settings are read once at import (docs/pitfalls.md #2), so they are set before anything else.
os.environ.update({
    "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing", "AWS_SECURITY_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "eu-west-1", "AWS_REGION": "eu-west-1",
    "LANTERN_STAGE": "test", "LANTERN_TABLE_PREFIX": "lantern-test-",
    "LANTERN_SECRET": "test-signing-key-new,test-signing-key-old",
    "LANTERN_SITE_URL": "https://lantern.test", "LANTERN_RATE_LIMITS": "off",
    "LANTERN_SENDER": "Lantern <no-reply@lantern.test>",
    # The search index lives in (moto's) S3 as deployed; each test's moto starts empty.
    "LANTERN_SEARCH_BUCKET": "lantern-test-search", "LANTERN_SEARCH_REFRESH_SECONDS": "0",
    "LANTERN_SEARCH_CACHE_DIR": os.path.join(__import__("tempfile").gettempdir(),
                                             f"lantern-test-search-{os.getpid()}"),
})
for variable in ("AWS_ENDPOINT_URL", "AWS_PROFILE", "LANTERN_OUTBOX_DIR", "LANTERN_BASE_PATH"):
    os.environ.pop(variable, None)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.join(ROOT, "tests"))

import moto  # noqa: E402  (before any boto3 client exists)
import pytest  # noqa: E402

import chalicelib.features  # noqa: E402,F401  (every feature's hooks, as app.py wires them)

from helpers import factories, fuzzing, resources, streams  # noqa: E402
from helpers.web_client import WebClient  # noqa: E402

fuzzing.load_profile()


@pytest.fixture(autouse=True)
def aws():
    """A fresh, empty moto AWS for every test, with Lantern's tables created (copies of the
    ones the process's first test created: tests/helpers/resources.py)."""
    from chalicelib.core import signing
    from chalicelib.search import replica

    signing.signing_keys.cache_clear()
    replica.forget()
    with moto.mock_aws():
        resources.create()
        streams.start()
        yield
        streams.stop()


@pytest.fixture(autouse=True)
def one_request_at_a_time_in_moto(monkeypatch):
    """moto's in-memory DynamoDB is not thread-safe (docs/pitfalls.md #19): two transactions
    at once both pass their conditions, then both write. Real DynamoDB applies each request
    atomically; a lock around moto's request handlers gives every test that guarantee, while
    threads in concurrency tests still send their requests at the same time."""
    from ops import backend

    for handler, call_action in backend.atomic_dynamodb_handlers().items():
        monkeypatch.setattr(handler, "call_action", call_action)


@pytest.fixture
def drain_streams():
    """``drain_streams()`` hands every stream record written so far to its handlers, and
    theirs too, until none is left (no sleeping: moto's streams are read directly).
    The client, ``make`` and ``invoke`` helpers already drain after each call."""
    return streams.drain


@pytest.fixture
def app():
    from app import app as chalice_app

    return chalice_app


@pytest.fixture
def client(app):
    """A browser-like client: keeps cookies and adds the CSRF token to posted forms."""
    from chalice.test import Client

    with Client(app, stage_name="test", project_dir=ROOT) as chalice_client:
        yield WebClient(chalice_client)


@pytest.fixture
def make():
    """Factories: ``make.member()``, ``make.category()``, ``make.thread()``, ``make.reply()``."""
    return factories


@pytest.fixture
def member(make):
    return make.member()


@pytest.fixture
def member_client(client, member):
    """A client logged in as ``member``."""
    client.login(member)
    return client


class _DrainingLambda:
    """chalice's ``client.lambda_``, draining the streams after each invocation."""

    def __init__(self, lambda_):
        self._lambda = lambda_

    def invoke(self, *args, **kwargs):
        response = self._lambda.invoke(*args, **kwargs)
        streams.drain()
        return response


@pytest.fixture
def invoke(app):
    """Invoke a scheduled, SQS, SNS or stream handler by name, as Lambda would; the
    streams are drained after each call, as a moment later in AWS."""
    from chalice.test import Client

    with Client(app, stage_name="test", project_dir=ROOT) as lambda_client:
        lambda_client._lambda_client = _DrainingLambda(lambda_client.lambda_)
        yield lambda_client


@pytest.fixture
def rate_limits():
    """Switch rate limits on for one test (they are off in tests unless asked for).

    The clock is frozen just after the start of an hour, so a slow machine never sees a
    limit window roll over halfway through the test.
    """
    from datetime import timedelta

    import time_machine

    from chalicelib.core import clock, config

    start = clock.utcnow().replace(minute=0, second=1, microsecond=0) + timedelta(hours=1)
    config.override(rate_limits=True)
    with time_machine.travel(start, tick=False):
        yield start
    config.override(rate_limits=False)


@pytest.fixture
def dynamodb_requests():
    """The operation name of every DynamoDB request made while the test runs, in order."""
    import botocore.handlers

    from chalicelib.core import aws

    counted = []

    def count(model=None, **kwargs):
        counted.append(model.name)

    botocore.handlers.BUILTIN_HANDLERS.append(("before-call.dynamodb", count))
    aws.reset()  # the shared client made from now on sees the handler
    yield counted
    botocore.handlers.BUILTIN_HANDLERS.remove(("before-call.dynamodb", count))
    aws.reset()


@pytest.fixture
def small_pages():
    """Pages of 5 posts, so a long thread's pages are a few dozen posts away (the logic is the
    same at 20; bench/long_threads.py measures a 10,000-post thread)."""
    from chalicelib.core import config

    original = config.settings.page_size
    config.override(page_size=5)
    yield 5
    config.override(page_size=original)
