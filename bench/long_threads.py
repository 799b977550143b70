"""A 10,000-post thread: DynamoDB requests for its first, middle and last pages.

Seeds one thread of 10,000 posts in moto through batch writes, gives it its page marks with
the operator backfill (`python -m ops.cli backfill-page-index`), then follows the thread
page's own links (first page -> last page -> previous page, and a middle page) through
chalice's test client, counting DynamoDB requests with a botocore event hook, and opens a
typed page number (`?page=N`, which reads the thread first). Target: every linked page in at
most 2 requests, whatever its position; a typed page number in at most 3.
Before numbered pages, the last page was reached only by following "Later posts" from page
one: (pages - 1) page loads of 2 requests each.
"""
import os
import re
import sys
from datetime import timedelta

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _env  # noqa: E402

_env.prepare()

REQUESTS = _env.record_dynamodb_requests()

import moto  # noqa: E402

POSTS = 10_000
TARGET = 2
TYPED_TARGET = 3


def seed():
    from chalicelib.core import clock
    from chalicelib.forum import keys, posting
    from chalicelib.models.forum import Post, Thread
    from chalicelib.platform import members
    from ops import page_backfill, seed as demo

    demo.seed_categories()
    author = members.create_member("long", "long@example.org", "x", verified=True)
    created = clock.utcnow() - timedelta(days=30)
    thread_id = clock.new_id(created)
    thread = Thread(thread_id=thread_id, category_slug=demo.CATEGORIES[0][0],
                    title="A long thread", author_id=author.member_id,
                    author_handle=author.handle, created_at=created, last_activity_at=created,
                    reply_count=POSTS - 1, list_key=keys.list_key(False, created, thread_id),
                    open_activity=keys.open_activity(created),
                    activity_key=keys.activity_key(created, thread_id))
    thread.save()
    body = "Another day, a little steadier. " * 25  # about 800 characters, as real posts
    with Post.batch_write() as batch:
        for number in range(POSTS):
            moment = created + timedelta(seconds=number)
            post = posting.new_post(thread, author, body, now=moment,
                                    post_id=thread_id if number == 0 else clock.new_id(moment))
            post.version = 1
            batch.save(post)
    page_backfill.backfill(progress=lambda line: None)
    return thread_id


def link(body, text):
    found = re.search(r'<a href="([^"]+)"[^>]*>' + re.escape(text) + "</a>", body)
    return found.group(1).replace("&amp;", "&") if found else None


def main():
    with moto.mock_aws():
        from chalice.test import Client

        from app import app
        from chalicelib.forum import page_index
        from ops import backend

        backend.create_local_resources()
        thread_id = seed()
        pages = -(-POSTS // page_index.size())
        rows = {}
        with Client(app, stage_name="test", project_dir=_env.ROOT) as client:
            def cost(path):
                before = len(REQUESTS)
                response = client.http.get(path)
                assert response.status_code == 200, (path, response.status_code)
                return len(REQUESTS) - before, response.body.decode()

            rows["page 1"], first = cost(f"/t/{thread_id}")
            rows[f"page {pages} (last), linked"], last = cost(link(first, f"Last page, {pages}"))
            rows[f"page {pages - 1}, linked"], _ = cost(link(last, "Previous page"))
            middle = pages // 2
            # The middle page is reached through the links around the page before it.
            _, around = cost(f"/t/{thread_id}?page={middle - 1}")
            rows[f"page {middle}, linked"], _ = cost(link(around, "Next page"))
            rows[f"page {middle}, typed ?page={middle}"], _ = cost(f"/t/{thread_id}?page={middle}")
    print(f"thread of {POSTS:,} posts, {pages} pages")
    print(f"{'page':<34}{'requests':>10}")
    for name, count in rows.items():
        print(f"{name:<34}{count:>10}")
    linked = max(count for name, count in rows.items() if "typed" not in name)
    typed = max(count for name, count in rows.items() if "typed" in name)
    print(f"before numbered pages, the last page took {pages - 1} page loads, "
          f"{2 * (pages - 1)} requests")
    _env.report(f"long threads: requests for any linked page of {POSTS:,} posts", linked,
                f"<= {TARGET}", linked <= TARGET)
    _env.report("long threads: requests for a typed page number", typed, f"<= {TYPED_TARGET}",
                typed <= TYPED_TARGET)
    return 0 if linked <= TARGET and typed <= TYPED_TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
