"""AppTest: every page through the real entry point (st.navigation), plus one interaction each."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import config, library

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")
HOSTILE = (
    "Injected <script>window.__pwned=1</script> headline\n\n"
    'The body has <img src=x onerror="window.__pwned=1"> in it, officials said on Tuesday. '
    "Critics called the plan a disaster."
)
NEW_STORY = "2024 US election: Blinken's warning and China's reply"


def app(page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    if page:
        at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def html_of(at: AppTest) -> str:
    return "\n".join(h.proto.body for h in at.get("html"))


def selected_caption(at: AppTest) -> str:
    return next(c.value for c in at.sidebar.caption if "articles selected" in c.value)


def test_compare_page_shows_cards_and_charts_and_filters_by_story(app_env):
    at = app()
    assert at.title[0].value == "Compare articles"
    assert len(at.get("plotly_chart")) == 3  # the open tab only: tone
    at.session_state["compare_tab"] = "Shared wording"
    at.run()
    assert len(at.get("plotly_chart")) == 2
    assert at.download_button(key="dl-png-similarity") is not None
    at.session_state["compare_tab"] = "Tone"
    body = html_of(at)
    assert body.count("class='fr-card'") == 5
    assert "The Epoch Times" in body and "Story:" in body
    assert selected_caption(at) == "5 of 5 articles selected."
    at.sidebar.selectbox(key="sel_story").select(NEW_STORY).run()
    assert not at.exception
    assert selected_caption(at) == "3 of 5 articles selected."
    assert html_of(at).count("class='fr-card'") == 3
    at.switch_page("app_pages/read.py").run()  # the choice survives a page change
    assert selected_caption(at) == "3 of 5 articles selected."
    at.switch_page("app_pages/compare.py").run()
    assert at.download_button(key="dl-scores-csv") is not None


def test_read_page_layers_and_keyword_in_context(app_env):
    at = app("read")
    body = html_of(at)
    assert body.count('class="fr-text"') == 2  # two articles side by side by default
    assert "hl-excluded" in body  # page furniture greyed
    assert 'title="loaded: ' in body and "neutral alternative: " in body  # hover evidence
    assert 'class="hl-badge"' in body  # speakers named before their quotations
    assert 'class="hl-sent"' not in body
    at.pills(key="read_layers").set_value(["sentences", "excluded"]).run()
    assert 'class="hl-sent"' in html_of(at)
    at.text_input(key="read_kwic_term").input("China").run()
    assert not at.exception
    assert "fr-kwic" in html_of(at)
    assert any(re.match(r"\d+ uses in \d+ of 5 articles", c.value) for c in at.caption)


def test_words_page_keyword_search(app_env):
    at = app("words")
    at.text_input(key="words_term").input("election").run()
    assert not at.exception
    caption = next(c.value for c in at.caption if " uses in " in c.value)
    assert int(caption.split()[0]) > 0
    assert "<td class='m'>election</td>" in html_of(at) or "election</td>" in html_of(at)


def test_voices_page(app_env):
    at = app("voices")
    assert at.title[0].value == "Voices"
    total = at.dataframe[0].value.shape[0]
    assert total > 10
    groups = at.multiselect(key="voices_groups")
    groups.set_value([groups.options[0]]).run()
    assert not at.exception
    assert 0 < at.dataframe[0].value.shape[0] < total
    assert any(re.fullmatch(rf"\d+ of {total} quotations\.", c.value) for c in at.caption)


def test_reuse_page_on_one_story(app_env):
    at = app("reuse")
    at.sidebar.selectbox(key="sel_story").select(NEW_STORY).run()
    assert not at.exception
    assert at.get("plotly_chart")
    pairs = at.dataframe[0].value
    assert 1 <= pairs.shape[0] <= 3  # pairs among three articles that share any wording
    assert at.selectbox(key="reuse_pair") is not None  # the closest pair shares passages
    assert "hl-reuse" in html_of(at)


def test_add_page_paste_saves_to_library_and_appears_escaped(app_env):
    at = app("add")
    at.text_area(key="paste_text").input(HOSTILE)
    at.text_input(key="paste_outlet").input("Test <b>Outlet</b>")
    at.form_submit_button[0].click().run()
    assert not at.exception
    assert any("Saved 1 article" in s.value for s in at.success)
    files = library.library_files(app_env / "library")
    assert len(files) == 1
    at.switch_page("app_pages/compare.py").run()
    assert selected_caption(at) == "6 of 6 articles selected."
    body = html_of(at)
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in body
    assert "Test &lt;b&gt;Outlet&lt;/b&gt;" in body
    assert "<script" not in body and "<b>Outlet" not in body
    at.switch_page("app_pages/read.py").run()
    injected = next(o for o in at.multiselect(key="read_ids").options if "Injected" in o)
    at.multiselect(key="read_ids").select(injected).run()
    body = html_of(at)
    assert "&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;" in body
    assert "<script" not in body and "<img" not in body
    at.switch_page("app_pages/add.py").run()
    name = files[0].name
    assert at.button(key=f"del-{name}").disabled  # nothing is deleted without confirmation
    at.checkbox(key=f"sure-{name}").check().run()
    at.button(key=f"del-{name}").click().run()
    assert not at.exception
    assert library.library_files(app_env / "library") == []
    assert any(s.value.startswith("Deleted ") for s in at.success)


def test_method_page_adds_a_user_term_and_respects_read_only(app_env, monkeypatch):
    at = app("method")
    at.text_input(key="lex_term").input("fearbait")
    at.selectbox(key="lex_category").select("name_calling")
    at.text_input(key="lex_reason").input("labels a warning as irrational fear")
    at.form_submit_button[0].click().run()
    assert not at.exception
    assert any("fearbait" in s.value for s in at.success)
    assert "fearbait" in (app_env / "user_lexicon.csv").read_text(encoding="utf-8")
    monkeypatch.setenv("FRAMING_READONLY", "1")
    at = app("method")
    assert not at.form_submit_button
    assert any("read-only" in i.value for i in at.info)


def test_method_page_lexicon_search(app_env):
    at = app("method")
    assert at.title[0].value == "Method"
    assert len(at.expander) >= 10  # one per measure
    assert "**Limits.**" in at.expander[0].markdown[0].value
    total = at.dataframe[0].value.shape[0]
    at.text_input(key="lex_search").input("terrible").run()
    assert not at.exception
    assert 0 < at.dataframe[0].value.shape[0] < total
    at.selectbox(key="lex_other").select("reporting_verbs.csv").run()
    assert "verb" in at.dataframe[1].value.columns


def test_missing_corpus_path_is_reported(app_env, monkeypatch):
    monkeypatch.setenv("FRAMING_CORPUS", f"{app_env / 'nowhere'}:{Path(config.SEEDS)}")
    at = app()
    assert selected_caption(at) == "5 of 5 articles selected."
    assert "FRAMING_CORPUS path not found" in "".join(h.proto.body for h in at.sidebar.get("html"))


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("![x](http://evil/p.png)", "\\!\\[x\\]\\(http\\://evil/p\\.png\\)"),
        ("**bold** <b>", "\\*\\*bold\\*\\* \\<b\\>"),
        ("$x$ :smile:", "\\$x\\$ \\:smile\\:"),
        ("a\n\n# b", "a \\# b"),
    ],
)
def test_plain_makes_untrusted_text_literal_markdown(raw, shown):
    from dashboard.app_pages.shared import plain

    assert plain(raw) == shown
