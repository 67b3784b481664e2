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
            if "url" not in source:  # no page of its own: no date or address invented either
                assert "year" not in source and "accessed" not in source, source
                continue
            # A page gives its own year, or the year it was read ("abgerufen"), never both.
            assert ("year" in source) != ("accessed" in source), source
            assert 1990 < source.get("year", source.get("accessed")) <= 2026, source
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
    assert flags["morning-stiffness"]["sources"] == ["nvl-kreuzschmerz-redflags", "nice-ng65"]
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


# Issue 16, review of December 2026 (findings 13, 19, 21, 22, 24, 28).


def flag_texts(lang="de"):
    return {flag["id"]: flag for flag in content.load(lang)["redflags"]}


def test_it_names_the_nvl_table_and_cites_nice_cks_where_ng59_lists_no_such_item():
    sources = {s["id"]: s for s in content.load("de")["sources"]}
    assert "Tabelle 6" in sources["nvl-kreuzschmerz-redflags"]["title"]
    # NG59 1.1.1 names only cancer, infection, trauma and inflammatory disease.
    for flag_id in (
        *("injecting-drugs", "spine-procedure", "immune-cortisone", "minor-trauma"),
        *("leg-paralysis", "leg-weakness", "age-over-50", "saddle-numbness", "bladder-bowel"),
    ):
        assert "nice-ng59" not in flag_texts()[flag_id]["sources"], flag_id
        assert "nice-cks-back-pain" in flag_texts()[flag_id]["sources"], flag_id


def test_it_adds_the_new_sources_right_after_ng59():
    ids = [s["id"] for s in content.load("de")["sources"]]
    at = ids.index("nice-ng59")
    assert ids[at + 1 : at + 4] == [
        "nice-cks-back-pain",
        "backes-cauda-equina-card",
        "stiftung-gesundheitswissen",
    ]


def test_it_gives_a_web_page_the_year_it_was_read_not_an_invented_year_of_its_own():
    for source in content.load("de")["sources"]:
        if source.get("url", "").startswith(("https://www.nhs.uk/", "https://herzstiftung.de/")):
            assert "year" not in source and source["accessed"] == 2026, source["id"]


def test_it_asks_about_a_child_soon_as_medical_md_says():
    assert flag_texts()["under-16"]["tier"] == "soon"


def test_it_makes_no_warning_sign_of_an_ordinary_long_hexenschuss():
    # Finding 19: "Dauert ein Krampf länger als ein paar Minuten?" sent every Hexenschuss to a
    # doctor. A pain that stays or grows is asked by the course questions.
    flags = flag_texts()
    assert "cramp-long" not in flags
    assert all("paar Minuten" not in flag["question"] for flag in flags.values())
    assert {"no-improvement", "getting-worse"} <= set(flags)


def test_it_asks_a_new_foot_drop_as_an_emergency_and_weakness_not_under_cramps():
    # Finding 13: the foot-drop example stood in the "today" question, "schwach" in a cramp one.
    flags = flag_texts()
    assert "hängt oder schleift der Fuß" in flags["leg-paralysis"]["question"]
    assert "Fuß" not in flags["leg-weakness"]["question"]
    assert "schwach" not in flags["cramp-recurring"]["question"]
    assert all(
        "weak" not in flag["question"]
        for flag in flag_texts("en").values()
        if flag["group"] == "cramp"
    )


def test_it_asks_night_pain_and_a_worsening_pain_without_an_extra_condition():
    # Finding 28: "in Ruhe und in Bewegung" in the label was a second condition; "nachts stark"
    # fitted every acute cramp, so the pain must wake the person. The second review found
    # "auch wenn du still liegst" narrower than the NVL's "starker nächtlicher Schmerz".
    flags = flag_texts()
    assert " und " not in flags["getting-worse"]["label"]
    assert "wecken" in flags["night-pain"]["question"]
    assert "still liegst" not in flags["night-pain"]["question"]


def test_it_asks_34_questions_after_merging_what_loses_nothing():
    # Finding 21: 33 before; chest-pain went into heart-signs, sexual-function into
    # saddle-numbness, cramp-twitching into cramp-recurring, cramp-long was dropped (19);
    # known-aneurysm, pulsing-belly, thoracic-pain, back-lump and cough-strain were added (5, 20).
    flags = flag_texts()
    assert len(flags) == 34
    for gone in ("chest-pain", "sexual-function", "cramp-twitching", "cramp-long"):
        assert gone not in flags
    assert [f["tier"] for f in flags.values()].count("emergency") == 12
