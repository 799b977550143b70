"""What the scheduled jobs read, at two sizes (targets: flat for close-stale, shared reads
for digests), and how many digests a consumer builds per second.

close-stale: 10 stale threads among 100 and among 50,000 threads; counts the DynamoDB
items and requests the job reads. Target: the same at both sizes (it reads the sparse
index of idle open threads, never the forum).

digests: 200 and 2,000 due subscribers (one in ten a member following three threads) over
7 categories with 40 new threads and 200 replies in the window. Counts the items the hourly
fan-out reads (one key per due subscriber) and the items and category queries the
consumer reads: category queries stay at most (batches x categories), never subscribers
x categories. Also times the consumer end to end under moto and `build_digest` alone.
"""
import os
import random
import sys
import time
from datetime import timedelta

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _env  # noqa: E402

_env.prepare()

import botocore.handlers  # noqa: E402

READS = {"items": 0, "requests": 0, "category_queries": 0}
READ_OPERATIONS = {"Query", "GetItem", "BatchGetItem"}


def _count(http_response=None, parsed=None, model=None, **kwargs):
    if model.name not in READ_OPERATIONS:
        return
    READS["requests"] += 1
    if model.name == "Query":
        READS["items"] += parsed.get("Count", 0)
    elif model.name == "GetItem":
        READS["items"] += 1 if parsed.get("Item") else 0
    else:
        READS["items"] += sum(len(items) for items in parsed.get("Responses", {}).values())


def _count_category_queries(params=None, **kwargs):
    # before-parameter-build sees the operation's own parameters (IndexName among them);
    # before-call would see the serialised request, where there is no IndexName to read.
    if params.get("IndexName") == "posts_by_category":
        READS["category_queries"] += 1


# Registered before any client exists, so every DynamoDB client PynamoDB makes counts.
botocore.handlers.BUILTIN_HANDLERS.append(("after-call.dynamodb", _count))
botocore.handlers.BUILTIN_HANDLERS.append(("before-parameter-build.dynamodb.Query",
                                           _count_category_queries))

import moto  # noqa: E402

NOW = None
STALE = 10
THREAD_SIZES = (100, 50_000)
SUBSCRIBER_SIZES = (200, 2_000)


def measure(function, *args):
    before = dict(READS)
    started = time.perf_counter()
    result = function(*args)
    took = time.perf_counter() - started
    return {name: READS[name] - before[name] for name in READS}, took, result


def seed_threads(total, now):
    from chalicelib.core import clock
    from ops import seed
    from chalicelib.forum import keys
    from chalicelib.models.forum import Thread

    seed.seed_categories()
    slugs = [slug for slug, _, _ in seed.CATEGORIES]
    with Thread.batch_write() as batch:
        for number in range(total):
            idle = timedelta(days=40) if number < STALE else timedelta(hours=number % 500)
            moment = now - idle - timedelta(seconds=number)
            thread_id = clock.new_id(moment)
            batch.save(Thread(
                thread_id=thread_id, category_slug=slugs[number % len(slugs)],
                title=f"Thread {number}", author_id="bench", author_handle="bench",
                created_at=moment, last_activity_at=moment, reply_count=0,
                list_key=keys.list_key(False, moment, thread_id),
                open_activity=keys.open_activity(moment),
                activity_key=keys.activity_key(moment, thread_id)))


def bench_close_stale(total, now):
    from chalicelib.forum.closing import close_stale_threads

    seed_threads(total, now)
    reads, took, summary = measure(close_stale_threads, now)
    assert summary["closed"] == STALE, summary
    return reads


def seed_digest_forum(subscriber_count, start, due):
    """Threads and replies in the window, then subscribers due at ``due``."""
    from chalicelib.core import clock
    from chalicelib.platform import members
    from ops import seed
    from chalicelib.forum import posting
    from chalicelib.models.members import Member
    from chalicelib.models.subscriptions import Follow, Subscriber
    from chalicelib.subscriptions import subscribers

    rng = random.Random(7)
    seed.seed_categories()
    slugs = [slug for slug, _, _ in seed.CATEGORIES]
    author = members.create_member("poster", "poster@example.org", "x", verified=True)
    threads = []
    for number in range(40):
        moment = start + timedelta(minutes=number)
        thread, _ = posting.start_thread(slugs[number % len(slugs)], author, f"Thread {number}",
                                         "A **new** thread with some words. " * 10, now=moment)
        threads.append(thread)
    for number in range(200):
        posting.add_reply(rng.choice(threads), author, "A reply with some words. " * 8,
                          now=start + timedelta(hours=1, seconds=number))
    due_text = clock.iso(due)
    with Subscriber.batch_write() as batch, Member.batch_write() as accounts, \
            Follow.batch_write() as follows:
        for number in range(subscriber_count):
            categories = set(rng.sample(slugs, 3))
            if number % 10 == 0:
                member_id = clock.new_id(start)
                accounts.save(Member(member_id=member_id, handle=f"reader{number}",
                                     email=f"reader{number}@example.org", email_verified=True,
                                     created_at=start))
                for thread in rng.sample(threads, 3):
                    follows.save(Follow(member_id=member_id, thread_id=thread.thread_id,
                                        category_slug=thread.category_slug, followed_at=start))
                subscriber_id, kind, email = subscribers.member_subscriber_id(member_id), \
                    "member", None
            else:
                email = f"reader{number}@example.org"
                subscriber_id, kind, member_id = subscribers.email_subscriber_id(email), \
                    "email", None
            batch.save(Subscriber(
                subscriber_id=subscriber_id, kind=kind, member_id=member_id, email=email,
                status="active", frequency="daily", categories=categories, created_at=start,
                last_digest_at=start, due_shard=subscribers.due_shard(subscriber_id),
                digest_due=due_text))


def drain_queue():
    from chalicelib.subscriptions import digests, queue

    handled = 0
    while True:
        count = queue.receive_and_handle(digests.handle_message, wait_seconds=0)
        if not count:
            return handled
        handled += count


def bench_digests(subscriber_count, now):
    from chalicelib.subscriptions import digest_content, digests

    start, due = now - timedelta(hours=20), now - timedelta(minutes=5)
    seed_digest_forum(subscriber_count, start, due)
    fanout, _, summary = measure(digests.enqueue_due_digests, now)
    consumer, took, messages = measure(drain_queue)
    assert summary["due"] == subscriber_count and messages == summary["messages"], summary
    # build_digest alone, its reads already shared (what a warm consumer does per subscriber)
    reads = digest_content.SharedReads(start)
    categories = [("introductions", "resources", "community"),
                  ("withdrawal-support", "reframing", "symptoms-coping")]
    digest_content.build_digest(reads, start, due, categories[0])
    digest_content.build_digest(reads, start, due, categories[1])
    built, build_started = 0, time.perf_counter()
    while time.perf_counter() - build_started < 1.0:
        digest_content.build_digest(reads, start, due, categories[built % 2])
        built += 1
    build_rate = built / (time.perf_counter() - build_started)
    return {"fanout": fanout, "consumer": consumer, "batches": summary["messages"],
            "per_second": subscriber_count / took, "build_per_second": build_rate}


def main():
    from chalicelib.core import clock
    from ops import backend

    now = clock.utcnow().replace(microsecond=0)
    stale = {}
    for total in THREAD_SIZES:
        with moto.mock_aws():
            backend.create_local_resources()
            stale[total] = bench_close_stale(total, now)
    print("close-stale: 10 stale threads among N threads")
    print(f"{'threads':>10}{'items read':>12}{'requests':>10}")
    for total in THREAD_SIZES:
        print(f"{total:>10,}{stale[total]['items']:>12}{stale[total]['requests']:>10}")
    flat = stale[THREAD_SIZES[0]]["items"] == stale[THREAD_SIZES[1]]["items"]
    print(f"flat across forum sizes: {'yes' if flat else 'NO'}\n")

    results = {}
    for count in SUBSCRIBER_SIZES:
        with moto.mock_aws():
            backend.create_local_resources()
            results[count] = bench_digests(count, now)
    print("digests: N due subscribers, 7 categories, 3 chosen each")
    print(f"{'subscribers':>12}{'fan-out items':>15}{'consumer items':>16}{'items/digest':>14}"
          f"{'category queries':>18}{'naive':>8}{'digests/s (moto)':>18}{'build_digest/s':>16}")
    shared = True
    for count, result in results.items():
        queries = result["consumer"]["category_queries"]
        naive = count * 3
        # None counted would mean the counter is blind, not that the digests are cheap.
        shared = shared and 0 < queries <= result["batches"] * 7
        print(f"{count:>12,}{result['fanout']['items']:>15}{result['consumer']['items']:>16}"
              f"{result['consumer']['items'] / count:>14.1f}{queries:>18}{naive:>8}"
              f"{result['per_second']:>18.0f}{result['build_per_second']:>16.0f}")
    print(f"category queries <= batches x categories (shared per batch): "
          f"{'yes' if shared else 'NO'}")
    _env.report("jobs: close-stale items read at 100 / 50,000 threads",
                f"{stale[THREAD_SIZES[0]]['items']} / {stale[THREAD_SIZES[1]]['items']}",
                "equal", flat)
    largest = results[SUBSCRIBER_SIZES[-1]]
    _env.report(f"jobs: digest category queries, {SUBSCRIBER_SIZES[-1]:,} subscribers",
                largest["consumer"]["category_queries"], f"<= {largest['batches'] * 7}", shared)
    return 0 if flat and shared else 1


if __name__ == "__main__":
    sys.exit(main())
