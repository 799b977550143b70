"""Shared by the benchmarks: fake credentials and test settings before any import."""
import logging
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH_ENV = {
    "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing", "AWS_DEFAULT_REGION": "eu-west-1", "AWS_REGION": "eu-west-1",
    "LANTERN_STAGE": "test", "LANTERN_TABLE_PREFIX": "lantern-bench-",
    "LANTERN_SECRET": "bench-signing-key", "LANTERN_RATE_LIMITS": "off",
}


def prepare():
    os.environ.update(BENCH_ENV)
    os.environ.pop("AWS_ENDPOINT_URL", None)
    if ROOT not in sys.path:
        sys.path.insert(0, ROOT)
    # A bench serves thousands of pages: a log line each would bury its figures.
    logging.getLogger("lantern.invocations").setLevel(logging.WARNING)


def record_dynamodb_requests():
    """A list that gets each DynamoDB operation's name as it is called.

    Call it before any client exists (botocore copies its handlers into each new client),
    so every DynamoDB client PynamoDB makes counts.
    """
    import botocore.handlers

    requests = []
    botocore.handlers.BUILTIN_HANDLERS.append(
        ("before-call.dynamodb", lambda model=None, **kwargs: requests.append(model.name)))
    return requests


def report(figure, value, bar, ok):
    """One line of `make bench`'s closing table (bench/run_all.py collects them)."""
    print(f"[{'meets' if ok else 'FALLS SHORT'}] {figure}: {value} (bar {bar})")
    path = os.environ.get("BENCH_RESULTS")
    if path:
        import json

        with open(path, "a") as handle:
            handle.write(json.dumps({"figure": figure, "value": str(value), "bar": str(bar),
                                     "ok": bool(ok)}) + "\n")
