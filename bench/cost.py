"""What a million page views cost: measured per page, priced at list prices (docs/cost.md).

In one process, against moto: a forum seeded with the demo content plus a 20-post thread of
~800-character posts. Each page is served through Chalice's test client, anonymous and as
a member, warm (a Lambda serves most views warm), COST_ROUNDS times. Measured per view:
the function's own milliseconds (wall time minus the time spent inside moto), its DynamoDB
requests, and their read units from the sizes of the items returned (0.5 per 4 KB read
eventually consistent, 1 strongly; a Query rounds its whole page). A reply is posted
through the form and its stream reactions run, for the write units of one post.
Then bench/_prices.py turns that into dollars: the function's time scaled to the CPU share
of the configured memory plus DYNAMODB_MS per request, and writes docs/cost.md.
"""
import json
import math
import os
import statistics
import sys
import time
from datetime import timedelta

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _env  # noqa: E402

_env.prepare()

import botocore.handlers  # noqa: E402

import _prices as prices  # noqa: E402
from _units import units  # noqa: E402

ROUNDS = int(os.environ.get("COST_ROUNDS", "15"))
DOC = os.path.join(_env.ROOT, "docs", "cost.md")
BODY = ("Week three of the taper and the evenings are the hardest part. " * 13)[:800]
METER = {"requests": 0, "read_units": 0.0, "write_units": 0.0, "dynamo_s": 0.0, "started": []}


def _before(model=None, params=None, **kwargs):
    # ``params`` is the serialised request; DynamoDB's JSON body has the API's own shape.
    body = json.loads(params.get("body") or b"{}")
    METER["started"].append((time.perf_counter(), model.name, body))


def _after(model=None, parsed=None, **kwargs):
    started, name, params = METER["started"].pop()
    METER["dynamo_s"] += time.perf_counter() - started
    if name.startswith(("Describe", "List", "Create", "Update" + "Table")):
        return
    read, write = units(name, params, parsed or {})
    METER["requests"] += 1
    METER["read_units"] += read
    METER["write_units"] += write


botocore.handlers.BUILTIN_HANDLERS.append(("before-call.dynamodb", _before))
botocore.handlers.BUILTIN_HANDLERS.append(("after-call.dynamodb", _after))

import moto  # noqa: E402


def snapshot():
    return {key: METER[key] for key in ("requests", "read_units", "write_units", "dynamo_s")}


def delta(before):
    return {key: METER[key] - before[key] for key in before}


def seed():
    """Demo content, a member, and a 20-post thread of ~800-character posts."""
    from ops import backend, seed as demo
    from ops.localstreams import StreamReader
    from chalicelib.core import clock, passwords
    from chalicelib.forum import posting
    from chalicelib.models.forum import Thread
    from chalicelib.platform import members, session_lifecycle

    backend.create_local_resources()
    reader = StreamReader()
    demo.seed_categories()
    demo.seed_demo_content()
    member = members.create_member("costbench", "costbench@example.org",
                                   passwords.hash_password("a long bench password"),
                                   verified=True, now=clock.utcnow() - timedelta(days=60))
    slug = demo.CATEGORIES[0][0]
    thread, _ = posting.start_thread(slug, member, "How long did the evenings last?", BODY)
    for _ in range(19):
        posting.add_reply(Thread.get(thread.thread_id), member, BODY)
    reader.drain()
    token = session_lifecycle.start_session(member).split(";")[0]
    return reader, member, thread, slug, token


def pages(member, thread, slug):
    return {"home": "/", "category": f"/c/{slug}", "thread (20 posts)": f"/t/{thread.thread_id}",
            "unanswered": "/unanswered", "member profile": f"/u/{member.handle}",
            "feed": "/feed", "stylesheet": "/static/lantern.css"}


def measure_view(client, path, cookie):
    headers = {"cookie": cookie} if cookie else {}
    samples = []
    for round_number in range(ROUNDS + 2):
        before = snapshot()
        started = time.perf_counter()
        response = client.http.get(path, headers=headers)
        wall = time.perf_counter() - started
        assert response.status_code == 200, (path, response.status_code)
        used = delta(before)
        if round_number >= 2:  # the first two warm the templates and clients
            samples.append((wall - used["dynamo_s"], used, response))
    own = statistics.median(sample[0] for sample in samples) * 1000
    used, response = samples[-1][1], samples[-1][2]
    body = response.body if isinstance(response.body, bytes) else response.body.encode()
    import gzip

    return {"own_ms": own, "requests": used["requests"], "read_units": used["read_units"],
            "cache": {k.lower(): v for k, v in response.headers.items()}.get("cache-control", ""),
            "gzip_kb": len(gzip.compress(body)) / 1024}


def measure_post(client, reader, thread, token):
    from chalicelib.platform import sessions
    from chalicelib.web import forms

    visitor = sessions.Visitor(session_token=token.partition("=")[2].partition(".")[2])
    body = "csrf_token=" + forms.csrf_token(visitor) + "&body=" + BODY.replace(" ", "+")
    before = snapshot()
    response = client.http.post(f"/t/{thread.thread_id}/reply", body=body.encode(), headers={
        "cookie": token, "content-type": "application/x-www-form-urlencoded"})
    assert response.status_code == 303, response.status_code
    reader.drain()
    return delta(before)


def priced(view, memory_mb):
    cpu_scale = max(1.0, prices.FULL_VCPU_MB / memory_mb)
    lambda_ms = view["own_ms"] * cpu_scale + view["requests"] * prices.DYNAMODB_MS
    page = {**view, "lambda_ms": math.ceil(lambda_ms), "memory_mb": memory_mb}
    page["dollars"] = prices.origin_dollars(page)
    page["rest_dollars"] = prices.origin_dollars(page, prices.REST_API_REQUEST)
    return page


def memory_mb():
    config = json.load(open(os.path.join(_env.ROOT, ".chalice", "config.json")))
    return config["stages"]["prod"]["lambda_memory_size"]


def main():
    from chalice.test import Client

    with moto.mock_aws():
        reader, member, thread, slug, token = seed()
        from app import app

        with Client(app, stage_name="test", project_dir=_env.ROOT) as client:
            views = {(name, who): priced(measure_view(client, path, cookie), memory_mb())
                     for name, path in pages(member, thread, slug).items()
                     for who, cookie in (("anonymous", None), ("member", token))}
            post = measure_post(client, reader, thread, token)
    import _cost_doc

    return _cost_doc.write(views, post, memory_mb(), DOC)


if __name__ == "__main__":
    sys.exit(main())
