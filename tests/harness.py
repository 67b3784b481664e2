"""The app under gunicorn in a child process, and Debian's Chromium: for browser tests and bench/.

Killing it is a real outage: the stock live server keeps answering on open keep-alive
connections after it is stopped (docs/architecture.md).
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
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
# Evaluated in a page: its first contentful paint in ms after the navigation started.
FIRST_CONTENTFUL_PAINT = (
    "new Promise(done => new PerformanceObserver((list, observer) => {"
    " const fcp = list.getEntriesByName('first-contentful-paint')[0];"
    " if (fcp) { observer.disconnect(); done(fcp.startTime); }"
    "}).observe({type: 'paint', buffered: true}))"
)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


_template_db = None


def migrated_database(target):
    """A fresh, migrated SQLite file: migrated once per test run, then copied."""
    global _template_db
    if _template_db is None:
        _template_db = Path(tempfile.mkdtemp()) / "template.sqlite3"
        env = {
            "SECRET_KEY": "tests-only-not-secret",
            **os.environ,
            "DATABASE_URL": f"sqlite:///{_template_db}",
        }
        for command in (["migrate", "--noinput"], ["createcachetable"]):
            subprocess.run(
                [sys.executable, "manage.py", *command, "-v", "0"], cwd=ROOT, env=env, check=True
            )
    shutil.copy(_template_db, target)
    return target


class AppServer:
    def __init__(self, workdir, content_dir=None):
        self.port = free_port()
        self.content_dir = content_dir
        self.database = migrated_database(workdir / "db.sqlite3")
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "DEBUG": "false",
            "SECRET_KEY": os.environ.get("SECRET_KEY") or "tests-only-not-secret",
            "DATABASE_URL": f"sqlite:///{self.database}",
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


@contextmanager
def app_and_chromium():
    """For bench/: the app under gunicorn in a throwaway folder, and a headless Chromium.
    Yields (server, browser); the server is killed at the end, even if it was killed before."""
    # Imported here: the tests that only need AppServer (tests/diary/) run without a browser.
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        server = AppServer(Path(tmp)).start()
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                yield server, browser
                browser.close()
        finally:
            server.kill()


class SilentServer:
    """One bar of signal, or a captive portal: the port accepts connections and never answers.
    Started on the port of a killed AppServer."""

    def __init__(self, port):
        # create_server sets SO_REUSEADDR for connections in TIME_WAIT; the killed server's
        # worker may still hold the port for a moment.
        deadline = time.monotonic() + 10
        while True:
            try:
                self.listener = socket.create_server(("127.0.0.1", port))
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        self.listener.settimeout(0.2)
        self.connections = []
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)

    def start(self):
        self.thread.start()
        return self

    def _accept(self):
        while not self.stopped.is_set():
            try:
                connection, _ = self.listener.accept()
            except TimeoutError:
                continue
            # Kept open and never answered: the browser waits as on a dead mobile network.
            self.connections.append(connection)

    def stop(self):
        self.stopped.set()
        self.thread.join()
        self.listener.close()
        for connection in self.connections:
            connection.close()
