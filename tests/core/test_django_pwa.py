"""django-pwa does only what the app uses it for: the manifest and the meta tags."""

from django.contrib.staticfiles.finders import get_finders
from django.urls import reverse


def collected():
    """Every name collectstatic would copy, from every finder."""
    return {path for finder in get_finders() for path, _ in finder.list([])}


def test_it_does_not_serve_django_pwas_english_offline_page(client):
    assert client.get("/offline/").status_code == 404
    assert reverse("shell:offline") == "/de/ohne-netz/"  # the name is ours alone


def test_it_collects_none_of_django_pwas_images_fonts_or_thumbs_db():
    names = collected()
    assert not [name for name in names if "splash" in name or "Thumbs.db" in name]
    assert not [name for name in names if name.startswith(("images/", "fonts/bootstrap/"))]
    assert "css/django-pwa-app.css" not in names
    # Our files and other apps' files are still there.
    assert {"icons/icon-192.png", "rest_framework/css/default.css"} <= names
