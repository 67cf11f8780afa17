"""The Lesson page's two interactive parts: mark then reveal, and the worksheet downloads.

Both only compose and render: the comparison of marks is :mod:`analysis.classroom.marking`'s,
the questions and their default choice :mod:`analysis.classroom.questions`', the sheets
:mod:`dashboard.worksheet`'s.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import streamlit as st

from analysis.classroom.lesson import Lesson
from analysis.classroom.marking import MarkingResult, compare_marks, passage_tokens
from analysis.classroom.questions import (
    FORMS,
    SHEET_QUESTIONS,
)
from dashboard import highlight
from dashboard.app_pages import shared
from dashboard.worksheet.html import answer_key_html, worksheet_html
from dashboard.worksheet.pdf import answer_key_pdf, worksheet_pdf
from dashboard.worksheet.sheet import sheet_questions

STATUS_NAMES = {"agree": "you and the tool", "student": "only you", "tool": "only the tool"}


def mark_then_reveal(record: Mapping[str, Any], start: int, end: int) -> None:
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


def worksheet(lesson: Lesson, originals: Sequence[dict[str, Any]], *, blind: bool) -> None:
    """The teacher picks the questions for the sheet (worded as the sheet words them, so the
    choice holds whatever the screen shows); the sheet and its answer key download."""
    st.subheader("Worksheet")
    st.caption(
        "Printable on A4 or Letter, black-and-white safe. The answer key is a separate short "
        "document for the teacher."
    )
    letters = shared.blind_letters([str(r["id"]) for r in originals]) if blind else None
    questions, default, naming = sheet_questions(
        originals, lesson=lesson, blind=blind, letters=letters
    )
    ids = [q.id for q in questions]
    by_id = {q.id: q for q in questions}
    shared.keep_valid("lesson_questions", ids)
    chosen = st.multiselect(
        f"Questions on the sheet (about {SHEET_QUESTIONS} suit a 45-minute lesson)",
        ids,
        default=None if "lesson_questions" in st.session_state else default,
        format_func=lambda i: f"{FORMS[by_id[i].form]}: {by_id[i].text}",
        key="lesson_questions",
    )
    for qid in naming:
        st.warning(
            f"Your question “{by_id[qid].text}” names a word the passage asks the class to "
            "find, so it is not on the sheet unless you choose it."
        )
    paper = st.segmented_control("Paper", ["A4", "Letter"], default="A4", key="lesson_paper")
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
    cols = [*st.columns(2), *st.columns(2)]  # two rows: the labels stay whole in large text
    for col, (text, make, name, mime) in zip(cols, downloads, strict=True):
        col.download_button(
            text,
            data=lambda make=make: make(originals, **options),
            file_name=name,
            mime=mime,
            key=f"lesson_dl_{name.replace('.', '_')}",
            on_click="ignore",
            disabled=not chosen,
        )
