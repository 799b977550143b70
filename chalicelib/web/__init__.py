"""What every view shares: forms, pages and redirects, and the ``route`` declaration.

A view is ``view(request, **path_params)``; it parses, calls one service function and
returns ``page(...)`` or ``redirect(...)``. The names live in small modules (forms,
responses, routing) and are gathered here so a view needs one import line. They are
looked up on first use (PEP 562), so importing ``chalicelib.web.hooks`` from a feature's
wiring module stays as light as the hooks themselves.
"""
import importlib

PUBLIC_NAMES = {
    "Form": "forms", "csrf_is_valid": "forms", "csrf_token": "forms", "query": "forms",
    "read_form": "forms",
    "error_page": "responses", "page": "responses", "redirect": "responses",
    "run_view": "responses", "safe_next": "responses",
    "route": "routing",
}
__all__ = sorted(PUBLIC_NAMES)


def __getattr__(name):
    if name not in PUBLIC_NAMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{PUBLIC_NAMES[name]}"), name)
