"""The features Lantern is made of, wired into the hooks of the packages beneath them.

Each feature's ``wiring`` module registers its handlers (policy hooks, table-stream
handlers, member-data export and deletion) by name; importing this module once, from
app.py or a test's setup, wires them all. Removing a feature is deleting its package and
its line here.
"""
import importlib

FEATURE_WIRING = [
    "chalicelib.forum.wiring",
    "chalicelib.care.wiring",
    "chalicelib.subscriptions.wiring",
    "chalicelib.journal.wiring",
    "chalicelib.search.wiring",
    "chalicelib.moderation.wiring",
    "chalicelib.correspondence.wiring",
    "chalicelib.notifications.wiring",
]


def wire_all():
    for module_name in FEATURE_WIRING:
        importlib.import_module(module_name)


wire_all()
