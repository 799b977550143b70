"""The categories' names and order in one item of their partition, so a page reads them by
key in the BatchGetItem it makes anyway, not with a Query of its own (docs/data-model.md,
"Member pages").

Every change to a category (``categories.py``, the seed) adds 1 to the item's ``revision``
in the same write, then rebuilds it: the revision (a consistent GetItem), then the
categories (a consistent Query), saved only if the revision is still the one read, with
``built_revision`` set to it. A reader trusts the item only when the two agree; otherwise
(no index yet, or a rebuild that did not happen) it reads the categories' Query, so the
list is never older than that Query's would be.
"""
import json

from chalicelib.forum import reading
from chalicelib.models import writes
from chalicelib.models.forum import CATEGORY_INDEX_SLUG, CATEGORY_PARTITION, Category, \
    is_category

FIELDS = ("slug", "name", "description", "position", "stale_after_days")


def _item():
    return Category(CATEGORY_PARTITION, CATEGORY_INDEX_SLUG)


def keys():
    """The index's key, for a page's BatchGetItem."""
    return {Category.Meta.table_name: {"Keys": [{"partition": {"S": CATEGORY_PARTITION},
                                                 "slug": {"S": CATEGORY_INDEX_SLUG}}]}}


def categories_in(found):
    """The categories in display order, from the index among ``found`` (raw items by
    table), or from the categories' Query when the index is missing or behind."""
    raw = next((raw for raw in found.get(Category.Meta.table_name, [])
                if raw["slug"]["S"] == CATEGORY_INDEX_SLUG), None)
    index = Category.from_raw_data(raw) if raw else None
    if index is None or index.index is None or index.revision != index.built_revision:
        return reading.list_categories()
    return [Category(CATEGORY_PARTITION, **dict(zip(FIELDS, entry)))
            for entry in json.loads(index.index)]


def count_change(transaction):
    """Add the index's count of changes to a transaction changing a category."""
    transaction.update(_item(), actions=[Category.revision.add(1), Category.name.set("")])


def changed():
    """A category was written outside ``count_change`` (the seed): count it, rebuild."""
    _item().update(actions=[Category.revision.add(1), Category.name.set("")])
    rebuild()


def rebuild():
    """Write the index from the categories; a change counted meanwhile wins (its own
    rebuild follows it), so the index is never saved from an older list."""
    try:
        revision = Category.get(CATEGORY_PARTITION, CATEGORY_INDEX_SLUG,
                                consistent_read=True).revision
    except Category.DoesNotExist:
        revision = None
    found = [item for item in Category.query(CATEGORY_PARTITION, consistent_read=True)
             if is_category(item.slug)]
    found.sort(key=lambda category: (category.position, category.name))
    entries = [[category.slug, category.name, category.description, int(category.position),
                int(category.stale_after_days) if category.stale_after_days else None]
               for category in found]
    same = Category.revision == revision if revision is not None \
        else Category.revision.does_not_exist()
    index = _item()
    index.name, index.index = "", json.dumps(entries, separators=(",", ":"))
    index.revision = index.built_revision = revision or 0
    writes.applied(lambda: index.save(condition=same))
