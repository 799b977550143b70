"""The taper journal: medications, dose changes, daily check-ins, a chart, sharing and
the drug-history signature. Its member data (export, deletion) is in ``export``."""
