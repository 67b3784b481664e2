"""The guided flow's focus (issue 11): every step fits the thumb, timers move on, breathing in a
focus mode, heat or cold as tiles, and the pain before and after saved by the flow alone."""

from contextlib import contextmanager

import pytest
from django.templatetags.static import static
from playwright.sync_api import expect

from firstaid import flow
from tests.browser.test_accessibility import axe_violations

SMALL_PHONES = [{"width": 360, "height": 640}, {"width": 320, "height": 568}]


def flow_urls(lang="de"):
    """Every screen of the guided flow, in order, as paths."""
    from django.urls import reverse
    from django.utils import translation

    with translation.override(lang):
        return [(name, kwargs, reverse(name, kwargs=kwargs)) for name, kwargs in flow.pages()]


def step_urls(lang="de"):
    return [
        (kwargs["step_id"], url) for name, kwargs, url in flow_urls(lang) if name == "firstaid:step"
    ]


@contextmanager
def phone(browser, viewport, **options):
    """A page on a phone of this size; at the end, its context closed and no JavaScript error."""
    context = browser.new_context(
        viewport=viewport, device_scale_factor=1, has_touch=True, **options
    )
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    yield page
    context.close()
    assert not errors


def in_first_screen(locator, viewport):
    """Inside the first screen without scrolling, and not under the sticky step bar."""
    box = locator.bounding_box()
    assert box, "not rendered"
    return (
        box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= viewport["width"]
        and (box["y"] + box["height"] <= viewport["height"])
    )


def page_width(page):
    return page.evaluate("document.documentElement.scrollWidth")


def test_it_saves_screenshots_of_every_step_in_light_and_dark(browser, shared_server, artifacts):
    for scheme in ("light", "dark"):
        with phone(browser, {"width": 360, "height": 640}, color_scheme=scheme) as page:
            for name, kwargs, url in flow_urls():
                page.goto(shared_server.url + url)
                label = kwargs.get("step_id", name)
                page.screenshot(path=artifacts / f"focus-{label}-360-{scheme}.png")
            page.goto(f"{shared_server.url}/de/schritt/breathing/")
            page.get_by_role("button", name="Atmen starten").tap()
            page.wait_for_timeout(1500)
            page.screenshot(path=artifacts / f"focus-breathing-running-360-{scheme}.png")


def each_step_on_small_phones(browser, server):
    """Every step's screen, opened on each small phone in turn."""
    for viewport in SMALL_PHONES:
        with phone(browser, viewport) as page:
            for step_id, url in step_urls():
                page.goto(server.url + url)
                yield viewport, step_id, page


def test_it_puts_the_main_action_of_every_step_in_the_first_screen(browser, shared_server):
    for viewport, step_id, page in each_step_on_small_phones(browser, shared_server):
        timer = page.locator("[data-timer]:visible").first
        start = timer.locator('[data-action="toggle"]')
        assert in_first_screen(start, viewport), (viewport, step_id)
        assert in_first_screen(timer.locator("[data-remaining]"), viewport), (viewport, step_id)
        assert in_first_screen(page.locator("h1"), viewport), (viewport, step_id)
        # The step bar: one row, at most 64 px, "done – next" in reach and on top.
        bar = page.locator("nav.step-bar")
        assert bar.bounding_box()["height"] <= 64, (viewport, step_id)
        done = bar.get_by_role("link", name="Geschafft – weiter")
        assert in_first_screen(done, viewport), (viewport, step_id)
        assert in_first_screen(bar.get_by_role("link", name="Zurück"), viewport)
        assert in_first_screen(bar.get_by_role("link", name="Überspringen"), viewport)
        # The stop rules are open, never folded away.
        expect(page.locator(".caution").first).to_be_visible()
        assert page.locator(".caution").first.evaluate("el => !el.closest('details')")
        assert page_width(page) <= viewport["width"], (viewport, step_id)


def test_it_never_widens_the_page_with_a_timer_running_or_paused(browser, shared_server):
    for viewport, step_id, page in each_step_on_small_phones(browser, shared_server):
        toggle = page.locator('[data-timer]:visible [data-action="toggle"]').first
        toggle.tap()
        assert page_width(page) <= viewport["width"], ("running", viewport, step_id)
        if step_id == "breathing":
            page.keyboard.press("Escape")  # "Beenden" pauses: the reset shows too
        else:
            toggle.tap()  # paused: "Zurücksetzen" shows beside the time
        expect(page.locator("[data-timer]:visible [data-action=reset]").first).to_be_visible()
        assert page_width(page) <= viewport["width"], (viewport, step_id)
        page.evaluate("sessionStorage.clear()")


def taps_from_home(page, base, names):
    """Taps each named link in turn; returns the taps and the links that needed a scroll."""
    page.goto(f"{base}/de/")
    viewport = page.viewport_size
    scrolled = []
    for name in names:
        target = page.get_by_role("link", name=name, exact=True).locator("visible=true").first
        assert page.evaluate("scrollY") == 0, name
        if not in_first_screen(target, viewport):
            scrolled.append(name)
        with page.expect_navigation():
            target.tap()
    return len(names), scrolled


# "Nichts davon" comes after every sign, and every line holds every alternative of its questions
# (issue 16, second clinical review): at both sizes it takes one scroll through the signs, which
# the person should read anyway. Nothing else may need one.
MAY_SCROLL = {size: {"Nichts davon: weiter zur Hilfe"} for size in ("360x640", "320x568")}


def test_it_starts_breathing_or_heat_within_three_taps_from_home(browser, shared_server):
    for viewport in SMALL_PHONES:
        with phone(browser, viewport) as page:
            start = ["Akuthilfe starten", "Nichts davon: weiter zur Hilfe"]
            size = f"{viewport['width']}x{viewport['height']}"
            taps, scrolled = taps_from_home(page, shared_server.url, [*start, "Ruhig atmen"])
            expect(page.locator("[data-focus]")).to_be_visible()
            expect(page.locator("[data-phase]")).to_have_text("Einatmen")
            print(f"{size}: breathing pacer running in {taps} taps, scrolled for {scrolled}")
            assert taps <= 3
            assert set(scrolled) == MAY_SCROLL[size]

            page.evaluate("sessionStorage.clear()")
            taps, scrolled = taps_from_home(
                page, shared_server.url, [*start, "Wärme: Timer starten"]
            )
            heat = page.locator('[data-timer="cold-heat-heat"]')
            expect(heat.get_by_role("button", name="Pause")).to_be_visible()
            assert in_first_screen(heat.locator("[data-remaining]"), viewport)
            print(f"{size}: heat timer running in {taps} taps, scrolled for {scrolled}")
            assert taps <= 3
            assert set(scrolled) == MAY_SCROLL[size]


def test_it_starts_the_heat_timer_only_from_the_tile_that_says_so(browser, shared_server):
    with phone(browser, {"width": 360, "height": 640}) as page:
        page.goto(f"{shared_server.url}/de/los/")
        tile = page.locator(".quick").get_by_role("link", name="Wärme: Timer starten")
        assert tile.get_attribute("href").endswith("/de/schritt/cold-heat/#start=cold-heat-heat")
        tile.tap()
        expect(page).to_have_url(f"{shared_server.url}/de/schritt/cold-heat/")
        expect(page.locator("#cold-heat-heat")).to_be_checked()
        heat = page.locator('[data-timer="cold-heat-heat"]')
        expect(heat.get_by_role("button", name="Pause")).to_be_visible()
        # The link names the option whose timer starts: cold, if a link said cold.
        page.evaluate("sessionStorage.clear()")
        page.goto(f"{shared_server.url}/de/los/")
        page.goto(f"{shared_server.url}/de/schritt/cold-heat/#start=cold-heat-cold")
        expect(page.locator("#cold-heat-cold")).to_be_checked()
        cold = page.locator('[data-timer="cold-heat-cold"]')
        expect(cold.get_by_role("button", name="Pause")).to_be_visible()
        assert "running" not in heat.get_attribute("class").split()
        # Opened any other way, the step waits with its timer ready: nothing runs unasked.
        page.evaluate("sessionStorage.clear()")
        page.goto(f"{shared_server.url}/de/schritt/cold-heat/")
        expect(heat.get_by_role("button", name="Timer starten")).to_be_visible()
        assert in_first_screen(heat.get_by_role("button", name="Timer starten"), page.viewport_size)
        page.goto(f"{shared_server.url}/en/begin/")
        expect(page.locator(".quick").get_by_role("link", name="Heat: start timer")).to_be_visible()


def test_it_breathes_in_a_focus_mode_that_escape_and_back_close(shared_server, page):
    page.add_init_script(
        """
        window.__wakeLocks = 0;
        if (navigator.wakeLock) {
          const request = navigator.wakeLock.request.bind(navigator.wakeLock);
          navigator.wakeLock.request = (type) => { window.__wakeLocks += 1; return request(type); };
        }
        """
    )
    page.clock.install()
    page.goto(f"{shared_server.url}/de/schritt/breathing/")
    focus = page.get_by_role("dialog", name="Ruhig atmen")
    expect(focus).to_be_hidden()
    page.get_by_role("button", name="Atmen starten").tap()
    expect(focus).to_be_visible()
    assert page.evaluate("window.__wakeLocks") >= 1
    # Nothing else: the focus mode covers the whole screen.
    box = focus.bounding_box()
    assert (box["x"], box["y"], box["width"], box["height"]) == (0, 0, 390, 844)
    expect(focus.get_by_role("button", name="Beenden")).to_be_focused()
    circle = page.locator(".pacer-circle")
    assert "in" in circle.get_attribute("class").split()  # growing to full size
    assert circle.evaluate("el => getComputedStyle(el).transitionDuration") == "4s"
    expect(page.locator("[data-phase]")).to_have_text("Einatmen")
    expect(page.locator("[data-count]")).to_have_text("4")  # 6 per minute: 4 s in, 6 s out
    page.clock.run_for(1_100)
    expect(page.locator("[data-count]")).to_have_text("3")
    page.clock.run_for(3_000)
    expect(page.locator("[data-phase]")).to_have_text("Ausatmen")
    expect(page.locator("[data-count]")).to_have_text("6")
    # Shrinking from full size to 0.4, eased.
    assert circle.evaluate("el => getComputedStyle(el).transitionTimingFunction").startswith(
        "cubic-bezier"
    )
    page.keyboard.press("Escape")
    expect(focus).to_be_hidden()
    expect(page.get_by_role("button", name="Fortsetzen")).to_be_visible()
    expect(page).to_have_url(f"{shared_server.url}/de/schritt/breathing/")

    # The back gesture closes it too, and stays on the step.
    page.get_by_role("button", name="Fortsetzen").tap()
    expect(focus).to_be_visible()
    page.go_back()
    expect(focus).to_be_hidden()
    expect(page).to_have_url(f"{shared_server.url}/de/schritt/breathing/")
    expect(page.get_by_role("button", name="Fortsetzen")).to_be_visible()

    page.get_by_role("button", name="Fortsetzen").tap()
    focus.get_by_role("button", name="Beenden").tap()
    expect(focus).to_be_hidden()
    expect(page).to_have_url(f"{shared_server.url}/de/schritt/breathing/")


INSIDE = "el => el.contains(document.activeElement)"
# Focusing an element of the page behind works only if the focus mode failed to make it inert.
REACHABLE = "el => { el.focus(); return document.activeElement === el; }"


@pytest.mark.parametrize("dialog", ["showModal", "without showModal (Safari < 15.4)"])
def test_it_keeps_tab_and_shift_tab_inside_the_focus_mode(browser, shared_server, dialog):
    with phone(browser, {"width": 360, "height": 640}) as page:
        if dialog != "showModal":
            page.add_init_script("delete HTMLDialogElement.prototype.showModal")
        page.goto(f"{shared_server.url}/de/schritt/breathing/")
        toggle = page.get_by_role("button", name="Atmen starten")
        toggle.focus()
        page.keyboard.press("Enter")
        focus = page.get_by_role("dialog", name="Ruhig atmen")
        expect(focus.get_by_role("button", name="Beenden")).to_be_focused()
        assert focus.evaluate("el => el.matches(':modal')") == (dialog == "showModal")
        for key in ("Tab", "Shift+Tab"):
            for press in range(20):
                page.keyboard.press(key)
                assert focus.evaluate(INSIDE), (dialog, key, press)
        # With the settings open their controls join the round, and still nothing leaves it.
        focus.locator("summary").click()
        seen = set()
        for key in ("Tab", "Shift+Tab"):
            for press in range(20):
                page.keyboard.press(key)
                assert focus.evaluate(INSIDE), (dialog, key, press)
                seen.add(page.evaluate("document.activeElement.tagName"))
        assert {"SUMMARY", "SELECT", "INPUT", "BUTTON"} <= seen
        for behind in ("header.bar .call", "nav.step-bar a[rel=next]", ".skip"):
            assert not page.locator(behind).evaluate(REACHABLE), (dialog, behind)
        page.keyboard.press("Escape")
        expect(focus).to_be_hidden()
        expect(page.locator('[data-pacer] [data-action="toggle"]')).to_be_focused()
        assert page.locator("nav.step-bar a[rel=next]").evaluate(REACHABLE)


def test_it_counts_and_fills_a_bar_without_scaling_under_reduced_motion(browser, shared_server):
    with phone(browser, {"width": 360, "height": 640}, reduced_motion="reduce") as page:
        page.clock.install()
        page.goto(f"{shared_server.url}/en/step/breathing/")
        page.get_by_role("button", name="Start breathing").tap()
        circle = page.locator(".pacer-circle")
        assert circle.evaluate("el => getComputedStyle(el).transform") == "none"
        bar = page.locator(".pacer-bar")
        expect(bar).to_be_visible()
        expect(page.locator("[data-phase]")).to_have_text("Breathe in")
        expect(page.locator("[data-count]")).to_have_text("4")
        width = page.locator("[data-bar]").evaluate("el => el.getBoundingClientRect().width")
        page.clock.run_for(2_000)
        expect(page.locator("[data-count]")).to_have_text("2")
        assert circle.evaluate("el => getComputedStyle(el).transform") == "none"
        grown = page.locator("[data-bar]").evaluate("el => el.getBoundingClientRect().width")
        assert grown > width


def test_it_ends_a_timer_with_a_tone_a_banner_and_moves_on_if_asked(shared_server, page):
    page.add_init_script(
        """
        window.__cues = {tones: 0, vibrated: 0};
        const start = OscillatorNode.prototype.start;
        OscillatorNode.prototype.start = function (...args) { window.__cues.tones += 1; return start.apply(this, args); };
        navigator.vibrate = () => { window.__cues.vibrated += 1; return true; };
        """
    )
    page.clock.install()
    page.goto(f"{shared_server.url}/de/schritt/child-pose/")
    page.get_by_label("Danach von selbst weiter").check()
    page.get_by_role("button", name="Timer starten").tap()
    page.clock.run_for(31_000)
    expect(page.get_by_role("alert")).to_contain_text("Geschafft. Die Zeit ist um.")
    assert page.evaluate("window.__cues.tones") >= 1
    assert page.evaluate("window.__cues.vibrated") == 1
    page.clock.run_for(5_100)
    expect(page).to_have_url(f"{shared_server.url}/de/schritt/cat-cow/")
    # Remembered, and the step moved on from counts as done.
    expect(page.get_by_label("Danach von selbst weiter")).to_be_checked()
    expect(page.locator("[data-progress]")).to_contain_text("✓ 1 geschafft")


def test_it_shows_take_the_heat_off_without_vibration_and_stays(browser, shared_server):
    # An iPhone has no navigator.vibrate: no vibration is offered, and the banner still shows.
    with phone(browser, {"width": 360, "height": 640}) as page:
        page.add_init_script("delete Navigator.prototype.vibrate")
        page.clock.install()
        page.goto(f"{shared_server.url}/de/schritt/cold-heat/")
        heat = page.locator('[data-timer="cold-heat-heat"]')
        heat.get_by_role("button", name="Timer starten").tap()
        page.clock.run_for(1_201_000)
        banner = heat.get_by_role("alert")
        expect(banner).to_have_text("Die Zeit ist um. Nimm die Wärme jetzt ab.")
        assert in_first_screen(banner, {"width": 360, "height": 640 - 64})
        assert "take-off" in heat.get_attribute("class")
        page.clock.run_for(10_000)
        expect(page).to_have_url(f"{shared_server.url}/de/schritt/cold-heat/")
        page.goto(f"{shared_server.url}/de/schritt/breathing/")
        expect(page.locator("[data-vibrate-label]")).to_be_hidden()


def test_it_shows_heat_and_cold_as_two_tiles_with_a_tick_on_top(browser, shared_server):
    with phone(browser, {"width": 320, "height": 568}) as page:
        page.goto(f"{shared_server.url}/de/schritt/cold-heat/")
        heat = page.locator('label[for="cold-heat-heat"]')
        cold = page.locator('label[for="cold-heat-cold"]')
        assert heat.bounding_box()["y"] == cold.bounding_box()["y"]
        assert heat.bounding_box()["height"] >= 48
        tick = "el => getComputedStyle(el, '::after').content"
        assert heat.evaluate(tick) == '"✓"'
        assert cold.evaluate(tick) == "none"
        cold.tap()
        assert cold.evaluate(tick) == '"✓"'
        assert heat.evaluate(tick) == "none"
        expect(page.locator('[data-timer="cold-heat-cold"]')).to_be_visible()
        expect(page.locator('[data-timer="cold-heat-heat"]')).to_be_hidden()


def test_it_lays_out_the_pain_row_as_six_and_five_big_targets_at_320(browser, shared_server):
    with phone(browser, {"width": 320, "height": 568}) as page:
        page.goto(f"{shared_server.url}/de/los/")
        labels = page.locator('[data-pain="pain-before"] label')
        boxes = [labels.nth(i).bounding_box() for i in range(11)]
        rows = sorted({round(box["y"]) for box in boxes})
        assert [sum(round(box["y"]) == row for box in boxes) for row in rows] == [6, 5]
        assert all(box["width"] >= 48 and box["height"] >= 48 for box in boxes)
        assert all(box["x"] >= 0 and box["x"] + box["width"] <= 320 for box in boxes)
        assert page_width(page) <= 320
        assert axe_violations(page) == []


def read_diary(page):
    """The entries through the diary's own public API, as stored in IndexedDB."""
    return page.evaluate("async (url) => (await import(url)).list()", static("js/diary-store.js"))


def test_it_saves_the_episode_with_pain_before_and_after_by_the_flow_alone(shared_server, page):
    page.goto(f"{shared_server.url}/de/")
    page.get_by_role("link", name="Akuthilfe starten").tap()
    page.get_by_role("link", name="Nichts davon: weiter zur Hilfe").tap()
    page.get_by_role("group", name="Wie stark ist es gerade?").get_by_role("radio", name="7").tap()
    page.get_by_role("link", name="Alle Schritte der Reihe nach").tap()
    page.get_by_role("button", name="Timer starten").tap()
    page.get_by_role("link", name="Geschafft – weiter").tap()
    expect(page.locator("[data-progress]")).to_contain_text("✓ 1 geschafft")
    page.get_by_role("link", name="Geschafft – weiter").tap()  # heat, the default tile
    screens = [name for name, _ in flow.pages()]
    for name in screens[screens.index("firstaid:step") + 2 : -1]:
        link = "Nichts davon: weiter" if name == "firstaid:today" else "Überspringen"
        with page.expect_navigation():
            page.get_by_role("link", name=link, exact=True).tap()
    expect(page.locator("h1")).to_have_text("Besser?")
    # The pain before was asked at the start: only "now" is asked here.
    expect(page.get_by_role("group", name="Und wie stark war es vorher?")).to_be_hidden()
    page.get_by_role("group", name="Wie stark ist es jetzt?").get_by_role("radio", name="3").tap()
    page.get_by_role("button", name="Speichern & fertig").tap()
    expect(page).to_have_url(f"{shared_server.url}/de/")
    [entry] = read_diary(page)
    data = entry["data"]
    assert (data["intensity"], data["intensity_after"]) == (7, 3)
    assert data["measures"] == [{"id": "movement", "helped": None}, {"id": "heat", "helped": None}]
    assert data["duration_minutes"] == 0
    page.evaluate("indexedDB.deleteDatabase('krampfhilfe-diary')")


def test_it_ends_without_saving_when_asked(shared_server, page):
    page.goto(f"{shared_server.url}/de/besser/")
    page.get_by_role("link", name="nicht speichern").tap()
    expect(page).to_have_url(f"{shared_server.url}/de/")
    assert read_diary(page) == []


def test_it_walks_the_flow_without_javascript(browser, shared_server):
    with phone(browser, {"width": 320, "height": 568}, java_script_enabled=False) as page:
        page.goto(f"{shared_server.url}/de/notfall/")
        page.get_by_role("link", name="Nichts davon: weiter zur Hilfe").click()
        page.get_by_role("link", name="Wärme: Timer starten").click()
        expect(page.locator("h1")).to_have_text("Wärme oder Kälte")
        page.locator('label[for="cold-heat-cold"]').click()
        expect(page.get_by_text("Nimm ein Kühlpack oder gefrorenes Gemüse.")).to_be_visible()
        page.locator("details.more summary").locator("visible=true").first.click()
        expect(
            page.get_by_text("Nimm es früher ab, wenn die Haut brennt oder taub wird.")
        ).to_be_visible()
        page.get_by_role("link", name="Geschafft – weiter").click()
        expect(page.locator("h1")).to_contain_text("Beine hochlegen")
        page.get_by_role("link", name="Quellen", exact=True).click()
        expect(page.locator("#cites-stufenlagerung")).to_be_visible()
        page.goto(f"{shared_server.url}/de/besser/")
        page.get_by_role("link", name="Fertig", exact=True).click()
        expect(page).to_have_url(f"{shared_server.url}/de/")
