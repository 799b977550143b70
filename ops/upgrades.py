"""Data written by earlier versions, brought up to what today's pages read.

Each upgrade is an idempotent walk without a Scan (its module says how); a second run finds
nothing to change. Until one has run, the pages it serves fall back to their older, costlier
reads, so they are right either way: the upgrades only make them cheaper. `make deploy` runs
them as its last step before the smoke check; `python -m ops.cli upgrade-data` runs them
alone (for a stage restored from a backup, say).
"""
from chalicelib.forum import category_index
from ops import card_backfill, journal_cards, page_backfill


def _categories_index(progress):
    category_index.rebuild()
    return "written from the categories"


def _page_marks(progress):
    marked, skipped = page_backfill.backfill(progress)
    return f"{marked} threads marked, {skipped} already marked"


def _profile_cards(progress):
    return f"{card_backfill.backfill(progress)} handle claims carry their card"


def _journal_cards(progress):
    return f"{journal_cards.backfill(progress)} journal cards given their chart's data"


UPGRADES = (
    ("Categories' index (settings and share pages read it)", _categories_index),
    ("Page marks on threads from before numbered pages", _page_marks),
    ("Public cards on handle claims from before them", _profile_cards),
    ("Introduction chart data on journal cards from before it", _journal_cards),
)


def run(say=print, progress=lambda text: None):
    """Run every upgrade in order, telling ``say`` what each did."""
    for title, upgrade in UPGRADES:
        say(f"{title}: {upgrade(progress)}")
