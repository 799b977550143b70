"""What ships to Lambda comes only from the hashed lock (requirements.txt), as checked files.

Chalice installs requirements.txt itself (chalice/deploy/packager.py). Its first `pip download
-r requirements.txt` checks the lock's hashes, but for any file that does not suit Lambda it
then runs `pip download --platform manylinux2014_x86_64 NAME==VERSION` with no hash: that
wheel was trusted as the index served it. So before Chalice packages, every file Lambda needs
(wheels for Linux x86_64, glibc 2.34 and CPython 3.13, as Lambda runs) is downloaded with
`--require-hashes` into a wheelhouse; then Chalice's pip runs with no index, no pip
configuration and only that wheelhouse to find files in, for Lambda's platform. Whatever
Chalice asks pip for can only be a file whose hash the lock holds, on any build machine.
"""
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile

# Lambda's python3.13 runtime has glibc 2.34. pip takes each platform tag literally, so every
# manylinux_2_X up to it is listed, as Chalice lists them (packager._get_pip_platforms).
PLATFORMS = [f"manylinux_2_{minor}_x86_64" for minor in range(17, 35)] + ["manylinux2014_x86_64"]
PYTHON_VERSION = "3.13"
ABI = "cp313"


def lambda_pip_options():
    """pip's options for Lambda's platform, as environment variables (pip reads every option
    so) and as arguments."""
    return {"PIP_ONLY_BINARY": ":all:", "PIP_PLATFORM": " ".join(PLATFORMS),
            "PIP_IMPLEMENTATION": "cp",
            "PIP_PYTHON_VERSION": PYTHON_VERSION, "PIP_ABI": ABI}


def download_command(requirements, wheelhouse, python=sys.executable):
    """The hash-checked download of every locked requirement's Lambda wheel."""
    platforms = [argument for platform in PLATFORMS for argument in ("--platform", platform)]
    return [python, "-m", "pip", "download", "--require-hashes", "--no-deps",
            "--only-binary=:all:", *platforms, "--implementation", "cp",
            "--python-version", PYTHON_VERSION, "--abi", ABI,
            "--requirement", requirements, "--dest", wheelhouse]


def fill(project_dir, wheelhouse):
    """Download the lock's wheels into ``wheelhouse``; pip refuses any file whose hash the
    lock does not hold. :raise CalledProcessError: on a refusal or a missing wheel."""
    subprocess.run(download_command(os.path.join(project_dir, "requirements.txt"), wheelhouse),
                   check=True)
    return wheelhouse


def only_from_environment(wheelhouse):
    return {**lambda_pip_options(), "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": wheelhouse,
            "PIP_REQUIRE_HASHES": "1", "PIP_CONFIG_FILE": os.devnull}


@contextlib.contextmanager
def only_from(wheelhouse):
    """Chalice's pip (a subprocess with this process's environment) finds files only in
    ``wheelhouse``, for Lambda's platform; the environment is restored afterwards."""
    changes = only_from_environment(wheelhouse)
    saved = {name: os.environ.get(name) for name in changes}
    os.environ.update(changes)
    try:
        yield wheelhouse
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@contextlib.contextmanager
def checked_dependencies(project_dir):
    """A fresh wheelhouse filled from the lock, and Chalice's pip held to it. Chalice reuses
    a zip it built before for the same requirements (.chalice/deployments): that one may
    not have been built so, and is removed first."""
    shutil.rmtree(os.path.join(project_dir, ".chalice", "deployments"), ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="lantern-wheelhouse-") as wheelhouse:
        with only_from(fill(project_dir, wheelhouse)):
            yield wheelhouse
