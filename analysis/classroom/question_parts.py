"""What every guided question shares: the forms of bias, the record types (what a question points
at, the question, its answer-key entry), and small readers of the JSON contract that pick only
clean evidence (inside the text, not empty, nothing masked).

The builders of :mod:`~analysis.classroom.ask_words`, :mod:`~analysis.classroom.ask_voices` and
:mod:`~analysis.classroom.ask_selection` use them; :mod:`~analysis.classroom.questions` is the
public face.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from analysis.classroom.blind import MASK, letter_labels
from analysis.classroom.marking import is_flagged

Record = Mapping[str, Any]

#: The forms of news bias, in the order a lesson walks them: key -> heading.
FORMS: dict[str, str] = {
    "word_choice": "Word choice and tone",
    "sourcing": "Sourcing: who is quoted and how",
    "naming": "Naming and framing",
    "selection": "Story selection and omission",
    "balance": "Balance",
    "teacher": "Your teacher's questions",
}

#: Speaker group shown when the analysis found no group for a speaker.
NO_GROUP = "speakers with no group found"

#: Fewer narrator sentences than this per article and a tone comparison is not asked.
MIN_SENTENCES = 3

#: Each loaded-word category in plain words (for questions and the answer key).
CATEGORY_WORDS = {
    "name_calling": "a label that judges",
    "emotive": "a word that stirs feelings",
    "subjective": "the writer's own opinion",
    "intensifier": "a word that makes things sound bigger",
    "exaggeration": "an overstatement",
    "hedge": "a word that adds doubt",
    "loaded_verb": "a verb that takes a side",
    "certainty": "a word that claims to be sure",
}
VERB_KINDS = {
    "assertive": "makes the speaker sound forceful or sure",
    "tentative": "makes the speaker sound unsure",
    "critical": "makes the speaker sound like they attack or deny",
    "cognition": "reports a belief, not words",
    "naming": "reports a label the speaker gave",
}


@dataclass(frozen=True, slots=True)
class Pointer:
    """What a question is about: a span of an article's text or one of its figures.

    Attributes:
        article: the article id.
        start: first character of the span (None for a figure).
        end: one past its last character (None for a figure).
        figure: a dotted figure name of the JSON contract (``loaded.own_per_1k``,
            ``sentiment.narrator_mean``, ``voices.speakers``) or of the comparison
            (``distinctive_terms``, ``pairs``); None for a span.
    """

    article: str
    start: int | None = None
    end: int | None = None
    figure: str | None = None


@dataclass(frozen=True, slots=True)
class Question:
    """One guided question.

    Attributes:
        id: a stable key ("word_choice-1").
        form: a key of :data:`FORMS`.
        text: the question, in plain words.
        points: the spans and figures it is about.
        finding: what the tool found, in a sentence or two (the teacher's answer).
    """

    id: str
    form: str
    text: str
    points: tuple[Pointer, ...]
    finding: str


@dataclass(frozen=True, slots=True)
class Answer:
    """One entry of the teacher's answer key.

    Attributes:
        question: the question's id.
        form: the form of bias (heading of :data:`FORMS`).
        text: the question as asked.
        finding: what the tool found.
        evidence: each pointer made readable: the quoted words with their place, or the figure
            with its value.
    """

    question: str
    form: str
    text: str
    finding: str
    evidence: tuple[str, ...]


def article_names(records: Sequence[Record]) -> dict[str, str]:
    """How questions name each article: "Article A" … in order, with the outlet in brackets
    unless the records are blinded (their outlet is then their label already). Revealed records
    (outlet "Article C: CNN", see :func:`analysis.classroom.blind.blind_records`) keep their
    own letter: "Article C (CNN)"."""
    names = {}
    for record, letter in zip(records, letter_labels(len(records)), strict=True):
        outlet = record.get("outlet")
        article_id = str(record.get("id"))
        if outlet and str(outlet).startswith(f"{article_id}: "):
            letter, outlet = article_id, str(outlet)[len(article_id) + 2 :]
        if outlet == article_id or not outlet:
            names[article_id] = article_id if outlet == article_id else letter
        else:
            plain = re.sub(r"\s*\(([^()]*)\)", r", \1", str(outlet)).strip(", ")
            names[article_id] = f"{letter} ({plain})"
    return names


#: Longest quotation in the answer key (longer ones are cut at a word, with "…").
KEY_QUOTE_CHARS = 160


def shorten(text: str, limit: int = KEY_QUOTE_CHARS) -> str:
    """Text on one line, cut at the last whole word within ``limit`` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit].rstrip(",;:") + " …"


def quote(text: str) -> str:
    """Words from an article in typographic quotes, on one line."""
    words = " ".join(text.split()).strip('“”"')
    return f"“{words}”"


def span_text(record: Record, start: int, end: int) -> str:
    return (record.get("text") or "")[start:end]


def clean(record: Record, start: int, end: int) -> bool:
    """A span worth quoting: inside the text, not empty, nothing masked."""
    text = span_text(record, start, end)
    return (
        0 <= start < end <= len(record.get("text") or "")
        and bool(text.strip())
        and (MASK not in text)
    )


def flagged_words(record: Record, *, narrator: bool = True) -> list[Mapping[str, Any]]:
    """The flagged loaded words of an article (only the narrator's by default), in order."""
    return [
        m
        for m in (record.get("loaded") or {}).get("matches") or ()
        if is_flagged(m)
        and not (narrator and m.get("in_quote"))
        and clean(record, m["start"], m["end"])
    ]


def clean_quotes(record: Record) -> list[Mapping[str, Any]]:
    return [
        q
        for q in (record.get("voices") or {}).get("quotes") or ()
        if clean(record, q["start"], q["end"])
    ]


def group_name(value: str | None) -> str:
    return value or NO_GROUP


def per_100(share: float) -> str:
    """A share in words: "all", "none" or "about N in every 100"."""
    if share >= 0.995:
        return "all"
    if share < 0.005:
        return "none"
    return f"about {round(100 * share)} in every 100"


def signed(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:+.{digits}f}"


def headline_span(record: Record) -> tuple[int, int] | None:
    """The first line's span when it is the headline (it repeats the title)."""
    text = record.get("text") or ""
    match = re.search(r"\S[^\n]*", text)
    if not match:
        return None
    line = match.group().rstrip()
    title = " ".join(str(record.get("title") or "").split())
    if title and " ".join(line.split()) == title:
        return match.start(), match.start() + len(line)
    return None


def narrator_sentences(record: Record) -> list[Mapping[str, Any]]:
    head = headline_span(record)
    return [
        s
        for s in record.get("sentence_scores") or ()
        if not s.get("in_quote")
        and s.get("compound") is not None
        and not (head and s["start"] < head[1])
        and clean(record, s["start"], s["end"])
    ]


def first_use(record: Record, word: str) -> tuple[int, int] | None:
    """The first use of a word or phrase in the text (case-insensitive, whole words)."""
    pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, word.split())) + r"(?!\w)"
    match = re.search(pattern, record.get("text") or "", re.IGNORECASE)
    return match.span() if match else None


def and_list(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


@dataclass(frozen=True, slots=True)
class Draft:
    form: str
    text: str
    points: tuple[Pointer, ...]
    finding: str


#: Whether a question may quote this text (False for a word an exercise asks students to find).
Ok = Callable[[str], bool]
Builder = Callable[[Sequence[Record], Mapping[str, str], Mapping[str, Any] | None, Ok], list[Draft]]
