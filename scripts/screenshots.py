"""Takes the install-dialog screenshots of the web app manifest (and the README's night mode
ones, not in the manifest) from a running app.

Usage: make run (in another terminal), then
    .venv/bin/python scripts/screenshots.py http://127.0.0.1:8000
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parents[1] / "static" / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
SHOTS = [
    ("home-narrow.png", "/de/", {"width": 390, "height": 844}, 2),
    ("step-narrow.png", "/de/schritt/stufenlagerung/", {"width": 390, "height": 844}, 2),
    ("home-wide.png", "/de/", {"width": 1280, "height": 800}, 1),
]
# For the README only: night mode switched on as the moon in the header does, and the emergency
# screen on a small phone (all signs, the call and "Nichts davon" in its first screen).
NIGHT = [
    ("home-night.png", "/de/", {"width": 390, "height": 844}, 2),
    ("step-night.png", "/de/schritt/stufenlagerung/", {"width": 390, "height": 844}, 2),
]
SMALL = [("emergency-small.png", "/de/notfall/", {"width": 360, "height": 640}, 2)]


def main(base):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for name, path, viewport, scale in SHOTS + NIGHT + SMALL:
            page = browser.new_page(viewport=viewport, device_scale_factor=scale)
            if (name, path, viewport, scale) in NIGHT:
                page.add_init_script("localStorage.setItem('night', '1@' + Date.now())")
            page.goto(base + path)
            page.screenshot(path=OUT / name)
            page.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
