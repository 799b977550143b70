"""Rules of the codebase that a reviewer would otherwise have to remember."""
import os
import re
import subprocess

from chalicelib.core import config

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The operator backup (ops/backup.py) reads whole tables on purpose; it lives outside
# chalicelib, and nothing inside may Scan.
SCAN_ALLOWED = set()


def _python_files(folder):
    for directory, _, names in os.walk(os.path.join(ROOT, folder)):
        for name in names:
            if name.endswith(".py"):
                yield os.path.join(directory, name)


def test_every_setting_is_documented_in_the_readme():
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as handle:
        readme = handle.read()
    missing = [variable for variable, _, _ in config.SETTINGS.values()
               if f"`{variable}`" not in readme]
    assert not missing, f"settings missing from README's configuration table: {missing}"


def test_only_config_reads_the_environment():
    readers = []
    for path in _python_files("chalicelib"):
        relative = os.path.relpath(path, ROOT)
        if relative == os.path.join("chalicelib", "core", "config.py"):
            continue
        with open(path, encoding="utf-8") as handle:
            if re.search(r"os\.environ|os\.getenv", handle.read()):
                readers.append(relative)
    assert not readers, f"read settings through chalicelib.core.config, not os.environ: {readers}"


def test_no_scan_in_chalicelib():
    offenders = []
    for path in _python_files("chalicelib"):
        relative = os.path.relpath(path, ROOT)
        with open(path, encoding="utf-8") as handle:
            if "scan(" in handle.read() and relative not in SCAN_ALLOWED:
                offenders.append(relative)
    assert not offenders, f"Scan is not allowed on request paths or in jobs: {offenders}"


def test_data_model_doc_exists_with_access_patterns():
    with open(os.path.join(ROOT, "docs", "data-model.md"), encoding="utf-8") as handle:
        text = handle.read()
    for pattern in ("List categories", "Threads of a category", "idle since T",
                    "New posts in a category since T", "Member by handle", "Member by email",
                    "due for a digest", "Open reports"):
        assert pattern in text


def test_app_py_only_wires():
    with open(os.path.join(ROOT, "app.py"), encoding="utf-8") as handle:
        source = handle.read()
    assert "pynamodb" not in source and ".query(" not in source and "boto3" not in source


# Spelled in pieces so this file does not name what it forbids.
OUTSIDE_MEMORY = ("PIT" + "FALLS", "../" + "shared", "shared" + "/")
PITFALL_DOC = os.path.join("docs", "pitfalls.md")


def _tracked_texts():
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True,
                            check=True).stdout.split("\n")
    for name in filter(None, listed):
        path = os.path.join(ROOT, name)
        if os.path.islink(path) or not os.path.isfile(path):
            continue
        with open(path, "rb") as handle:
            try:
                yield name, handle.read().decode("utf-8")
            except UnicodeDecodeError:
                continue


def test_no_file_cites_memory_outside_the_repository():
    """The project's pitfalls live in docs/pitfalls.md; nothing points outside the repo."""
    offenders = [f"{name}: {word}" for name, text in _tracked_texts()
                 for word in OUTSIDE_MEMORY if word in text]
    assert not offenders, f"cite docs/pitfalls.md #N instead: {offenders}"


def test_every_cited_pitfall_exists():
    with open(os.path.join(ROOT, PITFALL_DOC), encoding="utf-8") as handle:
        numbers = [int(n) for n in re.findall(r"^(\d+)\. \*\*", handle.read(), re.M)]
    assert numbers == list(range(1, len(numbers) + 1)), "pitfalls are numbered 1, 2, 3, ..."
    cited = {(name, int(number)) for name, text in _tracked_texts()
             for number in re.findall(r"docs/pitfalls\.md #(\d+)", text)}
    missing = sorted(f"{name} cites #{number}" for name, number in cited
                     if number not in numbers)
    assert cited and not missing, f"not in docs/pitfalls.md: {missing}"
