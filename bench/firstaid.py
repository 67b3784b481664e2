"""Prints the first-aid figures that docs/architecture.md budgets, measured in headless Chromium.

Run with `make bench` (or .venv/bin/python bench/firstaid.py after `make test` set things up).
It starts the app under gunicorn on a free port, as in production (DEBUG off, hashed static),
and ends by killing it and taking its port with a server that accepts and never answers.
"""

import http.client
import json
import re
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.harness import (  # noqa: E402
    FIRST_CONTENTFUL_PAINT,
    PHONE,
    SilentServer,
    app_and_chromium,
)

ACUTE_PAGES = [
    "/de/",
    "/de/notfall/",
    "/de/schritt/move/",
    "/de/schritt/breathing/",
    "/de/warnzeichen/",
]
BUDGET_RENDER = 14 * 1024
BUDGET_JS = 20 * 1024
BUDGET_PRECACHE = 300 * 1024  # one language: the other is stored when the person switches
BUDGET_FCP_MS = 300
BUDGET_SILENT_RATIO = 1.5  # never-answering network against offline, same run
FCP_RUNS = 15
BUDGET_LOAD_RATIO = 2.0  # /de/warnzeichen/ req/s within 2× of /de/, same server, same run
LOAD_SECONDS = 4
LOAD_CLIENTS = 4


def requests_per_second(port, path):
    """Requests answered per second to LOAD_CLIENTS clients that ask again at once, each on
    one kept-alive connection, taking brotli or gzip as a browser does."""
    done, stop = [], time.monotonic() + LOAD_SECONDS

    def client():
        connection, count = http.client.HTTPConnection("127.0.0.1", port, timeout=10), 0
        while time.monotonic() < stop:
            connection.request("GET", path, headers={"Accept-Encoding": "br, gzip"})
            response = connection.getresponse()
            response.read()
            assert response.status == 200, (path, response.status)
            count += 1
        connection.close()
        done.append(count)

    threads = [threading.Thread(target=client) for _ in range(LOAD_CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / LOAD_SECONDS


def under_load(port):
    """The warning-sign page against the home page: it was 6× slower (its template)."""
    rates = {path: requests_per_second(port, path) for path in ("/de/", "/de/warnzeichen/")}
    for path, rate in rates.items():
        print(f"{f'{path} under load, {LOAD_CLIENTS} clients':<58} {rate:>9.0f} req/s")
    ratio = rates["/de/"] / rates["/de/warnzeichen/"]
    verdict = "ok" if ratio <= BUDGET_LOAD_RATIO else "OVER BUDGET"
    print(
        f"{'req/s /de/ ÷ /de/warnzeichen/':<58} {ratio:>9.2f} ×"
        f"  (budget {BUDGET_LOAD_RATIO} ×: {verdict})"
    )


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
    """Files, bytes on the wire and bytes stored, per set: {set: (shared assets, {lang: pages})}.
    The install set (first aid) is judged; the diary, stored after activation, is not."""
    worker = page.request.get(f"{base}/serviceworker.js").text()

    def constant(name):
        return json.loads(re.search(rf"const {name} = (.*?);\n", worker).group(1))

    def sizes(urls):
        wire = stored = 0
        for url in urls:
            response = page.request.get(base + url, headers={"Accept-Encoding": "br, gzip"})
            stored += len(response.body())
            wire += int(response.headers.get("content-length") or len(response.body()))
        return len(urls), wire, stored

    return {
        name: (sizes(constant(assets)), {lang: sizes(u) for lang, u in constant(pages).items()})
        for name, assets, pages in (
            ("install", "ASSETS", "PAGES"),
            ("diary, after", "LATER_ASSETS", "LATER_PAGES"),
        )
    }


def print_precache(sets):
    """Per language: the install set against its budget, then the diary set and the total."""
    (count, wire, stored), pages = sets["install"]
    (later_count, later_wire, later_stored), later_pages = sets["diary, after"]
    for lang, (lang_count, lang_wire, lang_stored) in pages.items():
        files = f"{count + lang_count} files"
        line(f"precache install, {lang}: {files}, on the wire", wire + lang_wire, BUDGET_PRECACHE)
        line(f"precache install, {lang}: {files}, as stored", stored + lang_stored, BUDGET_PRECACHE)
        diary_count, _, diary_stored = later_pages[lang]
        diary = later_stored + diary_stored
        figure(f"precache diary, {lang}: {later_count + diary_count} files, as stored", diary)
        figure(f"precache install + diary, {lang}, as stored", stored + lang_stored + diary)
    both = stored + later_stored + sum(pages[lang][2] + later_pages[lang][2] for lang in pages)
    figure("precache, both sets, both languages (after a switch)", both)


def figure(label, value):
    """A figure that is not judged."""
    print(f"{label:<58} {value:>9.0f} B")


def reload_fcp(page):
    page.reload(wait_until="commit")
    return page.evaluate(FIRST_CONTENTFUL_PAINT)


def cached_fcp(context, server):
    """Reloads of /de/notfall/ offline, then with a network that accepts and never answers (the
    app server killed, its port taken by a silent one). Offline comes first: connections left
    hanging by the silent server would slow the offline reloads of a worker that waits for them."""
    page = context.new_page()
    page.goto(f"{server.url}/de/notfall/")
    while not page.evaluate("navigator.serviceWorker.controller !== null"):
        page.wait_for_timeout(100)
    context.set_offline(True)
    offline = [reload_fcp(page) for _ in range(FCP_RUNS)]
    context.set_offline(False)
    server.kill()
    silent = SilentServer(server.port).start()
    try:
        never = [reload_fcp(page) for _ in range(FCP_RUNS)]
    finally:
        page.close()
        silent.stop()
    return offline, never


def line(label, value, budget, unit="B"):
    verdict = "ok" if value <= budget else "OVER BUDGET"
    print(f"{label:<58} {value:>9.0f} {unit}  (budget {budget:.0f} {unit}: {verdict})")


def main():
    with app_and_chromium() as (server, browser):
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
        under_load(server.port)
        context = browser.new_context(**PHONE)
        print_precache(precache_size(context.new_page(), server.url))
        offline, never = cached_fcp(context, server)
        for label, times in (("offline", offline), ("silent network", never)):
            name = f"reload of /de/notfall/, {label}, FCP"
            line(f"{name} median of {FCP_RUNS}", statistics.median(times), BUDGET_FCP_MS, "ms")
            line(f"{name} worst of {FCP_RUNS}", max(times), BUDGET_FCP_MS, "ms")
        ratio = statistics.median(never) / statistics.median(offline)
        verdict = "ok" if ratio <= BUDGET_SILENT_RATIO else "OVER BUDGET"
        print(
            f"{'FCP silent network / offline, medians':<58} {ratio:>9.2f} ×"
            f"  (budget {BUDGET_SILENT_RATIO} ×: {verdict})"
        )


if __name__ == "__main__":
    main()
