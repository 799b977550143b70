"""The dependency order of Lantern's packages, low to high (docs/architecture.md).

A module may import its own package and the packages on lower steps only; packages on
one step never import each other. tests/test_architecture.py holds every import of
chalicelib/ and app.py to this list, and checks that docs/architecture.md draws it as
``diagram()`` does.
"""

STEPS = [
    ("core",),
    ("models",),
    ("platform",),
    ("web",),
    ("forum",),
    ("notifications",),
    ("care", "subscriptions", "journal", "profiles", "search"),
    ("moderation",),
    ("correspondence",),
    ("accounts", "inbound"),
    ("wiring",),
]

# Top-level modules that are neither a package nor part of one: they wire the rest.
WIRING_MODULES = {"app", "chalicelib.features", "chalicelib.jobs", "chalicelib.route_table",
                  "chalicelib.layers"}


def package_of(module_name):
    """The package (a name in STEPS) that holds ``module_name``, or None outside chalicelib."""
    if module_name in WIRING_MODULES:
        return "wiring"
    parts = module_name.split(".")
    if parts[0] != "chalicelib" or len(parts) < 2:
        return None
    return parts[1] if step_of(parts[1]) is not None else None


def step_of(package):
    for number, packages in enumerate(STEPS, start=1):
        if package in packages:
            return number
    return None


def diagram():
    """The order as text, highest step first (as docs/architecture.md shows it)."""
    lines = [f"{number:>3}  {' | '.join(packages)}"
             for number, packages in reversed(list(enumerate(STEPS, start=1)))]
    return "\n".join(lines)
