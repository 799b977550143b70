"""Cold-start cost: importing `app` and answering a first request, versus the bare dependencies.

A cold Lambda imports the code and then serves one request, making its AWS clients on the
way. So each sample is a fresh interpreter that imports `app` and hands it one API Gateway
event for a GET page of the route table (every one, with ids from a seeded forum), against
a moto server; the bare sample imports chalice, boto3/botocore, pynamodb and jinja2 and makes
one GetItem through a plain client against the same server. Requests carry a logged-in
member's session cookie (pages for anyone render as for a member, the costlier case).
Samples alternate bare / page, and each page sample is divided by the mean of the bare
samples just before and just after it, so a burst of machine load hits both sides of a ratio
alike; a page's figure is the median of its ratios over COLDSTART_ROUNDS rounds. On a shared
machine a burst can still catch two of a page's few samples, and the slowest of some sixty
such figures is the one most likely to be so caught. So the CONFIRM_PAGES slowest pages
after those rounds are measured again, COLDSTART_CONFIRM_ROUNDS fresh rounds interleaved the
same way, and their figure is the median of those fresh ratios alone: samples that picked a
page out for being slow would favour it staying slow (the winner's curse), fresh ones are an
even measure, so a page truly over the bar stays over it and a burst does not fail the bench.

Prints the import-only ratio, the ratio of the median page and of the slowest page (the
bar: every page's first request at most 1.5x the bare dependencies).
"""
import compileall
import json
import os
import statistics
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _env  # noqa: E402

_env.prepare()

ROUNDS = int(os.environ.get("COLDSTART_ROUNDS", "3"))
CONFIRM_ROUNDS = int(os.environ.get("COLDSTART_CONFIRM_ROUNDS", str(max(ROUNDS, 5))))
CONFIRM_PAGES = 5
TARGET = 1.5
IMPORT_TARGET = 1.3
BARE_IMPORTS = ("import chalice, boto3, botocore.session, pynamodb.models, pynamodb.attributes, "
                "jinja2")
BARE = ("import time, sys, os; t = time.perf_counter(); " + BARE_IMPORTS + "; "
        "boto3.client('dynamodb', region_name=os.environ['AWS_REGION']).get_item("
        "TableName={table!r}, Key={key!r}); print(time.perf_counter() - t)")
IMPORT = ("import time, sys; sys.path.insert(0, {root!r}); t = time.perf_counter(); {imports}; "
          "print(time.perf_counter() - t)")
PAGE = ("import time, sys, json; sys.path.insert(0, {root!r}); event = json.loads({event!r}); "
        "t = time.perf_counter(); import app; response = app.app(event, None); "
        "print(time.perf_counter() - t, response['statusCode'])")


def run(code, env):
    output = subprocess.run([sys.executable, "-X", "frozen_modules=on", "-c", code],
                            cwd=_env.ROOT, env=env, capture_output=True, text=True)
    if output.returncode:
        raise RuntimeError(output.stderr[-2000:])
    return output.stdout.strip().splitlines()[-1].split()


def event(path, values, cookie):
    filled = path
    parameters = {}
    for name, value in values.items():
        if "{" + name + "}" in filled:
            filled = filled.replace("{" + name + "}", value)
            parameters[name] = value
    return {"resource": path, "path": filled, "httpMethod": "GET",
            "headers": {"Host": "lantern.test", "Accept": "text/html", "Cookie": cookie},
            "multiValueHeaders": {}, "queryStringParameters": None,
            "multiValueQueryStringParameters": None, "pathParameters": parameters or None,
            "stageVariables": None, "body": None, "isBase64Encoded": False,
            "requestContext": {"resourcePath": path, "httpMethod": "GET", "stage": "api",
                               "path": filled, "identity": {"sourceIp": "127.0.0.1"}}}


def seed():
    """Tables and demo content in the moto server; the ids that fill the routes' paths."""
    from chalicelib.core import passwords
    from chalicelib.models.forum import Post, Thread
    from chalicelib.platform import members, session_lifecycle
    from ops import backend, seed as demo

    backend.create_local_resources()
    demo.seed_categories()
    demo.seed_demo_content()
    thread = next(iter(Thread.scan(limit=1)))  # an operator tool, not a page
    post = next(iter(Post.query(thread.thread_id, limit=1)))
    member = members.create_member("coldstart", "coldstart@example.org",
                                   passwords.hash_password("a long bench password"),
                                   verified=True)
    cookie = session_lifecycle.start_session(member).split(";")[0]
    values = {"slug": thread.category_slug, "thread_id": thread.thread_id, "post_id": post.post_id,
              "handle": member.handle, "name": "lantern.css", "medication_id": "sertraline",
              "correspondence_id": "none", "letter_id": "none", "token": "none"}
    return values, cookie, Thread.Meta.table_name, {"thread_id": {"S": thread.thread_id}}


def get_routes():
    from chalicelib.route_table import ROUTES

    return [path for methods, path, _ in ROUTES if "GET" in methods]


def measure(rounds=ROUNDS):
    from moto.server import ThreadedMotoServer

    # The dependencies were byte-compiled by pip; compile Lantern too, so both are measured alike,
    # and its templates, as the deploy does before zipping them (ops/deploy/code.py).
    from chalicelib.platform import rendering

    compileall.compile_dir(os.path.join(_env.ROOT, "chalicelib"), quiet=1)
    compileall.compile_file(os.path.join(_env.ROOT, "app.py"), quiet=1)
    rendering.compile_templates()
    import logging

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = ThreadedMotoServer(port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    os.environ["AWS_ENDPOINT_URL"] = endpoint
    env = {**os.environ, **_env.BENCH_ENV, "AWS_ENDPOINT_URL": endpoint}
    try:
        values, cookie, table, key = seed()
        routes = get_routes()
        bare, imports, app_imports = [], [], []
        pages, ratios = {path: [] for path in routes}, {path: [] for path in routes}
        statuses = {}

        def bare_sample():
            bare.append(float(run(BARE.format(table=table, key=key), env)[0]))
            return bare[-1]

        def sample(paths, pages, ratios):
            """bare, page, bare, page, ..., bare: each page between its two bare samples."""
            before = bare_sample()
            for path in paths:
                seconds, status = run(PAGE.format(
                    root=_env.ROOT, event=json.dumps(event(path, values, cookie))), env)
                after = bare_sample()
                pages[path].append(float(seconds))
                ratios[path].append(float(seconds) / ((before + after) / 2))
                statuses[path] = status
                before = after

        for _ in range(rounds):
            for _ in range(3):
                imports.append(float(run(IMPORT.format(root=_env.ROOT, imports=BARE_IMPORTS),
                                         env)[0]))
                app_imports.append(float(run(IMPORT.format(root=_env.ROOT,
                                                           imports="import app"), env)[0]))
            sample(routes, pages, ratios)
        slowest = sorted(routes, key=lambda path: statistics.median(ratios[path]),
                         reverse=True)[:CONFIRM_PAGES]
        pages.update({path: [] for path in slowest})
        ratios.update({path: [] for path in slowest})
        for _ in range(CONFIRM_ROUNDS):
            sample(slowest, pages, ratios)
    finally:
        server.stop()
    import_ratio = statistics.median(a / b for a, b in zip(app_imports, imports))
    return (statistics.median(imports), statistics.median(app_imports), import_ratio,
            statistics.median(bare),
            {path: statistics.median(times) for path, times in pages.items()},
            {path: statistics.median(values) for path, values in ratios.items()}, statuses)


def main():
    bare_import, app_import, import_ratio, bare, pages, ratios, statuses = measure()
    slowest = max(ratios, key=ratios.get)
    print(f"cold start: medians of {ROUNDS} rounds (the {CONFIRM_PAGES} slowest pages: of "
          f"{CONFIRM_ROUNDS} fresh rounds)")
    print(f"{'':<52}{'ms':>9}{'ratio':>8}")
    print(f"{'import: bare dependencies':<52}{bare_import * 1000:>9.1f}")
    print(f"{'import: app':<52}{app_import * 1000:>9.1f}{import_ratio:>8.2f}")
    print(f"{'import + GetItem: bare dependencies':<52}{bare * 1000:>9.1f}")
    for path in sorted(pages, key=ratios.get, reverse=True):
        label = f"import + first GET {path} ({statuses[path]})"
        print(f"{label[:52]:<52}{pages[path] * 1000:>9.1f}{ratios[path]:>8.2f}")
    median_ratio = statistics.median(ratios.values())
    print(f"import ratio app / dependencies: {import_ratio:.2f} (target <= {IMPORT_TARGET})")
    print(f"first request ratio: median page {median_ratio:.2f}, slowest {ratios[slowest]:.2f}"
          f" ({slowest}) (target <= {TARGET})")
    ok = ratios[slowest] <= TARGET and import_ratio <= IMPORT_TARGET
    _env.report("coldstart: slowest first page / bare", f"{ratios[slowest]:.2f}x",
                f"<= {TARGET}x", ok)
    _env.report("coldstart: import app / bare", f"{import_ratio:.2f}x", f"<= {IMPORT_TARGET}x",
                import_ratio <= IMPORT_TARGET)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
