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
})
for variable in ("AWS_ENDPOINT_URL", "AWS_PROFILE", "LANTERN_OUTBOX_DIR", "LANTERN_BASE_PATH"):
    os.environ.pop(variable, None)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.join(ROOT, "tests"))

import moto  # noqa: E402  (before any boto3 client exists)
import pytest  # noqa: E402

import chalicelib.features  # noqa: E402,F401  (every feature's hooks, as app.py wires them)

from helpers import factories  # noqa: E402
from helpers.web_client import WebClient  # noqa: E402


@pytest.fixture(autouse=True)
def aws():
    """A fresh, empty moto AWS for every test, with Lantern's tables created."""
    from chalicelib.core import signing
    from ops import backend

    signing.signing_keys.cache_clear()
    with moto.mock_aws():
        backend.create_local_resources()
        yield


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


@pytest.fixture
def invoke(app):
    """Invoke a scheduled, SQS or SNS handler by name, as Lambda would."""
    from chalice.test import Client

    with Client(app, stage_name="test", project_dir=ROOT) as lambda_client:
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
