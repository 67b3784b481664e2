import pytest
from django.utils.html import escape

from firstaid import content, precache


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
            for line in part["instructions"] + part["when_not"]:
                assert escape(line) in body
        for source_id in step["sources"]:
            assert f"#source-{source_id}" in body


def test_it_answers_404_for_an_unknown_step(client):
    assert client.get("/de/schritt/yoga/").status_code == 404


def test_it_links_the_flow_in_order(client):
    body = client.get("/de/notfall/").content.decode()
    assert 'href="/de/schritt/move/" rel="next"' in body
    body = client.get("/de/schritt/knee-rotation/").content.decode()
    assert 'href="/de/schritt/cat-cow/" rel="prev"' in body
    assert 'href="/de/besser/" rel="next"' in body


def test_it_lists_the_emergency_signs_on_the_first_screen(client):
    body = client.get("/en/emergency/").content.decode()
    flags = content.load("en")["redflags"]
    for flag in flags:
        assert (escape(flag["label"]) in body) == (flag["tier"] == "emergency"), flag["id"]
    assert 'Call <span data-number="emergency">112</span> now' in body


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
        assert source["url"] in body
