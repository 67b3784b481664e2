"""The guided flow, walked as a person would: by tapping and with the keyboard alone."""

from playwright.sync_api import expect

from firstaid import content, flow
from tests.browser.conftest import wait_until
from tests.browser.test_accessibility import axe_violations
from tests.harness import PHONE

# Records the Screen Wake Lock calls the page makes, and passes them through to the browser.
WAKE_LOCK_SPY = """
window.__wakeLocks = {requested: 0, released: 0};
if (navigator.wakeLock) {
  const request = navigator.wakeLock.request.bind(navigator.wakeLock);
  navigator.wakeLock.request = async (type) => {
    window.__wakeLocks.requested += 1;
    const sentinel = await request(type);
    sentinel.addEventListener("release", () => (window.__wakeLocks.released += 1));
    return sentinel;
  };
}
"""


def step_titles(lang):
    return [step["title"] for step in content.load(lang)["steps"]]


def flow_titles(lang):
    """The headings from the first step to the last screen before the end, in flow order."""
    data = content.load(lang)
    titles = {step["id"]: step["title"] for step in data["steps"]}
    return [
        titles[kwargs["step_id"]] if name == "firstaid:step" else data["flow_today"]["title"]
        for name, kwargs in flow.pages()
        if name in ("firstaid:step", "firstaid:today")
    ]


def test_it_walks_from_start_to_end_by_tapping(shared_server, page):
    page.goto(f"{shared_server.url}/de/")
    page.get_by_role("link", name="Akuthilfe starten").tap()
    page.get_by_role("link", name="Nichts davon: weiter zur Hilfe").tap()
    page.get_by_role("link", name="Alle Schritte der Reihe nach").tap()
    seen = []
    for title in flow_titles("de"):
        seen.append(page.locator("h1").inner_text())
        name = (
            "Nichts davon: weiter"
            if title == content.load("de")["flow_today"]["title"]
            else "Geschafft – weiter"
        )
        page.get_by_role("link", name=name, exact=True).tap()
    assert seen == flow_titles("de")
    assert page.locator("h1").inner_text() == content.load("de")["end"]["title"]
    page.get_by_role("group", name="Und wie stark war es vorher?").get_by_role(
        "radio", name="6"
    ).tap()
    page.get_by_role("button", name="Speichern & fertig").tap()
    expect(page).to_have_url(f"{shared_server.url}/de/")


def test_it_walks_back_and_skips(shared_server, page):
    # Counted from the step itself, so that a new step elsewhere does not touch this test.
    at = [step["id"] for step in content.load("en")["steps"]].index("stufenlagerung")
    page.goto(f"{shared_server.url}/en/step/stufenlagerung/")
    page.get_by_role("link", name="Back", exact=True).tap()
    assert page.locator("h1").inner_text() == step_titles("en")[at - 1]
    page.get_by_role("link", name="Skip", exact=True).tap()
    page.get_by_role("link", name="Skip", exact=True).tap()
    assert page.locator("h1").inner_text() == step_titles("en")[at + 1]


def test_it_walks_from_start_to_end_with_the_keyboard_alone(shared_server, page):
    page.goto(f"{shared_server.url}/en/")

    def press_enter_on(name):
        for _ in range(60):
            page.keyboard.press("Tab")
            focused = page.evaluate("document.activeElement.textContent.trim()")
            if focused == name:
                with page.expect_navigation():
                    page.keyboard.press("Enter")
                return
        raise AssertionError(f"Tab never reached {name!r}")

    press_enter_on("Start first aid")
    press_enter_on("None of these: go on to help")
    press_enter_on("All steps in order")
    for title in flow_titles("en"):
        assert page.locator("h1").inner_text() == title
        press_enter_on(
            "None of these: go on"
            if title == content.load("en")["flow_today"]["title"]
            else "Done – next"
        )
    assert page.locator("h1").inner_text() == content.load("en")["end"]["title"]


def test_it_keeps_a_running_timer_through_rotation_and_reload(shared_server, page):
    page.add_init_script(WAKE_LOCK_SPY)
    page.goto(f"{shared_server.url}/de/schritt/stufenlagerung/")
    timer = page.locator("[data-timer]")
    timer.get_by_role("button", name="Timer starten").tap()
    assert page.evaluate("window.__wakeLocks.requested") == 1

    page.set_viewport_size({"width": 844, "height": 390})
    page.wait_for_timeout(1200)
    page.reload()
    remaining = timer.locator("[data-remaining]").inner_text()
    assert remaining in ("4:55", "4:56", "4:57", "4:58", "4:59"), remaining
    assert timer.get_by_role("button", name="Pause").is_visible()
    # The reloaded page took the wake lock again, for the timer that is still running.
    assert page.evaluate("window.__wakeLocks.requested") == 1

    timer.get_by_role("button", name="Pause").tap()
    wait_until(page, "window.__wakeLocks.released === 1", timeout=5)
    paused = timer.locator("[data-remaining]").inner_text()
    page.wait_for_timeout(1100)
    assert timer.locator("[data-remaining]").inner_text() == paused
    timer.get_by_role("button", name="Zurücksetzen").tap()
    assert timer.locator("[data-remaining]").inner_text() == "5:00"


def test_it_announces_the_end_of_a_timer(shared_server, page):
    page.clock.install()
    page.goto(f"{shared_server.url}/en/step/child-pose/")
    page.get_by_role("button", name="Start timer").tap()
    page.clock.run_for(31_000)
    assert page.locator("[data-timer] [role=alert]").inner_text() == "Done. Time is up."
    assert page.get_by_role("button", name="Again").is_visible()


def test_it_shows_the_chosen_cold_or_heat_instructions(shared_server, page):
    page.goto(f"{shared_server.url}/de/schritt/cold-heat/")
    heat, cold = content.step_by_id("de", "cold-heat")["options"]
    assert page.get_by_text(heat["instructions"][0]).is_visible()
    assert not page.get_by_text(cold["instructions"][0]).is_visible()
    assert page.locator("[data-timer]:visible [data-remaining]").inner_text() == "20:00"
    page.get_by_text(cold["question"]).tap()
    assert page.get_by_text(cold["instructions"][0]).is_visible()
    assert not page.get_by_text(heat["instructions"][0]).is_visible()
    assert page.locator("[data-timer]:visible [data-remaining]").inner_text() == "15:00"


def test_it_paces_breathing_at_the_chosen_rate(shared_server, page):
    page.clock.install()
    page.goto(f"{shared_server.url}/de/schritt/breathing/")
    phase = page.locator("[data-phase]")
    page.get_by_role("button", name="Atmen starten").tap()
    page.locator("[data-focus] summary").tap()  # the settings, behind one button
    page.get_by_label("Atemzüge pro Minute").select_option("6")
    page.get_by_role("button", name="Beenden").tap()
    assert phase.inner_text() == "Bereit"
    page.get_by_role("button", name="Fortsetzen").tap()
    assert phase.inner_text() == "Einatmen"
    assert "in" in page.locator(".pacer-circle").get_attribute("class")
    page.clock.run_for(4_100)  # 6 per minute: 4 s in, 6 s out
    assert phase.inner_text() == "Ausatmen"
    page.clock.run_for(6_000)
    assert phase.inner_text() == "Einatmen"
    page.get_by_role("button", name="Beenden").tap()
    assert phase.inner_text() == "Bereit"


def test_it_keeps_the_breathing_circle_still_with_reduced_motion(browser, shared_server):
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    page.goto(f"{shared_server.url}/de/schritt/breathing/")
    page.get_by_role("button", name="Atmen starten").click()
    circle = page.locator(".pacer-circle")
    assert circle.evaluate("el => getComputedStyle(el).transitionDuration") == "0s"
    assert page.locator("[data-phase]").inner_text() == "Einatmen"
    context.close()


def test_it_speaks_and_vibrates_only_when_asked(shared_server, page):
    page.add_init_script(
        """
        window.__cues = {spoken: [], vibrated: 0};
        speechSynthesis.speak = (u) => window.__cues.spoken.push([u.text, u.lang]);
        navigator.vibrate = () => { window.__cues.vibrated += 1; return true; };
        """
    )
    page.goto(f"{shared_server.url}/en/step/breathing/")
    page.get_by_role("button", name="Start breathing").click()
    assert page.evaluate("window.__cues") == {"spoken": [], "vibrated": 0}
    page.get_by_role("button", name="Stop").click()
    page.get_by_role("button", name="Resume").click()
    page.locator("[data-focus] summary").click()
    page.get_by_label("Spoken cues").check()
    page.get_by_label("Vibrate at each change").check()
    page.get_by_role("button", name="Stop").click()
    page.get_by_role("button", name="Resume").click()
    assert page.evaluate("window.__cues") == {"spoken": [["Breathe in", "en"]], "vibrated": 1}


def inside_viewport(locator, viewport):
    box = locator.bounding_box()
    return (
        box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= viewport["width"]
        and box["y"] + box["height"] <= viewport["height"]
    )


def test_it_shows_every_emergency_sign_and_the_call_on_the_first_phone_screen(shared_server, page):
    viewport = page.viewport_size
    for url in ("/de/notfall/", "/en/emergency/"):
        page.goto(shared_server.url + url)
        signs = page.locator("main ul.signs li")
        assert signs.count() >= 5
        for sign in signs.all():
            assert inside_viewport(sign, viewport), (url, sign.inner_text())
        call = page.locator('main a[href^="tel:"][data-call="emergency"]')
        assert inside_viewport(call, viewport), url
        # Nothing sits over the signs at the bottom of the screen: "None of these" is in the
        # page's own flow, below the call.
        none = page.locator("main a[rel=next]")
        floating = none.evaluate(
            """el => { const found = [];
              for (let n = el; n; n = n.parentElement) {
                const position = getComputedStyle(n).position;
                if (position === "sticky" || position === "fixed") found.push(n.tagName);
              }
              return found; }"""
        )
        assert floating == [], url
        assert none.bounding_box()["y"] > call.bounding_box()["y"]


def test_it_leads_on_or_to_a_doctor_from_the_today_screen_by_tapping(shared_server, page):
    page.goto(f"{shared_server.url}/de/schritt/breathing/")
    page.get_by_role("link", name="Geschafft – weiter", exact=True).tap()
    expect(page.locator("h1")).to_have_text(content.load("de")["flow_today"]["title"])
    answer = page.locator("#today-yes")
    expect(answer).to_be_hidden()
    page.get_by_role("link", name="Ja, eines davon").tap()
    expect(answer).to_be_visible()
    expect(answer.get_by_role("heading")).to_have_text("Lass das heute ärztlich abklären.")
    assert inside_viewport(answer.get_by_role("heading"), page.viewport_size)
    expect(answer.locator('a[href="tel:116117"]')).to_be_visible()
    expect(answer.get_by_role("link", name="Alle Warnzeichen prüfen")).to_be_visible()
    assert axe_violations(page) == []
    expect(answer.get_by_text("Dehnungen erst nach der ärztlichen Abklärung.")).to_be_visible()
    # "Yes" leads back to the gentle steps or to the end, never on into a stretch.
    answer.get_by_role("link", name=content.step_by_id("de", "breathing")["title"]).tap()
    expect(page.locator("h1")).to_have_text(content.step_by_id("de", "breathing")["title"])
    page.go_back()
    answer.get_by_role("link", name="Zum Abschluss").tap()
    expect(page.locator("h1")).to_have_text(content.load("de")["end"]["title"])
    page.go_back()
    page.go_back()
    page.get_by_role("link", name="Nichts davon: weiter").tap()
    expect(page.locator("h1")).to_have_text(content.step_by_id("de", "child-pose")["title"])


def test_it_leads_on_or_to_a_doctor_from_the_today_screen_without_javascript(
    browser, shared_server
):
    context = browser.new_context(**PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{shared_server.url}/en/doctor-today/")
    answer = page.locator("#today-yes")
    expect(answer).to_be_hidden()
    page.get_by_role("link", name="Yes, one of these").click()
    expect(answer).to_be_visible()
    expect(answer.get_by_role("heading")).to_have_text("Have this checked by a doctor today.")
    expect(answer.locator('a[href="tel:116117"]')).to_be_visible()
    page.goto(f"{shared_server.url}/en/doctor-today/")
    page.get_by_role("link", name="None of these: go on").click()
    expect(page.locator("h1")).to_have_text(content.step_by_id("en", "child-pose")["title"])
    context.close()


def test_it_tells_to_take_the_heat_off_when_its_timer_ends(shared_server, page):
    page.clock.install()
    page.goto(f"{shared_server.url}/de/schritt/cold-heat/")
    timer = page.locator('[data-timer="cold-heat-heat"]')
    done = timer.get_by_role("alert")
    expect(done).to_be_hidden()
    timer.get_by_role("button", name="Timer starten").tap()
    page.clock.run_for(1_201_000)
    expect(done).to_be_visible()
    expect(done).to_have_text("Die Zeit ist um. Nimm die Wärme jetzt ab.")
    timer.get_by_role("button", name="Zurücksetzen").tap()
    expect(done).to_be_hidden()


def test_it_shows_the_stop_rules_without_opening_anything(shared_server, page):
    page.goto(f"{shared_server.url}/de/schritt/child-pose/")
    caution = page.locator(".caution").first
    expect(caution).to_be_visible()
    expect(caution.get_by_text("Hör sofort auf, wenn Schmerz ins Bein schießt.")).to_be_visible()
    # The fold-out that is left shows that it opens: a chevron drawn by CSS.
    summary = page.locator("details.when > summary")
    assert summary.evaluate("el => getComputedStyle(el, '::after').borderRightWidth") == "3px"


def test_it_saves_screenshots_of_the_first_and_the_today_screen(browser, shared_server, artifacts):
    for width in (320, 360):
        context = browser.new_context(
            viewport={"width": width, "height": 740}, device_scale_factor=1, has_touch=True
        )
        page = context.new_page()
        for name, url in [
            ("emergency", "/de/notfall/"),
            ("today", "/de/heute-zum-arzt/"),
            ("today-yes", "/de/heute-zum-arzt/#today-yes"),
            ("emergency-en", "/en/emergency/"),
        ]:
            page.goto(shared_server.url + url)
            assert page.evaluate("document.documentElement.scrollWidth") <= width, (name, width)
            path = artifacts / f"flow-{name}-{width}.png"
            page.screenshot(path=path)
            assert path.stat().st_size > 10_000
        context.close()
