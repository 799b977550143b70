"""Forum pages: home, category and thread."""
from chalice import Response

from chalicelib.core import clock
from chalicelib.platform import sessions
from chalicelib.forum import (feeds, hooks, own_state, page_index, positions, reading,
                              withdrawal)
from chalicelib.web import caching, page, query, route


@route("/")
def home(request):
    """Show the categories with their counts, and the latest threads across them."""
    categories, stats = reading.categories_and_stats()
    latest, _ = reading.latest_threads(size=10)
    names = {category.slug: category.name for category in categories}
    new_posts = positions.for_list(sessions.PendingVisitor(request), latest)
    return page(request, "forum/home.html", categories=categories, latest=latest,
                category_names=names, new_posts=new_posts,
                **hooks.merged_context(hooks.home_page, stats))


@route("/c/{slug}")
def category(request, slug):
    """Show a category's threads, pinned first, then most recent activity."""
    found, threads, next_cursor = reading.category_page(slug, query(request, "after"))
    return page(request, "forum/category.html", category=found, threads=threads,
                next_cursor=next_cursor, is_first_page=not query(request, "after"),
                new_posts=positions.for_list(sessions.PendingVisitor(request), threads))


@route("/t/{thread_id}")
def thread(request, thread_id):
    """Show a thread's posts, oldest first, with what the features add (signatures, tools)
    and the reader's own state (new posts, saved, reactions); reading moves their position."""
    after, start = query(request, "after"), page_index.parse_start(query(request, "from"))
    number = page_index.parse_page(query(request, "page"))
    found, posts, next_cursor, extras, visitor = reading.thread_page(
        thread_id, after, number, start, reader=sessions.PendingVisitor(request))
    current = page_index.current_page(found, posts[0].post_id) if posts else number
    first, now, member = current == 1 and not after, clock.utcnow(), visitor.member
    state = extras.get("own_state", own_state.NOTHING_READ)
    view = hooks.ThreadView(thread=found, posts=posts, member=member, extras=extras,
                            is_first_page=first, now=now)
    # A hidden thread reaches moderators only: never a shared cache, whatever else it holds.
    private = {"Cache-Control": caching.PRIVATE} if withdrawal.is_withdrawn(found) else None
    response = page(request, "forum/thread.html", headers=private, thread=found, posts=posts,
                    next_cursor=next_cursor, is_first_page=first,
                    pager=page_index.links(found, current),
                    posted=query(request, "posted"), after=after,
                    reacted=extras.get("reacted", set()), saved=state.saved,
                    new_id=positions.first_new_id(state, posts, first),
                    **hooks.merged_context(hooks.thread_page, view))
    positions.record(member, found, posts, state, positions.position_after(
        found, posts, current, after, next_cursor is not None), now)
    return response


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

