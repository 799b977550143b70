"""The taper journal: medications, dose changes, daily check-ins, a chart, sharing and
the drug-history signature. ``export_for`` and ``delete_for`` serve account export and
deletion."""
from chalicelib.journal.export import delete_for, export_for

__all__ = ["export_for", "delete_for"]
