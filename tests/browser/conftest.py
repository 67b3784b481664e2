"""Real-browser fixtures: Debian's Chromium driven by Playwright, and the app in its own process.

The app runs under gunicorn in a child process, so that killing it is a real outage: the stock
live server keeps answering on open keep-alive connections after it is stopped (DESIGN.md).
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "has_touch": True}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class AppServer:
    def __init__(self, workdir, content_dir=None):
        self.port = free_port()
        self.content_dir = content_dir
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "DEBUG": "false",
            "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
            "FIRSTAID_CONTENT_DIR": str(content_dir or ROOT / "firstaid" / "content"),
        }
        self.process = None

    def start(self):
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{self.port}",
        ]
        command += ["--workers", "1", "--threads", "8", "--log-level", "warning"]
        self.process = subprocess.Popen(command, cwd=ROOT, env=self.env, start_new_session=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.url}/manifest.json", timeout=1).close()
                return self
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError("the app server exited at start-up") from None
                time.sleep(0.1)
        raise RuntimeError("the app server did not answer within 30 s")

    def kill(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def restart(self):
        self.kill()
        return self.start()


@pytest.fixture(scope="session")
def playwright_instance():
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance):
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def shared_server(tmp_path_factory):
    """One server for tests that only read."""
    server = AppServer(tmp_path_factory.mktemp("shared")).start()
    yield server
    server.kill()


@pytest.fixture
def server(tmp_path):
    """A server of the test's own, free to be killed and restarted."""
    content_dir = tmp_path / "content"
    shutil.copytree(ROOT / "firstaid" / "content", content_dir)
    server = AppServer(tmp_path, content_dir).start()
    yield server
    server.kill()


@pytest.fixture
def context(browser):
    context = browser.new_context(**PHONE)
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    yield page
    assert not errors, f"JavaScript errors on the page: {errors}"


def wait_until(page, expression, timeout=20):
    """Poll with page.evaluate: wait_for_function needs eval, which our CSP forbids."""
    deadline = time.monotonic() + timeout
    while not evaluate_through_navigation(page, expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout} s: {expression}")
        time.sleep(0.1)


def evaluate_through_navigation(page, expression):
    try:
        return page.evaluate(expression)
    except PlaywrightError as error:
        if "context was destroyed" not in str(error):
            raise
        return False


def wait_for_service_worker(page):
    """Until the service worker has precached everything and controls the page."""
    wait_until(page, "navigator.serviceWorker.controller !== null")


@pytest.fixture(scope="session")
def artifacts():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
