import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import conditional_escape, escape

from firstaid import content, flow
from firstaid.templatetags.firstaid import with_emergency_number
from shell import precache


def reverse_lang(lang, name):
    with translation.override(lang):
        return reverse(name)


@pytest.mark.parametrize("url", precache.page_urls())
def test_it_renders_every_first_aid_page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'href="tel:112"' in body
    assert "<h1" in body
    assert content.load(url[1:3])["disclaimer"] in body


@pytest.mark.parametrize("lang,prefix", [("de", "/de/schritt"), ("en", "/en/step")])
def test_it_renders_each_step_with_its_text_illustration_and_sources(client, lang, prefix):
    for step in content.load(lang)["steps"]:
        body = client.get(f"{prefix}/{step['id']}/").content.decode()
        assert f">{escape(step['title'])}</h1>" in body
        assert escape(step["illustration_alt"]) in body
        assert '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 160"' in body
        for part in [step, *step.get("options", [])]:
            for line in part["instructions"] + part["caution"]:
                assert conditional_escape(with_emergency_number(line, "112")) in body
        # One "Quellen" link per step, to the step's sources on the about page.
        about = reverse_lang(lang, "firstaid:about")
        assert body.count(f'href="{about}#cites-{step["id"]}"') == 1
        cites = client.get(about).content.decode().split(f'id="cites-{step["id"]}"')[1]
        for source_id in step["sources"]:
            assert f"#source-{source_id}" in cites.split("</dd>")[0]


def test_it_answers_404_for_an_unknown_step(client):
    assert client.get("/de/schritt/yoga/").status_code == 404


def test_it_links_the_flow_in_order(client):
    # Derived from the content, so that a new step does not touch this test.
    steps = [step["id"] for step in content.load("de")["steps"]]
    body = client.get("/de/notfall/").content.decode()
    assert 'href="/de/los/" rel="next"' in body
    body = client.get("/de/los/").content.decode()
    assert f'href="/de/schritt/{steps[0]}/" rel="next"' in body
    body = client.get(f"/de/schritt/{steps[-1]}/").content.decode()
    assert f'href="/de/schritt/{steps[-2]}/" rel="prev"' in body
    assert 'href="/de/besser/" rel="next"' in body


def test_it_shows_the_today_signs_after_the_gentle_steps_and_before_the_stretches(client):
    screens = flow.pages()
    today = screens.index(("firstaid:today", {}))
    phases = {step["id"]: step["phase"] for step in content.load("de")["steps"]}
    stretches = [
        screens.index(("firstaid:step", {"step_id": step}))
        for step, phase in phases.items()
        if phase == "stretch"
    ]
    assert today + 1 == min(stretches)
    gentle, stretch = screens[today - 1][1]["step_id"], screens[today + 1][1]["step_id"]
    assert phases[gentle] == "gentle"
    body = client.get(f"/de/schritt/{gentle}/").content.decode()
    assert 'href="/de/heute-zum-arzt/" rel="next"' in body
    body = client.get("/de/heute-zum-arzt/").content.decode()
    assert f'href="/de/schritt/{gentle}/" rel="prev"' in body
    assert f'href="/de/schritt/{stretch}/" rel="next"' in body
    body = client.get(f"/de/schritt/{stretch}/").content.decode()
    assert 'href="/de/heute-zum-arzt/" rel="prev"' in body


@pytest.mark.parametrize("url,lang", [("/de/heute-zum-arzt/", "de"), ("/en/doctor-today/", "en")])
def test_it_offers_none_and_yes_on_the_today_screen(client, url, lang):
    body = client.get(url).content.decode()
    today = content.load(lang)["flow_today"]
    for flag in content.tier_flags(lang, "today"):
        for source_id in flag["sources"]:
            assert f"#source-{source_id}" in body
    yes_link = body.index('href="#today-yes"')
    none_link = body.index(f'href="{url[:4]}{"schritt" if lang == "de" else "step"}/child-pose/"')
    answer = body.index('id="today-yes"')
    assert none_link < yes_link < answer
    after = body[answer:]
    assert escape(today["yes"]) in after
    assert 'data-call="doctor"' in after
    assert f'href="{reverse_lang(lang, "firstaid:redflags")}"' in after


@pytest.mark.parametrize("url,lang", [("/de/notfall/", "de"), ("/en/emergency/", "en")])
def test_it_lists_the_emergency_signs_in_plain_words_on_the_first_screen(client, url, lang):
    body = client.get(url).content.decode()
    for sign in content.load(lang)["emergency"]["signs"]:
        assert f"<li>{escape(sign['text'])}</li>" in body


def test_it_names_no_body_part_in_jargon_on_the_first_screen(client):
    assert "Reithosen" not in client.get("/de/notfall/").content.decode()
    assert "saddle" not in client.get("/en/emergency/").content.decode().lower()


def test_it_puts_the_call_right_under_the_signs_and_none_of_these_after_it(client):
    body = client.get("/de/notfall/").content.decode()
    last_sign = body.index("</ul>", body.index("<main"))
    # The first tel: link in <main> is the big call (the header's comes before <main>).
    call = body.rindex("<a", 0, body.index('href="tel:', body.index("<main")))
    none = body.index("Nichts davon: weiter zur Hilfe")
    assert last_sign < call < none
    assert "<a " not in body[last_sign:call]
    # Not in the sticky bar at the bottom of the screen, where it floats over the signs.
    assert 'class="flow"' not in body[body.index("<main") : none]
    assert "Alle Warnzeichen prüfen" in body[none:]


def test_it_has_no_large_drawing_on_the_first_screen(client):
    body = client.get("/de/notfall/").content.decode()
    assert 'class="illu"' not in body
    assert content.illustration("emergency") not in body


def test_it_shows_the_stop_rules_of_every_step_outside_any_fold_out(client):
    for step in content.load("de")["steps"]:
        body = client.get(f"/de/schritt/{step['id']}/").content.decode()
        folded = "".join(part.split("</details>")[0] for part in body.split("<details")[1:])
        assert "Hör" not in folded, step["id"]
        assert "aufhören" not in folded, step["id"]
        assert "Achtung:" in body
        for part in [step, *step.get("options", [])]:
            for line in part["caution"]:
                assert escape(line) not in folded, line
        assert "Nicht anwenden" not in body


def test_it_tells_to_take_the_heat_off_when_the_heat_timer_ends(client):
    body = client.get("/de/schritt/cold-heat/").content.decode()
    heat = body[body.index('data-timer="cold-heat-heat"') :]
    heat = heat[: heat.index("</div>")]
    assert 'data-text-done="Die Zeit ist um. Nimm die Wärme jetzt ab."' in heat
    # The banner pulls the eye (timer.js): taking the heat off is noticed without vibration.
    assert "data-take-off" in heat[: heat.index(">")]


def test_it_offers_heat_as_the_default_and_cold_without_a_knock(client):
    body = client.get("/de/schritt/cold-heat/").content.decode()
    assert 'id="cold-heat-heat" value="heat" checked' in body
    assert "Stoß" not in body
    english = client.get("/en/step/cold-heat/").content.decode()
    assert "knock" not in english


def test_it_says_not_to_move_after_a_serious_accident(client):
    body = client.get("/de/notfall/").content.decode()
    assert "auch wenn du aufstehen kannst: beweg dich nicht weiter" in body
    body = client.get("/de/schritt/move/").content.decode()
    assert (
        "Nach schwerem Sturz oder Unfall: bleib liegen und ruf den Notruf "
        '<span data-number="emergency">112</span>.'
    ) in body


def test_it_sends_the_start_url_to_the_remembered_language(client):
    assert client.get("/").headers["Location"] == "/de/"
    client.cookies["django_language"] = "en"
    assert client.get("/").headers["Location"] == "/en/"


def test_it_links_the_same_page_in_the_other_language(client):
    body = client.get("/de/schritt/breathing/").content.decode()
    assert 'href="/en/step/breathing/" hreflang="en"' in body


def test_it_remembers_a_country_chosen_without_javascript(client):
    response = client.get("/de/einstellungen/?country=ch&next=/de/notfall/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/de/notfall/"
    assert response.cookies["country"].value == "CH"


def test_it_does_not_redirect_to_another_site_after_choosing_a_country(client):
    response = client.get("/de/einstellungen/?country=AT&next=https://evil.example/")
    assert response.headers["Location"] == "/de/einstellungen/"


def test_it_sends_a_strict_content_security_policy(client):
    policy = client.get("/de/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_it_lists_every_source_on_the_about_page(client):
    body = client.get("/en/about/").content.decode()
    for source in content.load("en")["sources"]:
        assert f'id="source-{source["id"]}"' in body
        assert source.get("url", "") in body  # the source articles have no link
