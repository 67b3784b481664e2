"""Every step's stop rules in the first screen, above the sticky step bar, before its timer is
started (review 2026-12 issue 16 finding 7, issue 18): at least the first line on a 360 x 640 and
a 320 x 568 phone, every heat line on the 360 x 640 one; German and English, light, dark, night."""

import pytest

from tests.browser.test_flow_focus import step_urls

VIEWPORTS = [{"width": 360, "height": 640}, {"width": 320, "height": 568}]
THEMES = ["light", "dark", "night"]
# Each shown stop-rule block: the bottom of its first line and of its last, and the bar's top.
MEASURE = """() => {
  const bar = document.querySelector("nav.step-bar").getBoundingClientRect().top;
  const blocks = [...document.querySelectorAll(".step .caution")].filter((c) => c.offsetParent);
  const first = blocks[0];
  const lines = [...first.querySelectorAll("li")].map((li) => li.getBoundingClientRect().bottom);
  const option = first.closest(".option");
  return {bar: bar, lines: lines, option: option ? option.getAttribute("aria-label") : null,
          font: parseFloat(getComputedStyle(first.querySelector("li")).fontSize),
          width: document.documentElement.scrollWidth, scrolled: scrollY};
}"""
TARGETS = """() => [...document.querySelectorAll("a, button, label.check, .tiles > label")]
  .filter((el) => el.offsetParent && getComputedStyle(el).visibility !== "hidden")
  .map((el) => [el.textContent.trim().slice(0, 20), el.getBoundingClientRect()])
  .filter(([, box]) => box.bottom > 0 && box.top < innerHeight)
  .filter(([, box]) => box.height < 44 || box.width < 44)
  .map(([text, box]) => [text, Math.round(box.width), Math.round(box.height)])"""


def screens(lang):
    for step_id, url in step_urls(lang):
        if step_id == "cold-heat":
            yield step_id, url, "heat"
            yield step_id, url, "cold"
        else:
            yield step_id, url, None


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("lang", ["de", "en"])
def test_it_shows_the_stop_rules_above_the_step_bar_before_the_timer(
    browser, shared_server, lang, theme
):
    failures = []
    for viewport in VIEWPORTS:
        context = browser.new_context(
            viewport=viewport,
            device_scale_factor=1,
            has_touch=True,
            color_scheme="dark" if theme == "dark" else "light",
        )
        if theme == "night":
            context.add_init_script("localStorage.setItem('night', '1@' + Date.now())")
        page = context.new_page()
        for step_id, url, option in screens(lang):
            page.goto(shared_server.url + url)
            if option:
                page.locator(f"label[for=cold-heat-{option}]").tap()
            seen = page.evaluate(MEASURE)
            where = f"{viewport['width']}x{viewport['height']} {step_id} {option or ''}"
            assert seen["scrolled"] == 0, where
            assert seen["font"] >= 16, where
            assert seen["width"] <= viewport["width"], where
            # The heat warnings all in sight before a 20-minute heat timer is started.
            every = option == "heat" and viewport["width"] == 360
            shown = seen["lines"] if every else seen["lines"][:1]
            if any(bottom > seen["bar"] for bottom in shown):
                failures.append(f"{where}: {shown} under the bar at {seen['bar']}")
            small = page.evaluate(TARGETS)
            if small:
                failures.append(f"{where}: targets under 44 px: {small}")
        context.close()
    assert failures == []
