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
