"""Lesson: a story set walked one idea per screen, for a projector (large type, few controls).

The screens follow the lesson file's ``steps`` (the articles, tone, word choice, voices, naming,
shared wording) and end with the reveal and the worksheet. A blind lesson (or the sidebar's
blind mode) shows the articles as "Article A, B, C …" with their giveaways masked
(``analysis.classroom.blind``); the teacher's "Reveal the outlets" switch keeps the letters and
names who published each one. The word-choice screen holds mark-then-reveal
(``analysis.classroom.marking``). The
guided questions of ``analysis.classroom.questions`` appear on the screen they are about.

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
    MarkingResult,
    compare_marks,
    passage_answers,
    passage_tokens,
)
from analysis.classroom.questions import (
    FORMS,
    SHEET_QUESTIONS,
    Question,
    default_choice,
    guided_questions,
    teacher_gives_away,
)
from analysis.io.output import article_from_record
from analysis.text.model import Article
from dashboard import config, data, highlight, theme
from dashboard.app_pages import shared
from dashboard.worksheet.content import auto_passage, excerpt_for
from dashboard.worksheet.html import EXCERPT_CSS, answer_key_html, excerpt_html, worksheet_html
from dashboard.worksheet.pdf import answer_key_pdf, worksheet_pdf

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
STATUS_NAMES = {"agree": "you and the tool", "student": "only you", "tool": "only the tool"}
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
        _worksheet(lesson, originals, questions, withhold, blind=lesson.blind or v.blind)
    else:
        _charts(step, shown, comparison)
    if step == "words" and exercise:
        _mark_then_reveal(shown[exercise[0]], exercise[1], exercise[2])
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


def _mark_then_reveal(record: Mapping[str, Any], start: int, end: int) -> None:
    """Students tap the words they find loaded in the passage, then see the tool's beside them."""
    st.subheader(f"Mark then reveal · {record['id']}")
    tokens = passage_tokens(record["text"], start, end)
    picked = st.pills(
        "Tap every word you find loaded: a word that judges or stirs feelings",
        list(range(len(tokens))),
        selection_mode="multi",
        format_func=lambda i: tokens[i].text,
        key="lesson_marks",
    )
    if not st.toggle("Reveal the tool's words", key="lesson_marks_reveal"):
        return
    marks = [(tokens[i].start, tokens[i].end) for i in picked or ()]
    result = compare_marks(record, marks, start=start, end=end)
    st.html(_marked_passage(record["text"], result))
    st.html(_marks_table(result))


def _marked_passage(text: str, result: MarkingResult) -> str:
    """The passage with every word styled by who marked it (never by colour alone)."""
    marks = [
        highlight.Mark(
            w.start - result.start,
            w.end - result.start,
            f"mk-{w.status}",
            f"{STATUS_NAMES[w.status]}" + (f": {w.reason}" if w.reason else ""),
        )
        for w in result.words
    ]
    legend = " · ".join(
        f"<span class='mk-{status}'>{highlight.escape(name)}</span>"
        for status, name in STATUS_NAMES.items()
    )
    body = highlight.render(text[result.start : result.end], marks)
    return f"<div class='fr-passage'>{body}</div><p class='fr-muted'>{legend}</p>"


def _marks_table(result: MarkingResult) -> str:
    if not result.words:
        return "<p class='fr-big'>Nobody marked a word, and the tool flags none here.</p>"
    rows = "".join(
        f"<tr><td><span class='mk-{w.status}'>{highlight.escape(w.text)}</span></td>"
        f"<td>{highlight.escape(STATUS_NAMES[w.status])}</td>"
        f"<td>{highlight.escape(w.reason or '—')}"
        + (" (inside a quotation: a speaker's word)" if w.in_quote else "")
        + f"</td><td>{highlight.escape(w.alternative or '—')}</td></tr>"
        for w in result.words
    )
    found = (
        f"You found {result.found_share:.0%} of the tool's words."
        if result.found_share is not None
        else "The tool flags no word here."
    )
    return (
        "<table class='fr-marks'><tr><th>word</th><th>marked by</th><th>why the tool flags it"
        f"</th><th>plainer word</th></tr>{rows}</table>"
        f"<p class='fr-big'>{highlight.escape(found)} The tool's lists are not the truth: a "
        "word only you marked may be loaded for a reason the lists miss.</p>"
    )


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
            for r in reveal_table(originals, mapping)
        )
        st.html(f"<table class='fr-marks fr-reveal'><tr>{head}</tr>{rows}</table>")
        st.caption("Blind mode is off on every page. Switching it on again keeps these letters.")


def _worksheet(
    lesson: Lesson,
    originals: Sequence[dict[str, Any]],
    questions: Sequence[Question],
    withhold: Sequence[str],
    *,
    blind: bool,
) -> None:
    """The teacher picks the questions for the sheet; the sheet and its answer key download."""
    st.subheader("Worksheet")
    st.caption(
        "Printable on A4 or Letter, black-and-white safe. The answer key is a separate short "
        "document for the teacher."
    )
    ids = [q.id for q in questions]
    by_id = {q.id: q for q in questions}
    naming = teacher_gives_away(questions, withhold)
    shared.keep_valid("lesson_questions", ids)
    chosen = st.multiselect(
        f"Questions on the sheet (about {SHEET_QUESTIONS} suit a 45-minute lesson)",
        ids,
        default=None
        if "lesson_questions" in st.session_state
        else default_choice(questions, skip=naming),
        format_func=lambda i: f"{FORMS[by_id[i].form]}: {by_id[i].text}",
        key="lesson_questions",
    )
    for qid in naming:
        st.warning(
            f"Your question “{by_id[qid].text}” names a word the passage asks the class to "
            "find, so it is not on the sheet unless you choose it."
        )
    paper = st.segmented_control("Paper", ["A4", "Letter"], default="A4", key="lesson_paper")
    letters = shared.blind_letters([str(r["id"]) for r in originals]) if blind else None
    options = {
        "lesson": lesson,
        "blind": blind,
        "paper": paper or "A4",
        "letters": letters,
        "questions": list(chosen),
    }
    downloads = (
        ("Worksheet (PDF)", worksheet_pdf, "worksheet.pdf", "application/pdf"),
        ("Worksheet (HTML)", worksheet_html, "worksheet.html", "text/html"),
        ("Answer key (PDF)", answer_key_pdf, "answer-key.pdf", "application/pdf"),
        ("Answer key (HTML)", answer_key_html, "answer-key.html", "text/html"),
    )
    for col, (text, make, name, mime) in zip(st.columns(4), downloads, strict=True):
        col.download_button(
            text,
            data=lambda make=make: make(originals, **options),
            file_name=name,
            mime=mime,
            key=f"lesson_dl_{name.replace('.', '_')}",
            on_click="ignore",
            disabled=not chosen,
        )


main()
