"""The taper journal: medications, dose changes, daily check-ins, a chart, sharing and
the drug-history signature. ``export_for`` and ``delete_for`` serve account export and
deletion."""
import importlib

__all__ = ["export_for", "delete_for"]


def __getattr__(name):
    # Looked up on first use (PEP 562): importing chalicelib.journal.wiring at start-up
    # must not load the journal's store and its models.
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.export"), name)
