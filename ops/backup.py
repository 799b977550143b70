"""Operator backups: every table in ALL_MODELS as JSON lines, and loading them back.

This is the one module in chalicelib/ that Scans, and tests/test_project_rules.py exempts
exactly this file: a backup reads whole tables on purpose. It runs only from an operator's
machine (`python -m ops.cli --stage prod export-backup`); app.py, the request paths
and the scheduled jobs never import it (a test checks that too).

Format: a header line, then one ``{"table": short name, "item": DynamoDB JSON}`` per item.
Tables are named without the stage prefix, so a prod backup loads into any stage.
"""
import base64
import json
import sys

from chalicelib.core import clock, config
from chalicelib.models import ALL_MODELS

FORMAT = "lantern-backup/1"


class BackupError(Exception):
    pass


class ProgressBar:
    """``members  [#########-----------]  450/1000`` on a terminal; one line per table else."""

    WIDTH = 30

    def __init__(self, label, total, stream=sys.stderr):
        self.label, self.total, self.done, self.stream = label, max(total, 0), 0, stream
        self.live = hasattr(stream, "isatty") and stream.isatty()

    def _line(self):
        total = max(self.total, self.done)
        filled = self.WIDTH * self.done // total if total else self.WIDTH
        return (f"{self.label:<16} [{'#' * filled}{'-' * (self.WIDTH - filled)}] "
                f"{self.done}/{total}")

    def advance(self, count):
        self.done += count
        if self.live:
            self.stream.write("\r" + self._line())
            self.stream.flush()

    def finish(self):
        self.stream.write(("\r" if self.live else "") + self._line() + "\n")
        self.stream.flush()


def _client():
    import boto3

    return boto3.client("dynamodb", region_name=config.settings.aws_region)


def _binary(value, convert):
    """DynamoDB JSON with bytes ("B", "BS") made JSON-safe (base64), or back."""
    if isinstance(value, dict):
        return {key: (convert(item) if key == "B" else [convert(i) for i in item]
                      if key == "BS" else _binary(item, convert))
                for key, item in value.items()}
    if isinstance(value, list):
        return [_binary(item, convert) for item in value]
    return value


def _to_text(raw):
    return base64.b64encode(raw).decode("ascii")


def export_backup(out, now, progress=ProgressBar):
    """Write every item of every table to ``out``.

    :return: {table short name: item count}.
    """
    client, counts = _client(), {}
    out.write(json.dumps({"format": FORMAT, "stage": config.settings.stage,
                          "created_at": clock.iso(now),
                          "tables": [model.Meta.short_name for model in ALL_MODELS]}) + "\n")
    for model in ALL_MODELS:
        short = model.Meta.short_name
        # ItemCount is refreshed about every six hours: an estimate, good enough for a bar.
        estimate = client.describe_table(TableName=model.Meta.table_name)["Table"]["ItemCount"]
        bar, counts[short] = progress(short, estimate), 0
        for page in client.get_paginator("scan").paginate(TableName=model.Meta.table_name,
                                                          ConsistentRead=True):
            for item in page["Items"]:
                out.write(json.dumps({"table": short, "item": _binary(item, _to_text)},
                                     separators=(",", ":")) + "\n")
            counts[short] += len(page["Items"])
            bar.advance(len(page["Items"]))
        bar.finish()
    return counts


def read_header(line):
    """:raise BackupError: when ``line`` does not start a Lantern backup."""
    try:
        header = json.loads(line)
    except ValueError:
        header = None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise BackupError(f"not a Lantern backup (expected format {FORMAT})")
    return header


def import_backup(lines, total, overwrite=False, progress=ProgressBar):
    """Put every item of a backup into this stage's tables.

    Items already in a table are kept unless ``overwrite``: loading an old backup into a
    live stage never rolls back newer posts.

    :return: {"written": n, "kept": n}.
    :raise BackupError: for a file that is not a backup or names an unknown table.
    """
    client = _client()
    read_header(next(lines, ""))
    tables = {model.Meta.short_name: model for model in ALL_MODELS}
    bar, result = progress("items", total), {"written": 0, "kept": 0}
    for line in lines:
        record = json.loads(line)
        model = tables.get(record["table"])
        if model is None:
            raise BackupError(f"the backup has a table this code does not know: {record['table']}")
        request = {"TableName": model.Meta.table_name,
                   "Item": _binary(record["item"], base64.b64decode)}
        if not overwrite:
            request.update(ConditionExpression="attribute_not_exists(#key)",
                           ExpressionAttributeNames={"#key": model._hash_keyname})
        try:
            client.put_item(**request)
            result["written"] += 1
        except client.exceptions.ConditionalCheckFailedException:
            result["kept"] += 1
        bar.advance(1)
    bar.finish()
    return result
