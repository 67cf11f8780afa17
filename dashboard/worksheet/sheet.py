"""Everything a worksheet shows, gathered once for both renderers (:class:`Sheet`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import analysis
from analysis.classroom.blind import Blinder, reveal_table
from analysis.classroom.lesson import Lesson, passage_article, passage_span, select_articles
from analysis.classroom.marking import answer_forms, flagged_matches, passage_answers
from analysis.classroom.questions import (
    Answer,
    Question,
    answer_key,
    article_names,
    default_choice,
    guided_questions,
    teacher_gives_away,
)
from analysis.io.output import article_from_record
from dashboard.worksheet.content import (
    PAPERS,
    Excerpt,
    Record,
    auto_passage,
    excerpt,
    excerpt_for,
    look_at,
)
from dashboard.worksheet.print_charts import PrintChart, loaded_chart, tone_chart, voices_chart


@dataclass(frozen=True, slots=True)
class Sheet:
    """Everything a worksheet shows, computed once for both the HTML and the PDF.

    Attributes:
        title: the lesson's title or a default.
        intro: the note for the class.
        blind: whether outlets are hidden.
        records: the articles as shown (blinded in blind mode), in order.
        names: article id -> name on the sheet.
        excerpts: one excerpt per article.
        charts: the key charts.
        questions: the questions on the sheet (the teacher's choice, else
            :func:`~analysis.classroom.questions.default_choice`); none of the generated ones
            names an answer of the passage to mark.
        look_at: question id -> (article name, quoted span) pairs the question points at and
            does not quote itself (at most two, shortened).
        passage: the excerpt to mark (no marks shown), or None.
        passage_words: the tool's flagged words in the passage (for the key).
        answers: the answer key entries.
        reveal: label -> outlet, title, author, date (blind mode), for the key.
        footer: one line naming the method version.
        paper: the page size, a key of :data:`~dashboard.worksheet.content.PAPERS`.
    """

    title: str
    intro: str
    blind: bool
    records: tuple[Record, ...]
    names: Mapping[str, str]
    excerpts: tuple[Excerpt, ...]
    charts: tuple[PrintChart, ...]
    questions: tuple[Question, ...]
    look_at: Mapping[str, tuple[tuple[str, str], ...]]
    passage: Excerpt | None
    passage_words: tuple[Mapping[str, Any], ...]
    answers: tuple[Answer, ...]
    reveal: tuple[Mapping[str, Any], ...]
    footer: str
    paper: str


def _lesson_records(records: Sequence[Record], lesson: Lesson) -> list[Record]:
    by_id = {str(r["id"]): r for r in records}
    chosen = select_articles(lesson, [article_from_record(r) for r in records])
    return [by_id[a.id] for a in chosen]


@dataclass(frozen=True, slots=True)
class _Setup:
    """What a sheet is made from: the lesson's records as given and as shown, and so on."""

    original: list[Record]
    shown: list[Record]
    blind: bool
    reveal: list[Mapping[str, Any]]
    comparison: Mapping[str, Any] | None
    names: Mapping[str, str]
    passage: tuple[Record, int, int] | None
    withhold: tuple[str, ...]
    asked: list[Question]


def _setup(
    records: Sequence[Record],
    lesson: Lesson | None,
    blind: bool,
    comparison: Mapping[str, Any] | None,
    letters: Mapping[str, str] | None,
) -> _Setup:
    original = _lesson_records(records, lesson) if lesson else list(records)
    blind = blind or bool(lesson and lesson.blind)
    passage_at = None
    if lesson and lesson.passage:
        article = passage_article(lesson, [article_from_record(r) for r in original])
        if article is not None:
            record = next(r for r in original if str(r["id"]) == article.id)
            passage_at = (str(record["id"]), *passage_span(lesson, record))
    reveal: list[Mapping[str, Any]] = []
    shown: list[Record] = list(original)
    if blind:
        blinder = Blinder(original, labels=letters)
        shown = [blinder.record(r) for r in original]
        reveal = reveal_table(original, blinder.mapping)
        if passage_at:
            passage_at = (blinder.labels[passage_at[0]], passage_at[1], passage_at[2])
    if comparison is None and len(shown) >= 2:
        from analysis.pipeline import compare_records

        comparison = compare_records(shown).to_dict()
    elif comparison is not None and blind:
        comparison = Blinder(original, labels=letters).comparison(comparison)
    names = article_names(shown)
    if passage_at:
        record = next(r for r in shown if str(r["id"]) == passage_at[0])
        found: tuple[Record, int, int] | None = (record, passage_at[1], passage_at[2])
    else:
        found = auto_passage(shown)
    withhold = passage_answers(*found) if found else ()
    asked = guided_questions(
        shown,
        comparison=comparison,
        names=names,
        teacher=lesson.questions if lesson else (),
        withhold=withhold,
    )
    return _Setup(original, shown, blind, reveal, comparison, names, found, withhold, asked)


def sheet_questions(
    records: Sequence[Record],
    *,
    lesson: Lesson | None = None,
    blind: bool = False,
    comparison: Mapping[str, Any] | None = None,
    letters: Mapping[str, str] | None = None,
) -> tuple[list[Question], list[str], list[str]]:
    """Every question a worksheet with these arguments can carry, worded as the sheet words
    them; the ids of its default choice; and the ids of the teacher's own questions that name
    an answer of the sheet's passage (left out of the default; the page warns about them).

    Raises:
        analysis.classroom.lesson.LessonError: the lesson names an article not among ``records``.
    """
    setup = _setup(records, lesson, blind, comparison, letters)
    skip = teacher_gives_away(setup.asked, setup.withhold)
    return setup.asked, default_choice(setup.asked, skip=skip), skip


def build_sheet(
    records: Sequence[Record],
    *,
    lesson: Lesson | None = None,
    blind: bool = False,
    answers: bool = False,
    comparison: Mapping[str, Any] | None = None,
    letters: Mapping[str, str] | None = None,
    questions: Sequence[str] | None = None,
    paper: str = "A4",
) -> Sheet:
    """Compute what a worksheet shows (arguments as for ``html.worksheet_html``).

    Raises:
        ValueError: unknown paper size.
        analysis.classroom.lesson.LessonError: the lesson names an article not among ``records``.
    """
    if paper not in PAPERS:
        raise ValueError(f"unknown paper {paper!r}; choose from {', '.join(PAPERS)}")
    setup = _setup(records, lesson, blind, comparison, letters)
    shown, names, found, withhold = setup.shown, setup.names, setup.passage, setup.withhold
    comparison, asked = setup.comparison, setup.asked
    wanted = set(
        default_choice(asked, skip=teacher_gives_away(asked, withhold))
        if questions is None
        else questions
    )
    asked = [q for q in asked if q.id in wanted]
    passage = None
    passage_words: tuple[Mapping[str, Any], ...] = ()
    if found:
        record, start, end = found
        passage = excerpt(record, names[str(record["id"])], start, end, (), ())
        passage_words = tuple(flagged_matches(record, start, end))
    return Sheet(
        title=lesson.title if lesson else "Comparing news articles",
        intro=lesson.intro if lesson else "",
        blind=setup.blind,
        records=tuple(shown),
        names=names,
        excerpts=tuple(
            excerpt_for(
                r,
                names[str(r["id"])],
                avoid=(found[1], found[2]) if found and found[0] is r else None,
            )
            for r in shown
        ),
        charts=tuple(
            c
            for c in (
                tone_chart(shown, names),
                loaded_chart(shown, names),
                voices_chart(shown, names),
            )
            if c
        ),
        questions=tuple(asked),
        look_at=look_at(asked, shown, names, withhold=answer_forms(withhold)),
        passage=passage,
        passage_words=passage_words,
        answers=tuple(answer_key(asked, shown, comparison=comparison, names=names))
        if answers
        else (),
        reveal=tuple(setup.reveal) if answers else (),
        footer=f"Framing dashboard worksheet · method version {analysis.METHOD_VERSION}",
        paper=paper,
    )
