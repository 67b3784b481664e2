"""Each app's URL names live in its namespace (issue 12): a name such as "offline" can no longer
collide with a library's, and `{% url 'diary:entry' %}` says which app the page belongs to."""

from django.urls import URLResolver, get_resolver, reverse

# The project's own routes in config/urls.py, outside the apps; "manifest" is django-pwa's view.
PROJECT = {"serviceworker", "manifest", "schema", "api-docs"}


def view_names(resolver, namespace=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from view_names(entry, inner)
        elif entry.name:
            yield namespace + entry.name


def test_it_names_every_app_page_within_its_app_and_only_the_project_routes_globally():
    names = list(view_names(get_resolver()))
    assert len(names) == len(set(names))
    assert {name for name in names if ":" not in name} == PROJECT
    namespaces = {name.split(":")[0] for name in names if ":" in name}
    assert namespaces == {
        "firstaid",
        "diary",
        "accounts",
        "shell",
        "firstaid-api",
        "diary-api",
        "accounts-api",
    }


def test_it_reverses_the_names_in_their_language():
    assert reverse("diary:entry") == "/de/tagebuch/eintrag/"
    assert reverse("diary-api:sync") == "/api/v1/diary/sync/"
    assert reverse("accounts:password-reset-done") == "/de/konto/passwort-vergessen/gesendet/"
