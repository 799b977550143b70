"""Atom feeds of a category's threads and of Latest (the same Queries as the pages).

Entries carry titles and activity, not post bodies: a post its author edits or removes
should not live on in feed readers' caches.
"""
from chalicelib.core import clock
from chalicelib.platform import rendering
from chalicelib.forum import reading

FEED_SIZE = 20


def _feed(title, page_path, feed_path, threads, names):
    updated = max((thread.last_activity_at for thread in threads), default=None)
    return rendering.render("forum/feed.xml", title=title, page_path=page_path,
                            feed_path=feed_path, threads=threads, category_names=names,
                            updated=updated or clock.utcnow())


def category_feed(slug):
    """:raise NotFound: for an unknown category. Two requests, like the category page."""
    category = reading.get_category(slug)
    threads, _ = reading.category_threads(slug, size=FEED_SIZE)
    # Pinned threads lead the page, but a feed is ordered by activity alone.
    threads.sort(key=lambda thread: thread.last_activity_at, reverse=True)
    return _feed(f"{category.name} · Lantern", f"/c/{slug}", f"/c/{slug}/feed", threads,
                 {slug: category.name})


def latest_feed():
    threads, _ = reading.latest_threads(size=FEED_SIZE)
    return _feed("Latest · Lantern", "/", "/feed", threads, {})
