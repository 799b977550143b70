"""Read and write units of one DynamoDB call, from the sizes of the items it touched
(bench/cost.py): 0.5 read unit per 4 KB read eventually consistent, 1 strongly, a Query
rounding its whole page; 1 write unit per KB written, twice that in a transaction."""
import math
import os

WRITES = {"PutItem", "UpdateItem", "DeleteItem"}


def _size(value):
    """An attribute value's size as DynamoDB counts it (close enough for units)."""
    kind, inner = next(iter(value.items()))
    if kind in ("S", "B"):
        return len(inner.encode() if isinstance(inner, str) else inner)
    if kind == "N":
        return len(inner.lstrip("-").replace(".", "")) // 2 + 1
    if kind in ("L",):
        return 3 + sum(_size(item) + 1 for item in inner)
    if kind == "M":
        return 3 + item_size(inner)
    if kind in ("SS", "NS", "BS"):
        return sum(len(str(item)) for item in inner)
    return 1  # BOOL, NULL


def item_size(item):
    return sum(len(name) + _size(value) for name, value in item.items())


def _stored_size(table, key):
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.dynamodb.models import dynamodb_backends

    backend = dynamodb_backends[DEFAULT_ACCOUNT_ID][os.environ["AWS_REGION"]]
    try:
        item = backend.get_item(table, key)
    except Exception:  # gone (a delete): count the smallest unit
        return 1
    return item_size(item.to_json()["Attributes"]) if item else 1


def _reads(units_per_4kb, sizes, per_item):
    if per_item:
        return sum(math.ceil(max(size, 1) / 4096) * units_per_4kb for size in sizes)
    return max(1, math.ceil(sum(sizes) / 4096)) * units_per_4kb


def units(name, params, parsed):
    """(read units, write units) of one DynamoDB call."""
    factor = 1 if params.get("ConsistentRead") else 0.5
    if name == "GetItem":
        return _reads(factor, [item_size(parsed.get("Item", {}))], True), 0
    if name == "BatchGetItem":
        total = 0
        for table, items in parsed.get("Responses", {}).items():
            consistent = params["RequestItems"][table].get("ConsistentRead")
            total += _reads(1 if consistent else 0.5, [item_size(i) for i in items], True)
        return total, 0
    if name in ("Query", "Scan"):
        return _reads(factor, [item_size(i) for i in parsed.get("Items", [])], False), 0
    if name == "PutItem":
        return 0, math.ceil(item_size(params["Item"]) / 1024)
    if name in WRITES:
        return 0, math.ceil(_stored_size(params["TableName"], params["Key"]) / 1024)
    if name == "TransactWriteItems":
        total = 0
        for entry in params["TransactItems"]:
            (kind, body), = entry.items()
            size = item_size(body["Item"]) if kind == "Put" else _stored_size(
                body["TableName"], body["Key"])
            total += 2 * math.ceil(max(size, 1) / 1024)
        return 0, total
    if name == "BatchWriteItem":
        return 0, sum(math.ceil(item_size(r["PutRequest"]["Item"]) / 1024) if "PutRequest" in r
                      else 1 for requests in params["RequestItems"].values() for r in requests)
    return 0, 0
