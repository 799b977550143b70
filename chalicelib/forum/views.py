"""Forum pages: home, category and thread."""
from chalice import Blueprint

from chalicelib import sessions
from chalicelib.care import unanswered
from chalicelib.forum import reactions, reading
from chalicelib.subscriptions import follows
from chalicelib.web import page, query, route

forum_pages = Blueprint(__name__)


@route(forum_pages, "/")
def home(request):
    """Show the categories with their counts, and the latest threads across them."""
    categories, stats = reading.categories_and_stats()
    latest, _ = reading.latest_threads(size=10)
    names = {category.slug: category.name for category in categories}
    return page(request, "forum/home.html", categories=categories, latest=latest,
                category_names=names, unanswered_count=unanswered.stats_count(stats))


@route(forum_pages, "/c/{slug}")
def category(request, slug):
    """Show a category's threads, pinned first, then most recent activity."""
    found, threads, next_cursor = reading.category_page(slug, query(request, "after"))
    return page(request, "forum/category.html", category=found, threads=threads,
                next_cursor=next_cursor, is_first_page=not query(request, "after"))


@route(forum_pages, "/t/{thread_id}")
def thread(request, thread_id):
    """Show a thread's posts, oldest first."""
    found, posts, next_cursor = reading.thread_page(thread_id, query(request, "after"))
    return page(request, "forum/thread.html", thread=found, posts=posts,
                next_cursor=next_cursor, is_first_page=not query(request, "after"),
                following=follows.is_following(sessions.load_visitor(request).member,
                                               thread_id),
                posted=query(request, "posted"), after=query(request, "after"),
                reacted=reactions.reacted_in(thread_id, sessions.load_visitor(request).member))
