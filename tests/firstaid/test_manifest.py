import json

from django.contrib.staticfiles import finders


def manifest(client, language="de"):
    response = client.get("/manifest.json", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return json.loads(response.content)


def test_it_describes_an_installable_standalone_app(client):
    data = manifest(client)
    assert data["short_name"] == "Krampfhilfe"
    assert data["name"].startswith("Krampfhilfe")
    assert data["display"] == "standalone"
    assert data["start_url"] == "/"
    assert data["scope"] == "/"
    assert data["id"] == "/"
    assert data["theme_color"].startswith("#")
    assert data["background_color"].startswith("#")


def test_it_speaks_the_language_of_the_browser(client):
    assert manifest(client, "de")["lang"] == "de"
    english = manifest(client, "en-GB,en")
    assert english["lang"] == "en"
    assert english["description"] == "First aid for an acute back cramp, even without signal."
    assert english["shortcuts"][0]["url"] == "/en/emergency/"


def test_it_has_any_and_maskable_icons_of_192_and_512_px(client):
    icons = {(i["sizes"], i["purpose"]) for i in manifest(client)["icons"]}
    assert icons == {(s, p) for s in ("192x192", "512x512") for p in ("any", "maskable")}


def test_it_points_only_at_files_that_exist(client):
    data = manifest(client)
    for image in data["icons"] + data["screenshots"]:
        name = image["src"].removeprefix("/static/")
        original = name.split(".")[0] + "." + name.rsplit(".", 1)[1]
        assert finders.find(original), image["src"]


def test_it_offers_narrow_and_wide_screenshots_for_the_install_dialog(client):
    forms = {s["form_factor"] for s in manifest(client)["screenshots"]}
    assert forms == {"narrow", "wide"}
