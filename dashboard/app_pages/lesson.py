"""Lesson: a story set walked one idea per screen, for a projector (large type, few controls).

The screens follow the lesson file's ``steps`` (the articles, tone, word choice, voices, naming,
shared wording) and end with the reveal and the worksheet. Blind mode is one state per session
(``shared.set_blind``): a blind lesson switches it on when it starts, with its articles lettered
first in its order, and every page, chart and export then shows the same "Article A, B, C …"
with the giveaways masked (``analysis.classroom.blind``) until the teacher presses "Reveal the
outlets", which turns blind mode off everywhere and keeps the letters. The word-choice screen
holds mark-then-reveal (``lesson_parts``); no question shown in the lesson names a word the
passage asks the class to find. The guided questions of ``analysis.classroom.questions`` appear
on the screen they are about; the teacher picks the ones for the worksheet.

Lessons are the files in ``lessons/`` or one the teacher uploads. An uploaded lesson only picks
from the articles already loaded: its ``corpus`` is ignored, so an upload cannot make the server
read another folder.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import streamlit as st

from analysis.classroom.blind import blind_records, reveal_table
from analysis.classroom.lesson import (
    Lesson,
    LessonError,
    lesson_articles,
    load_lesson,
    passage_article,
    passage_span,
    read_lesson,
    select_articles,
)
from analysis.classroom.marking import (
    passage_answers,
)
from analysis.classroom.questions import (
    FORMS,
    Question,
    guided_questions,
)
from analysis.io.output import article_from_record
from analysis.text.model import Article
from dashboard import config, data, highlight, theme
from dashboard.app_pages import lesson_parts, shared
from dashboard.worksheet.content import auto_passage, excerpt_for, plain_date
from dashboard.worksheet.html import EXCERPT_CSS, excerpt_html

LESSONS = config.ROOT / "lessons"
REVEAL_STEP = "reveal"
STEP_TITLES = {
    "articles": "The articles",
    "tone": "Tone: how does each article sound?",
    "words": "Word choice: which words are loaded?",
    "voices": "Voices: who gets to speak?",
    "naming": "Naming: what is each actor called?",
    "reuse": "Shared wording: who repeats whom?",
    REVEAL_STEP: "Reveal and worksheet",
}
#: The charts of each screen (names from ``dashboard.charts``).
STEP_CHARTS = {
    "tone": ("narrator-vs-quoted",),
    "words": ("loaded-rates",),
    "voices": ("voice-share",),
    "naming": ("naming",),
    "reuse": ("similarity",),
}
LESSON_CSS = """
<style>
[data-testid="stMainBlockContainer"] h1 { font-size: 2.6rem !important; }
[data-testid="stMainBlockContainer"] h2 { font-size: 2rem !important; }
.fr-q { font-size: 1.45rem; line-height: 1.5; margin: .6rem 0 1rem; padding: .3rem .9rem;
        border-left: 6px solid #000; }
.fr-q small { display: block; font-size: 1rem; color: #444; }
.fr-big { font-size: 1.35rem; line-height: 1.6; }
.fr-card, .fr-q, .fr-big, .ws-text { overflow-wrap: anywhere; }
.fr-passage .fr-text { font-size: 1.5rem; line-height: 2.1; max-height: none; }
.mk-agree { font-weight: 700; text-decoration: underline; text-decoration-thickness: 3px; }
.mk-tool { font-weight: 700; text-decoration: underline dotted; text-decoration-thickness: 3px; }
.mk-student { font-style: italic; text-decoration: underline wavy; }
.fr-marks td, .fr-marks th { font-size: 1.2rem; padding: .3rem .6rem; text-align: left;
        border-bottom: 1px solid #ccc; vertical-align: top; }
</style>
"""


def step_of(question: Question) -> str:
    """The screen a question belongs on: by the figures it points at, else by its form."""
    figures = {p.figure or "" for p in question.points}
    if any(f.startswith("sentiment") for f in figures):
        return "tone"
    if any(f.startswith("loaded") for f in figures):
        return "words"
    if figures & {"distinctive_terms", "pairs"}:
        return "reuse"
    return {
        "word_choice": "words",
        "sourcing": "voices",
        "balance": "voices",
        "naming": "naming",
        "selection": "articles",
        "teacher": REVEAL_STEP,
    }[question.form]


def _lesson_files() -> list[Path]:
    return sorted(p for p in LESSONS.glob("*") if p.suffix.lower() in (".yaml", ".yml", ".json"))


def _choose_lesson() -> tuple[Lesson | None, bool]:
    """The lesson chosen in the sidebar, and whether it was uploaded (errors shown here)."""
    with st.sidebar:
        st.markdown("**Lesson**")
        picked = st.selectbox(
            "Ready lessons", _lesson_files(), format_func=lambda p: p.stem, key="lesson_pick"
        )
        upload = st.file_uploader(
            "Or your own lesson file (YAML or JSON)",
            type=["yaml", "yml", "json"],
            key="lesson_file",
        )
    try:
        if upload is not None:
            return read_lesson(upload.getvalue(), name=upload.name, base=LESSONS), True
        return (load_lesson(picked) if picked else None), False
    except LessonError as error:
        st.error(str(error))
        return None, upload is not None


def _lesson_records(
    lesson: Lesson, articles: Sequence[Article], *, uploaded: bool
) -> list[dict[str, Any]] | None:
    """The lesson's articles, scored, in lesson order: from the loaded articles or, for a ready
    lesson, from its own corpus."""
    try:
        return data.score_records(select_articles(lesson, articles))
    except LessonError as error:
        if uploaded:
            st.error(f"{error} (an uploaded lesson only uses the articles already loaded)")
            return None
    try:
        chosen, _ = lesson_articles(lesson)
    except LessonError as error:
        st.error(str(error))
        return None
    return data.score_records(chosen)


def _start(lesson: Lesson, originals: Sequence[Mapping[str, Any]]) -> None:
    """A lesson just chosen starts at its first screen; a blind lesson switches the session's
    one blind mode on (before the sidebar renders), its articles lettered first in its order."""
    if st.session_state.get("lesson_for") == lesson.source:
        return
    st.session_state["lesson_for"] = lesson.source
    st.session_state["lesson_step"] = 0
    st.session_state.pop("lesson_questions", None)  # the new lesson's default questions
    if lesson.blind:
        shared.set_blind(True, first=[str(r["id"]) for r in originals])


def _shown(
    lesson: Lesson, originals: Sequence[dict[str, Any]], v: shared.View
) -> tuple[list[dict[str, Any]], str]:
    """The lesson's articles as the class sees them, and how: ``hidden`` (blind mode: the very
    records every other page shows), ``revealed`` (a blind lesson after the reveal: the same
    letters with the outlet named) or ``open``."""
    if v.blind:
        known = {str(r["id"]) for r in v.originals}
        pool = [*v.originals, *(r for r in originals if str(r["id"]) not in known)]
        hidden = shared.blinded(pool)
        by_id = {str(r["id"]): b for r, b in zip(pool, hidden.records, strict=True)}
        return [by_id[str(r["id"])] for r in originals], "hidden"
    if lesson.blind:
        letters = shared.blind_letters([str(r["id"]) for r in originals])
        return blind_records(originals, reveal=True, labels=letters)[0], "revealed"
    return list(originals), "open"


def _exercise(
    lesson: Lesson, originals: Sequence[dict[str, Any]], shown: Sequence[dict[str, Any]]
) -> tuple[int, int, int] | None:
    """The passage to mark: (position among the articles, start, end), the lesson's own or, as
    on the worksheet, the paragraph with the most flagged words."""
    if lesson.passage is None:
        found = auto_passage(shown)
        return None if found is None else (list(shown).index(found[0]), found[1], found[2])
    articles = [article_from_record(r) for r in originals]
    try:
        article = passage_article(lesson, articles)
        if article is None:
            return None
        position = [a.id for a in articles].index(article.id)
        return (position, *passage_span(lesson, originals[position]))
    except LessonError as error:
        st.error(str(error))
        return None


def main() -> None:
    lesson, uploaded = _choose_lesson()
    originals = None
    if lesson is not None:
        _, articles, _ = shared.loaded()
        originals = _lesson_records(lesson, articles, uploaded=uploaded)
        if originals:
            _start(lesson, originals)
    v = shared.view(selectors=False)
    st.html(theme.LARGE_TEXT_CSS + LESSON_CSS + EXCERPT_CSS)
    if lesson is None:
        st.title("Lesson")
        st.info("Choose a ready lesson or upload a lesson file in the sidebar.")
        return
    if not originals:
        st.title(lesson.title)
        return
    shown, state = _shown(lesson, originals, v)
    steps = [*lesson.steps, REVEAL_STEP]
    index = min(st.session_state.get("lesson_step", 0), len(steps) - 1)
    step = steps[index]
    st.title(lesson.title)
    st.caption(f"Step {index + 1} of {len(steps)} · {len(shown)} articles")
    st.header(STEP_TITLES[step])
    comparison = shared.comparison_for(tuple(shown))
    exercise = _exercise(lesson, originals, shown)
    withhold = passage_answers(originals[exercise[0]], *exercise[1:]) if exercise else ()
    questions = guided_questions(
        shown, comparison=comparison, teacher=lesson.questions, withhold=withhold
    )
    if step == "articles":
        _articles(shown, lesson, hidden=state == "hidden", exercise=exercise)
    elif step == REVEAL_STEP:
        _reveal(lesson, originals, state=state)
        lesson_parts.worksheet(lesson, originals, blind=lesson.blind or v.blind)
    else:
        _charts(step, shown, comparison)
    if step == "words" and exercise:
        lesson_parts.mark_then_reveal(shown[exercise[0]], exercise[1], exercise[2])
    asked = [q for q in questions if step_of(q) == step]
    if asked:
        st.subheader("Questions")
    for question in asked:
        st.html(
            f"<div class='fr-q'>{highlight.escape(question.text)}"
            f"<small>{highlight.escape(FORMS[question.form])}</small></div>"
        )
    _navigation(index, len(steps))


def _navigation(index: int, count: int) -> None:
    back, _, forward = st.columns([1, 3, 1])
    if back.button("◀ Back", disabled=index == 0, key="lesson_back", width="stretch"):
        st.session_state["lesson_step"] = index - 1
        st.rerun()
    if forward.button("Next ▶", disabled=index >= count - 1, key="lesson_next", width="stretch"):
        st.session_state["lesson_step"] = index + 1
        st.rerun()


def _articles(
    shown: Sequence[Mapping[str, Any]],
    lesson: Lesson,
    *,
    hidden: bool,
    exercise: tuple[int, int, int] | None,
) -> None:
    if lesson.intro:
        st.html(shared.text_html(lesson.intro, tag="p", css="fr-big"))
    if hidden:
        st.caption("The outlets are hidden: black bars cover the names that would give them away.")
    per_row = min(len(shown), 3)
    for start in range(0, len(shown), per_row):
        row = shown[start : start + per_row]
        for offset, (col, record) in enumerate(zip(st.columns(per_row), row, strict=False)):
            # the passage to mark is never shown with its loaded words marked
            avoid = exercise[1:] if exercise and exercise[0] == start + offset else None
            with col:
                st.html(
                    "<div class='fr-card'>"
                    + shared.text_html(record.get("outlet") or record["id"], tag="h4")
                    + shared.text_html(record.get("title"), tag="div", css="fr-big")
                    + shared.text_html(
                        f"{record.get('words')} words · {record.get('date') or 'no date'}",
                        tag="div",
                        css="fr-muted",
                    )
                    + "</div>"
                )
                with st.expander("Read an excerpt"):
                    excerpt = excerpt_for(record, str(record["id"]), avoid=avoid)
                    st.html(excerpt_html(record, excerpt))


def _charts(step: str, shown: Sequence[dict[str, Any]], comparison: Mapping | None) -> None:
    built = {c.name: c for c in data.charts_for(shown, comparison=comparison, large_text=True)}
    wanted = [built[name] for name in STEP_CHARTS.get(step, ()) if name in built]
    if not wanted:
        st.info("These articles give this screen nothing to show.")
    for chart in wanted:
        shared.chart_block(chart, key=f"lesson-{step}-{chart.name}")


def _reveal(lesson: Lesson, originals: Sequence[dict[str, Any]], *, state: str) -> None:
    """The reveal: a guess for the class and the teacher's button, then who published what."""
    if state == "hidden":
        st.html(
            "<p class='fr-big'>Ask the class to guess who published each article, and why. "
            "Then reveal the outlets: every page shows them again, with the same letters.</p>"
        )
        st.button(
            "Reveal the outlets (teacher)",
            key="lesson_reveal",
            on_click=shared.reveal,
            type="primary",
        )
    elif state == "revealed":
        letters = shared.blind_letters([str(r["id"]) for r in originals])
        mapping = {letters[str(r["id"])]: str(r["id"]) for r in originals}
        fields = ("label", "outlet", "title", "author", "date")
        head = "".join(f"<th>{f}</th>" for f in ("article", *fields[1:]))
        rows = "".join(
            "<tr>" + "".join(f"<td>{highlight.escape(r[f] or '—')}</td>" for f in fields) + "</tr>"
            for r in (
                {**row, "date": plain_date(row["date"])} for row in reveal_table(originals, mapping)
            )
        )
        st.html(f"<table class='fr-marks fr-reveal'><tr>{head}</tr>{rows}</table>")
        st.caption("Blind mode is off on every page. Switching it on again keeps these letters.")


main()
