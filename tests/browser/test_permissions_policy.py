"""The Permissions-Policy in Chromium: it knows every feature the header names (it logs an
error for any other), denies the unused ones and leaves the page what the app uses."""

from core import permissions


def test_it_denies_unused_features_and_keeps_the_used_ones(shared_server, page):
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto(f"{shared_server.url}/de/")
    allows = page.evaluate(
        "(names) => names.map((name) => document.featurePolicy.allowsFeature(name))",
        permissions.DENIED + permissions.SELF,
    )
    assert allows == [False] * len(permissions.DENIED) + [True] * len(permissions.SELF)
    assert [m for m in messages if "Permissions-Policy" in m] == []
    # And what the app calls is there (a secure context on 127.0.0.1).
    assert page.evaluate("'wakeLock' in navigator")
