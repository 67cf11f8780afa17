"""Mark then reveal: a student's loaded words in a passage set beside the tool's.

Students mark the words of a passage they find loaded; the tool's *flagged* loaded words in the
same passage (a lexicon match whose weight times its category factor reaches
:data:`analysis.measures.loaded.FLAG_WEIGHT`) are then shown beside them. Each word ends up in
one of three groups: both marked it (``agree``), only the student (``student``), or only the tool
(``tool``, with the tool's reason and a plainer alternative). A student's word agrees with a
tool's phrase when it lies inside it ("blurted" inside "blurted out").

The two figures are the usual ones for comparing two annotators on the same items: the share of
the tool's words the student found (recall against the tool) and the share of the student's
words the tool also flags (precision against the tool). Neither is a grade: the lexicon is not
the truth, and a student with a good reason for a word the tool missed is right to mark it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from analysis.measures.loaded import CATEGORY_FACTOR, FLAG_WEIGHT
from analysis.text.segmentation import segment

Status = Literal["agree", "student", "tool"]


@dataclass(frozen=True, slots=True)
class Token:
    """A word of the passage a student can mark (offsets into the article text)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class MarkedWord:
    """One word or phrase in the comparison.

    Attributes:
        start: offset of its first character in the article text.
        end: offset just past it.
        text: the words as they stand in the text.
        status: ``agree``, ``student`` (only the student marked it) or ``tool`` (only the tool).
        category: the tool's category ("" for a word only the student marked).
        reason: why the tool flags it ("" likewise).
        alternative: the tool's plainer wording, if any.
        in_quote: the word is inside a quotation (a speaker's word, not the writer's).
    """

    start: int
    end: int
    text: str
    status: Status
    category: str = ""
    reason: str = ""
    alternative: str = ""
    in_quote: bool = False


@dataclass(frozen=True, slots=True)
class MarkingResult:
    """The comparison for one passage.

    Attributes:
        start: the passage's first character.
        end: one past its last.
        words: every marked or flagged word, in text order.
        found_share: share of the tool's words the student also marked (None if it flags none).
        shared_share: share of the student's words the tool also flags (None if none marked).
    """

    start: int
    end: int
    words: tuple[MarkedWord, ...]
    found_share: float | None
    shared_share: float | None

    def of(self, status: Status) -> list[MarkedWord]:
        """The words with one status."""
        return [w for w in self.words if w.status == status]


def passage_tokens(text: str, start: int, end: int) -> list[Token]:
    """The word tokens of ``text[start:end]`` (the segmentation's tokens), to offer for marking."""
    seg = segment(text)
    return [
        Token(t.start, t.end, text[t.start : t.end])
        for t in seg.tokens
        if start <= t.start and t.end <= end
    ]


def flagged_matches(record: Mapping[str, Any], start: int, end: int) -> list[Mapping[str, Any]]:
    """The tool's flagged loaded words lying inside ``[start, end)`` of an article dict."""
    return [
        m
        for m in (record.get("loaded") or {}).get("matches") or ()
        if start <= m["start"] and m["end"] <= end and is_flagged(m)
    ]


def is_flagged(match: Mapping[str, Any]) -> bool:
    """The match says it is flagged, or (dicts without the field) its weight reaches the flag."""
    if "flagged" in match:
        return bool(match["flagged"])
    weight = float(match.get("weight") or 0) * CATEGORY_FACTOR.get(match.get("category"), 1.0)
    return weight >= FLAG_WEIGHT


def compare_marks(
    record: Mapping[str, Any],
    marks: Iterable[tuple[int, int]],
    *,
    start: int,
    end: int,
) -> MarkingResult:
    """Compare a student's marked spans with the tool's flagged loaded words in a passage.

    Args:
        record: the article dict (JSON contract) the passage is from.
        marks: the student's marked spans (usually tokens from :func:`passage_tokens`); spans
            outside the passage are ignored, duplicates count once.
        start: the passage's first character.
        end: one past its last character.

    Returns:
        A :class:`MarkingResult` listing agreements and differences in text order.
    """
    text = record.get("text") or ""
    student = sorted({(s, e) for s, e in marks if start <= s < e <= end})
    tool = sorted(flagged_matches(record, start, end), key=lambda m: (m["start"], m["end"]))
    found_tools: set[int] = set()
    words: list[MarkedWord] = []
    agreeing_marks = 0
    for s, e in student:
        hit = next(
            (i for i, m in enumerate(tool) if m["start"] < e and s < m["end"]),
            None,
        )
        if hit is None:
            words.append(MarkedWord(s, e, text[s:e], "student"))
        else:
            agreeing_marks += 1
            found_tools.add(hit)
    for i, m in enumerate(tool):
        words.append(
            MarkedWord(
                m["start"],
                m["end"],
                text[m["start"] : m["end"]],
                "agree" if i in found_tools else "tool",
                category=str(m.get("category") or ""),
                reason=str(m.get("reason") or ""),
                alternative=str(m.get("alternative") or ""),
                in_quote=bool(m.get("in_quote")),
            )
        )
    words.sort(key=lambda w: (w.start, w.end))
    return MarkingResult(
        start=start,
        end=end,
        words=tuple(words),
        found_share=len(found_tools) / len(tool) if tool else None,
        shared_share=agreeing_marks / len(student) if student else None,
    )


# --- keeping the answers out of the questions -------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
#: Short function words never withheld (an answer phrase "blurted out" withholds "blurted").
_FUNCTION_WORDS = frozenset(
    [
        "a",
        "about",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "been",
        "but",
        "by",
        "for",
        "from",
        "has",
        "have",
        "he",
        "her",
        "his",
        "in",
        "into",
        "is",
        "it",
        "its",
        "not",
        "of",
        "off",
        "on",
        "or",
        "our",
        "out",
        "she",
        "so",
        "than",
        "that",
        "the",
        "their",
        "them",
        "they",
        "this",
        "to",
        "up",
        "us",
        "was",
        "we",
        "were",
        "what",
        "who",
        "will",
        "with",
        "you",
    ]
)


def _bases(word: str) -> set[str]:
    """The word and the stems its inflection endings may hide (-s, -es, -ies, -ed, -ied, -ing,
    a doubled final consonant, a dropped final e), each at least three letters."""
    found = {word}
    for suffix, back in (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""),
                         ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e")):  # fmt: skip
        if word.endswith(suffix):
            found.add(word[: -len(suffix)] + back)
    for base in list(found):
        if len(base) >= 4 and base[-1] == base[-2] and base[-1] not in "aeiouls":
            found.add(base[:-1])  # "stopped" -> "stopp" -> "stop"
    return {b for b in found if len(b) >= 3}


def inflections(word: str) -> frozenset[str]:
    """Every regular English inflection of a word, lower-cased: its plural or third person
    (-s, -es, -ies), past (-ed, -d, -ied) and present participle (-ing), from the word as given
    and from the stem it may already be inflected from ("denied" -> deny, denies, denying …).

    Regular rules only (after the inflection rules of Quirk et al. 1985, *A Comprehensive
    Grammar of the English Language*, §3.5 and §5.83): irregular forms ("went") are not made.
    Over-generating is harmless here: a form that is not a word is never found in a question.
    """
    word = word.lower().strip("'’")
    forms = {word}
    for base in _bases(word):
        forms |= {base, base + "s", base + "es", base + "ed", base + "d", base + "ing"}
        if base.endswith("e"):
            forms.add(base[:-1] + "ing")
        if base.endswith("y"):
            forms |= {base[:-1] + "ies", base[:-1] + "ied"}
        if len(base) >= 3 and base[-1] not in "aeiouwxy" and base[-2] in "aeiou":
            forms |= {base + base[-1] + "ed", base + base[-1] + "ing"}
    return frozenset(forms)


def answer_forms(answers: Iterable[str]) -> frozenset[str]:
    """The words a question shown with an exercise must not contain: every content word of each
    answer (word or phrase) and its inflections, lower-cased."""
    forms: set[str] = set()
    for answer in answers:
        for word in _WORD.findall(answer):
            if word.lower() not in _FUNCTION_WORDS:
                forms |= inflections(word)
    return frozenset(forms)


def gives_away(text: str, forms: frozenset[str]) -> bool:
    """Whether ``text`` contains any of ``forms`` as a whole word (case-insensitive)."""
    return any(w.lower().strip("'’") in forms for w in _WORD.findall(text)) if forms else False


def passage_answers(record: Mapping[str, Any], start: int, end: int) -> tuple[str, ...]:
    """The answers of a mark-the-words passage: the text of each flagged loaded word in it."""
    text = record.get("text") or ""
    return tuple(text[m["start"] : m["end"]] for m in flagged_matches(record, start, end))
