"""The search page: results, filters, and a calm page when nothing matched."""
from chalicelib.core import clock
from chalicelib.search import searching
from chalicelib.web import page, route

# Search result pages are never for search engines (base.html says so too).
NOINDEX = {"X-Robots-Tag": "noindex, nofollow"}
SUGGESTED_WORDS = ("sertraline", "brain zaps", "insomnia", "tapering", "anxiety")


def _visitor_ip(request):
    return ((request.context or {}).get("identity") or {}).get("sourceIp") or "unknown"


@route("/search")
def search_page(request):
    """Search the posts anyone may read; filters narrow it, pages go ten at a time."""
    args = dict(request.query_params or {})
    result = searching.search(args, _visitor_ip(request), clock.utcnow())
    return page(request, "search/results.html", headers=NOINDEX, search=result,
                suggestions=SUGGESTED_WORDS)
