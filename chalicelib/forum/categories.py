"""Admins editing the categories: name, address (slug), description, order, stale-after."""
import re

from pynamodb.exceptions import TransactWriteError

from chalicelib.core import numbers
from chalicelib.forum import category_index
from chalicelib.models.forum import CATEGORY_PARTITION, Category
from chalicelib.models import writes

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
NAME_MAX, DESCRIPTION_MAX, SLUG_MAX = 80, 300, 40
FIELDS = ("name", "slug", "description", "position", "stale_after_days")


def _whole_number(text, low, high):
    return numbers.int_or_none(text, low, high)


def read_category_form(form):
    """:return: (fields, errors by field name) from the category form."""
    fields = {name: form.get(name) for name in FIELDS}
    problems = {}
    if not fields["name"] or len(fields["name"]) > NAME_MAX:
        problems["name"] = f"Please give the category a name of up to {NAME_MAX} characters."
    fields["slug"] = fields["slug"].lower()
    if not SLUG_PATTERN.match(fields["slug"]) or len(fields["slug"]) > SLUG_MAX:
        problems["slug"] = ("Use lower-case letters, digits and single hyphens, like "
                            "withdrawal-support.")
    if len(fields["description"]) > DESCRIPTION_MAX:
        problems["description"] = f"Please keep the description to {DESCRIPTION_MAX} characters."
    position = _whole_number(fields["position"] or "0", 0, 999)
    if position is None:
        problems["position"] = "Use a whole number from 0 to 999 (lower comes first)."
    stale = _whole_number(fields["stale_after_days"], 1, 3650) \
        if fields["stale_after_days"] else None
    if fields["stale_after_days"] and stale is None:
        problems["stale_after_days"] = ("Leave it empty for the site's default, or use a "
                                        "number of days from 1 to 3650.")
    fields.update(position=position, stale_after_days=stale)
    return fields, problems


def create_category(fields):
    """:return: the new category, or None when its slug is taken."""
    category = Category(CATEGORY_PARTITION, fields["slug"], name=fields["name"],
                        description=fields["description"], position=fields["position"],
                        stale_after_days=fields["stale_after_days"])
    try:
        with writes.transaction() as transaction:
            transaction.save(category, condition=Category.slug.does_not_exist())
            category_index.count_change(transaction)
    except TransactWriteError as error:
        if writes.condition_failed(error):
            return None
        raise
    category_index.rebuild()
    return category


def update_category(category, fields):
    """Save the form's fields; :return: a field-errors dict (empty when saved).

    A category's address can change only while it has no threads: its threads, posts and
    indexes are keyed by the slug, and links to it live on in emails and bookmarks.
    """
    if fields["slug"] != category.slug:
        if category.thread_count:
            return {"slug": "This category already has threads, so its address cannot "
                            "change (links to it would break)."}
        moved = Category(CATEGORY_PARTITION, fields["slug"], name=fields["name"],
                         description=fields["description"], position=fields["position"],
                         stale_after_days=fields["stale_after_days"])
        try:
            with writes.transaction() as transaction:
                transaction.save(moved, condition=Category.slug.does_not_exist())
                transaction.delete(category, condition=Category.thread_count == 0)
                category_index.count_change(transaction)
        except TransactWriteError as error:
            if error.cause_response_code == "TransactionCanceledException":
                return {"slug": "Another category already uses that address."}
            raise
        category_index.rebuild()
        return {}
    stale = Category.stale_after_days.set(fields["stale_after_days"]) \
        if fields["stale_after_days"] else Category.stale_after_days.remove()
    with writes.transaction() as transaction:
        transaction.update(category, actions=[Category.name.set(fields["name"]),
                                              Category.description.set(fields["description"]),
                                              Category.position.set(fields["position"]), stale])
        category_index.count_change(transaction)
    category_index.rebuild()
    return {}
