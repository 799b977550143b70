"""The search page's one service call: check the query and filters, then ask the index."""
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from chalicelib.core import errors, numbers, signing
from chalicelib.forum import reading
from chalicelib.platform import ratelimits
from chalicelib.search import finding, querying, replica

PER_PAGE = 10
MAX_PAGE = 50
# Generous for a person, tight for a script walking the archive.
SEARCHES_PER_MINUTE = 30
AUTHOR_MAX = 40
_THREAD_ID = re.compile(r"^[0-9A-Za-z]{1,40}$")


@dataclass
class Search:
    q: str = ""
    category: str = ""
    author: str = ""
    since: str = ""
    until: str = ""
    thread: str = ""
    page: int = 1
    errors: dict = field(default_factory=dict)
    hits: list = field(default_factory=list)
    has_next: bool = False
    categories: list = field(default_factory=list)
    thread_title: str = ""

    @property
    def searched(self):
        return bool(self.q) and not self.errors


def _day(text, name, errors):
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        errors[name] = "Please give a date like 2024-03-31, or leave it empty."
        return None


def read_filters(args):
    """A Search from the query string, with a message per field that cannot be used."""
    search = Search(**{name: (args.get(name) or "").strip()[:1000] for name in
                       ("q", "category", "author", "since", "until", "thread")})
    # Past the last page is the last page; anything unreadable ("²" too) is the first.
    search.page = min(numbers.int_or_none(args.get("page"), 1, 10**6) or 1, MAX_PAGE)
    if search.q:
        problem = querying.problem(search.q)
        if problem:
            search.errors["q"] = problem
    if len(search.author) > AUTHOR_MAX:
        search.errors["author"] = "That is longer than any member's name."
    since, until = _day(search.since, "since", search.errors), \
        _day(search.until, "until", search.errors)
    if since and until and since > until:
        search.errors["until"] = "This date is before the “from” date."
    if search.thread and not _THREAD_ID.match(search.thread):
        search.thread = ""
    return search, since, until


def search(args, visitor_ip, now):
    """Run the search the query string asks for (rate-limited per visitor)."""
    query, since, until = read_filters(args)
    query.categories = reading.list_categories()
    if query.category not in {category.slug for category in query.categories}:
        query.category = ""
    if query.thread:
        query.thread_title = _thread_title(query.thread)
    if not query.searched:
        return query
    ratelimits.hit("search", signing.digest("ip", visitor_ip), SEARCHES_PER_MINUTE, 60, now,
                   "That was a lot of searches in a short time. Please wait a minute.")
    filters = {"category": query.category, "author": query.author, "thread_id": query.thread,
               "since": since.isoformat() if since else None,
               "before": (until + timedelta(days=1)).isoformat() if until else None}
    connection = replica.connection()
    expression = querying.expression(querying.words(query.q),
                                     lambda word: finding.has_term(connection, word))
    hits = finding.search(connection, expression, filters, PER_PAGE + 1,
                         (query.page - 1) * PER_PAGE)
    query.hits, query.has_next = hits[:PER_PAGE], len(hits) > PER_PAGE
    names = {category.slug: category.name for category in query.categories}
    for hit in query.hits:
        hit["category_name"] = names.get(hit["category"], hit["category"])
    return query


def _thread_title(thread_id):
    try:
        return reading.get_thread(thread_id).title
    except errors.NotFound:
        return ""
