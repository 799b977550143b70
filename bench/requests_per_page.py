"""DynamoDB requests per page view, at two forum sizes (target: flat, and <= 2).

Seeds a forum in moto at 200 and at 20,000 posts, then renders each page type through
chalice's test client and counts DynamoDB requests with a botocore event hook. Logged-in
views add one request (the session and its member, read together in one BatchGetItem).
"""
import os
import sys
from datetime import timedelta

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _env  # noqa: E402

_env.prepare()

import botocore.handlers  # noqa: E402

REQUESTS = []


def _count(model=None, params=None, **kwargs):
    REQUESTS.append(model.name)


# Registered before any client exists, so every DynamoDB client PynamoDB makes counts.
botocore.handlers.BUILTIN_HANDLERS.append(("before-call.dynamodb", _count))

import moto  # noqa: E402

SIZES = (200, 20_000)
POSTS_PER_THREAD = 25
# Enough threads in the first category for a second page at both sizes.
FIRST_CATEGORY_THREADS = 45
TARGET = 2


def seed(total_posts):
    """Write a forum of ``total_posts`` posts straight through batch writes (fast)."""
    from chalicelib.core import clock
    from chalicelib.platform import members
    from ops import seed as demo
    from chalicelib.forum import keys, posting
    from chalicelib.models.forum import Post, Thread

    demo.seed_categories()
    author = members.create_member("bench", "bench@example.org", "x", verified=True)
    slugs = [slug for slug, _, _ in demo.CATEGORIES]
    start = clock.utcnow() - timedelta(days=20)
    threads = []
    thread_count = max(total_posts // POSTS_PER_THREAD, FIRST_CATEGORY_THREADS)
    per_thread = total_posts // thread_count
    with Thread.batch_write() as thread_batch, Post.batch_write() as post_batch:
        for number in range(thread_count):
            created = start + timedelta(minutes=number)
            thread_id = clock.new_id(created)
            slug = slugs[0] if number < FIRST_CATEGORY_THREADS else slugs[number % len(slugs)]
            thread = Thread(thread_id=thread_id, category_slug=slug,
                            title=f"Thread {number}", author_id=author.member_id,
                            author_handle=author.handle, created_at=created,
                            last_activity_at=created, reply_count=per_thread - 1,
                            list_key=keys.list_key(False, created, thread_id),
                            open_activity=keys.open_activity(created),
                            activity_key=keys.activity_key(created, thread_id))
            thread_batch.save(thread)
            threads.append(thread)
            for reply in range(per_thread):
                moment = created + timedelta(seconds=reply)
                post = posting.new_post(thread, author, f"Post {reply} of thread {number}.",
                                        now=moment, post_id=clock.new_id(moment))
                post.version = 1
                post_batch.save(post)
    return author, threads[0], slugs[0]


def views(author, thread, slug):
    from chalice.test import Client

    from app import app
    from chalicelib.platform import sessions

    with Client(app, stage_name="test", project_dir=_env.ROOT) as client:
        def cost(path, cookie=None):
            headers = {"cookie": cookie} if cookie else {}
            before = len(REQUESTS)
            response = client.http.get(path, headers=headers)
            assert response.status_code == 200, (path, response.status_code, response.body[:300])
            return len(REQUESTS) - before, response

        home, _ = cost("/")
        category, response = cost(f"/c/{slug}")
        body = response.body.decode()
        marker = 'rel="next"'
        cursor_path = None
        if marker in body:
            href = body.split(marker)[0].rsplit('href="', 1)[1].split('"')[0]
            cursor_path = href.replace("&amp;", "&")
        older = cost(cursor_path)[0] if cursor_path else None
        thread_cost, _ = cost(f"/t/{thread.thread_id}")
        session_cookie = sessions.start_session(author).split(";")[0]
        logged_in, _ = cost(f"/t/{thread.thread_id}", cookie=session_cookie)
        # The session, one Query of the member's notifications (+1 BatchGetItem of blocks
        # when the page lists any, +1 UpdateItem when the header's count was not 0).
        notifications, _ = cost("/notifications", cookie=session_cookie)
    return {"home": home, "category": category, "category, older page": older,
            "thread": thread_cost, "thread, logged in": logged_in,
            "notifications, logged in": notifications}


def main():
    results = {}
    for size in SIZES:
        with moto.mock_aws():
            from ops import backend

            backend.create_local_resources()
            author, thread, slug = seed(size)
            results[size] = views(author, thread, slug)
    names = list(results[SIZES[0]])
    print(f"{'page':<26}" + "".join(f"{f'{size:,} posts':>14}" for size in SIZES))
    for name in names:
        print(f"{name:<26}" + "".join(f"{str(results[size][name]):>14}" for size in SIZES))
    anonymous = [cost for size in SIZES for name, cost in results[size].items()
                 if cost is not None and "logged in" not in name]
    flat = all(results[SIZES[0]][name] == results[SIZES[1]][name] for name in names
               if results[SIZES[0]][name] is not None)
    print(f"max requests per anonymous page: {max(anonymous)} (target <= {TARGET}); "
          f"flat across sizes: {'yes' if flat else 'NO'}")
    _env.report("requests: most for an anonymous page", max(anonymous), f"<= {TARGET}",
                max(anonymous) <= TARGET)
    _env.report("requests: same at both forum sizes", "yes" if flat else "no", "yes", flat)
    return 0 if max(anonymous) <= TARGET and flat else 1


if __name__ == "__main__":
    sys.exit(main())
