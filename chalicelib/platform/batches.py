"""One BatchGetItem for keys of several tables, throttled keys read again.

Pages gather every key they need (the thread, signature cards, the reader's session and
own state) into one request; DynamoDB takes at most 100 keys per request, so a larger
request is split (no page of today's sizes comes near it).
"""
import time

from chalicelib.core import errors
from chalicelib.models.base import shared_connection

# Throttled keys of a BatchGetItem are read again, backing off, before giving up.
BATCH_ATTEMPTS = 4
MAX_KEYS = 100


def merge(*requests):
    """One BatchGetItem request from several ``{table: {"Keys": [...], ...}}``."""
    merged = {}
    for request in requests:
        for table_name, entry in (request or {}).items():
            target = merged.setdefault(table_name, {**entry, "Keys": []})
            target["Keys"].extend(key for key in entry["Keys"] if key not in target["Keys"])
            if entry.get("ConsistentRead"):  # a session is read consistently, whatever joins it
                target["ConsistentRead"] = True
    return {name: entry for name, entry in merged.items() if entry["Keys"]}


def _chunks(request):
    chunk, size = {}, 0
    for table_name, entry in request.items():
        for key in entry["Keys"]:
            if size == MAX_KEYS:
                yield chunk
                chunk, size = {}, 0
            chunk.setdefault(table_name, {**entry, "Keys": []})["Keys"].append(key)
            size += 1
    if chunk:
        yield chunk


def batch_get(request):
    """``{table name: [raw items]}`` for a BatchGetItem request (any number of keys).

    :raise ServiceBusy: when keys are still unprocessed after BATCH_ATTEMPTS requests.
    """
    found = {}
    for chunk in _chunks(request):
        _read(chunk, found)
    return found


def _read(request, found):
    client = shared_connection().client
    for attempt in range(BATCH_ATTEMPTS):
        response = client.batch_get_item(RequestItems=request)
        for table_name, items in response.get("Responses", {}).items():
            found.setdefault(table_name, []).extend(items)
        request = response.get("UnprocessedKeys") or {}
        if not request:
            return
        time.sleep(0.05 * 2 ** attempt)
    raise errors.ServiceBusy()
