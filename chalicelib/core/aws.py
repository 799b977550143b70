"""One botocore session and one client per AWS service for the whole process.

Each new session loads botocore's service models and endpoint data again, and each client
costs tens to hundreds of milliseconds on a cold Lambda (docs/pitfalls.md #17), so every
model, transaction, email and queue message shares what is made here, on first use.
botocore clients are thread-safe; their creation is serialised because a session is not.
Plain botocore, not boto3: a page view never has to import boto3.
"""
import threading

from chalicelib.core import config

# Held while a client is made: a botocore session is not thread-safe.
lock = threading.RLock()
_session = None
_clients = {}


def session():
    global _session
    with lock:
        if _session is None:
            import botocore.session

            _session = botocore.session.get_session()
        return _session


def client(service):
    """The shared client for ``service`` ("ses", "sqs", "ssm", ...) in Lantern's region."""
    with lock:
        if service not in _clients:
            _clients[service] = session().create_client(
                service, region_name=config.settings.aws_region)
        return _clients[service]


def reset():
    """Forget every shared client and the session (tests that add botocore handlers, which a
    client only sees if it is made after them)."""
    global _session
    with lock:
        _session = None
        _clients.clear()
        for hook in _on_reset:
            hook()


_on_reset = []


def on_reset(hook):
    """``hook()`` runs on every reset: a layer above that keeps its own client forgets it."""
    _on_reset.append(hook)
