"""AppTest: the Lesson view walked step by step (blind lesson, mark then reveal, teacher reveal,
worksheet buttons, uploaded lessons) and blind mode applied to every other page."""

from __future__ import annotations

import html
import io
import json
import re
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest
from texts import LESSON_SCREENS, SEED_GIVEAWAYS, SEEDS

from analysis.classroom.blind import Blinder
from analysis.classroom.lesson import SEEDS_LESSON, load_lesson
from analysis.classroom.marking import answer_forms, gives_away
from analysis.io.corpus import load_corpus
from analysis.io.output import article_to_dict
from analysis.pipeline import score_article
from dashboard.export import scores_frame, table_bytes
from dashboard.worksheet.html import worksheet_html

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


CNN_ID = "002_de722205fcaa0106"  # first in the seeds lesson, so "Article A" there


def seed_records() -> list[dict]:
    """The seeds as the dashboard loads them (the folder, with its catalog), scored."""
    return [article_to_dict(score_article(a)) for a in load_corpus([SEEDS]).articles]


def cards(at: AppTest) -> dict[str, str]:
    """Label -> headline of every article card on the page (Lesson or Compare)."""
    body = "\n".join(h.proto.body for h in at.get("html"))
    found = {}
    for card in re.split(r"<div class=.fr-card.>", body)[1:]:
        label = re.search(r"<(?:h4|b)>(Article [A-Z]+)</(?:h4|b)>", card)
        title = re.search(r"<(?:h4|div class=.fr-big.)>((?!Article [A-Z]+<).*?)</(?:h4|div)>", card)
        if label and title:
            found[label.group(1)] = html.unescape(title.group(1))
    return found


def csv_rows(at: AppTest, *, blind: bool) -> tuple[dict[str, str], str]:
    """id -> title of the scores CSV the Compare page's download makes for the seeds, built the
    same way: the session's letters on the blinded records, through ``dashboard.export``."""
    records = seed_records()
    if blind:
        letters = at.session_state["blind_letters"]
        records = [Blinder(records, labels=letters).record(r) for r in records]
    data = table_bytes(scores_frame(records), "csv")
    frame = pd.read_csv(io.BytesIO(data))
    return dict(zip(frame["id"], frame["title"], strict=True)), data.decode("utf-8")


def to_last_step(at: AppTest) -> None:
    for _ in range(len(LESSON_SCREENS) - 1):
        next_step(at)


def test_blind_lesson_sets_one_blind_state_and_letters_for_every_page(app_env):
    at = lesson_page()
    assert at.sidebar.toggle(key="blind").value is True  # the switch shows what is on
    assert at.session_state["blind_letters"][CNN_ID] == "Article A"
    on_lesson = cards(at)
    assert sorted(on_lesson) == [f"Article {x}" for x in "ABCDE"]
    assert on_lesson["Article A"].startswith("Blinken tells ")
    next_step(at)
    at.switch_page("app_pages/compare.py").run()  # mid-lesson, one click on Compare
    assert not at.exception
    assert at.sidebar.toggle(key="blind").value is True
    text = shown_text(at)
    for name in SEED_GIVEAWAYS:
        assert name not in text, name
    assert cards(at) == on_lesson  # the same letter for the same article
    exported, csv_text = csv_rows(at, blind=True)
    assert exported == on_lesson
    for name in SEED_GIVEAWAYS:
        assert name not in csv_text, name
    at.switch_page("app_pages/lesson.py").run()
    assert at.header[0].value == LESSON_SCREENS[1]  # the lesson goes on where it was
    assert cards(at) == {} and at.sidebar.toggle(key="blind").value is True


def test_switch_turned_on_first_gives_the_letters_the_lesson_and_worksheet_use(app_env):
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.sidebar.toggle(key="blind").set_value(True).run()  # on Compare, before any lesson
    on_compare = cards(at)
    letters = dict(at.session_state["blind_letters"])
    assert letters["000_de0d7ebb0ea629cb"] == "Article A"  # the corpus order: first file first
    at.switch_page("app_pages/lesson.py").run()
    assert not at.exception
    assert at.session_state["blind_letters"] == letters  # the lesson keeps them
    on_lesson = cards(at)
    assert on_lesson and all(on_compare[label] == title for label, title in on_lesson.items())
    records = seed_records()
    sheet = worksheet_html(records, lesson=load_lesson(SEEDS_LESSON), letters=letters)
    row = re.search(r"<tr><td>Article A</td><td>(.*?)</td>", sheet)
    assert row and html.unescape(row.group(1)).startswith("U.S. intelligence officials")


def test_teacher_reveal_is_a_button_and_keeps_the_letters(app_env):
    at = lesson_page()
    to_last_step(at)
    assert not any(name in shown_text(at) for name in SEED_GIVEAWAYS)
    assert len(at.get("download_button")) == 4  # worksheet and answer key, PDF and HTML
    at.button(key="lesson_reveal").click().run()
    assert not at.exception
    assert at.sidebar.toggle(key="blind").value is False
    text = shown_text(at)
    assert "CNN" in text and "The Epoch Times" in text and "Zhong Yuan" in text
    assert re.search(r"<td>Article A</td><td>CNN</td>", text)
    at.switch_page("app_pages/compare.py").run()
    assert "CNN" in shown_text(at) and at.sidebar.toggle(key="blind").value is False
    at.sidebar.toggle(key="blind").set_value(True).run()  # on again: the same letters
    assert not at.exception
    assert cards(at)["Article A"].startswith("Blinken tells ")
    assert "CNN" not in shown_text(at)


def test_questions_never_name_the_words_the_class_is_to_find(app_env):
    at = lesson_page()
    next_step(at)
    next_step(at)
    tokens = at.pills(key="lesson_marks").options
    assert "gaffe" in tokens
    at.toggle(key="lesson_marks_reveal").set_value(True).run()
    answers = re.findall(r"<td><span class='mk-tool'>(.*?)</span></td>", shown_text(at))
    assert "gaffe" in answers
    forms = answer_forms(answers)
    seen = 0
    for screen in range(len(LESSON_SCREENS)):
        at.session_state["lesson_step"] = screen
        at.run()
        for block in at.get("html"):
            if "class='fr-q'" in block.proto.body:
                question = re.sub(r"<[^>]+>", " ", block.proto.body)
                assert not gives_away(question, forms), question
                seen += 1
    assert seen >= 8  # every generated and teacher question was looked at


def test_teacher_chooses_the_questions_for_the_sheet(app_env):
    at = lesson_page()
    to_last_step(at)
    chosen = at.multiselect(key="lesson_questions")
    assert 6 <= len(chosen.value) <= 8
    forms = {v.split("-")[0] for v in chosen.value}
    assert {"word_choice", "sourcing", "naming", "selection", "balance"} <= forms
    chosen.set_value(chosen.value[:2]).run()
    assert not at.exception and at.multiselect(key="lesson_questions").value == chosen.value[:2]
    chosen = at.multiselect(key="lesson_questions")
    chosen.set_value([]).run()
    assert all(b.proto.disabled for b in at.get("download_button"))


def test_the_choice_after_the_reveal_is_worded_as_the_blind_sheet_words_it(app_env):
    at = lesson_page()
    to_last_step(at)
    before = at.multiselect(key="lesson_questions")
    at.button(key="lesson_reveal").click().run()
    after = at.multiselect(key="lesson_questions")
    assert after.options == before.options and after.value == before.value
    assert not any(name in str(after.options) for name in SEED_GIVEAWAYS)  # the sheet is blind
    records = seed_records()
    sheet = worksheet_html(
        records,
        lesson=load_lesson(SEEDS_LESSON),
        letters=at.session_state["blind_letters"],
        questions=after.value,
    )
    texts = [html.unescape(t) for t in re.findall(r"<p><b>\d+\.</b> (.*?)</p>", sheet)]
    assert len(texts) == len(after.value)
    for text in texts:  # each printed question is one the teacher saw and chose
        assert any(option.endswith(f": {text}") for option in after.options), text


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
    assert "CNN" not in shown_text(at)  # the session is still blind from the seeds lesson
    at.sidebar.toggle(key="blind").set_value(False).run()
    assert "CNN" in shown_text(at)  # a lesson without blind: true shows the outlets


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
