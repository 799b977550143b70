"""export-backup and import-backup: every table out as JSON lines, and back in."""
import io
import json
import os
import re

import boto3
import pytest

from chalicelib.core import clock
from ops import backup
from chalicelib.models import ALL_MODELS, create_tables
from chalicelib.models.members import UniqueClaim

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class QuietBar(backup.ProgressBar):
    def __init__(self, label, total):
        super().__init__(label, total, stream=io.StringIO())


def _export():
    out = io.StringIO()
    counts = backup.export_backup(out, clock.utcnow(), progress=QuietBar)
    return out.getvalue(), counts


def _import(text, overwrite=False):
    lines = iter(text.splitlines())
    return backup.import_backup(lines, len(text.splitlines()) - 1, overwrite=overwrite,
                                progress=QuietBar)


def _empty_every_table():
    client = boto3.client("dynamodb", region_name="eu-west-1")
    for model in ALL_MODELS:
        client.delete_table(TableName=model.Meta.table_name)
    create_tables()


def test_a_forum_survives_export_wipe_and_import(client, make):
    author = make.member(handle="willow")
    thread = make.thread(author=author, title="Tapering sertraline slowly",
                         body="Week 3 of a 10% taper.")
    make.reply(thread, body="Holding is allowed.")
    # A binary attribute, which JSON cannot hold as it is.
    boto3.client("dynamodb", region_name="eu-west-1").put_item(
        TableName=UniqueClaim.Meta.table_name,
        Item={"claim": {"S": "test:binary"}, "member_id": {"S": "x"}, "blob": {"B": b"\x00\xff"}})

    text, counts = _export()
    header = json.loads(text.splitlines()[0])
    assert header["format"] == backup.FORMAT
    assert header["tables"] == [model.Meta.short_name for model in ALL_MODELS]
    assert counts["posts"] == 2 and counts["threads"] == 1 and counts["members"] == 2
    assert len(text.splitlines()) == 1 + sum(counts.values())
    assert "willow@example.org" in text  # a backup is sensitive: it holds every email

    _empty_every_table()
    assert client.get(f"/t/{thread.thread_id}").status == 404

    assert _import(text) == {"written": sum(counts.values()), "kept": 0}
    page = client.get(f"/t/{thread.thread_id}")
    assert page.status == 200
    assert "Holding is allowed." in page.soup.get_text()
    claim = boto3.client("dynamodb", region_name="eu-west-1").get_item(
        TableName=UniqueClaim.Meta.table_name, Key={"claim": {"S": "test:binary"}})["Item"]
    assert claim["blob"]["B"] == b"\x00\xff"
    assert _export()[1] == counts


def test_import_keeps_newer_items_unless_told_to_overwrite(make):
    thread = make.thread(title="Before the backup")
    text, _ = _export()
    thread.title = "Renamed after the backup"
    thread.save()

    result = _import(text)
    assert result["written"] == 0 and result["kept"] > 0
    thread.refresh()
    assert thread.title == "Renamed after the backup"

    _import(text, overwrite=True)
    thread.refresh()
    assert thread.title == "Before the backup"


def test_import_refuses_a_file_that_is_not_a_backup():
    with pytest.raises(backup.BackupError, match="not a Lantern backup"):
        _import('{"hello": "world"}\n')
    with pytest.raises(backup.BackupError, match="does not know"):
        _import(json.dumps({"format": backup.FORMAT}) + '\n{"table": "nope", "item": {}}\n')


def test_progress_bar_draws_on_a_terminal_and_prints_one_line_otherwise():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal = Terminal()
    bar = backup.ProgressBar("posts", 4, stream=terminal)
    bar.advance(2)
    bar.finish()
    assert "\r" in terminal.getvalue() and "2/4" in terminal.getvalue()
    plain = io.StringIO()
    bar = backup.ProgressBar("posts", 4, stream=plain)
    bar.advance(4)
    bar.finish()
    assert plain.getvalue() == f"posts            [{'#' * 30}] 4/4\n"


def test_only_the_operator_cli_imports_the_scanning_backup_module():
    """The Scan exemption in test_project_rules covers ops/backup.py, and only the
    operator CLI may reach that module: never app.py, a view or a job."""
    importers = []
    for directory, _, names in os.walk(ROOT):
        if any(part in directory for part in (".venv", "tests", ".git", "bench")):
            continue
        for name in names:
            path = os.path.join(directory, name)
            if not name.endswith(".py") or path.endswith(("ops/commands/data.py",
                                                          "ops/backup.py")):
                continue
            with open(path, encoding="utf-8") as handle:
                if re.search(r"chalicelib\.backup|from chalicelib import .*\bbackup\b",
                             handle.read()):
                    importers.append(os.path.relpath(path, ROOT))
    assert importers == []
