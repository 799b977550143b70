"""The Nu HTML Checker (vnu.jar) from the npm registry's `vnu-jar` package, run by Java.

The jar is installed once into .local/vnu (git-ignored) by npm with install scripts off,
so nothing but the registry package is fetched; a lock keeps two test workers from
installing it at the same time. Java is the machine's (Debian's default-jre-headless;
`.ci/run` installs it when missing).
"""
import fcntl
import json
import os
import shutil
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
VNU_VERSION = "26.9.27"
PREFIX = os.path.join(ROOT, ".local", "vnu")
JAR = os.path.join(PREFIX, "node_modules", "vnu-jar", "build", "dist", "vnu.jar")


class Unavailable(Exception):
    pass


def java():
    return shutil.which("java")


def _installed_version():
    try:
        with open(os.path.join(PREFIX, "node_modules", "vnu-jar", "package.json")) as handle:
            return json.load(handle).get("version")
    except (OSError, ValueError):
        return None


def ensure_jar():
    """The path of vnu.jar VNU_VERSION, installing it with npm when missing.

    :raise Unavailable: when it is missing and npm cannot install it.
    """
    os.makedirs(PREFIX, exist_ok=True)
    with open(os.path.join(PREFIX, ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if os.path.exists(JAR) and _installed_version() == VNU_VERSION:
            return JAR
        npm = shutil.which("npm")
        if npm is None:
            raise Unavailable("npm is needed once to install vnu.jar (apt-get install npm)")
        result = subprocess.run(
            [npm, "install", "--prefix", PREFIX, "--no-save", "--ignore-scripts", "--no-audit",
             "--no-fund", f"vnu-jar@{VNU_VERSION}"], capture_output=True, text=True)
        if result.returncode != 0 or not os.path.exists(JAR):
            raise Unavailable(f"npm could not install vnu-jar@{VNU_VERSION}:\n{result.stderr}")
        return JAR


def check_folder(folder):
    """Every error vnu finds in the .html files of ``folder``: {file name: [message]}.

    One Java process checks them all: the JVM's start costs more than the checking.
    """
    result = subprocess.run([java(), "-jar", ensure_jar(), "--errors-only", "--format", "json",
                             "--skip-non-html", folder], capture_output=True, text=True,
                            timeout=600)
    try:
        report = json.loads(result.stderr or result.stdout)
    except ValueError:
        raise AssertionError(f"vnu gave no JSON report:\n{result.stdout}\n{result.stderr}")
    errors = {}
    for message in report.get("messages", []):
        if message.get("type") == "error" or message.get("subType") == "fatal":
            name = os.path.basename(message.get("url", "?"))
            where = f"line {message.get('lastLine', '?')}"
            errors.setdefault(name, []).append(
                f"{where}: {message.get('message')} [{message.get('extract', '').strip()}]")
    return errors
