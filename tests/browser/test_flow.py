"""The guided flow, walked as a person would: by tapping and with the keyboard alone."""

from playwright.sync_api import expect

from firstaid import content
from tests.browser.conftest import wait_until

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


def test_it_walks_from_start_to_end_by_tapping(shared_server, page):
    page.goto(f"{shared_server.url}/de/")
    page.get_by_role("link", name="Akuthilfe starten").tap()
    page.get_by_role("link", name="Nichts davon: weiter zur Hilfe").tap()
    seen = []
    for _ in step_titles("de"):
        seen.append(page.locator("h1").inner_text())
        page.get_by_role("link", name="Weiter", exact=True).tap()
    assert seen == step_titles("de")
    assert page.locator("h1").inner_text() == content.load("de")["end"]["title"]
    page.get_by_role("link", name="Ja, besser: fertig").tap()
    expect(page).to_have_url(f"{shared_server.url}/de/")


def test_it_walks_back_and_skips(shared_server, page):
    page.goto(f"{shared_server.url}/en/step/stufenlagerung/")
    page.get_by_role("link", name="Back").tap()
    assert page.locator("h1").inner_text() == step_titles("en")[1]
    page.get_by_role("link", name="Skip", exact=True).tap()
    page.get_by_role("link", name="Skip", exact=True).tap()
    assert page.locator("h1").inner_text() == step_titles("en")[3]


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
    for title in step_titles("en"):
        assert page.locator("h1").inner_text() == title
        press_enter_on("Next")
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
    assert page.locator("[data-timer] [role=status]").inner_text() == "Done. Time is up."
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
    assert phase.inner_text() == "Bereit"
    page.get_by_label("Atemzüge pro Minute").select_option("6")
    page.get_by_role("button", name="Timer starten").tap()
    assert phase.inner_text() == "Einatmen"
    assert "in" in page.locator(".pacer-circle").get_attribute("class")
    page.clock.run_for(4_100)  # 6 per minute: 4 s in, 6 s out
    assert phase.inner_text() == "Ausatmen"
    page.clock.run_for(6_000)
    assert phase.inner_text() == "Einatmen"
    page.get_by_role("button", name="Pause").tap()
    assert phase.inner_text() == "Bereit"


def test_it_keeps_the_breathing_circle_still_with_reduced_motion(browser, shared_server):
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    page.goto(f"{shared_server.url}/de/schritt/breathing/")
    page.get_by_role("button", name="Timer starten").click()
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
    page.get_by_role("button", name="Start timer").click()
    assert page.evaluate("window.__cues") == {"spoken": [], "vibrated": 0}
    page.get_by_role("button", name="Pause").click()
    page.get_by_label("Spoken cues").check()
    page.get_by_label("Vibrate at each change").check()
    page.get_by_role("button", name="Resume").click()
    assert page.evaluate("window.__cues") == {"spoken": [["Breathe in", "en"]], "vibrated": 1}
