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


# Search: members write the brand they were prescribed as often as the generic, so a search
# for either finds both. Generic -> brand names (UK and US), lower case, well-established only.
BRAND_NAMES = {
    "sertraline": ("zoloft", "lustral"),
    "clonazepam": ("klonopin", "rivotril"),
    "venlafaxine": ("effexor", "efexor"),
    "desvenlafaxine": ("pristiq",),
    "paroxetine": ("paxil", "seroxat"),
    "quetiapine": ("seroquel",),
    "escitalopram": ("lexapro", "cipralex"),
    "citalopram": ("celexa", "cipramil"),
    "fluoxetine": ("prozac",),
    "fluvoxamine": ("luvox", "faverin"),
    "duloxetine": ("cymbalta",),
    "bupropion": ("wellbutrin", "zyban"),
    "mirtazapine": ("remeron", "zispin"),
    "vortioxetine": ("trintellix", "brintellix"),
    "alprazolam": ("xanax",),
    "lorazepam": ("ativan",),
    "diazepam": ("valium",),
    "temazepam": ("restoril",),
    "pregabalin": ("lyrica",),
    "gabapentin": ("neurontin",),
    "aripiprazole": ("abilify",),
    "olanzapine": ("zyprexa",),
    "risperidone": ("risperdal",),
    "lamotrigine": ("lamictal",),
    "lithium": ("priadel", "camcolit", "lithobid"),
    "valproate": ("depakote", "epilim"),
    "zolpidem": ("ambien", "stilnoct"),
    "zopiclone": ("zimovane",),
    "eszopiclone": ("lunesta",),
    "amitriptyline": ("elavil",),
    "nortriptyline": ("pamelor",),
    "trazodone": ("desyrel", "molipaxin"),
    "methylphenidate": ("ritalin", "concerta"),
    "atomoxetine": ("strattera",),
}
_SAME_DRUG = {}
for _generic, _brands in BRAND_NAMES.items():
    for _name in (_generic, *_brands):
        _SAME_DRUG[_name] = (_generic, *_brands)


def same_drug(word):
    """Every name of the drug ``word`` names (generic first), or () for any other word."""
    return _SAME_DRUG.get(word.lower(), ())
