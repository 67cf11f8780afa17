"""Guided questions for a class, written from the evidence the analysis found in any corpus.

Questions are grouped by the usual forms of news bias taught in media-literacy lessons (word
choice and tone; sourcing, who is quoted and how; naming and framing; story selection and
omission; balance), after the typologies of AllSides' "How to spot types of media bias" and
Entman's (1993) framing functions, in our own words. Each question points at the spans
(article id, start, end) or figures it is about, so a page can highlight them and a worksheet can
quote them; :func:`answer_key` gives the teacher what the tool found for each one.

Wording is kept plain, aimed at about a US grade-8 reading level: short sentences, common words,
numbers as "N in every 100". The level of the generated questions is measured with textstat's
Flesch-Kincaid grade in the tests. A question is only asked when its evidence is there: a corpus
without quotations gets no sourcing questions, a single article no comparisons.

References:
    Entman, R. M. (1993). Framing: Toward clarification of a fractured paradigm. Journal of
    Communication 43(4): 51-58.
    Kincaid, J. P., Fishburne, R. P., Rogers, R. L. & Chissom, B. S. (1975). Derivation of new
    readability formulas for Navy enlisted personnel. Research Branch Report 8-75.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from analysis.classroom.ask_selection import distinctive, missing_voices, reuse
from analysis.classroom.ask_voices import (
    narrator_vs_quoted,
    one_sided,
    unnamed,
    verbs,
    who_speaks,
)
from analysis.classroom.ask_words import (
    certainty,
    headlines,
    loaded_words,
    naming,
    scare_quotes,
    tone,
)
from analysis.classroom.marking import answer_forms, gives_away
from analysis.classroom.question_parts import (
    CATEGORY_WORDS,
    FORMS,
    NO_GROUP,
    Answer,
    Builder,
    Pointer,
    Question,
    Record,
    article_names,
    group_name,
    per_100,
    quote,
    shorten,
    span_text,
)

__all__ = [
    "CATEGORY_WORDS",
    "FIGURE_WORDS",
    "FORMS",
    "NO_GROUP",
    "SHEET_QUESTIONS",
    "Answer",
    "Pointer",
    "Question",
    "answer_key",
    "article_names",
    "default_choice",
    "guided_questions",
    "teacher_gives_away",
]

#: The question builders of each form, in the order their questions are asked.
BUILDERS: dict[str, tuple[Builder, ...]] = {
    "word_choice": (loaded_words, tone, scare_quotes, certainty),
    "sourcing": (who_speaks, verbs, unnamed),
    "naming": (naming, headlines),
    "selection": (distinctive, missing_voices, reuse),
    "balance": (one_sided, narrator_vs_quoted),
}


def guided_questions(
    records: Sequence[Record],
    *,
    comparison: Mapping[str, Any] | None = None,
    names: Mapping[str, str] | None = None,
    per_form: int = 3,
    teacher: Iterable[str] = (),
    withhold: Iterable[str] = (),
) -> list[Question]:
    """Questions about these articles, grouped by form of bias, each pointing at its evidence.

    A question asked beside a mark-the-words exercise must not give its answers away: with
    ``withhold`` (the exercise's answers, e.g. :func:`analysis.classroom.marking.passage_answers`)
    no generated question contains any content word of an answer or its inflections
    (:func:`analysis.classroom.marking.answer_forms`); a builder that quotes words picks others,
    and a question that would still name one is not asked. The teacher's own questions are
    kept as written (:func:`teacher_gives_away` tells the page which ones to warn about).

    Args:
        records: article dicts of the JSON contract (blinded ones work the same).
        comparison: the ``compare`` dict of the same records, for the story-selection
            questions on distinctive words and reused text.
        names: article id -> how to call it; default :func:`article_names`.
        per_form: at most this many generated questions per form.
        teacher: the teacher's own questions, asked last (they point at nothing).
        withhold: answers the questions must not contain.

    Returns:
        The questions in :data:`FORMS` order, ids ``<form>-<n>``.
    """
    names = article_names(records) if names is None else names
    forms = answer_forms(withhold)

    def ok(text: str) -> bool:
        return not gives_away(text, forms)

    questions = []
    for form, builders in BUILDERS.items():
        drafts = [
            d for build in builders for d in build(records, names, comparison, ok) if ok(d.text)
        ][:per_form]
        questions.extend(
            Question(f"{form}-{n}", d.form, d.text, d.points, d.finding)
            for n, d in enumerate(drafts, start=1)
        )
    questions.extend(
        Question(f"teacher-{n}", "teacher", " ".join(text.split()), (), "")
        for n, text in enumerate((t for t in teacher if t.strip()), start=1)
    )
    return questions


#: Questions a worksheet carries by default: about right for a 45-minute lesson (six to eight
#: questions of five to seven minutes each, leaving time to read and to discuss).
SHEET_QUESTIONS = 7


def default_choice(
    questions: Sequence[Question],
    *,
    size: int = SHEET_QUESTIONS,
    skip: Iterable[str] = (),
) -> list[str]:
    """The ids of the questions a worksheet carries unless the teacher chooses others.

    The rule: take the questions round by round, one of each form of bias per round in the
    order of :data:`FORMS` (word choice, sourcing, naming, selection, balance, then the
    teacher's own questions as one more form), each form's in the order asked, until ``size``
    are chosen. Every form with a question is covered first, and no form takes a second place
    before every form has had one. The result keeps the questions' own order.

    Args:
        questions: from :func:`guided_questions`.
        size: how many to choose (fewer when fewer exist).
        skip: ids never chosen by default (e.g. a teacher's question that names an answer of
            the sheet's exercise).
    """
    skipped = set(skip)
    queues = {
        form: [q.id for q in questions if q.form == form and q.id not in skipped] for form in FORMS
    }
    chosen: set[str] = set()
    while len(chosen) < size and any(queues.values()):
        for queue in queues.values():
            if queue and len(chosen) < size:
                chosen.add(queue.pop(0))
    return [q.id for q in questions if q.id in chosen]


def teacher_gives_away(questions: Sequence[Question], withhold: Iterable[str]) -> list[str]:
    """Ids of the teacher's own questions that contain an answer of the exercise (a word or its
    inflection, see :func:`analysis.classroom.marking.answer_forms`), for the page to warn."""
    forms = answer_forms(withhold)
    return [q.id for q in questions if q.form == "teacher" and gives_away(q.text, forms)]


def _figure(
    record: Record,
    comparison: Mapping[str, Any] | None,
    figure: str,
    names: Mapping[str, str],
) -> str:
    """A figure's value, readable."""
    if figure == "voices.speakers":
        speakers = (record.get("voices") or {}).get("speakers") or ()
        return (
            "; ".join(
                f"{s['name']} ({group_name(s.get('group'))}): {s.get('quotes', 0)} quotes, "
                f"{s.get('words', 0)} words"
                for s in speakers
            )
            or "no speakers found"
        )
    if figure == "distinctive_terms":
        terms = (comparison or {}).get("distinctive_terms", {}).get(str(record.get("outlet")), ())
        return ", ".join(f"{quote(t['term'])} (score {t['z']:.1f})" for t in terms[:8]) or "none"
    if figure == "pairs":
        pairs = [
            p
            for p in (comparison or {}).get("pairs") or ()
            if str(record["id"]) in (p["a"], p["b"])
        ]
        return (
            "; ".join(
                f"{names.get(str(p['a']), p['a'])} and {names.get(str(p['b']), p['b'])}: "
                f"similarity {p['similarity']:.2f}, {per_100(p['reused_share_a'])} of the "
                f"words of the first and {per_100(p['reused_share_b'])} of the second shared"
                for p in pairs
            )
            or "no similar article"
        )
    value: Any = record
    for part in figure.split("."):
        value = value.get(part) if isinstance(value, Mapping) else None
    if figure == "loaded.own_per_1k" and value is not None:
        low, high = (record.get("loaded") or {}).get("own_per_1k_ci") or (None, None)
        interval = f" (likely between {low:.1f} and {high:.1f})" if low is not None else ""
        return f"{value:.1f} per 1,000 words{interval}"
    return "–" if value is None else (f"{value:+.2f}" if isinstance(value, float) else str(value))


#: How the answer key names each figure a question points at (plain words, no field names).
FIGURE_WORDS: dict[str, str] = {
    "loaded.own_per_1k": "flagged loaded words in the writer's own voice",
    "sentiment.narrator_mean": "average tone of the writer's own sentences (-1 to +1)",
    "sentiment.quoted_mean": "average tone of the quoted sentences (-1 to +1)",
    "voices.speakers": "who is quoted",
    "distinctive_terms": "its most typical words",
    "pairs": "wording shared with other articles",
}


def answer_key(
    questions: Sequence[Question],
    records: Sequence[Record],
    *,
    comparison: Mapping[str, Any] | None = None,
    names: Mapping[str, str] | None = None,
) -> list[Answer]:
    """What the tool found for each question, with its evidence quoted from the articles, in
    plain words (quoted words and figures by name; no character offsets or field names).

    Args:
        questions: from :func:`guided_questions` on the same records.
        records: the article dicts the questions were asked about.
        comparison: the same comparison the questions were built with.
        names: article id -> name, as for the questions.

    Returns:
        One :class:`Answer` per question, in order.
    """
    names = article_names(records) if names is None else names
    by_id = {str(r["id"]): r for r in records}
    answers = []
    for question in questions:
        evidence = []
        for point in question.points:
            record = by_id.get(point.article)
            if record is None:
                continue
            name = names.get(point.article, point.article)
            if point.figure:
                what = FIGURE_WORDS.get(point.figure, point.figure.split(".")[-1].replace("_", " "))
                evidence.append(
                    f"{name}, {what}: {_figure(record, comparison, point.figure, names)}"
                )
            elif point.start is not None and point.end is not None:
                words = shorten(span_text(record, point.start, point.end))
                evidence.append(f"In {name}: {quote(words)}")
        answers.append(
            Answer(
                question.id,
                FORMS[question.form],
                question.text,
                question.finding or "Your own question: the tool has no finding for it.",
                tuple(evidence),
            )
        )
    return answers
