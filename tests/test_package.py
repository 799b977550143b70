"""The real Lambda package (`chalice package`): what ships, what does not, and that it runs.

Chalice zips only app.py, chalicelib/ and vendor/ (docs/pitfalls.md #1); vendor/templates and
vendor/static are symlinks, so templates and CSS must be found at the zip root, where
chalicelib/platform/rendering.py looks for them.
"""
import json
import os
import re
import subprocess
import sys
import zipfile

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Lambda's direct-upload limit is 50 MB zipped; stay far below it.
MAX_ZIP_BYTES = 25 * 1024 * 1024
# Operator tools live in ops/ and never ship: nothing of Lantern's in the zip has these names.
OPERATOR_TOOLS = {"ops", "cli", "devserver", "devtools", "localenv", "backend", "seed", "backup",
                  "deploy", "localinbound"}
STREAMED_TABLES = ("posts", "threads", "blocks", "suppressions", "reactions", "letters",
                   "letter_shares")
DEV_ONLY = ("moto", "pytest", "playwright", "axe_playwright_python", "hypothesis",
            "time_machine", "bs4", "xdist", "cfnlint", "aiosmtpd")


def _requirement_entries(name):
    """Each requirement of a pip-compiled file with its continuation lines joined:
    ``boto3==1.44.8 --hash=sha256:... --hash=sha256:...``."""
    with open(os.path.join(ROOT, name), encoding="utf-8") as handle:
        text = re.sub(r"\s*\\\n\s*", " ", handle.read())
    return [line.strip() for line in (raw.split("#", 1)[0] for raw in text.splitlines())
            if line.strip()]


def _requirements(name):
    """{name: version} of every ``name==version`` pin (hashes and options left out)."""
    pins = (re.match(r"([A-Za-z0-9_.\-\[\]]+)==([^\s;]+)", entry)
            for entry in _requirement_entries(name))
    return dict(match.groups() for match in pins if match)


def _files_under(folder):
    base = os.path.join(ROOT, folder)
    for directory, _, names in os.walk(base):
        for name in names:
            yield os.path.relpath(os.path.join(directory, name), ROOT).replace(os.sep, "/")


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    out = tmp_path_factory.mktemp("package")
    env = {key: value for key, value in os.environ.items() if not key.startswith("LANTERN_")}
    env["AWS_DEFAULT_REGION"] = "eu-west-1"
    subprocess.run([sys.executable, "-c", "from chalice.cli import main; main()",
                    "--project-dir", ROOT, "package", "--stage", "prod", str(out)],
                   check=True, env=env, capture_output=True, timeout=240)
    return out / "deployment.zip"


@pytest.fixture(scope="module")
def names(package):
    with zipfile.ZipFile(package) as archive:
        return set(archive.namelist())


def test_every_template_and_static_file_ships_at_the_zip_root(names):
    wanted = list(_files_under("templates")) + list(_files_under("static"))
    assert any(name.endswith(".css") for name in wanted)
    missing = [name for name in wanted if name not in names]
    assert not missing, f"not in the Lambda package: {missing}"
    assert {"app.py", "chalicelib/platform/rendering.py"} <= names


def test_every_runtime_dependency_ships_pinned(names):
    shipped = {}
    for name in names:
        match = re.match(r"([^/]+)-([^-/]+)\.dist-info/METADATA$", name)
        if match:
            shipped[match.group(1).lower().replace("-", "_").replace(".", "_")] = match.group(2)
    for requirement, version in _requirements("requirements.txt").items():
        key = re.sub(r"[-.]", "_", requirement.split("[")[0].lower())
        assert shipped.get(key) == version, f"{requirement}=={version} is not in the package"


@pytest.mark.parametrize("name", ["requirements.txt", "requirements-dev.txt"])
def test_every_requirement_is_pinned_with_hashes(name):
    """Lock files from pip-compile --generate-hashes (README, "Dependencies"): pip checks
    every download, so two builds of the Lambda package install the same bytes."""
    entries = _requirement_entries(name)
    assert entries and all(not entry.startswith("-") for entry in entries), entries
    for entry in entries:
        assert re.fullmatch(r"[A-Za-z0-9_.\-]+==\S+( --hash=sha256:[0-9a-f]{64})+", entry), entry
    runtime, dev = _requirements("requirements.txt"), _requirements(name)
    assert {key: dev[key] for key in runtime} == runtime, "the two locks disagree"
    with open(os.path.join(ROOT, "requirements.in"), encoding="utf-8") as handle:
        wanted = {line.split("==")[0] for line in handle if "==" in line.split("#")[0]}
    assert wanted <= set(runtime), "requirements.txt is older than requirements.in: recompile"


def test_dev_only_packages_stay_out(names):
    top_level = {name.split("/")[0].split("-")[0].lower() for name in names}
    assert not top_level & set(DEV_ONLY)
    # Chalice ships only its small runtime (chalice/app.py); its CLI and deployer stay out.
    assert not any(name.startswith(("chalice/cli/", "chalice/deploy/")) for name in names)
    assert "chalice/app.py" in names
    assert not any(name.startswith("tests/") or name.startswith("bench/") for name in names)


def _module_names(name):
    """``chalicelib/platform/seed.py`` -> {"chalicelib", "platform", "seed"}."""
    *folders, file_name = name.split("/")
    return set(folders) | {file_name.rsplit(".", 1)[0]}


def test_operator_tools_stay_out(names):
    assert not any(name.startswith("ops/") for name in names)
    at_root = {name.split("/")[0].rsplit(".", 1)[0] for name in names}
    assert not at_root & OPERATOR_TOOLS, f"at the zip root: {at_root & OPERATOR_TOOLS}"
    ours = [name for name in names if name.startswith("chalicelib/")]
    shipped = [name for name in ours if _module_names(name) & OPERATOR_TOOLS]
    assert not shipped, f"operator tools in the Lambda package: {shipped}"
    assert "chalicelib/jobs.py" in ours


def test_zip_stays_small(package):
    size = package.stat().st_size
    print(f"\nLambda package: {size / 1024 / 1024:.1f} MB zipped")
    assert size < MAX_ZIP_BYTES


PROBE = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
from app import app
from chalicelib.platform import rendering

for name in rendering.environment().list_templates():
    rendering.environment().get_template(name)
event = {"resource": "/crisis", "path": "/crisis", "httpMethod": "GET",
         "headers": {"Host": "lantern.example.org", "Accept": "text/html"},
         "multiValueHeaders": {}, "queryStringParameters": None,
         "multiValueQueryStringParameters": None, "pathParameters": None,
         "stageVariables": None, "body": None, "isBase64Encoded": False,
         "requestContext": {"resourcePath": "/crisis", "httpMethod": "GET", "path": "/crisis",
                            "stage": "api", "identity": {"sourceIp": "192.0.2.1"}}}
response = app(event, None)
# Lambda calls a stream consumer as app.<name>: it must be there, bound to its stream.
consumers = {source.name: source.stream_arn for source in app.event_sources
             if type(source).__name__ == "DynamoDBEventConfig"}
handlers = {name: callable(getattr(sys.modules["app"], name, None)) for name in consumers}
print(json.dumps({"templates": len(rendering.environment().list_templates()),
                  "consumers": consumers, "handlers": handlers,
                  "template_dir": rendering.TEMPLATES_DIR,
                  "status": response["statusCode"], "body": response["body"]}))
"""


def test_the_unpacked_package_renders_a_page_on_its_own(package, tmp_path):
    """Only the zip and the standard library on sys.path (-S): what Lambda has."""
    with zipfile.ZipFile(package) as archive:
        archive.extractall(tmp_path)
    env = {"PATH": os.environ["PATH"], "AWS_DEFAULT_REGION": "eu-west-1",
           "LANTERN_STAGE": "prod", "LANTERN_SECRET": "package-test-key"}
    # What `make deploy` sets in every function's environment.
    arns = {name: f"arn:aws:dynamodb:eu-west-1:123456789012:table/lantern-prod-{name}/stream/"
                  "2026-11-30T00:00:00.000" for name in STREAMED_TABLES}
    env.update({f"LANTERN_{name.upper()}_STREAM_ARN": arn for name, arn in arns.items()})
    result = subprocess.run([sys.executable, "-S", "-c", PROBE, str(tmp_path)], env=env,
                            cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["template_dir"] == str(tmp_path / "templates")
    assert report["templates"] == len(list(_files_under("templates")))
    assert report["status"] == 200
    assert "lantern.css?v=" in report["body"]  # the stylesheet was read to version it
    assert "<h1" in report["body"]
    assert report["consumers"] == {f"{name}_stream": arn for name, arn in arns.items()}
    assert all(report["handlers"].values())


def test_the_common_password_list_ships(names):
    assert "chalicelib/accounts/common_passwords.txt" in names
