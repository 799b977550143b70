"""Forum pages: home, category and thread."""
from chalice import Response

from chalicelib.core import clock
from chalicelib.platform import sessions
from chalicelib.care import unanswered
from chalicelib.forum import feeds, reactions, reading
from chalicelib.journal import introduction
from chalicelib.moderation.context import thread_context
from chalicelib.subscriptions import follows
from chalicelib.web import page, query, route


@route("/")
def home(request):
    """Show the categories with their counts, and the latest threads across them."""
    categories, stats = reading.categories_and_stats()
    latest, _ = reading.latest_threads(size=10)
    names = {category.slug: category.name for category in categories}
    return page(request, "forum/home.html", categories=categories, latest=latest,
                category_names=names, unanswered_count=unanswered.stats_count(stats))


@route("/c/{slug}")
def category(request, slug):
    """Show a category's threads, pinned first, then most recent activity."""
    found, threads, next_cursor = reading.category_page(slug, query(request, "after"))
    return page(request, "forum/category.html", category=found, threads=threads,
                next_cursor=next_cursor, is_first_page=not query(request, "after"))


@route("/t/{thread_id}")
def thread(request, thread_id):
    """Show a thread's posts, oldest first (an introduction opens with its journal chart)."""
    found, posts, next_cursor, cards = reading.thread_page(thread_id, query(request, "after"))
    intro_chart = (None if query(request, "after") else
                   introduction.header_chart(found, cards, clock.utcnow()))
    return page(request, "forum/thread.html", thread=found, posts=posts, cards=cards,
                intro_chart=intro_chart,
                next_cursor=next_cursor, is_first_page=not query(request, "after"),
                following=follows.is_following(sessions.load_visitor(request).member,
                                               thread_id),
                posted=query(request, "posted"), after=query(request, "after"),
                reacted=reactions.reacted_in(thread_id, sessions.load_visitor(request).member),
                **thread_context(sessions.load_visitor(request).member))


def _atom(xml):
    return Response(body=xml, headers={"Content-Type": "application/atom+xml; charset=utf-8"})


@route("/feed")
def latest_feed(request):
    """The Latest list as an Atom feed."""
    return _atom(feeds.latest_feed())


@route("/c/{slug}/feed")
def category_feed(request, slug):
    """A category's threads as an Atom feed, newest activity first."""
    return _atom(feeds.category_feed(slug))

