"""Member data: every feature says how to export and delete what it keeps about a member.

Each feature registers once, in its ``wiring`` module, by name (imported on first use,
like chalicelib/core/hooks.py)::

    member_data.register("journal", export="chalicelib.journal.export:export_member_data",
                         delete="chalicelib.journal.export:delete_member_data",
                         models=("JournalItem",))

Account export and deletion walk the registry, so they never import the features, and a
new feature's data cannot be forgotten: tests/test_member_data.py fails for any model
holding member data that no registration names.

- ``export(member)`` returns the feature's sections of the export (a dict of JSON-ready
  data, e.g. ``{"journal": {...}}``);
- ``delete(member, now, keep_posts)`` removes (or anonymises) the member's data; it must
  be idempotent, since a deletion that failed halfway is simply run again. ``keep_posts``
  is the member's choice to leave their posts' text under "former member".
"""
from collections import namedtuple

from chalicelib.core.hooks import resolve

Registration = namedtuple("Registration", "feature export delete models")

_registry = {}


def register(feature, export=None, delete=None, models=()):
    """Name ``feature``'s exporter and deleter ("module:function") and the models they cover."""
    _registry[feature] = Registration(feature, export, delete, tuple(models))


def registrations():
    return list(_registry.values())


def covered_models():
    """Model class names a registered deleter takes care of."""
    return {name for entry in _registry.values() if entry.delete for name in entry.models}


def export_all(member):
    """Every feature's sections of the member's export, merged in registration order."""
    sections = {}
    for entry in _registry.values():
        if entry.export:
            sections.update(resolve(entry.export)(member))
    return sections


def delete_all(member, now, keep_posts=False):
    """Run every feature's deleter for ``member``, in registration order."""
    for entry in _registry.values():
        if entry.delete:
            resolve(entry.delete)(member, now, keep_posts)
