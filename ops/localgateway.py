"""`make run`'s HTTP server: Chalice's local server, with unknown addresses answered by the app.

Chalice's local gateway answers a path no route matches with API Gateway's bare
`403 {"message": "Missing Authentication Token"}` (docs/pitfalls.md #14). Deployed, the HTTP
API's `$default` route hands such a request to the function, which answers it as
``NOT_FOUND_RESOURCE`` (chalicelib/web/routing.py); locally it is handed to the app the same
way: the friendly 404 page in the site layout, through the same middleware (security
headers, session cookies) as every other page.
"""
from urllib.parse import parse_qs, urlparse

from chalice.local import (ChaliceRequestHandler, CustomLocalChalice, LocalChalice,
                           LocalDevServer, LocalGateway, MatchResult, RouteMatcher)

from chalicelib.web.routing import ANY_METHOD as METHODS, NOT_FOUND_RESOURCE, answer_not_found


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


def create_server(app, config, host, port):
    """``chalice.local.create_local_server``, answering unknown addresses with the app's 404
    page."""
    answer_not_found(app)
    # As create_local_server does: a thread-local current_request for the threaded server.
    CustomLocalChalice.__bases__ = (LocalChalice, app.__class__)
    app.__class__ = CustomLocalChalice
    return LocalDevServer(app, config, host, port, handler_cls=FriendlyRequestHandler)
