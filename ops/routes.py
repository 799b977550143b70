"""Writes chalicelib/route_table.py from the views' ``@route`` declarations.

It imports every module under chalicelib/ (and the local-only dev tools), so each
``@route`` runs and lands in ``web.routing.DECLARED``; no source text is read.
"""
import importlib
import json
import os
import pkgutil

import chalicelib
from chalicelib.web import routing

# Served by `make run` only; never registered in a deployed stage.
LOCAL_ONLY_MODULES = ("ops.devtools",)
TABLE_PATH = os.path.join(os.path.dirname(chalicelib.__file__), "route_table.py")
HEADER = '''"""Every URL Lantern serves and the view that serves it: (methods, path, "module:function").

app.py registers each line (chalicelib/web/routing.py) and imports a view's module on its
first request. Written from the views' @route declarations by
`python -m ops.cli write-routes`; tests/test_routing.py fails when the two differ.
"""
'''


def _view_module(entry):
    return entry[2].partition(":")[0]


def declared_routes():
    """Import every module that declares routes and return (deployed, local-only) tables."""
    for module in pkgutil.walk_packages(chalicelib.__path__, "chalicelib."):
        importlib.import_module(module.name)
    for module_name in LOCAL_ONLY_MODULES:
        importlib.import_module(module_name)
    routes = sorted(set(routing.DECLARED), key=lambda entry: (entry[1], entry[0], entry[2]))
    return ([entry for entry in routes if _view_module(entry) not in LOCAL_ONLY_MODULES],
            [entry for entry in routes if _view_module(entry) in LOCAL_ONLY_MODULES])


def _quoted(text):
    return json.dumps(text)


def _lines(name, routes):
    cells = [("((" + ", ".join(map(_quoted, methods)) + ("," if len(methods) == 1 else "") + "),",
              f"{_quoted(path)},", f"{_quoted(target)}),") for methods, path, target in routes]
    widths = [max([len(cell[column]) for cell in cells] + [0]) for column in (0, 1)]
    lines = [f"{name} = ["]
    lines += [f"    {m.ljust(widths[0])} {p.ljust(widths[1])} {t}" for m, p, t in cells]
    return lines + ["]"]


def route_table_source():
    deployed, local_only = declared_routes()
    return "\n".join([HEADER] + _lines("ROUTES", deployed) + ["", "# Registered by `make run` only."]
                     + _lines("LOCAL_ROUTES", local_only)) + "\n"


def write_route_table():
    with open(TABLE_PATH, "w", encoding="utf-8") as handle:
        handle.write(route_table_source())
    return TABLE_PATH
