"""Every route is registered from a table, so a cold Lambda imports only the view it serves.

Importing all view modules (with the domain and model modules beneath them) used to cost
more than Chalice, boto3 and PynamoDB together. With the table, app.py knows every route
at once while a request imports just its own feature, on first use. The table is written
from the views' ``@route`` declarations by ``python -m ops.cli write-routes``; a test
fails when the two drift apart.
"""
import importlib
import os
import pkgutil

import chalicelib

FORM_CONTENT_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"]
# Served by `make run` only; never registered in a deployed stage.
LOCAL_ONLY_MODULES = {"ops.devtools"}
TABLE_PATH = os.path.join(os.path.dirname(os.path.dirname(__file__)), "route_table.py")

# Filled by web.route as view modules are imported: (path, methods, module, view name).
DECLARED = []


def route_options(methods):
    options = {"methods": list(methods)}
    if "POST" in methods:
        options["content_types"] = FORM_CONTENT_TYPES
    return options


def register_routes(app, routes):
    for path, methods, module_name, view_name in routes:
        handler = _lazy_view(app, module_name, view_name)
        app.route(path, name=f"{module_name}.{view_name}", **route_options(methods))(handler)


def _lazy_view(app, module_name, view_name):
    def handle(**params):
        from chalicelib import web
        view = getattr(importlib.import_module(module_name), view_name)
        return web.run_view(view, app.current_request, params)

    handle.__name__ = view_name
    return handle


def declared_routes():
    """Import every module that declares routes and return (deployed, local-only) tables."""
    for module in pkgutil.walk_packages(chalicelib.__path__, "chalicelib."):
        importlib.import_module(module.name)
    for module_name in LOCAL_ONLY_MODULES:
        importlib.import_module(module_name)
    routes = sorted(set(DECLARED))
    return ([entry for entry in routes if entry[2] not in LOCAL_ONLY_MODULES],
            [entry for entry in routes if entry[2] in LOCAL_ONLY_MODULES])


def route_table_source():
    deployed, local_only = declared_routes()
    lines = ['"""Every route and the view serving it (see chalicelib/web/routing.py).', "",
             'Written by `python -m ops.cli write-routes`; do not edit by hand.', '"""',
             "", "ROUTES = ["]
    lines += [f"    {entry!r}," for entry in deployed]
    lines += ["]", "", "LOCAL_ROUTES = ["]
    lines += [f"    {entry!r}," for entry in local_only]
    lines += ["]", ""]
    return "\n".join(lines)


def write_route_table():
    with open(TABLE_PATH, "w", encoding="utf-8") as handle:
        handle.write(route_table_source())
    return TABLE_PATH

