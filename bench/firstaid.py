"""Prints the first-aid figures that DESIGN.md budgets, measured in headless Chromium.

Run with `make bench` (or .venv/bin/python bench/firstaid.py after `make test` set things up).
It starts the app under gunicorn on a free port, as in production (DEBUG off, hashed static).
"""

import json
import re
import statistics
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.harness import CHROMIUM, CHROMIUM_ARGS, PHONE, AppServer  # noqa: E402

ACUTE_PAGES = [
    "/de/",
    "/de/notfall/",
    "/de/schritt/move/",
    "/de/schritt/breathing/",
    "/de/warnzeichen/",
]
BUDGET_RENDER = 14 * 1024
BUDGET_JS = 20 * 1024
BUDGET_PRECACHE = 500 * 1024
BUDGET_FCP_MS = 300
FCP_RUNS = 15


def transferred(page, url):
    """Bytes on the wire per resource type for one fresh load (no cache, compressed)."""
    sizes = {"document": 0, "stylesheet": 0, "script": 0}
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    for response in responses:
        kind = response.request.resource_type
        if kind in sizes:
            sizes[kind] += response.request.sizes()["responseBodySize"]
    return sizes


def precache_size(page, base):
    worker = page.request.get(f"{base}/serviceworker.js").text()
    urls = json.loads(re.search(r"const PRECACHE = (\[.*?\]);", worker).group(1))
    wire = stored = 0
    for url in urls:
        response = page.request.get(base + url, headers={"Accept-Encoding": "br, gzip"})
        stored += len(response.body())
        wire += int(response.headers.get("content-length") or len(response.body()))
    return len(urls), wire, stored


def offline_fcp(context, base):
    page = context.new_page()
    page.goto(f"{base}/de/notfall/")
    while not page.evaluate("navigator.serviceWorker.controller !== null"):
        page.wait_for_timeout(100)
    context.set_offline(True)
    times = []
    for _ in range(FCP_RUNS):
        page.reload()
        times.append(
            page.evaluate(
                "new Promise(done => new PerformanceObserver((list, observer) => {"
                " const fcp = list.getEntriesByName('first-contentful-paint')[0];"
                " if (fcp) { observer.disconnect(); done(fcp.startTime); }"
                "}).observe({type: 'paint', buffered: true}))"
            )
        )
    context.set_offline(False)
    return times


def line(label, value, budget, unit="B"):
    verdict = "ok" if value <= budget else "OVER BUDGET"
    print(f"{label:<58} {value:>9.0f} {unit}  (budget {budget:.0f} {unit}: {verdict})")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        server = AppServer(Path(tmp)).start()
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for url in ACUTE_PAGES:
                    context = browser.new_context(**PHONE, service_workers="block")
                    sizes = transferred(context.new_page(), server.url + url)
                    context.close()
                    line(
                        f"{url}: HTML + CSS, compressed",
                        sizes["document"] + sizes["stylesheet"],
                        BUDGET_RENDER,
                    )
                    line(f"{url}: all JavaScript, compressed", sizes["script"], BUDGET_JS)
                context = browser.new_context(**PHONE)
                count, wire, stored = precache_size(context.new_page(), server.url)
                line(f"precache: {count} files, compressed on the wire", wire, BUDGET_PRECACHE)
                line(f"precache: {count} files, as stored on the phone", stored, BUDGET_PRECACHE)
                times = offline_fcp(context, server.url)
                line(
                    f"offline reload of /de/notfall/, FCP median of {FCP_RUNS}",
                    statistics.median(times),
                    BUDGET_FCP_MS,
                    "ms",
                )
                line(
                    f"offline reload of /de/notfall/, FCP worst of {FCP_RUNS}",
                    max(times),
                    BUDGET_FCP_MS,
                    "ms",
                )
                browser.close()
        finally:
            server.kill()


if __name__ == "__main__":
    main()
