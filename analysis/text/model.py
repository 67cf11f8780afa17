"""Typed records shared by every analysis module.

Every finding is stand-off: a span of character offsets ``[start, end)`` into ``Article.text``
exactly as loaded. Nothing here rewrites text. Records are frozen so that a scored article can be
cached, pickled to worker processes and compared in tests.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal


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
    ``extra`` keeps the source's other fields (user columns such as ``lean``) as (name, value)
    pairs, verbatim: they are kept and saved with the article but feed no score.
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
    extra: tuple[tuple[str, str], ...] = ()


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


# --------------------------------------------------------------------------------------------
# Loaded vocabulary (analysis.measures.loaded)


@dataclass(frozen=True, slots=True)
class LoadedMatch:
    """One loaded term found in the text (an evidence span).

    Attributes:
        start: offset of the first character of the matched words (a flagged word's span covers
            its phrase: a light modifier before it, the noun after a loaded adjective).
        end: offset just past them.
        text: the words exactly as they stand in the text.
        term: the lexicon term (lemma or phrase) that matched.
        category: the lexicon category.
        weight: the lexicon weight, 0-1.
        in_quote: the match starts inside a quotation (the words are a speaker's).
        negated: a negator ("not", "never", "n't" ...) stands within three words before it.
        reason: why the term is loaded.
        alternative: a neutral wording, or "".
        user: the term comes from the user's lexicon.
        flagged: a loaded word in its own right (weight times its category factor reaches
            :data:`FLAG_WEIGHT`, or a user term); lighter matches are weak signals that only add
            to the sentence score.
    """

    start: int
    end: int
    text: str
    term: str
    category: str
    weight: float
    in_quote: bool
    negated: bool
    reason: str
    alternative: str
    user: bool
    flagged: bool

    def to_dict(self) -> dict[str, Any]:
        """The match as in the ``loaded.matches`` list of the JSON contract."""
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "term": self.term,
            "category": self.category,
            "weight": self.weight,
            "in_quote": self.in_quote,
            "negated": self.negated,
            "flagged": self.flagged,
            "reason": self.reason,
            "alternative": self.alternative,
            "user": self.user,
        }


@dataclass(frozen=True, slots=True)
class LoadedResult:
    """The loaded vocabulary of one article.

    Attributes:
        matches: the evidence spans, in text order (a scare-quote span may contain word matches).
        words: word tokens outside excluded spans.
        narrator_words: of those, the ones outside quotations.
        per_1k: narrator matches per 1,000 narrator words (None when there are none).
        per_1k_ci: 95% exact Poisson (Garwood) interval of ``per_1k`` (None with it).
        per_1k_all: all matches per 1,000 words, quotations included (None without words).
        by_category: number of matches (narrator and quoted) per category.
        own_words: words of the writer's own-voice sentences (no quotation, no reporting
            word; :mod:`analysis.measures.own_voice`).
        own_per_1k: flagged matches in those sentences per 1,000 of their words (None
            without own-voice words): the article-level figure to show and compare.
        own_per_1k_ci: its 95% exact Poisson (Garwood) interval (None with it).
        own_sentences: the own-voice sentence spans (the evidence for ``own_per_1k``).
    """

    matches: tuple[LoadedMatch, ...]
    words: int
    narrator_words: int
    per_1k: float | None
    per_1k_ci: tuple[float, float] | None
    per_1k_all: float | None
    by_category: dict[str, int]
    own_words: int = 0
    own_per_1k: float | None = None
    own_per_1k_ci: tuple[float, float] | None = None
    own_sentences: tuple[Span, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The ``loaded`` section of the per-article JSON contract."""
        return {
            "matches": [m.to_dict() for m in self.matches],
            "per_1k": self.per_1k,
            "per_1k_ci": list(self.per_1k_ci) if self.per_1k_ci is not None else None,
            "per_1k_all": self.per_1k_all,
            "by_category": dict(self.by_category),
            "own_words": self.own_words,
            "own_per_1k": self.own_per_1k,
            "own_per_1k_ci": list(self.own_per_1k_ci) if self.own_per_1k_ci is not None else None,
            "own_sentences": [{"start": s.start, "end": s.end} for s in self.own_sentences],
        }


# --------------------------------------------------------------------------------------------
# Naming choices (analysis.measures.naming)


@dataclass(frozen=True, slots=True)
class NamingSpan:
    """One naming of an actor in the text (``in_quote``: inside a quotation)."""

    start: int
    end: int
    group: str
    variant: str
    in_quote: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The span as in the ``naming_spans`` list of the JSON contract."""
        return {"start": self.start, "end": self.end, "group": self.group, "variant": self.variant}


@dataclass(frozen=True, slots=True)
class NamingResult:
    """Naming counts of one article: ``counts[group][variant]`` and the evidence spans."""

    counts: dict[str, dict[str, int]]
    spans: tuple[NamingSpan, ...]

    def to_dict(self) -> dict[str, Any]:
        """``{"naming": {group: {variant: count}}, "naming_spans": [...]}`` for the JSON."""
        return {
            "naming": {g: dict(v) for g, v in self.counts.items()},
            "naming_spans": [s.to_dict() for s in self.spans],
        }


# --------------------------------------------------------------------------------------------
# Sentiment toward actors (analysis.measures.sentiment)


@dataclass(frozen=True, slots=True)
class Toward:
    """Mean compound of the narrator sentences that name one actor group."""

    mean: float
    sentences: int


# --------------------------------------------------------------------------------------------
# Voices: quotations and speakers (analysis.measures.voices)


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation (marks included) and who it is attributed to (``None``: unattributed)."""

    start: int
    end: int
    text: str
    speaker: str | None
    speaker_group: str | None
    verb: str | None


@dataclass(frozen=True, slots=True)
class Speaker:
    """A quoted person or body: how many quotations and quoted words it has in the article."""

    name: str
    group: str | None
    quotes: int
    words: int


@dataclass(frozen=True, slots=True)
class Attribution:
    """A reporting phrase ("Blinken said", "according to the ministry") and whom it names."""

    start: int
    end: int
    speaker: str | None
    verb: str | None


@dataclass(frozen=True, slots=True)
class VoicesResult:
    """Quotations, their speakers and the reporting phrases of one article.

    Attributes:
        quote_share: share of the article's words (outside excluded spans) that lie inside
            quotations; ``None`` for an article without words.
        quotes: every quotation with its speaker, speaker group and reporting verb.
        speakers: one entry per speaker, most quoted words first.
        attributions: the reporting phrases, in text order.
    """

    quote_share: float | None
    quotes: tuple[Quote, ...]
    speakers: tuple[Speaker, ...]
    attributions: tuple[Attribution, ...]

    def to_dict(self) -> dict[str, Any]:
        """The ``voices`` section of the score JSON."""
        return {
            "quote_share": None if self.quote_share is None else round(self.quote_share, 4),
            "quotes": [
                {
                    "start": q.start,
                    "end": q.end,
                    "text": q.text,
                    "speaker": q.speaker,
                    "speaker_group": q.speaker_group,
                    "verb": q.verb,
                }
                for q in self.quotes
            ],
            "speakers": [
                {"name": s.name, "group": s.group, "quotes": s.quotes, "words": s.words}
                for s in self.speakers
            ],
            "attributions": [
                {"start": a.start, "end": a.end, "speaker": a.speaker, "verb": a.verb}
                for a in self.attributions
            ],
        }


# --------------------------------------------------------------------------------------------
# One scored article


@dataclass(frozen=True, slots=True)
class ArticleScores:
    """Everything measured about one article; ``analysis.io.output.article_to_dict`` gives the JSON.

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
