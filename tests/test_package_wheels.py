"""What ships to Lambda comes only from the hashed lock (ops/deploy/wheels.py), offline.

A made-up wheel stands in for an index's file: the hash-checked download refuses it unless
the lock holds its hash, and Chalice's own pip, held to a wheelhouse, finds nothing outside.
"""
import hashlib
import os
import subprocess
import zipfile

import pytest

from ops.deploy import code, wheels

NAME, VERSION = "lanternprobe", "1.0"


@pytest.fixture
def wheelhouse(tmp_path):
    """A folder holding one valid pure-Python wheel; returns (folder, its sha256)."""
    folder = tmp_path / "wheelhouse"
    folder.mkdir()
    path = folder / f"{NAME}-{VERSION}-py3-none-any.whl"
    info = f"{NAME}-{VERSION}.dist-info"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(f"{NAME}/__init__.py", "")
        archive.writestr(f"{info}/METADATA",
                         f"Metadata-Version: 2.1\nName: {NAME}\nVersion: {VERSION}\n")
        archive.writestr(f"{info}/WHEEL", "Wheel-Version: 1.0\nGenerator: test\n"
                                          "Root-Is-Purelib: true\nTag: py3-none-any\n")
        archive.writestr(f"{info}/RECORD", "")
    return str(folder), hashlib.sha256(path.read_bytes()).hexdigest()


def download(tmp_path, source, digest):
    lock = tmp_path / "requirements.txt"
    lock.write_text(f"{NAME}=={VERSION} --hash=sha256:{digest}\n")
    dest = tmp_path / "out"
    env = {**os.environ, "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": source,
           "PIP_CONFIG_FILE": os.devnull}
    result = subprocess.run(wheels.download_command(str(lock), str(dest)), env=env,
                            capture_output=True, text=True, timeout=120)
    return result, sorted(os.listdir(dest)) if dest.exists() else []


def test_the_download_for_lambda_is_hash_checked_wheels_only():
    command = wheels.download_command("requirements.txt", "wheelhouse")
    assert {"--require-hashes", "--no-deps", "--only-binary=:all:"} <= set(command)
    assert command[command.index("--python-version") + 1] == "3.13"
    assert command[command.index("--abi") + 1] == "cp313"
    assert "manylinux2014_x86_64" in command and "manylinux_2_34_x86_64" in command
    assert "manylinux_2_35_x86_64" not in command  # Lambda's python3.13 has glibc 2.34


def test_a_file_whose_hash_the_lock_does_not_hold_is_refused(tmp_path, wheelhouse):
    source, digest = wheelhouse
    refused, got = download(tmp_path, source, "0" * 64)
    assert refused.returncode != 0 and "HASH" in refused.stderr.upper() and not got
    accepted, got = download(tmp_path, source, digest)
    assert accepted.returncode == 0, accepted.stderr
    assert got == [f"{NAME}-{VERSION}-py3-none-any.whl"]


def test_chalices_unhashed_download_gets_nothing(tmp_path, wheelhouse):
    """Chalice's `pip download --platform ... NAME==VERSION` carries no hash: held to the
    wheelhouse, with hashes required, it reaches no index and takes no file, not even a
    checked one (its first, hashed download already took every wheel Lambda needs)."""
    from chalice.deploy.packager import PipRunner, SubprocessPip

    source, _ = wheelhouse
    dest = tmp_path / "dest"
    dest.mkdir()
    with wheels.only_from(source):
        PipRunner(SubprocessPip()).download_manylinux_wheels(
            "cp313", [f"{NAME}=={VERSION}", "six==1.17.0"], str(dest), wheels.PLATFORMS)
    assert os.listdir(dest) == []
    assert "PIP_NO_INDEX" not in os.environ  # restored


def test_deploying_packages_with_the_checked_wheels_only(tmp_path, monkeypatch):
    seen = {}

    class Deployer:
        def deploy(self, config, chalice_stage_name):
            seen.update({name: os.environ.get(name) for name in
                         ("PIP_NO_INDEX", "PIP_FIND_LINKS", "PIP_REQUIRE_HASHES")})
            return {"resources": []}

    class Factory:
        def create_config_obj(self, **kwargs):
            return None

        def create_botocore_session(self):
            return None

        def create_default_deployer(self, **kwargs):
            return Deployer()

    filled = []
    stale = tmp_path / ".chalice" / "deployments"
    stale.mkdir(parents=True)
    (stale / "old-python3.13.zip").write_bytes(b"built without the checks")
    monkeypatch.setattr(code, "_factory", lambda project_dir: Factory())
    monkeypatch.setattr(wheels, "fill", lambda project_dir, folder: filled.append(folder) or folder)
    code.deploy_code(str(tmp_path), "dev")
    assert seen == {"PIP_NO_INDEX": "1", "PIP_FIND_LINKS": filled[0], "PIP_REQUIRE_HASHES": "1"}
    assert not stale.exists() and not os.environ.get("PIP_NO_INDEX")
