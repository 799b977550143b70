"""Every route is registered from a table, so a cold Lambda imports only the view it serves.

Importing all view modules (with the domain and model modules beneath them) used to cost
more than Chalice, boto3 and PynamoDB together. With the table (chalicelib/route_table.py:
methods, path and ``"module:function"`` per line), app.py knows every route at once while
a request imports just its own feature, on first use. The table is written from the views'
``@route`` declarations by ``python -m ops.cli write-routes``; a test fails when the two
drift apart.
"""
from chalicelib.core.hooks import resolve

FORM_CONTENT_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"]

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
