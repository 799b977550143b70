"""The environment of the embedded local backend, shared by `make run` and the CLI.

`make run` writes .local/backend.json; `python -m ops.cli` reads it, so a job run
from another terminal talks to the same in-process moto server. This module sets
environment variables before chalicelib.core.config is imported: it is never imported by
the deployed app.
"""
import json
import os
import secrets

PROJECT_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Where `make run` keeps its secret, outbox and backend address; tests use a temporary one.
DEFAULT_STATE_DIR = os.path.join(PROJECT_ROOT, ".local")
FAKE_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                    "AWS_SESSION_TOKEN": "testing", "AWS_SECURITY_TOKEN": "testing"}


def _backend_file(state_dir):
    return os.path.join(state_dir, "backend.json")


def local_secret(state_dir=DEFAULT_STATE_DIR):
    """A signing key kept in .local/secret, so local sessions survive a restart."""
    path = os.path.join(state_dir, "secret")
    os.makedirs(state_dir, exist_ok=True)
    if not os.path.exists(path):
        with open(path, "w") as handle:
            handle.write(secrets.token_urlsafe(32))
    with open(path) as handle:
        return handle.read().strip()


def local_environment(endpoint, site_url, state_dir=DEFAULT_STATE_DIR):
    return {
        **FAKE_CREDENTIALS,
        "AWS_DEFAULT_REGION": "eu-west-1",
        "AWS_REGION": "eu-west-1",
        "AWS_ENDPOINT_URL": endpoint,
        "LANTERN_STAGE": "local",
        "LANTERN_TABLE_PREFIX": "lantern-local-",
        "LANTERN_SITE_URL": site_url,
        "LANTERN_SECRET": local_secret(state_dir),
        "LANTERN_OUTBOX_DIR": os.path.join(state_dir, "outbox"),
        "LANTERN_SEARCH_DIR": os.path.join(state_dir, "search"),
        "LANTERN_SEARCH_CACHE_DIR": os.path.join(state_dir, "search-cache"),
        # A folder listing costs nothing: a new post is findable a moment after the stream.
        "LANTERN_SEARCH_REFRESH_SECONDS": "1",
    }


def write_backend_file(environment, state_dir=DEFAULT_STATE_DIR):
    os.makedirs(state_dir, exist_ok=True)
    with open(_backend_file(state_dir), "w") as handle:
        json.dump(environment, handle, indent=2)


def use_running_backend(state_dir=DEFAULT_STATE_DIR):
    """Point this process at the backend `make run` started.

    :return: the endpoint, or None when no local backend is recorded.
    """
    if not os.path.exists(_backend_file(state_dir)):
        return None
    with open(_backend_file(state_dir)) as handle:
        environment = json.load(handle)
    os.environ.update(environment)
    return environment["AWS_ENDPOINT_URL"]


def forget_backend(state_dir=DEFAULT_STATE_DIR):
    if os.path.exists(_backend_file(state_dir)):
        os.remove(_backend_file(state_dir))
