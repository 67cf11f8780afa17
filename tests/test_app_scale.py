"""AppTest at scale: every page with a generated corpus of 200 articles from 30 outlets.

The corpus comes from ``benchmarks.newslike`` (see tests/scale.py), written once per module to
a temporary folder that ``FRAMING_CORPUS`` points at. These tests check that the pages switch to
their outlet views (rows per outlet, a table instead of 200 cards, a capped similarity table)
and never fail; figure contents are tested on the builders in test_charts.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from scale import write_corpus
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")
ARTICLES, OUTLETS = 200, 30


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("scale"), articles=ARTICLES, outlets=OUTLETS)


@pytest.fixture
def scale_env(app_env: Path, corpus_file: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("FRAMING_CORPUS", str(corpus_file))
    return app_env


def page(name: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=300)
    at.run()
    if name:
        at.switch_page(f"app_pages/{name}.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def html_of(at: AppTest) -> str:
    return "\n".join(h.proto.body for h in at.get("html"))


def figures(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def titles(at: AppTest) -> list[str]:
    return [f["layout"]["title"]["text"] for f in figures(at)]


def test_compare_at_200_articles_compares_outlets_and_lists_articles_in_a_table(scale_env):
    at = page()
    caption = next(c.value for c in at.sidebar.caption if "articles selected" in c.value)
    assert caption == f"{ARTICLES} of {ARTICLES} articles selected."
    assert "class='fr-card'" not in html_of(at)  # no 200 cards
    table = at.dataframe[0].value
    assert table.shape[0] == ARTICLES
    assert {"outlet", "country", "tone", "grade"} <= set(table.columns)
    assert titles(at)[0] == "Mean sentence tone per outlet"
    tone = figures(at)[0]
    rows = {y for t in tone["data"] if t.get("y") for y in t["y"] if y is not None}
    assert len(rows) == OUTLETS  # one row per outlet (in each story panel)
    assert len(tone["layout"]["title"]["subtitle"]["text"]) < 300  # a mark, not a list


def test_compare_toggle_one_row_per_article_and_colour_by_country(scale_env):
    at = page()
    at.toggle(key="compare_per_article").set_value(True).run()
    assert not at.exception
    assert titles(at)[0] == "Mean sentence tone per article"
    tone = figures(at)[0]
    marks = [y for t in tone["data"] if t.get("error_x") for y in t["y"]]
    assert len(marks) == ARTICLES
    at.toggle(key="compare_per_article").set_value(False).run()
    at.selectbox(key="compare_colour_by").select("country").run()
    assert not at.exception
    legend = [t["name"] for t in figures(at)[0]["data"] if t.get("showlegend") is not False]
    assert any("other" in name for name in legend)  # 30 outlets in more than 7 countries


@pytest.mark.parametrize(
    ("tab", "expected"),
    [
        ("Loaded words", ["Loaded words per 1,000 words per outlet"]),
        ("Voices", ["Who is quoted: voice share by speaker group"]),
        ("Readability", ["Readability grade per outlet"]),
        ("Shared wording", ["Shared wording between outlets"]),
    ],
)
def test_compare_tabs_at_200_articles(scale_env, tab, expected):
    at = page()
    at.session_state["compare_tab"] = tab
    at.run()
    assert not at.exception
    assert titles(at)[: len(expected)] == expected


def test_words_page_at_200_articles(scale_env):
    at = page("words")
    at.text_input(key="words_term").input("officials").run()
    assert not at.exception
    assert any(" uses in " in c.value for c in at.caption)


def test_voices_page_at_200_articles_pools_outlets(scale_env):
    at = page("voices")
    assert at.dataframe[0].value.shape[0] > ARTICLES  # every quotation listed
    share = next(f for f in figures(at) if f["layout"]["title"]["text"].startswith("Who is"))
    assert len(share["data"][0]["y"]) == OUTLETS


def test_reuse_page_at_200_articles_caps_the_heat_table(scale_env):
    at = page("reuse")
    assert titles(at)[0] == "Shared wording between outlets"
    heat = figures(at)[0]["data"][0]
    assert len(heat["y"]) == OUTLETS
    assert at.dataframe[0].value.shape[0] == 300  # the most similar pairs, the count said
    assert any("most similar are listed" in c.value for c in at.caption)


def test_read_lesson_add_method_pages_at_200_articles(scale_env):
    for name in ("read", "lesson", "add", "method"):
        at = page(name)
        assert at.title or at.header, name
