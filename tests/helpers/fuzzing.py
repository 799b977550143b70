"""How hard the property tests search, and whether they search the same way every run.

`make test` runs them derandomized: the same examples on every run and every machine, so
the suite's verdict depends on the code, not on luck (a fresh random find once failed CI
on a change that had nothing to do with it). `make fuzz` searches afresh, SCALE times as
long; whatever it finds becomes an ``@example`` on the test, so the suite keeps it.
"""
import os

from hypothesis import settings

SCALE = int(os.environ.get("LANTERN_FUZZ_SCALE") or 0)

settings.register_profile("suite", derandomize=True, database=None)
settings.register_profile("fuzz", derandomize=False, database=None, print_blob=True)


def load_profile():
    settings.load_profile("fuzz" if SCALE else "suite")


def examples(count):
    """``count`` examples in the suite; ``count * SCALE`` when fuzzing."""
    return count * max(SCALE, 1)
