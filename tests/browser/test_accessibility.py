"""axe-core on every page (light and dark), reflow at 320 px, touch targets, screenshots."""

import pytest

from shell import precache
from tests.harness import PHONE, ROOT

AXE = (ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text()
ACCOUNT_PAGES = ["konto/", "konto/anmelden/", "konto/registrieren/", "konto/passwort-vergessen/"]
NOT_FOUND = "/de/gibt-es-nicht/"
PAGES = precache.page_urls() + [f"/de/{page}" for page in ACCOUNT_PAGES] + [NOT_FOUND]


def axe_violations(page):
    # Evaluated through the DevTools protocol: our CSP rightly refuses an injected <script>.
    page.evaluate(AXE)
    result = page.evaluate(
        "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa',"
        " 'best-practice']})"
    )
    return [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]


def axe_violations_all_open(page):
    """axe's findings with every <details> opened: what a tap shows is checked too."""
    for details in page.locator("details").all():
        details.evaluate("el => el.open = true")
    return axe_violations(page)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_it_has_no_axe_violations_on_any_page(browser, shared_server, scheme):
    context = browser.new_context(**PHONE, color_scheme=scheme)
    page = context.new_page()
    found = {}
    for url in PAGES:
        page.goto(shared_server.url + url)
        if violations := axe_violations_all_open(page):
            found[url] = violations
    context.close()
    assert found == {}


def test_it_reflows_without_sideways_scrolling_at_320_px(browser, shared_server):
    """320 CSS px is a 1280 px wide window at 400 % zoom, or a small phone at 200 %."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    too_wide = []
    for url in PAGES:
        page.goto(shared_server.url + url)
        if page.evaluate("document.documentElement.scrollWidth") > 320:
            too_wide.append((url, page.evaluate("document.documentElement.scrollWidth")))
    context.close()
    assert too_wide == []


def test_it_gives_every_control_a_target_of_at_least_48_px(browser, shared_server):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    small = []
    for url in PAGES:
        page.goto(shared_server.url + url)
        small += page.evaluate(
            """[...document.querySelectorAll('a, button, select, summary, .choice > label')]
              .filter(el => el.offsetParent !== null && !el.closest('p, dd, li li'))
              .map(el => [el.getBoundingClientRect(), el.textContent.trim().slice(0, 30)])
              .filter(([box]) => box.height < 48 || box.width < 48)
              .map(([box, text]) => `${location.pathname} ${text} ${box.width}x${box.height}`)"""
        )
    context.close()
    assert small == []


def test_it_saves_screenshots_of_home_and_a_step(browser, shared_server, artifacts):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    for name, url in [("home", "/de/"), ("step", "/de/schritt/stufenlagerung/")]:
        page.goto(shared_server.url + url)
        path = artifacts / f"{name}-390x844.png"
        page.screenshot(path=path)
        assert path.stat().st_size > 10_000
    context.close()
