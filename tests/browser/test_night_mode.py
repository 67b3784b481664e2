"""Night mode (issue 11): a dim theme for a dark room, one tap from every page, remembered online
and offline, on by itself between chosen hours; the call stays an urgent, readable red."""

import colorsys
import re
from datetime import datetime

import pytest
from playwright.sync_api import expect

from shell import precache
from tests.browser.conftest import wait_for_service_worker, wait_until
from tests.browser.test_accessibility import AXE, PAGES, axe_violations_all_open
from tests.harness import PHONE

NARROW = {"viewport": {"width": 360, "height": 740}, "has_touch": True}
SMALLEST = {"viewport": {"width": 320, "height": 568}, "has_touch": True}
IS_NIGHT = "document.documentElement.classList.contains('night')"
STEPS = [url for url in precache.page_urls("de") if url.startswith("/de/schritt/")]
FLOW = ["/de/", "/de/notfall/", "/de/warnzeichen/", *STEPS, "/de/heute-zum-arzt/", "/de/besser/"]
THEMES = ["light", "dark", "night"]


def themed(browser, theme, **options):
    """A new context in a theme: the system's light or dark, or night switched on by the moon."""
    context = browser.new_context(**options, color_scheme="dark" if theme == "dark" else "light")
    if theme == "night":
        context.add_init_script("localStorage.setItem('night', '1@' + Date.now())")
    return context


def luminance(rgb):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(value) for value in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(one, other):
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def colours(locator):
    """Text and background of an element as (r, g, b), as the browser computed them."""
    return locator.evaluate(
        """el => { const s = getComputedStyle(el);
          return [s.color, s.backgroundColor].map(c => c.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number)); }"""
    )


def test_it_switches_night_mode_on_and_off_from_every_page_in_one_tap(browser, shared_server):
    context = browser.new_context(**NARROW)
    page = context.new_page()
    night = False
    for url in PAGES:
        page.goto(shared_server.url + url)
        moon = page.locator(".bar #night")
        expect(moon).to_have_attribute("aria-pressed", str(night).lower())
        moon.tap()
        night = not night
        assert page.evaluate(IS_NIGHT) is night, url
        expect(moon).to_have_attribute("aria-pressed", str(night).lower())
    context.close()


def test_it_names_the_switch_in_english_too(browser, shared_server):
    context = browser.new_context(**NARROW)
    page = context.new_page()
    page.goto(shared_server.url + "/en/")
    page.get_by_role("button", name="Night mode").tap()
    assert page.evaluate(IS_NIGHT)
    context.close()


def test_it_remembers_night_mode_across_pages_reloads_and_offline(server, browser):
    context = browser.new_context(**NARROW)
    page = context.new_page()
    page.goto(server.url + "/de/")
    wait_for_service_worker(page)
    page.get_by_role("button", name="Nachtmodus").tap()
    page.goto(server.url + "/de/notfall/")
    assert page.evaluate(IS_NIGHT)
    page.reload()
    assert page.evaluate(IS_NIGHT)
    for meta in page.locator("meta[name=theme-color]").all():
        expect(meta).to_have_attribute("content", "#0b0908")  # no orange status bar
    # The cookie lets the server render the theme on pages it sends fresh.
    assert re.search(
        r'<html lang="de"[^>]* class="night">', page.request.get(server.url + "/de/ueber/").text()
    )

    context.set_offline(True)
    page.goto(server.url + "/de/schritt/breathing/")
    assert page.evaluate(IS_NIGHT)
    page.get_by_role("button", name="Nachtmodus").tap()
    page.goto(server.url + "/de/warnzeichen/")
    assert not page.evaluate(IS_NIGHT)
    context.set_offline(False)
    assert "night" not in page.request.get(server.url + "/de/ueber/").text().split("<head>")[0]
    context.close()


def test_it_sets_the_theme_before_the_page_body_exists_so_nothing_flashes(server, browser):
    """A page from the service worker's cache was stored in the light theme: the class must be
    set while only the head is parsed, before anything can be painted."""
    context = browser.new_context(**NARROW)
    context.add_init_script(
        """new MutationObserver(() => {
             if (document.documentElement.classList.contains('night')) window.__bodyAtNight ??= !!document.body;
           })
             .observe(document, {subtree: true, attributeFilter: ['class']});"""
    )
    page = context.new_page()
    page.goto(server.url + "/de/")
    wait_for_service_worker(page)
    page.get_by_role("button", name="Nachtmodus").tap()
    context.clear_cookies()  # as if the page came from the cache: no help from the server
    context.set_offline(True)
    page.goto(server.url + "/de/notfall/")
    assert page.evaluate(IS_NIGHT)
    assert page.evaluate("window.__bodyAtNight") is False
    context.close()


def test_it_switches_night_mode_on_by_itself_between_the_chosen_hours(browser, shared_server):
    context = browser.new_context(**NARROW)
    page = context.new_page()
    page.clock.set_fixed_time(datetime(2026, 11, 29, 12, 0))
    page.goto(shared_server.url + "/de/einstellungen/")
    page.get_by_label("Nachtmodus zu diesen Zeiten einschalten").check()
    page.get_by_role("combobox", name="von").select_option("22")
    page.get_by_role("combobox", name="bis").select_option("6")
    expect(page.locator("#night-hours [role=status]")).to_have_text("Gespeichert.")
    assert not page.evaluate(IS_NIGHT)

    page.clock.set_fixed_time(datetime(2026, 11, 29, 23, 0))
    page.goto(shared_server.url + "/de/notfall/")
    assert page.evaluate(IS_NIGHT)
    # A tap wins over the clock until the clock's next switch.
    page.get_by_role("button", name="Nachtmodus").tap()
    page.clock.set_fixed_time(datetime(2026, 11, 30, 3, 0))
    page.reload()
    assert not page.evaluate(IS_NIGHT)
    page.clock.set_fixed_time(datetime(2026, 11, 30, 7, 0))
    page.reload()
    assert not page.evaluate(IS_NIGHT)
    page.clock.set_fixed_time(datetime(2026, 11, 30, 22, 30))
    page.reload()
    assert page.evaluate(IS_NIGHT)

    page.goto(shared_server.url + "/de/einstellungen/")
    page.get_by_label("Nachtmodus zu diesen Zeiten einschalten").uncheck()
    page.clock.set_fixed_time(datetime(2026, 12, 1, 23, 0))
    page.goto(shared_server.url + "/de/")
    assert page.evaluate(IS_NIGHT)  # the hours left it on; only a tap turns it off now
    page.get_by_role("button", name="Nachtmodus").tap()
    page.clock.set_fixed_time(datetime(2026, 12, 2, 23, 0))
    page.reload()
    assert not page.evaluate(IS_NIGHT)
    context.close()


def test_it_has_no_axe_violations_on_any_page_at_night(browser, shared_server):
    context = themed(browser, "night", **PHONE)
    page = context.new_page()
    found = {}
    for url in PAGES:
        page.goto(shared_server.url + url)
        assert page.evaluate(IS_NIGHT), url
        if violations := axe_violations_all_open(page):
            found[url] = violations
    context.close()
    assert AXE and found == {}


@pytest.mark.parametrize("theme", THEMES)
def test_it_keeps_the_call_a_readable_deep_red(browser, shared_server, theme):
    context = themed(browser, theme, **NARROW)
    page = context.new_page()
    measured = {}
    for url, selector in [
        ("/de/notfall/", ".bar .call"),
        ("/de/notfall/", "main .button.danger"),
        ("/de/warnzeichen/", ".stage-call .button.danger"),
    ]:
        page.goto(shared_server.url + url)
        text, background = colours(page.locator(selector).first)
        hue, lightness, saturation = colorsys.rgb_to_hls(*(value / 255 for value in background))
        measured[selector] = round(contrast(text, background), 2)
        assert contrast(text, background) >= 4.5, (selector, text, background)
        assert hue * 360 < 10 or hue * 360 > 350, (selector, background)  # red, not salmon
        assert saturation > 0.8 and 0.25 < lightness < 0.45, (selector, background)
        if theme == "night":
            assert max(text) < 255, "no pure white at night"
    print(theme, "call contrast", measured)
    context.close()


def test_it_uses_no_pure_white_at_night(browser, shared_server):
    context = themed(browser, "night", **NARROW)
    page = context.new_page()
    white = []
    for url in FLOW:
        page.goto(shared_server.url + url)
        white += page.evaluate(
            """[...document.querySelectorAll('body *')]
              .filter(el => el.checkVisibility({opacityProperty: true, visibilityProperty: true}))
              .flatMap(el => { const s = getComputedStyle(el);
                return ['color', 'backgroundColor', 'fill'].filter(p => s[p] === 'rgb(255, 255, 255)')
                  .map(p => `${location.pathname} ${el.tagName}.${el.className} ${p}`); })"""
        )
    context.close()
    assert sorted(set(white)) == []


@pytest.mark.parametrize(
    "lang, url, word", [("de", "/de/", "Warnzeichen"), ("en", "/en/", "Warning signs")]
)
def test_it_shows_the_warning_signs_word_in_the_header_at_360_px(
    browser, shared_server, lang, url, word
):
    context = browser.new_context(**NARROW)
    page = context.new_page()
    page.goto(shared_server.url + url)
    link = page.locator(".bar .check-link")
    expect(link).to_have_text(word)
    box = link.locator("span").bounding_box()
    assert box["width"] > 60 and box["height"] > 10
    assert link.evaluate("el => el.scrollWidth <= el.clientWidth"), "the word sticks out"
    assert page.evaluate("document.documentElement.scrollWidth") == 360
    context.close()


@pytest.mark.parametrize("theme", THEMES)
def test_it_never_scrolls_sideways_at_320_px(browser, shared_server, theme):
    context = themed(browser, theme, **SMALLEST)
    page = context.new_page()
    too_wide = []
    for url in PAGES:
        page.goto(shared_server.url + url)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            too_wide.append((url, width))
    context.close()
    assert too_wide == []


def test_it_saves_screenshots_of_every_screen_of_the_flow_in_every_theme(
    browser, shared_server, artifacts
):
    folder = artifacts / "screens"
    folder.mkdir(exist_ok=True)
    for theme in THEMES:
        context = themed(browser, theme, **NARROW, device_scale_factor=2)
        page = context.new_page()
        for url in FLOW:
            page.goto(shared_server.url + url)
            wait_until(page, "document.fonts.status === 'loaded'")
            name = url.strip("/").replace("/", "-")
            # The first screen is what a person in pain sees; the whole page for review.
            for suffix, full_page in (("", False), ("-full", True)):
                path = folder / f"{name}-{theme}-360{suffix}.png"
                page.screenshot(path=path, full_page=full_page)
                assert path.stat().st_size > 10_000
        context.close()
