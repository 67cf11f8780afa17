"""Typed records shared by every analysis module.

Every finding is stand-off: a span of character offsets ``[start, end)`` into ``Article.text``
exactly as loaded. Nothing here rewrites text. Records are frozen so that a scored article can be
cached, pickled to worker processes and compared in tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from collections.abc import Mapping

    from analysis.loaded import LoadedResult
    from analysis.naming import NamingResult
    from analysis.sentiment import Toward
    from analysis.voices import VoicesResult


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` into an article's text."""

    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Excluded:
    """Page furniture (share prompts, disclaimers, bylines ...) kept in the text but not scored."""

    start: int
    end: int
    reason: str


@dataclass(frozen=True, slots=True)
class Article:
    """One article as loaded: its text verbatim plus whatever metadata the source gave.

    ``source`` names where it came from (a path, or ``path#row`` for JSONL/CSV rows).
    ``warnings`` carries non-fatal notes from loading (e.g. decoded as Windows-1252).
    """

    id: str
    text: str
    title: str
    source: str
    outlet: str | None = None
    date: str | None = None
    event: str | None = None
    url: str | None = None
    author: str | None = None
    genre: str | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Problem:
    """An input that could not be used (``error``) or was used with a caveat (``warning``)."""

    source: str
    reason: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Corpus:
    """The result of loading: the articles that could be read and the problems met on the way."""

    articles: tuple[Article, ...]
    problems: tuple[Problem, ...] = ()

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")


@dataclass(frozen=True, slots=True)
class Segmentation:
    """The one segmentation pass over an article text; every measure reuses it.

    Attributes:
        text: the article text the offsets index.
        paragraphs: non-blank runs of lines separated by blank lines or single line breaks.
        sentences: sentence spans, whitespace-trimmed, in order, non-overlapping.
        tokens: word tokens (letters/digits with inner apostrophes, hyphens, periods as in
            "U.S."), in order.
        quotes: quotation spans *including* their quote marks, in order, non-overlapping.
        headline: the first line when it is the headline (the loader decides), else None.
    """

    text: str
    paragraphs: tuple[Span, ...]
    sentences: tuple[Span, ...]
    tokens: tuple[Span, ...]
    quotes: tuple[Span, ...]
    headline: Span | None = None


@dataclass(frozen=True, slots=True)
class SentenceScore:
    """VADER compound of one sentence, whether it is mostly quoted speech, and its loaded score."""

    start: int
    end: int
    compound: float
    in_quote: bool
    loaded: float = 0.0


@dataclass(frozen=True, slots=True)
class SentimentSummary:
    """Sentence-level VADER aggregated over an article (``None`` where no sentence qualifies)."""

    mean: float | None
    narrator_mean: float | None
    quoted_mean: float | None
    share_negative: float | None
    share_neutral: float | None
    share_positive: float | None


@dataclass(frozen=True, slots=True)
class Readability:
    """textstat readability formulas on the article body (``None`` for an empty body)."""

    flesch_reading_ease: float | None
    flesch_kincaid_grade: float | None
    gunning_fog: float | None
    smog_index: float | None
    coleman_liau_index: float | None
    dale_chall: float | None
    consensus_grade: float | None
    avg_sentence_length: float | None
    reading_time_s: float | None


@dataclass(frozen=True, slots=True)
class ArticleScores:
    """Everything measured about one article; ``analysis.output.article_to_dict`` gives the JSON.

    ``voices``, ``loaded``, ``naming`` and ``toward`` (sentiment toward actor groups) are filled
    by the pipeline; they are optional so that records can be built piecemeal in tests.
    """

    article: Article
    words: int
    sentences: int
    excluded: tuple[Excluded, ...]
    quotes: tuple[Span, ...]
    sentence_scores: tuple[SentenceScore, ...]
    sentiment: SentimentSummary
    readability: Readability
    voices: VoicesResult | None = None
    loaded: LoadedResult | None = None
    naming: NamingResult | None = None
    toward: Mapping[str, Toward] | None = None
