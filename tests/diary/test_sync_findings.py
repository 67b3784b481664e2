"""The seven findings of the sync audit (issue 17), each as a fixed sequence on phones running
the shipped static/js/diary-store.js and diary-sync.js in Node (tests/diary/node/findings.mjs)
against the real server under gunicorn. Each failed on the first design (see the report)."""

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from tests.diary.node_support import NODE, in_django, run_node, sessions
from tests.diary.test_schema import data_block
from tests.harness import AppServer

pytestmark = pytest.mark.skipif(not NODE, reason="needs Node (Debian package nodejs)")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    server = AppServer(tmp_path_factory.mktemp("findings")).start()
    yield server
    server.kill()


def scenario(server, name, devices=3, **environment):
    first, second = f"{uuid.uuid4()}@example.org", f"{uuid.uuid4()}@example.org"
    cookies = sessions(server.env, {first: devices, second: 1})
    phones = {
        n: {"url": server.url, "cookies": c} for n, c in zip("abc", cookies[first], strict=False)
    }
    config = {"phones": phones, "second": cookies[second][0]}
    return run_node("findings.mjs", config, SCENARIO=name, **environment), second


def texts(shown):
    return {text for versions in shown.values() for text in versions}


def test_it_never_uploads_or_shows_the_previous_accounts_diary_on_a_shared_phone(server):
    result, second = scenario(server, "account-switch", devices=1)
    assert result["phase"] == "other-account"
    assert result["shown"] == {}  # the second person sees none of the first one's diary
    held = in_django(
        server.env,
        "import sys, json\nfrom diary.models import Entry\n"
        "print(json.dumps(list(Entry.objects.filter(user__username=sys.argv[1])"
        ".values_list('notes', flat=True))))",
        second,
    )
    assert held == []


@pytest.mark.django_db
def test_it_keeps_the_other_version_of_an_import_on_every_phone(server):
    block = data_block(Client().get(reverse("diary:entries")))
    result, _ = scenario(server, "import", devices=2, SCHEMA=block)
    assert result["counts"]["conflicts"] == 1
    for shown in result["shown"].values():
        assert sorted(shown[result["id"]]) == ["file: other version", "phone: acknowledged text"]


def test_it_keeps_a_kept_version_through_an_ordinary_save_and_a_deletion_that_never_saw_it(server):
    result, _ = scenario(server, "ordinary-edit")
    # After C's note, B and C still show the mark and B's version ...
    for shown in result["marked"].values():
        assert "B, acknowledged" in shown[result["id"]]
    # ... and after A's deletion every phone still shows it.
    for shown in result["shown"].values():
        assert "B, acknowledged" in texts(shown)


def test_it_never_saves_a_page_over_a_version_it_did_not_show(server):
    result, _ = scenario(server, "stale-page", devices=2)
    for shown in result["shown"].values():
        assert "A: acknowledged" in texts(shown)


def test_it_never_takes_another_phones_change_with_the_same_stamp_for_its_own(server):
    result, _ = scenario(server, "equal-stamp")
    assert result["same"]  # the stamps the audit found: identical
    assert result["waiting"] == [result["id"]]  # B's change still waits for B


@pytest.mark.parametrize("first", ["a", "c"])
def test_it_ends_two_deletions_the_same_whichever_arrives_first(server, first):
    result, _ = scenario(server, "double-delete", ORDER=first)
    for shown in result["shown"].values():
        assert shown == {}  # t1 was seen by A, who deleted it: it never comes back as a copy


def test_it_deletes_a_discarded_entry_everywhere_after_a_lost_answer(server):
    result, _ = scenario(server, "discard", devices=2)
    assert (result["lost"], result["waiting"]) == ("retry", [result["id"]])
    for shown in result["shown"].values():
        assert result["id"] not in shown
