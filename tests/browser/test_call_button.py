"""The big call reads as words on a small phone, and its number is never guessed (issue 7,
findings 6 and 15). Measured as rendered: a button whose flex layout ate the spaces still had
"Notruf", "112" and "anrufen" in its text, only drawn as one run "Notruf112anrufen"."""

import itertools

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import wait_for_service_worker
from tests.harness import PHONE

WORDS = {"de": ["Notruf", "112", "anrufen"], "en": ["Call", "112", "now"]}
EMERGENCY = {"de": "/de/notfall/", "en": "/en/emergency/"}
CHECK = {"de": "/de/warnzeichen/", "en": "/en/warning-signs/"}
EUROPE = {"de": "112 gilt in ganz Europa.", "en": "112 works across Europe."}
HEIGHTS = {320: 640, 360: 740}

# Every word of the link with the boxes it is drawn in (a Range per word over the text nodes).
MEASURE = """(link) => {
  const words = [];
  const walker = document.createTreeWalker(link, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    for (const match of node.data.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const rects = [...range.getClientRects()].map(
        (r) => ({ left: r.left, right: r.right, top: r.top, bottom: r.bottom }));
      words.push({ text: match[0], rects, size: parseFloat(getComputedStyle(node.parentElement).fontSize) });
    }
  }
  const box = link.getBoundingClientRect();
  return { words, left: box.left, right: box.right, height: box.height, innerWidth,
           scrollWidth: document.documentElement.scrollWidth };
}"""

# The call has more visible area than anything else on the screen once it is in view.
LARGEST = """(link) => {
  const area = (el) => {
    const r = el.getBoundingClientRect();
    const w = Math.min(r.right, innerWidth) - Math.max(r.left, 0);
    const h = Math.min(r.bottom, innerHeight) - Math.max(r.top, 0);
    return w > 0 && h > 0 ? w * h : 0;
  };
  return [...document.body.querySelectorAll("*")]
    .filter((el) => !el.contains(link) && !link.contains(el) && el.checkVisibility())
    .filter((el) => area(el) >= area(link))
    .map((el) => el.tagName + " " + el.textContent.trim().slice(0, 30));
}"""


def assert_reads_as_words(link, words):
    found = link.evaluate(MEASURE)
    width = found["innerWidth"]
    assert [word["text"] for word in found["words"]] == words
    for word in found["words"]:
        assert len(word["rects"]) == 1, f"{word['text']} is broken over lines"
        box = word["rects"][0]
        assert box["left"] >= 0 and box["right"] <= width, f"{word['text']} leaves the screen"
    for before, after in itertools.pairwise(found["words"]):
        a, b = before["rects"][0], after["rects"][0]
        middle_a, middle_b = (a["top"] + a["bottom"]) / 2, (b["top"] + b["bottom"]) / 2
        if abs(middle_a - middle_b) < (a["bottom"] - a["top"]) / 2:  # on the same line
            gap = b["left"] - a["right"]
            assert gap >= 0.2 * after["size"], f"no space between {before['text']} {after['text']}"
        else:  # on the next line (glyph boxes of big type may overlap a little)
            assert middle_b >= a["bottom"], f"{after['text']} is drawn over {before['text']}"
    assert found["left"] >= 0 and found["right"] <= width
    assert found["height"] >= 48
    assert found["scrollWidth"] <= width, "the page scrolls sideways"


def headline_is_clear_of_the_bar(page, headline):
    bar = page.locator("header.bar").bounding_box()
    box = headline.bounding_box()
    return box["y"] >= bar["y"] + bar["height"] and box["y"] < page.viewport_size["height"]


def show_emergency_outcome(page, base, lang):
    """The check's outcome as the server renders it for a form with heart-signs=yes (no-JS path).
    Our own form: the check's page layout is not what this test is about."""
    page.goto(base + CHECK[lang])
    with page.expect_navigation():
        page.evaluate(
            """(action) => {
              const form = document.createElement("form");
              form.method = "post";
              form.action = action;
              const input = document.createElement("input");
              input.name = "heart-signs";
              input.value = "yes";
              form.append(input);
              document.body.append(form);
              form.submit();
            }""",
            CHECK[lang],
        )
    outcome = page.locator('[data-outcome="emergency"]')
    expect(outcome).to_be_visible()
    return outcome


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [320, 360])
@pytest.mark.parametrize("lang", ["de", "en"])
def test_it_shows_the_call_as_words_within_the_screen(
    browser, shared_server, artifacts, lang, width, scheme
):
    context = browser.new_context(
        viewport={"width": width, "height": HEIGHTS[width]}, color_scheme=scheme
    )
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(error))

    page.goto(shared_server.url + EMERGENCY[lang])
    call = page.locator("main a.huge[data-call=emergency]")
    call.scroll_into_view_if_needed()
    assert_reads_as_words(call, WORDS[lang])
    expect(page.locator("main .call-where")).to_contain_text(EUROPE[lang])
    page.screenshot(path=artifacts / f"call-emergency-{lang}-{width}-{scheme}.png")

    outcome = show_emergency_outcome(page, shared_server.url, lang)
    call = outcome.locator("a.giant[data-call=emergency]")
    assert headline_is_clear_of_the_bar(page, outcome.locator("h1"))
    page.screenshot(path=artifacts / f"call-outcome-{lang}-{width}-{scheme}.png")
    assert_reads_as_words(call, WORDS[lang])
    expect(outcome.locator(".call-where")).to_contain_text(EUROPE[lang])
    call.scroll_into_view_if_needed()
    assert call.evaluate(LARGEST) == []

    # Whatever brings the outcome into view (the check scrolls it to the top and focuses it, a
    # link to it) keeps its headline clear of the sticky bar: the bar used to hide it.
    page.evaluate("scrollTo(0, document.body.scrollHeight)")
    outcome.evaluate("(section) => section.scrollIntoView()")
    assert headline_is_clear_of_the_bar(page, outcome.locator("h1"))
    page.evaluate("scrollTo(0, 0)")
    outcome.focus()
    assert headline_is_clear_of_the_bar(page, outcome.locator("h1"))
    context.close()
    assert errors == []


def test_it_shows_112_to_an_austrian_browser_until_austria_is_chosen_also_offline(browser, server):
    context = browser.new_context(**PHONE, locale="de-AT")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    bar_call = page.locator("header.bar a[data-call=emergency]")
    call = page.locator("main a.huge[data-call=emergency]")
    where = page.locator("main .call-where")
    doctors = page.locator("main [data-doctor-call]")

    page.goto(f"{server.url}/de/")
    wait_for_service_worker(page)
    page.goto(f"{server.url}/de/notfall/")
    # de-AT says which language, not where the phone is: 144 is no emergency number in Germany.
    expect(bar_call).to_have_attribute("href", "tel:112")
    expect(bar_call).to_contain_text("112")
    expect(call).to_have_attribute("href", "tel:112")
    expect(call).to_contain_text("112")
    expect(where).to_have_text("112 gilt in ganz Europa. Land wählen", use_inner_text=True)
    for name in ("Deutschland", "Österreich", "Schweiz"):
        expect(doctors.get_by_text(name)).to_be_visible()
    expect(doctors.locator("a[href='tel:116117']")).to_be_visible()

    # Offline: the one-tap change under the call, and back to the call with the new number.
    context.set_offline(True)
    where.get_by_role("link", name="Land wählen").click()
    page.get_by_label("Österreich (144)").check()
    page.get_by_role("button", name="Speichern").click()
    expect(page).to_have_url(f"{server.url}/de/notfall/")
    expect(bar_call).to_have_attribute("href", "tel:144")
    expect(call).to_have_attribute("href", "tel:144")
    expect(call).to_contain_text("144")
    expect(where).to_have_text(
        "144: Rettung in Österreich. 112 gilt in ganz Europa. Land ändern", use_inner_text=True
    )
    expect(doctors.locator("a[href='tel:141']")).to_be_visible()
    expect(doctors.locator("a[href='tel:1450']")).to_be_visible()
    expect(doctors.get_by_text("Deutschland")).to_be_hidden()
    expect(doctors.locator("a[href='tel:116117']")).to_be_hidden()

    # Online, the server knows the choice too (cookie), on the check's outcome.
    context.set_offline(False)
    outcome = show_emergency_outcome(page, server.url, "de")
    expect(outcome.locator("a.giant")).to_have_attribute("href", "tel:144")
    expect(outcome.locator(".call-where")).to_contain_text("Rettung in Österreich")
    expect(page.locator("header.bar a[data-call=emergency]")).to_have_attribute("href", "tel:144")

    # And the choice can be undone, offline too.
    context.set_offline(True)
    page.goto(f"{server.url}/de/notfall/")
    where.get_by_role("link", name="Land ändern").click()
    page.get_by_label("Nicht festgelegt (112)").check()
    page.get_by_role("button", name="Speichern").click()
    expect(page).to_have_url(f"{server.url}/de/notfall/")
    expect(call).to_have_attribute("href", "tel:112")
    expect(where).to_have_text("112 gilt in ganz Europa. Land wählen", use_inner_text=True)
    expect(doctors.locator("a[href='tel:116117']")).to_be_visible()
    context.close()
    assert errors == []


# Built-ins that Safari 14 or Chrome 80 lack: the number switch must not need them.
NO_NEW_BUILTINS = """
for (const [owner, name] of [[Object, "hasOwn"], [Object, "groupBy"], [Array.prototype, "at"],
    [Array.prototype, "findLast"], [String.prototype, "replaceAll"], [String.prototype, "at"],
    [window, "structuredClone"]]) delete owner[name];
"""


def test_it_switches_the_number_on_a_browser_without_recent_built_ins(browser, shared_server):
    context = browser.new_context(**PHONE, locale="de-CH")
    context.add_init_script(NO_NEW_BUILTINS)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    page.goto(f"{shared_server.url}/de/")
    wait_for_service_worker(page)
    context.set_offline(True)  # so it is country.js that switches, not the server
    page.goto(f"{shared_server.url}/de/einstellungen/?next=/de/notfall/")
    assert page.evaluate("typeof Object.hasOwn") == "undefined"
    page.get_by_label("Schweiz (144)").check()
    page.get_by_role("button", name="Speichern").click()
    expect(page).to_have_url(f"{shared_server.url}/de/notfall/")
    expect(page.locator("main a.huge")).to_have_attribute("href", "tel:144")
    expect(page.locator("main .call-where")).to_contain_text("Rettung in der Schweiz")
    context.close()
    assert errors == []
