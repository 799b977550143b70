"""Where a member is now, in the order of the journey (Find peers lists later stages first)."""

STAGES = [
    ("considering", "Considering a taper"),
    ("tapering", "Tapering"),
    ("recently-off", "Recently off"),
    ("protracted", "In protracted withdrawal"),
    ("mostly-healed", "Mostly healed"),
]

LABELS = dict(STAGES)
KEYS = [key for key, _ in STAGES]


def label(key):
    return LABELS.get(key, "")


def is_known(key):
    return key in LABELS


def rank_prefix(key):
    """Sort prefix: "0" for mostly healed ... "4" for considering, "9" when not given."""
    if key not in LABELS:
        return "9"
    return str(len(KEYS) - 1 - KEYS.index(key))
