"""The skeleton: pages render, cost at most two requests, and errors are friendly."""
from chalicelib.core import clock
from chalicelib.models.forum import Thread


def test_home_lists_categories_and_latest(client, make):
    make.category("withdrawal-support", name="Withdrawal support")
    thread = make.thread(category_slug="withdrawal-support", title="First night of a hold")
    page = client.get("/")
    assert page.status == 200
    assert page.soup.find("a", string="Withdrawal support")
    assert page.soup.find("a", string="First night of a hold")["href"] == f"/t/{thread.thread_id}"


def test_category_page_paginates_with_signed_cursor(client, make):
    from chalicelib.core import config

    author = make.member()
    for number in range(config.settings.page_size + 3):
        make.thread(author=author, title=f"Thread about day {number}")
    first = client.get("/c/support")
    assert first.status == 200
    older = first.soup.find("a", rel="next")
    assert older is not None
    second = client.get(older["href"])
    assert len(second.soup.select(".thread-row")) == 3
    assert second.soup.find("a", rel="next") is None


def test_tampered_cursor_is_a_400_page(client, make):
    make.thread()
    page = client.get("/c/support?after=not-a-real-cursor")
    assert page.status == 400
    assert "damaged" in page.text


def test_thread_page_shows_posts_oldest_first(client, make):
    thread = make.thread(body="The opening post")
    make.reply(thread, body="A kind reply")
    page = client.get(f"/t/{thread.thread_id}")
    bodies = [b.get_text(strip=True) for b in page.soup.select(".post-body")]
    assert bodies == ["The opening post", "A kind reply"]


def test_unknown_thread_is_a_friendly_404_with_headers(client):
    page = client.get("/t/01NOPE")
    assert page.status == 404
    assert "could not find" in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]


def test_close_stale_job_closes_idle_threads(make):
    from datetime import timedelta

    from chalicelib import jobs

    now = clock.utcnow()
    quiet = make.thread(now=now - timedelta(days=31))
    busy = make.thread(now=now - timedelta(days=2))
    assert jobs.run_job("close-stale", now=now)["closed"] == 1
    assert Thread.get(quiet.thread_id).status == "closed"
    assert Thread.get(busy.thread_id).status == "open"
