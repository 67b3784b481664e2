"""The diary's back outline (issue 18, walk M7): drawn at its full width at 320 and 360 px in every
theme, its nine zones inside it and over no other control, each a target of at least 44×44 px.

The first-aid back button's icon rule (`.back svg`) once matched the diary's `<div class="back">`
too: the outline shrank to a 29 px icon and its zones lay over "Was war vorher?", so a tap on
"Heben" ticked "unten links"."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_night_mode import THEMES, themed

WIDTHS = {320: 568, 360: 640}

# Every visible control of the page whose centre another control covers: scrolled to the middle
# of the screen, `elementFromPoint` at its centre must hit the control itself, its label or a
# part of them. The header and the save bar float by design and do not count.
COVERED = """() => {
  const controls = [...document.querySelectorAll(
    'main input, main label, main button, main a[href], main select, main textarea')]
    .filter((el) => el.checkVisibility({ opacityProperty: false }))
    .filter((el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; });
  const own = (el) => [el, ...(el.labels || []), el.control, el.closest('label')].filter(Boolean);
  const covered = [];
  for (const el of controls) {
    if (el.closest('.form-bar')) continue;
    el.scrollIntoView({ block: 'center', inline: 'nearest' });
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    if (!hit || hit.closest('header.bar, .form-bar')) continue;
    if (own(el).some((part) => part.contains(hit) || own(hit).includes(part))) continue;
    const name = (node) => `${node.tagName} ${(node.id || node.textContent || node.value || '').trim().slice(0, 30)}`;
    covered.push(`${name(el)} under ${name(hit)}`);
  }
  window.scrollTo(0, 0);
  return covered;
}"""


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_it_draws_the_back_outline_at_full_width_with_its_zones_over_no_other_control(
    browser, shared_server, artifacts, width, theme
):
    context = themed(
        browser, theme, viewport={"width": width, "height": WIDTHS[width]}, has_touch=True
    )
    page = context.new_page()
    page.goto(f"{shared_server.url}/de/tagebuch/eintrag/")
    outline = page.locator(".back-outline")
    expect(outline).to_be_visible()
    box = outline.bounding_box()
    # The whole width of the form at 320 px (main's padding aside), not an icon.
    assert box["width"] >= 250 and box["height"] >= 330, box
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    zones = page.locator(".zone")
    expect(zones).to_have_count(9)
    back = page.locator(".back").bounding_box()
    for index in range(9):
        zone = zones.nth(index).bounding_box()
        assert zone["width"] >= 44 and zone["height"] >= 44, (index, zone)
        # Inside the outline's box: no zone spills over the next question.
        assert zone["y"] >= back["y"] and zone["y"] + zone["height"] <= back["y"] + back["height"]

    assert page.evaluate(COVERED) == []

    # One touch on "Heben" ticks "Heben", and no zone.
    lifting = page.locator("label.check", has_text="Heben")
    lifting.scroll_into_view_if_needed()
    centre = lifting.bounding_box()
    page.touchscreen.tap(centre["x"] + centre["width"] / 2, centre["y"] + centre["height"] / 2)
    expect(page.get_by_role("checkbox", name="Heben")).to_be_checked()
    expect(page.locator('input[name="regions"]:checked')).to_have_count(0)

    page.get_by_label("unten links").check()
    # The outline and the question after it, from the page's top (the sticky header stays there).
    page.evaluate("window.scrollTo(0, 0)")
    top = page.locator('[data-field="regions"]').bounding_box()
    end = page.locator('[data-field="triggers"]').bounding_box()
    clip = {"x": 0, "y": top["y"], "width": width, "height": end["y"] + end["height"] - top["y"]}
    page.screenshot(
        path=artifacts / f"diary-outline-{width}-{theme}.png", full_page=True, clip=clip
    )
    context.close()


def test_it_keeps_the_first_aid_back_button_icon_small(shared_server, page):
    """The icon's own rule still gives the step bar's back arrow its 1.5rem."""
    page.goto(f"{shared_server.url}/de/schritt/stufenlagerung/")
    icon = page.locator(".flow .button.back svg")
    box = icon.bounding_box()
    rem = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert box["width"] == pytest.approx(1.5 * rem, abs=0.5) == box["height"], box
    assert icon.evaluate("el => getComputedStyle(el).fill") == "none"
