"""Every route is registered from a table, so a cold Lambda imports only the view it serves.

Importing all view modules (with the domain and model modules beneath them) used to cost
more than Chalice, boto3 and PynamoDB together. With the table (chalicelib/route_table.py:
methods, path and ``"module:function"`` per line), app.py knows every route at once while
a request imports just its own feature, on first use. The table is written from the views'
``@route`` declarations by ``python -m ops.cli write-routes``; a test fails when the two
drift apart.

An address no route has still reaches the function through the HTTP API's ``$default``
route (ops/deploy/httpapi.py), and locally through ``make run``'s server
(ops/localgateway.py): ``Site`` hands it to ``NOT_FOUND_RESOURCE``, whose view answers the
site's calm 404 page through the same middleware as every other page.
"""
from urllib.parse import unquote

from chalice import Chalice
from chalice.app import RouteEntry

from chalicelib.core import errors
from chalicelib.core.hooks import resolve

FORM_CONTENT_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"]
# Registered only once an unknown address is asked for, so `chalice deploy` (which makes a
# REST API resource of every route) never sees it; asked for itself, it answers 404 too.
NOT_FOUND_RESOURCE = "/.lantern-not-found"
ANY_METHOD = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")

# Filled by ``route`` as view modules are imported: (methods, path, "module:function").
DECLARED = []


def route(path, methods=("GET",)):
    """Declare ``view(request, **params)`` as serving ``path`` for ``methods``."""

    def decorate(view):
        DECLARED.append((tuple(methods), path, f"{view.__module__}:{view.__name__}"))
        return view

    return decorate


def route_options(methods):
    options = {"methods": list(methods)}
    if "POST" in methods:
        options["content_types"] = FORM_CONTENT_TYPES
    return options


def register_routes(app, routes):
    for methods, path, target in routes:
        app.route(path, name=target.replace(":", "."), **route_options(methods))(
            _lazy_view(app, target))


def _lazy_view(app, target):
    def handle(**params):
        from chalicelib.web.responses import run_view

        return run_view(resolve(target), app.current_request, params)

    handle.__name__ = target.partition(":")[2]
    return handle


def not_found(request):
    raise errors.NotFound()


def answer_not_found(app):
    """Serve ``NOT_FOUND_RESOURCE`` for every method with the site's 404 page (idempotent)."""
    if NOT_FOUND_RESOURCE in app.routes:
        return
    for method in ANY_METHOD:
        app.routes[NOT_FOUND_RESOURCE][method] = RouteEntry(
            _lazy_view(app, f"{__name__}:not_found"), "not_found", NOT_FOUND_RESOURCE, method)


def unrouted(app, event):
    """Is ``event`` an API Gateway request that no route of ``app`` was matched for?

    The HTTP API's ``$default`` route hands over the path as asked, not a route's template
    (docs/pitfalls.md #30), so it is looked up here, never indexed (``app.routes`` is a
    defaultdict). A template asked for literally (``/t/{thread_id}``) has no path
    parameters: unrouted too. A known path asked with another method stays Chalice's 405.
    """
    context = event.get("requestContext") or {}
    if "resourcePath" not in context:
        return False  # not an API Gateway request
    entries = app.routes.get(context["resourcePath"])
    if not entries:
        return True
    entry = entries.get(context.get("httpMethod"))
    given = event.get("pathParameters") or {}
    return entry is not None and any(name not in given for name in entry.view_args)


def template_of(app, path, parameters):
    """The route template ``parameters`` fill into ``path`` (as asked, or decoded), or None.

    AWS documents only the ``$default`` route's 1.0 event, which has no parameters; a named
    route gives its template (as AWS SAM's emulator and reports of real events show). Should
    it ever give the path as asked, its template is found again here, off the usual path.
    """
    if not parameters:
        return None
    for template in app.routes:
        filled = template
        for name, value in parameters.items():
            filled = filled.replace("{" + name + "}", value)
        if "{" in template and "{" not in filled and filled in (path, unquote(path)):
            return template
    return None


class Site(Chalice):
    """Chalice, answering an address no route has with the site's 404 page."""

    def __call__(self, event, context):
        if unrouted(self, event):
            template = template_of(self, event["requestContext"]["resourcePath"],
                                   event.get("pathParameters"))
            if template is None:
                answer_not_found(self)
            event = {**event, "pathParameters": event.get("pathParameters") if template
                     else None, "requestContext": {**event["requestContext"],
                                                   "resourcePath": template
                                                   or NOT_FOUND_RESOURCE}}
        return super().__call__(event, context)
