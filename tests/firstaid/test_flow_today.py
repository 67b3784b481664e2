"""The "see a doctor today" signs in the guided flow: the today tier of the check, and no way
into a stretch past them (review 2026-12 findings 10-13, phone walk B1)."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from firstaid import content

LANGS = ["de", "en"]


def url(lang, name, **kwargs):
    with translation.override(lang):
        return reverse(name, kwargs=kwargs or None)


def items(html):
    return [re.sub(r"<[^>]+>", "", li) for li in re.findall(r"<li>(.*?)</li>", html, re.S)]


def stretch_urls(lang):
    return [
        url(lang, "firstaid:step", step_id=step["id"])
        for step in content.load(lang)["steps"]
        if step["phase"] == "stretch"
    ]


def labels(lang, tier):
    return [escape(flag["label"]) for flag in content.tier_flags(lang, tier)]


@pytest.mark.parametrize("lang", LANGS)
def test_it_lists_exactly_the_today_tier_of_the_check_on_the_today_screen(client, lang):
    body = client.get(url(lang, "firstaid:today")).content.decode()
    signs = body.split("data-today-signs>")[1].split("</ul>")[0]
    assert items(signs) == labels(lang, "today")
    # Among them the signs the copied list had lost (leg weakness, over 50 in minor trauma).
    ids = [flag["id"] for flag in content.tier_flags(lang, "today")]
    assert {"leg-weakness", "minor-trauma", "kidney-flank", "getting-worse"} <= set(ids)


@pytest.mark.parametrize("lang", LANGS)
def test_it_leads_yes_on_the_today_screen_to_the_gentle_steps_or_the_end_never_a_stretch(
    client, lang
):
    body = client.get(url(lang, "firstaid:today")).content.decode()
    answer = body[body.index('id="today-yes"') :].split("</section>")[0]
    assert escape(content.load(lang)["flow_today"]["later"]) in answer
    assert f'href="{url(lang, "firstaid:end")}"' in answer
    for step in content.load(lang)["steps"]:
        link = f'href="{url(lang, "firstaid:step", step_id=step["id"])}"'
        assert (link in answer) == (step["phase"] == "gentle"), step["id"]


@pytest.mark.parametrize("lang", LANGS)
def test_it_offers_only_none_of_these_as_the_way_on_to_the_stretches(client, lang):
    body = client.get(url(lang, "firstaid:today")).content.decode()
    first = stretch_urls(lang)[0]
    assert body.count(f'href="{first}"') == 1
    none = body[body.rindex("<a ", 0, body.index(f'href="{first}"')) :].split("</a>")[0]
    assert 'rel="next"' in none
    assert 'data-today="none"' in none


@pytest.mark.parametrize("lang", LANGS)
def test_it_shows_the_today_signs_before_any_stretch_on_the_guide_page(client, lang):
    body = client.get(url(lang, "firstaid:guide")).content.decode()
    block = body.index('id="before-stretches"')
    signs = body[block:].split("</section>")[0]
    assert items(signs.split('class="signs">')[1].split("</ul>")[0]) == labels(lang, "today")
    assert escape(content.load(lang)["flow_today"]["later"]) in signs
    for link in stretch_urls(lang):
        assert body.index(f'href="{link}"') > block + len(signs), link


@pytest.mark.parametrize("lang", LANGS)
def test_it_links_no_stretch_from_the_end_screen_only_the_today_screen(client, lang):
    body = client.get(url(lang, "firstaid:end")).content.decode()
    for link in stretch_urls(lang):
        assert f'href="{link}"' not in body, link
    repeat = body[body.index('id="repeat"') :].split("</ul>")[0]
    assert f'href="{url(lang, "firstaid:today")}"' in repeat
    # Its way back too: the end is also reached from "yes" on the today screen.
    assert f'href="{url(lang, "firstaid:today")}" rel="prev"' in body


@pytest.mark.parametrize("lang", LANGS)
def test_it_lists_the_today_and_the_soon_tier_on_the_end_screen(client, lang):
    body = client.get(url(lang, "firstaid:end")).content.decode()
    today = body.split('data-tier="today">')[1].split("</ul>")[0]
    soon = body.split('data-tier="soon">')[1].split("</ul>")[0]
    assert items(today) == labels(lang, "today")
    assert items(soon) == labels(lang, "soon")
    weak = escape(
        next(f["label"] for f in content.tier_flags(lang, "today") if f["id"] == "leg-weakness")
    )
    assert weak in today


def test_it_no_longer_calls_an_ordinary_long_cramp_a_reason_for_the_doctor_on_the_end_screen(
    client,
):
    body = client.get("/de/besser/").content.decode()
    assert "Ein Krampf dauert länger als ein paar Minuten." not in body
    assert "Es kommen Muskelzucken, Schwäche" not in body
    assert content.load("de")["end"]["again"] in body
