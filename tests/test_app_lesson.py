"""AppTest: the Lesson view walked step by step (blind lesson, mark then reveal, teacher reveal,
worksheet buttons, uploaded lessons) and blind mode applied to every other page."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest
from texts import LESSON_SCREENS, SEED_GIVEAWAYS

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")


def lesson_page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page("app_pages/lesson.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def shown_text(at: AppTest) -> str:
    """Everything the page shows as text: HTML blocks, markdown, captions, headings, widget
    labels and options, table cells and chart figures."""
    parts = [h.proto.body for h in at.get("html")]
    parts += [
        e.value
        for kind in ("markdown", "caption", "title", "header", "subheader")
        for e in at.get(kind)
    ]
    parts += [json.dumps(c.proto.spec) for c in at.get("plotly_chart")]
    parts += [str(w.options) for kind in ("selectbox", "multiselect") for w in at.get(kind)]
    parts += [d.value.to_string() for d in at.dataframe]
    return "\n".join(parts)


def next_step(at: AppTest) -> None:
    at.button(key="lesson_next").click().run()
    assert not at.exception, [e.message for e in at.exception]


def test_blind_lesson_walks_every_step_without_naming_an_outlet(app_env):
    at = lesson_page()
    assert at.title[0].value.startswith("Who is meddling?")
    for number, header in enumerate(LESSON_SCREENS):
        assert at.header[0].value == header
        assert f"Step {number + 1} of {len(LESSON_SCREENS)}" in at.caption[0].value
        text = shown_text(at)
        for name in SEED_GIVEAWAYS:
            assert name not in text, (header, name)
        if number in (1, 2, 3, 4, 5):
            assert len(at.get("plotly_chart")) >= 1, header
        if number < len(LESSON_SCREENS) - 1:
            next_step(at)
    assert at.button(key="lesson_next").disabled
    at.button(key="lesson_back").click().run()
    assert at.header[0].value == LESSON_SCREENS[-2]


def test_articles_step_shows_lettered_cards_and_questions(app_env):
    at = lesson_page()
    body = "\n".join(h.proto.body for h in at.get("html"))
    assert body.count("class='fr-card'") == 5
    for letter in "ABCDE":
        assert f"Article {letter}" in body
    assert "█" in body  # the masks themselves show
    assert len(at.expander) == 5


def test_mark_then_reveal_compares_the_class_with_the_tool(app_env):
    at = lesson_page()
    next_step(at)
    next_step(at)
    marks = at.pills(key="lesson_marks")
    words = list(marks.options)
    assert words[:2] == ["Wang’s", "gaffe"]
    marks.select(words.index("gaffe")).select(words.index("ideas")).run()
    assert "only the tool" not in shown_text(at)
    at.toggle(key="lesson_marks_reveal").set_value(True).run()
    assert not at.exception
    text = shown_text(at)
    assert "you and the tool" in text and "only you" in text
    assert "class='fr-marks'" in text and "why the tool flags it" in text
    assert "You found" in text


def test_teacher_reveal_names_the_outlets_and_offers_worksheets(app_env):
    at = lesson_page()
    for _ in range(len(LESSON_SCREENS) - 1):
        next_step(at)
    assert "Reveal the outlets" in shown_text(at)
    assert not any(name in shown_text(at) for name in SEED_GIVEAWAYS)
    assert len(at.get("download_button")) == 3
    at.toggle(key="lesson_reveal").set_value(True).run()
    assert not at.exception
    text = shown_text(at)
    assert "CNN" in text and "The Epoch Times" in text and "Zhong Yuan" in text
    assert "Which article would you trust most" in text  # the teacher's own question


def test_uploaded_lessons_are_checked_and_use_loaded_articles(app_env):
    at = lesson_page()
    at.sidebar.file_uploader(key="lesson_file").upload(
        "mine.yaml", b"title: Mine\narticles: [nope]\n", "application/x-yaml"
    ).run()
    assert [e.value for e in at.error] == [
        "mine.yaml: articles[1]: no article nope in the corpus "
        "(an uploaded lesson only uses the articles already loaded)"
    ]
    at.sidebar.file_uploader(key="lesson_file").upload(
        "mine.json",
        b'{"title": "Two reports", "articles": ["002_de722205fcaa0106", '
        b'"004_ddb81862ad58e1e6"], "steps": ["articles", "tone"]}',
        "application/json",
    ).run()
    assert not at.exception and not at.error
    assert at.title[0].value == "Two reports"
    assert "Step 1 of 3" in at.caption[0].value
    assert "CNN" in shown_text(at)  # not blind: outlets shown


def test_blind_mode_reaches_every_page_and_chart(app_env):
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.sidebar.toggle(key="blind").set_value(True).run()
    assert not at.exception
    for page in ("compare", "read", "words", "voices", "reuse"):
        if page != "compare":
            at.switch_page(f"app_pages/{page}.py").run()
        assert not at.exception, page
        text = shown_text(at)
        for name in SEED_GIVEAWAYS:
            assert name not in text, (page, name)
        assert "Article A" in text, page
    at.sidebar.toggle(key="blind").set_value(False).run()
    assert "CNN" in shown_text(at)


def test_blind_mode_hides_the_library_list_on_the_add_page(app_env):
    library = app_env / "library"
    library.mkdir()
    article = {
        "id": "secret",
        "title": "Mayor wins vote",
        "outlet": "Hidden Gazette",
        "text": "Mayor wins vote\n\nThe mayor won the vote on Monday, the Hidden Gazette said.",
    }
    (library / "hidden-gazette.jsonl").write_text(json.dumps(article) + "\n", encoding="utf-8")
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page("app_pages/add.py").run()
    assert "Hidden Gazette" in shown_text(at)
    at.sidebar.toggle(key="blind").set_value(True).run()
    assert not at.exception
    text = shown_text(at)
    assert "Hidden Gazette" not in text and "hidden-gazette" not in text
    assert any("Blind mode is on" in box.value for box in at.info)
