"""Cursor pagination: one Query of ``size + 1`` items, and an opaque, signed cursor.

The cursor is the DynamoDB key of the last item shown (what LastEvaluatedKey would be),
signed so a visitor cannot forge a start key; a tampered cursor is a 400 page.
"""
from chalicelib.core import errors, signing

SALT = "cursor"


def encode_cursor(item, key_names):
    return signing.serializer(SALT).dumps({name: getattr(item, name) for name in key_names})


def decode_cursor(cursor, key_names):
    """:raise BadRequest: when the cursor was not made by us."""
    if not cursor:
        return None
    try:
        values = signing.serializer(SALT).loads(cursor)
    except signing.BadSignature:
        raise errors.BadRequest("That page link is damaged. Please start again from the first page.")
    if not isinstance(values, dict) or set(values) != set(key_names) \
            or not all(isinstance(v, str) for v in values.values()):
        raise errors.BadRequest("That page link is damaged. Please start again from the first page.")
    return {name: {"S": value} for name, value in values.items()}


def fetch_page(query, key_names, cursor, size, start=None):
    """Run ``query(limit=..., last_evaluated_key=...)`` once and cut one page from it.

    ``start``: a start key known to be safe (instead of a cursor).
    :return: (items, cursor of the next page or None)
    """
    start = start or decode_cursor(cursor, key_names)
    items = list(query(limit=size + 1, last_evaluated_key=start))
    if len(items) > size:
        return items[:size], encode_cursor(items[size - 1], key_names)
    return items, None
