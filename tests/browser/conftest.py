"""Browser tests: Playwright drives Debian's Chromium against a real `make run` server.

The server is the same program `make run` starts (moto in-process, demo content), on a
free port with its own temporary state folder, shared by every browser test in the run:
tests create their own uniquely named members and threads.
"""
import os

import socket
import subprocess
import sys
import time
import urllib.request
from email import policy
from email.parser import BytesParser

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic"]


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LiveServer:
    def __init__(self, url, state_dir, process):
        self.url = url
        self.state_dir = state_dir
        self.outbox_dir = os.path.join(state_dir, "outbox")
        self.process = process

    def emails_to(self, address):
        """Messages sent to ``address``, oldest first, parsed with the stdlib."""
        if not os.path.isdir(self.outbox_dir):
            return []
        found = []
        for name in sorted(os.listdir(self.outbox_dir)):
            with open(os.path.join(self.outbox_dir, name), "rb") as handle:
                message = BytesParser(policy=policy.default).parse(handle)
            if address.lower() in str(message["To"]).lower():
                found.append(message)
        return found

    def wait_for_email(self, address, count=1, timeout=15):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            messages = self.emails_to(address)
            if len(messages) >= count:
                return messages[-1]
            time.sleep(0.2)
        raise AssertionError(f"no email to {address} within {timeout}s")

    def run_cli(self, *arguments):
        """Run `python -m ops.cli` against this server's backend."""
        return subprocess.run([sys.executable, "-m", "ops.cli", "--state-dir",
                               self.state_dir, *arguments], cwd=ROOT, check=True,
                              capture_output=True, text=True, env=_clean_env())


def _clean_env():
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("LANTERN_", "AWS_"))}
    env["PYTHONUNBUFFERED"] = "1"
    return env


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    state_dir = str(tmp_path_factory.mktemp("lantern-local"))
    port = _free_port()
    log_path = os.path.join(state_dir, "server.log")
    log = open(log_path, "w")
    process = subprocess.Popen(
        [sys.executable, "-m", "ops.devserver", "--port", str(port), "--state-dir",
         state_dir], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=_clean_env())
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url + "/", timeout=2)
            break
        except Exception:
            if process.poll() is not None or time.monotonic() > deadline:
                log.close()
                raise RuntimeError("local server did not start:\n" + open(log_path).read())
            time.sleep(0.3)
    yield LiveServer(url, state_dir, process)
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (see .ci/run)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


def new_tab(browser, live_server, cookie=None, color_scheme="light"):
    """A tab in a fresh context (own cookies) whose relative URLs go to the live server,
    signed in when given a session ``cookie`` (name, value); close ``tab.context`` after."""
    context = browser.new_context(base_url=live_server.url, color_scheme=color_scheme)
    if cookie:
        name, value = cookie
        context.add_cookies([{"name": name, "value": value, "url": live_server.url}])
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    return tab


@pytest.fixture
def page(browser, live_server):
    """A fresh browser tab (own cookies) whose relative URLs go to the live server."""
    tab = new_tab(browser, live_server)
    yield tab
    tab.context.close()


@pytest.fixture
def dark_page(browser, live_server):
    tab = new_tab(browser, live_server, color_scheme="dark")
    yield tab
    tab.context.close()


def assert_accessible(tab):
    """axe-core finds no violation of serious or critical impact on the current page."""
    from axe_playwright_python.sync_playwright import Axe

    tab.wait_for_load_state()  # after a click, axe must not run on a half-loaded page
    results = Axe().run(tab)
    bad = [violation for violation in results.response["violations"]
           if violation.get("impact") in ("serious", "critical")]
    assert not bad, "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        f"{[node['target'] for node in v['nodes']][:5]}" for v in bad)


@pytest.fixture
def accessible():
    return assert_accessible


def pytest_collection_modifyitems(items):
    for item in items:
        if "/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)



