"""`make run`'s HTTP server: Chalice's local server, with unknown addresses answered by the app.

Chalice's local gateway answers a path no route matches with API Gateway's bare
`403 {"message": "Missing Authentication Token"}` (docs/pitfalls.md #14). Deployed, the
gateway responses set by `make deploy` (ops/deploy/gateway.py) turn that into a calm 404;
locally such a request is handed to the app under ``NOT_FOUND_RESOURCE``, a route added
here for every method, whose view raises NotFound: the friendly 404 page in the site layout,
through the same middleware (security headers, session cookies) as every other page.
"""
from urllib.parse import parse_qs, urlparse

from chalice.app import RouteEntry
from chalice.local import (ChaliceRequestHandler, CustomLocalChalice, LocalChalice,
                           LocalDevServer, LocalGateway, MatchResult, RouteMatcher)

# Matches only itself, and that path answers 404 too.
NOT_FOUND_RESOURCE = "/.lantern-not-found"
METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


class FriendlyRouteMatcher(RouteMatcher):
    """Chalice's matcher; an unknown path matches ``NOT_FOUND_RESOURCE``, query kept."""

    def match_route(self, url):
        try:
            return super().match_route(url)
        except ValueError:
            query = parse_qs(urlparse(url).query, keep_blank_values=True)
            return MatchResult(route=NOT_FOUND_RESOURCE, captured={}, query_params=query)


class FriendlyGateway(LocalGateway):
    def __init__(self, app_object, config):
        super().__init__(app_object, config)
        self.event_converter._route_matcher = FriendlyRouteMatcher(list(app_object.routes))


class FriendlyRequestHandler(ChaliceRequestHandler):
    def __init__(self, request, client_address, server, app_object, config):
        self.local_gateway = FriendlyGateway(app_object, config)
        # ChaliceRequestHandler.__init__ would build a plain LocalGateway; skip to the base.
        super(ChaliceRequestHandler, self).__init__(request, client_address, server)


def not_found(request):
    from chalicelib.core import errors

    raise errors.NotFound()


def add_not_found_route(app):
    """Serve ``NOT_FOUND_RESOURCE`` for every method with the app's own 404 page."""
    from chalicelib.web import security
    from chalicelib.web.responses import run_view

    def handle():
        return run_view(not_found, app.current_request, {})

    for method in METHODS:
        app.routes[NOT_FOUND_RESOURCE][method] = RouteEntry(
            handle, "not_found", NOT_FOUND_RESOURCE, method)
    # A POST to an unknown address is a 404 as deployed (API Gateway never reaches the app),
    # not a CSRF refusal: nothing is written there.
    security.CSRF_EXEMPT_ROUTES.add(NOT_FOUND_RESOURCE)


def create_server(app, config, host, port):
    """``chalice.local.create_local_server``, answering unknown addresses with the app's 404
    page."""
    add_not_found_route(app)
    # As create_local_server does: a thread-local current_request for the threaded server.
    CustomLocalChalice.__bases__ = (LocalChalice, app.__class__)
    app.__class__ = CustomLocalChalice
    return LocalDevServer(app, config, host, port, handler_cls=FriendlyRequestHandler)
