"""The fixed list of medication classes members come off (profiles, journals, filters).

A fixed list, not free text: it keeps filters exact and never invites naming a drug and
dose in a place where that could read as advice.
"""

# (key stored in DynamoDB, label shown to members), in the order forms list them.
MEDICATION_CLASSES = [
    ("benzodiazepines", "Benzodiazepines"),
    ("ssris", "SSRIs"),
    ("snris", "SNRIs"),
    ("tricyclics", "Tricyclics"),
    ("antipsychotics", "Antipsychotics"),
    ("mood-stabilisers", "Mood stabilisers"),
    ("stimulants", "Stimulants"),
    ("z-drugs", "Z-drugs"),
    ("other", "Other"),
]

LABELS = dict(MEDICATION_CLASSES)
KEYS = [key for key, _ in MEDICATION_CLASSES]


def label(key):
    return LABELS.get(key, key)


def is_known(key):
    return key in LABELS


def in_list_order(keys):
    """``keys`` that are known classes, in the fixed list's order, without duplicates."""
    wanted = set(keys)
    return [key for key in KEYS if key in wanted]


# The taper journal's names for the same list, and how its doses are measured.
DRUG_CLASSES = MEDICATION_CLASSES
# Liquids and drops are how the slowest tapers are measured.
DOSE_UNITS = ("mg", "ml", "drops")
MAX_NAME_CHARS = 60


def class_label(key):
    """The label of a class key ('Other' for a key no longer in the list)."""
    return LABELS.get(key, LABELS["other"])


def is_drug_class(key):
    return is_known(key)


def is_unit(unit):
    return unit in DOSE_UNITS
