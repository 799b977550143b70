"""Search at 100,000 posts: index size, build time, warm query times, cold fetch and open.

Generates POSTS posts of about 800 characters from a fixed vocabulary (drug names, brand
names, symptoms, everyday words; a fixed random seed, so every run indexes the same text),
builds the SQLite FTS5 index with the same engine the site uses, puts it in a folder
store (the local stage's), and measures:

- build time and file size;
- warm query time, p50 and p95 over QUERIES one-word and three-word queries, each built by
  querying.py as the search page builds it (prefixes, drug names expanded), first page;
- cold time: a fresh process state fetching the base from the store and opening it, up to
  the first answer (what a new Lambda pays on its first search).

Targets: p95 under 50 ms warm for both kinds, cold open under 1.5 s.
"""
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _env  # noqa: E402

_env.prepare()

POSTS = int(os.environ.get("BENCH_SEARCH_POSTS", 100_000))
BODY_CHARS = 800
QUERIES = 200
SEED = 18
FIRST_POST = datetime(2022, 1, 1)  # a post every 15 minutes: 100,000 posts over ~3 years
TARGET_WARM_P95_MS = 50
TARGET_COLD_S = 1.5
DRUGS = ["sertraline", "zoloft", "venlafaxine", "effexor", "paroxetine", "paxil", "clonazepam",
         "klonopin", "quetiapine", "seroquel", "escitalopram", "lexapro", "citalopram",
         "fluoxetine", "prozac", "duloxetine", "cymbalta", "mirtazapine", "diazepam",
         "lorazepam", "alprazolam", "pregabalin", "gabapentin", "olanzapine", "lithium",
         "lamotrigine", "bupropion", "zolpidem", "aripiprazole", "risperidone"]
SYMPTOMS = ["insomnia", "anxiety", "akathisia", "dizziness", "nausea", "tinnitus", "zaps",
            "brain", "fatigue", "depersonalisation", "derealisation", "panic", "headache",
            "sweating", "rage", "crying", "numbness", "palpitations", "tremor", "fog"]
WORDS = ("the a and i to of my it was in for on with that this is but have had so not at "
         "be day week month year taper dose cut hold slow ten percent mg liquid doctor "
         "sleep night morning better worse wave window stable again still feel felt "
         "started stopped months ago now since after before every little much more less "
         "hope kind thank you reading story same here also walk water food tired calm "
         "family work help support forum hard easier getting through long time").split()


def body(rng):
    words = []
    while sum(len(word) + 1 for word in words) < BODY_CHARS:
        roll = rng.random()
        words.append(rng.choice(DRUGS) if roll < 0.03 else rng.choice(SYMPTOMS)
                     if roll < 0.10 else rng.choice(WORDS))
    return " ".join(words)


def build(path, rng):
    from chalicelib.search import engine

    connection = engine.connect(path)
    started = time.perf_counter()
    for number in range(POSTS):
        engine.upsert(connection, {
            "post_id": f"p{number:07d}", "thread_id": f"t{number // 8:06d}",
            "category": rng.choice(("withdrawal-support", "introductions", "success")),
            "author": f"member{number % 3000}",
            "created_at": (FIRST_POST + timedelta(minutes=15 * number)).strftime(
                "%Y-%m-%d %H:%M:%S"),
            "title": " ".join(rng.choice(WORDS + SYMPTOMS + DRUGS) for _ in range(5)),
            "body": body(rng)})
    connection.commit()
    connection.execute("vacuum")
    connection.close()
    return time.perf_counter() - started


def queries(rng, size):
    pool = DRUGS + SYMPTOMS + ["venlaf", "sertr", "withdr", "taper", "dizz", "wave", "window"]
    return [" ".join(rng.sample(pool, size)) for _ in range(QUERIES)]


def time_queries(connection, texts):
    from chalicelib.search import finding, querying

    times = []
    for text in texts:
        started = time.perf_counter()
        expression = querying.expression(querying.words(text),
                                         lambda word: finding.has_term(connection, word))
        finding.search(connection, expression, {}, 11, 0)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), statistics.quantiles(times, n=20)[18]


def cold_open(root):
    from chalicelib.core import config
    from chalicelib.search import finding, querying, replica, store

    folder = store.FolderStore(root)
    config.override(search_cache_dir=os.path.join(root, "cache"), search_refresh_seconds=0)
    replica.forget()
    started = time.perf_counter()
    connection = replica.connection(folder)
    finding.search(connection, querying.expression(["sertraline"]), {}, 11, 0)
    seconds = time.perf_counter() - started
    replica.forget()
    return seconds


def row(name, value, unit, target=None, better="lower"):
    if target is None:
        print(f"{name:<34}{value:>10.1f} {unit:<4}")
        return True
    ok = value <= target if better == "lower" else value >= target
    _env.report(name, f"{value:.1f} {unit}", f"{'<=' if better == 'lower' else '>='} {target:g} {unit}", ok)
    filled = min(30, int(30 * value / target / 2)) if target else 0
    bar = "#" * filled + "-" * (30 - filled)
    print(f"{name:<34}{value:>10.1f} {unit:<4} [{bar}] target {target:g} {unit}: "
          f"{'ok' if ok else 'MISSED'}")
    return ok


def main():
    from chalicelib.search import engine, replica, store

    rng = random.Random(SEED)
    with tempfile.TemporaryDirectory() as root:
        path = os.path.join(root, "built.sqlite")
        seconds = build(path, rng)
        size_mb = os.path.getsize(path) / 1e6
        store.FolderStore(root).put_file(replica.BASE_KEY, path)
        connection = engine.connect(path)
        one = time_queries(connection, queries(rng, 1))
        three = time_queries(connection, queries(rng, 3))
        connection.close()
        cold = statistics.median(cold_open(root) for _ in range(3))
    print(f"search index: {POSTS:,} posts of ~{BODY_CHARS} characters, SQLite "
          f"{engine.sqlite3.sqlite_version}, FTS5, {QUERIES} queries per kind")
    row("index size", size_mb, "MB")
    row("build time", seconds, "s")
    results = [row("one word, p50 warm", one[0], "ms"),
               row("one word, p95 warm", one[1], "ms", TARGET_WARM_P95_MS),
               row("three words, p50 warm", three[0], "ms"),
               row("three words, p95 warm", three[1], "ms", TARGET_WARM_P95_MS),
               row("cold fetch + open + first query", cold, "s", TARGET_COLD_S)]
    print("verdict:", "all targets met" if all(results) else "a target was missed")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
