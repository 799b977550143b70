"""What the scheduled jobs read, at two sizes (targets: flat for close-stale, shared reads
for digests), and how many digests a consumer builds per second.

close-stale: 10 stale threads among 100 and among 50,000 threads; counts the DynamoDB
items and requests the job reads. Target: the same at both sizes (it reads the sparse
index of idle open threads, never the forum).

digests: 200 and 2,000 due subscribers (one in ten a member following three threads) over
7 categories with 40 new threads and 200 replies in the window. Counts the items the hourly
fan-out reads (one key per due subscriber) and the items and category queries the
consumer reads: category queries stay at most (batches x categories), never subscribers
x categories, and no post is read. Also times the consumer end to end under moto and
`build_digest` alone.

digest reads (issue 16): one digest over 3 categories, daily and weekly, with posts of
~200 and ~4,000 characters spread over the week (6 threads and 24 replies a day). Counts
the items and read units (from item sizes, eventually consistent) that the category part
of a digest reads: before, every post in the window (what the digests did until the
summaries, through the posts_by_category index, since dropped: measured here as the same
posts read per thread, with read units rounded per category as that one Query did);
after, the summary items. Target: after, the same at both post sizes, and at most 3
Queries per category whatever the period.

followed threads (issue 16): one digest following 10 threads, each with 4 replies a day
for a week, at the same two post sizes and periods. Before: each thread's posts in the
window (one Query per thread, what the digests did until the thread summaries); after,
each thread's summary item (one BatchGetItem). Target: after, the same items and read
units at both post sizes and both periods.
"""
import math
import os
import random
import sys
import time
from datetime import timedelta

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _env  # noqa: E402

_env.prepare()

import botocore.handlers  # noqa: E402

READS = {"items": 0, "requests": 0, "post_queries": 0, "summary_queries": 0,
         "read_units": 0.0}
READ_OPERATIONS = {"Query", "GetItem", "BatchGetItem"}


def _count(http_response=None, parsed=None, model=None, **kwargs):
    if model.name not in READ_OPERATIONS:
        return
    READS["requests"] += 1
    if model.name == "Query":
        READS["items"] += parsed.get("Count", 0)
        size = sum(_item_size(item) for item in parsed.get("Items", []))
        READS["read_units"] += max(1, math.ceil(size / 4096)) * 0.5
    else:  # GetItem and BatchGetItem round each item (eventually consistent, as digests read)
        found = [parsed["Item"]] if parsed.get("Item") else [] if model.name == "GetItem" \
            else [item for items in parsed.get("Responses", {}).values() for item in items]
        READS["items"] += len(found)
        READS["read_units"] += sum(max(1, math.ceil(_item_size(item) / 4096)) * 0.5
                                   for item in found)


def _value_size(value):
    kind, inner = next(iter(value.items()))
    if kind in ("M", "L"):
        parts = inner.items() if kind == "M" else enumerate(inner)
        return 3 + sum((len(str(name)) if kind == "M" else 0) + _value_size(part)
                       for name, part in parts)
    if kind in ("SS", "NS"):
        return sum(len(str(part).encode()) for part in inner)
    return len(str(inner).encode()) if kind in ("S", "N", "B") else 1


def _item_size(item):
    """DynamoDB's size of an item (names and values), near enough to count read units."""
    return sum(len(name.encode()) + _value_size(value) for name, value in item.items())


def _count_queries(params=None, **kwargs):
    if params.get("TableName", "").endswith("-posts"):
        READS["post_queries"] += 1
    if params.get("TableName", "").endswith("digest_summaries"):
        READS["summary_queries"] += 1


# Registered before any client exists, so every DynamoDB client PynamoDB makes counts.
botocore.handlers.BUILTIN_HANDLERS.append(("after-call.dynamodb", _count))
botocore.handlers.BUILTIN_HANDLERS.append(("before-parameter-build.dynamodb.Query",
                                           _count_queries))

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
    threads, posts = [], []
    for number in range(40):
        moment = start + timedelta(minutes=number)
        thread, post = posting.start_thread(slugs[number % len(slugs)], author,
                                            f"Thread {number}",
                                            "A **new** thread with some words. " * 10, now=moment)
        threads.append(thread)
        posts.append(post)
    for number in range(200):
        posts.append(posting.add_reply(rng.choice(threads), author, "A reply with some words. " * 8,
                                       now=start + timedelta(hours=1, seconds=number)))
    feed_summaries(posts)
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


def feed_summaries(posts):
    """What the posts stream does for each new post (only the summaries' handler: the
    others would queue reply notices this bench does not measure)."""
    from chalicelib.models.forum import Post
    from chalicelib.platform import streams
    from chalicelib.subscriptions import summaries, thread_summaries

    for post in posts:
        image = {"post_id": post.post_id, "thread_id": post.thread_id, "status": "visible",
                 "category_slug": post.category_slug, "author_id": post.author_id,
                 "author_handle": post.author_handle, "body_source": post.body_source,
                 "content_warning": post.content_warning, "version": post.version,
                 "created_at": Post.created_at.serialize(post.created_at)}
        change = streams.Change("posts", "INSERT", {}, new=image)
        summaries.on_post(change)
        thread_summaries.on_post(change)


DIGEST_CATEGORIES = ("withdrawal-support", "reframing", "symptoms-coping")
POST_SIZES = (200, 4_000)
PERIODS = (("daily", timedelta(days=1)), ("weekly", timedelta(days=7)))


def seed_week(post_chars, due):
    """Six threads and 24 replies a day for a week, spread over the digest's 3 categories."""
    from chalicelib.platform import members
    from chalicelib.forum import posting
    from ops import seed

    seed.seed_categories()
    author = members.create_member("writer", "writer@example.org", "x", verified=True)
    body = ("Some words about a hard week, written with care. " * 100)[:post_chars]
    posts = []
    for day in range(7):
        threads = []
        for number in range(6):
            moment = due - timedelta(days=day + 1) + timedelta(hours=1 + number)
            thread, post = posting.start_thread(DIGEST_CATEGORIES[number % 3], author,
                                                f"Day {day} thread {number}", body, now=moment)
            threads.append(thread)
            posts.append(post)
        for number in range(24):
            moment = due - timedelta(days=day + 1) + timedelta(hours=8, minutes=number)
            posts.append(posting.add_reply(threads[number % 6], author, body, now=moment))
    feed_summaries(posts)
    return posts


def posts_read_before(posts, since):
    """What the category part of a digest read before the summaries: every post of the
    window, one Query per category through posts_by_category (all attributes projected,
    so the same items as the table's). Read from the table per thread here, the index
    being gone; read units rounded per category, as that Query's page was."""
    from chalicelib.core import clock
    from chalicelib.models.forum import Post

    sizes = {}
    for thread_id in sorted({post.thread_id for post in posts}):
        for post in Post.query(thread_id, Post.post_id > clock.id_floor(since)):
            sizes.setdefault(post.category_slug, []).append(_item_size(post.serialize()))
    return {"items": sum(len(found) for found in sizes.values()),
            "read_units": sum(max(1, math.ceil(sum(found) / 4096)) * 0.5
                              for found in sizes.values())}


def bench_digest_reads(post_chars, due):
    """Items, read units and Queries of one digest's categories, before and after."""
    from chalicelib.subscriptions import digest_content

    posts = seed_week(post_chars, due)
    figures = {}
    for label, period in PERIODS:
        since = due - period

        def after():
            reads = digest_content.SharedReads(since)
            for slug in DIGEST_CATEGORIES:
                reads.window(slug, since, due)

        figures[label] = {"before": posts_read_before(posts, since), "after": measure(after)[0]}
    return figures


FOLLOWED_THREADS = 10
REPLIES_A_DAY = 4


def seed_followed(post_chars, due):
    """10 threads opened before the week, each with 4 replies a day by 4 members."""
    from chalicelib.platform import members
    from chalicelib.forum import posting
    from ops import seed

    seed.seed_categories()
    writers = [members.create_member(f"writer{n}", f"writer{n}@example.org", "x",
                                     verified=True) for n in range(REPLIES_A_DAY)]
    body = ("Some words about a hard week, written with care. " * 100)[:post_chars]
    threads, posts = [], []
    for number in range(FOLLOWED_THREADS):
        thread, post = posting.start_thread(DIGEST_CATEGORIES[number % 3], writers[0],
                                            f"Followed {number}", body,
                                            now=due - timedelta(days=8, minutes=-number))
        threads.append(thread)
        posts.append(post)
    for day in range(7):
        for thread in threads:
            for number, writer in enumerate(writers):
                moment = due - timedelta(days=7 - day) + timedelta(hours=2 + number)
                posts.append(posting.add_reply(thread, writer, body, now=moment))
    feed_summaries(posts)
    return [thread.thread_id for thread in threads]


def bench_followed_reads(post_chars, due):
    """Items, read units and requests of one digest's followed threads, before and after."""
    from chalicelib.core import clock
    from chalicelib.models.forum import Post
    from chalicelib.subscriptions import digest_content, digest_followed

    followed = seed_followed(post_chars, due)
    figures = {}
    for label, period in PERIODS:
        since = due - period

        def before():
            for thread_id in followed:
                list(Post.query(thread_id, Post.post_id > clock.id_floor(since)))

        def after():
            found = digest_followed.new_replies(digest_content.SharedReads(since), followed,
                                                since, due, "reader")
            wanted = REPLIES_A_DAY * period.days
            assert [count for _, count in found.values()] == [wanted] * FOLLOWED_THREADS

        figures[label] = {"before": measure(before)[0], "after": measure(after)[0]}
    return figures


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
          f"{'summary queries':>17}{'naive':>8}{'digests/s (moto)':>18}{'build_digest/s':>16}")
    shared = True
    for count, result in results.items():
        queries = result["consumer"]["summary_queries"]
        naive = count * 3
        # None counted would mean the counter is blind, not that the digests are cheap. A
        # first digest reads two windows (its own and the week before), each at most 3
        # ranges per category (hours, days, hours): the bar is batches x 7 x 6.
        shared = shared and 0 < queries <= result["batches"] * 7 * 6 \
            and result["consumer"]["post_queries"] == 0
        print(f"{count:>12,}{result['fanout']['items']:>15}{result['consumer']['items']:>16}"
              f"{result['consumer']['items'] / count:>14.1f}{queries:>17}{naive:>8}"
              f"{result['per_second']:>18.0f}{result['build_per_second']:>16.0f}")
    print(f"summary queries <= batches x categories x 2 windows x 3, no post read: "
          f"{'yes' if shared else 'NO'}\n")

    reads = {}
    from chalicelib.subscriptions import schedule

    due = schedule.next_due("daily", now - timedelta(days=1))  # the last digest time
    for chars in POST_SIZES:
        with moto.mock_aws():
            backend.create_local_resources()
            reads[chars] = bench_digest_reads(chars, due)
    print("digest reads: one digest, 3 categories, 6 threads + 24 replies a day")
    print(f"{'post chars':>11}{'period':>8}{'before items':>14}{'before RU':>11}"
          f"{'after items':>13}{'after RU':>10}{'after queries':>15}")
    for chars, figures in reads.items():
        for label, _ in PERIODS:
            old, new = figures[label]["before"], figures[label]["after"]
            print(f"{chars:>11,}{label:>8}{old['items']:>14}{old['read_units']:>11.1f}"
                  f"{new['items']:>13}{new['read_units']:>10.1f}{new['summary_queries']:>15}")
    small, large = reads[POST_SIZES[0]], reads[POST_SIZES[1]]
    fixed = all(small[label]["after"]["read_units"] == large[label]["after"]["read_units"]
                and large[label]["after"]["summary_queries"] <= 3 * len(DIGEST_CATEGORIES)
                for label, _ in PERIODS)
    print(f"after: same reads at both post sizes, <= 3 Queries per category: "
          f"{'yes' if fixed else 'NO'}\n")

    followed = {}
    for chars in POST_SIZES:
        with moto.mock_aws():
            backend.create_local_resources()
            followed[chars] = bench_followed_reads(chars, due)
    print(f"followed threads: one digest following {FOLLOWED_THREADS} threads, "
          f"{REPLIES_A_DAY} replies a day each")
    print(f"{'post chars':>11}{'period':>8}{'before items':>14}{'before RU':>11}"
          f"{'before requests':>17}{'after items':>13}{'after RU':>10}{'after requests':>16}")
    for chars, figures in followed.items():
        for label, _ in PERIODS:
            old, new = figures[label]["before"], figures[label]["after"]
            print(f"{chars:>11,}{label:>8}{old['items']:>14}{old['read_units']:>11.1f}"
                  f"{old['requests']:>17}{new['items']:>13}{new['read_units']:>10.1f}"
                  f"{new['requests']:>16}")
    afters = {(new["items"], new["read_units"], new["requests"], new["post_queries"])
              for figures in followed.values() for new in
              (figures[label]["after"] for label, _ in PERIODS)}
    steady = len(afters) == 1 and next(iter(afters))[3] == 0
    print(f"after: same items, read units and requests at both post sizes and periods, "
          f"no post read: {'yes' if steady else 'NO'}")
    _env.report("jobs: close-stale items read at 100 / 50,000 threads",
                f"{stale[THREAD_SIZES[0]]['items']} / {stale[THREAD_SIZES[1]]['items']}",
                "equal", flat)
    largest = results[SUBSCRIBER_SIZES[-1]]
    _env.report(f"jobs: digest summary queries, {SUBSCRIBER_SIZES[-1]:,} subscribers",
                largest["consumer"]["summary_queries"], f"<= {largest['batches'] * 7 * 6}", shared)
    weekly = [reads[chars]["weekly"]["after"]["read_units"] for chars in POST_SIZES]
    _env.report("jobs: weekly digest read units at 200 / 4,000-char posts",
                f"{weekly[0]:.1f} / {weekly[1]:.1f}", "equal", fixed)
    units = [followed[chars][label]["after"]["read_units"]
             for chars in POST_SIZES for label, _ in PERIODS]
    _env.report(f"jobs: {FOLLOWED_THREADS} followed threads' read units, daily / weekly at "
                "200 and 4,000-char posts", " / ".join(f"{unit:.1f}" for unit in units),
                "all equal, no post read", steady)
    return 0 if flat and shared and fixed and steady else 1


if __name__ == "__main__":
    sys.exit(main())
