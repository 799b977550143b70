"""The environment of the embedded local backend, shared by `make run` and the CLI.

`make run` writes .local/backend.json; `python -m ops.cli` reads it, so a job run
from another terminal talks to the same in-process moto server. This module sets
environment variables before chalicelib.core.config is imported: it is never imported by
the deployed app.
"""
import json
import os
import secrets
import socket

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


class AlreadyRunning(Exception):
    """Another `make run` serves from this state folder; ``str()`` says where."""


def write_backend_file(environment, state_dir=DEFAULT_STATE_DIR, pid=None):
    """Record this server (its process, site and backend) as the one of ``state_dir``."""
    os.makedirs(state_dir, exist_ok=True)
    record = {**environment, "LANTERN_DEVSERVER_PID": str(pid or os.getpid())}
    with open(_backend_file(state_dir), "w") as handle:
        json.dump(record, handle, indent=2)


def running_backend(state_dir=DEFAULT_STATE_DIR):
    """The record of the server that is alive in ``state_dir``, or None.

    A record whose process has gone (a crash, a killed terminal) is stale: it is removed,
    so it can never send a job to a server that no longer exists.
    """
    path = _backend_file(state_dir)
    if not os.path.exists(path):
        return None
    try:
        with open(path) as handle:
            record = json.load(handle)
        alive = _process_alive(int(record["LANTERN_DEVSERVER_PID"])) and _answers(
            record["AWS_ENDPOINT_URL"])
    except (ValueError, KeyError, OSError):
        alive = False
    if not alive:
        _remove(path)
        return None
    return record


def claim_state_dir(state_dir=DEFAULT_STATE_DIR):
    """:raise AlreadyRunning: while another `make run` serves from ``state_dir``."""
    record = running_backend(state_dir)
    if record is not None:
        raise AlreadyRunning(
            f"Lantern is already running from this checkout at {record['LANTERN_SITE_URL']}/ "
            f"(process {record['LANTERN_DEVSERVER_PID']}, state in {state_dir}).\n"
            "Use that one, stop it with Ctrl-C in its terminal, or run a second one apart with "
            "its own state and outbox: make run PORT=8001 STATE_DIR=.local-8001")


def use_running_backend(state_dir=DEFAULT_STATE_DIR):
    """Point this process at the backend the `make run` of ``state_dir`` started.

    :return: that server's record (its site URL names it), or None when none is running.
    """
    record = running_backend(state_dir)
    if record is None:
        return None
    os.environ.update({name: value for name, value in record.items()
                       if name != "LANTERN_DEVSERVER_PID"})
    return record


def forget_backend(state_dir=DEFAULT_STATE_DIR, pid=None):
    """Remove the record, only if it is still this server's (a later server may own it)."""
    path = _backend_file(state_dir)
    try:
        with open(path) as handle:
            owner = json.load(handle).get("LANTERN_DEVSERVER_PID")
    except (OSError, ValueError):
        return
    if owner == str(pid or os.getpid()):
        _remove(path)


def _process_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, owned by another user
        return True
    return True


def _answers(endpoint):
    host, _, port = endpoint.rpartition("//")[2].partition(":")
    try:
        with socket.create_connection((host, int(port)), timeout=1):
            return True
    except (OSError, ValueError):
        return False


def _remove(path):
    try:
        os.remove(path)
    except FileNotFoundError:
        pass
