"""The warning signs, self-tests and sources in the content files (issue 7, findings 1, 2, 7,
13 and 14)."""

from urllib.parse import urlsplit

import pytest
from django.conf import settings

from firstaid import content
from tests.firstaid.test_content import broken, load_error  # noqa: F401

ARTICLE_FILES = {
    "article-000": "000",
    "article-001": "001",
    "article-002": "002",
    "article-003": "003",
    "article-004": "004",
}


def test_it_gives_every_source_a_title_publisher_year_and_a_page_not_a_home_page():
    for lang, _ in settings.LANGUAGES:
        for source in content.load(lang)["sources"]:
            assert source["title"] and source["publisher"], source
            if "url" not in source:  # only the source articles, which have no page of their own
                assert source["id"].startswith("article-") and "year" not in source, source
                continue
            assert 1990 < source["year"] <= 2026, source
            url = urlsplit(source["url"])
            assert url.scheme == "https" and url.path.strip("/"), source


def test_it_cites_the_source_articles_by_their_own_titles_without_a_year(settings):
    # The five articles the project grew from are not ours to publish: they lie beside the
    # project (where CI has them), not in it.
    articles = settings.BASE_DIR.parent / "shared" / "articles"
    if not articles.is_dir():
        pytest.skip(f"the source articles are not beside the project ({articles})")
    for source in content.load("de")["sources"]:
        if not source["id"].startswith("article-"):
            continue
        assert "year" not in source
        opening = next(articles.glob(f"{ARTICLE_FILES[source['id']]}_*.txt")).read_text()
        first_line = opening.splitlines()[0]
        title = source["title"]
        if title.startswith("Ohne Titel"):
            quoted = title.split("„")[1].rstrip("“").removesuffix(" …")
            assert first_line.startswith(quoted), source["id"]
        else:
            assert first_line == title, source["id"]


def test_it_cites_the_red_flag_table_of_the_nvl_and_ng65_for_spondyloarthritis():
    sources = {s["id"]: s for s in content.load("de")["sources"]}
    assert sources["nvl-kreuzschmerz-redflags"]["url"].endswith("/2-auflage/kapitel-3")
    assert "Version 1" in sources["nvl-kreuzschmerz-redflags"]["title"]
    flags = {flag["id"]: flag for flag in content.load("de")["redflags"]}
    assert flags["morning-stiffness"]["sources"] == ["nice-ng65"]
    assert all("nvl-kreuzschmerz-redflags" in flags[i]["sources"] for i in ("fever", "both-legs"))


def test_it_asks_whether_the_self_tests_fill_known_questions(broken):  # noqa: F811
    def wrong(data):
        data["selftests"][0]["results"][0]["answers"] = {"no-such-question": False}

    broken("de", wrong)
    assert "selftests[0].results[0].answers: unknown question 'no-such-question'" in load_error()


def test_it_refuses_a_self_test_answer_that_is_not_true_or_false(broken):  # noqa: F811
    def wrong(data):
        data["selftests"][1]["results"][0]["answers"] = {"saddle-numbness": "no"}

    broken("de", wrong)
    assert "answers.saddle-numbness: must be true or false" in load_error()


def test_it_lets_a_self_test_result_only_answer_the_questions_it_tests():
    tested = {
        "heel-toe": {"leg-weakness", "leg-paralysis", "both-legs"},
        "saddle": {"saddle-numbness"},
    }
    for test in content.load("de")["selftests"]:
        for result in test["results"]:
            assert set(result["answers"]) <= tested[test["id"]]
            # A test that went well never answers "no" for a sign it cannot see (numbness).
            if result["id"] == "fine":
                assert "both-legs" not in result["answers"]
