"""The emergency screen on small phones (issue 11, after issue 7; issue 16): every sign, then the call, then
"Nichts davon" in the page's own flow, in light, dark and night; the header's call and the start
of the list in the first screen. The signs stay at 16 px or more; the call reads as words and stays the biggest thing."""

import pytest
from playwright.sync_api import expect

from firstaid import content
from tests.browser.test_call_button import WORDS, assert_reads_as_words
from tests.browser.test_night_mode import THEMES, themed

PHONES = [{"width": 360, "height": 640}, {"width": 320, "height": 568}]
NONE = {"de": "Nichts davon: weiter zur Hilfe", "en": "None of these: go on to help"}
URL = {"de": "/de/notfall/", "en": "/en/emergency/"}

# Boxes as rendered, and whether anything in main reaches past the right edge of the screen.
LAYOUT = """() => {
  const box = (el) => { const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height, width: r.width }; };
  const main = document.querySelector("main");
  const signs = [...main.querySelectorAll(".emergency-signs li")];
  const call = main.querySelector("a.huge[data-call=emergency]");
  const none = main.querySelector("a[rel=next]");
  const wide = [...main.querySelectorAll("*")].filter((el) => el.checkVisibility()
    && el.getBoundingClientRect().right > innerWidth + 0.5).map((el) => el.tagName + " " + el.className);
  const style = getComputedStyle(signs[0]);
  return {
    signs: signs.map((el) => ({ ...box(el), visible: el.checkVisibility() })),
    signSize: parseFloat(style.fontSize), signLine: parseFloat(style.lineHeight) / parseFloat(style.fontSize),
    call: box(call), callSize: parseFloat(getComputedStyle(call).fontSize),
    none: box(none), noneSize: parseFloat(getComputedStyle(none).fontSize),
    noneFloats: ["sticky", "fixed"].includes(getComputedStyle(none).position),
    order: signs.every((sign) => sign.compareDocumentPosition(call) & Node.DOCUMENT_POSITION_FOLLOWING)
      && Boolean(call.compareDocumentPosition(none) & Node.DOCUMENT_POSITION_FOLLOWING),
    country: box(main.querySelector("[data-country-link]")),
    where: box(main.querySelector(".call-where > span")),
    wide, scrollWidth: document.documentElement.scrollWidth,
  };
}"""


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("lang", ["de", "en"])
def test_it_fits_every_sign_the_call_and_none_of_these_on_a_small_phone(
    browser, shared_server, artifacts, lang, theme
):
    errors = []
    for viewport in PHONES:
        width, height = viewport["width"], viewport["height"]
        context = themed(browser, theme, viewport=viewport, device_scale_factor=1, has_touch=True)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(error))
        page.goto(shared_server.url + URL[lang])
        page.screenshot(path=artifacts / f"emergency-{lang}-{width}-{theme}.png")
        found = page.evaluate(LAYOUT)
        where = (lang, width, theme)

        assert len(found["signs"]) == len(content.load(lang)["emergency"]["signs"]), where
        assert all(sign["visible"] for sign in found["signs"]), where
        assert found["signSize"] >= 16 and found["signLine"] >= 1.2, where
        last_sign = max(sign["bottom"] for sign in found["signs"])
        # Reading order and screen order: the signs, the call, then "Nichts davon".
        assert found["order"], where
        assert found["call"]["top"] >= last_sign, where
        assert found["none"]["top"] >= found["call"]["bottom"], where
        assert not found["noneFloats"], where
        # "Nichts davon" never looks more important than the call: smaller type, and no taller
        # where both are in the first screen (at 320 px it wraps to two lines below it).
        assert found["noneSize"] < found["callSize"], where
        if found["none"]["bottom"] <= height:
            assert found["none"]["height"] <= found["call"]["height"], where
        assert found["none"]["height"] >= 48, where
        # "Land wählen" is a target of its own, beside the country line.
        assert found["country"]["height"] >= 48 and found["country"]["width"] >= 48, where
        assert found["where"]["right"] <= found["country"]["left"], where
        assert found["country"]["top"] < found["where"]["bottom"], where
        # Nothing is wider than the screen, and the call reads as words.
        assert found["wide"] == [] and found["scrollWidth"] <= width, where
        call = page.locator("main a.huge[data-call=emergency]")
        assert_reads_as_words(call, WORDS[lang])
        assert " ".join(WORDS[lang]) == " ".join(call.inner_text().split()), where

        # The first screen: the header's call and the start of the list. Every alternative of
        # every emergency question stands on its line ("Nichts davon" answers them all; the
        # clinical review of December 2026 found coughing blood and shivering left out to
        # fit), so the big call and "Nichts davon" follow the last sign, one scroll down.
        header_call = page.locator("header a.call[data-call=emergency]").bounding_box()
        assert header_call["y"] >= 0 and header_call["y"] + header_call["height"] <= height
        assert found["signs"][0]["top"] >= 0 and found["signs"][0]["bottom"] <= height, where
        print(
            f"{lang} {width}x{height} {theme}: last sign ends at y={last_sign:.0f}, call "
            f"{found['call']['top']:.0f}-{found['call']['bottom']:.0f}, "
            f"'{NONE[lang]}' {found['none']['top']:.0f}-{found['none']['bottom']:.0f}"
        )
        context.close()
        assert errors == []


@pytest.mark.parametrize("theme", THEMES)
def test_it_keeps_the_home_headline_whole_and_the_start_in_sight_at_320(
    browser, shared_server, artifacts, theme
):
    viewport = {"width": 320, "height": 568}
    context = themed(browser, theme, viewport=viewport, device_scale_factor=1, has_touch=True)
    page = context.new_page()
    page.goto(shared_server.url + "/de/")
    page.screenshot(path=artifacts / f"home-320-{theme}.png")
    # "Rückenkrampf?" is drawn in one piece: the "?" never starts a line of its own.
    lines = page.locator("main h1").evaluate(
        """(h1) => { const text = h1.firstChild; const range = document.createRange();
          range.setStart(text, 0); range.setEnd(text, text.data.indexOf("?") + 1);
          return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size; }"""
    )
    assert lines == 1
    start = page.get_by_role("link", name="Akuthilfe starten")
    box = start.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"]
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    context.close()


def test_it_opens_the_country_choice_from_the_land_button(shared_server, page):
    page.goto(shared_server.url + "/de/notfall/")
    page.locator("main .call-where").get_by_role("link", name="Land wählen").tap()
    expect(page.get_by_label("Österreich (144)")).to_be_visible()
