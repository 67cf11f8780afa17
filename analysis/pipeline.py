"""Score articles: one segmentation pass, then every measure on the same spans.

``score_article`` is a pure function of the article; ``iter_scores`` streams a corpus through it,
optionally in worker processes, so memory stays flat however many articles come in.
"""

from __future__ import annotations

import gc
import hashlib
import os
import sys
import threading
from bisect import bisect_left
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from multiprocessing import get_context
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from analysis.io.output import article_from_record, article_to_dict
from analysis.measures.loaded import find_loaded, sentence_loaded
from analysis.measures.naming import (
    NamingGroups,
    find_naming,
    groups_per_span,
    load_naming_groups,
    user_naming_path,
)
from analysis.measures.readability import readability
from analysis.measures.sentiment import compound, summarize, toward_actors
from analysis.measures.voices import SpeakerGroups, find_voices, load_speaker_groups
from analysis.measures.voices.groups import user_speaker_groups_path
from analysis.text.furniture import find_furniture
from analysis.text.lexicon import Lexicon, load_lexicon, user_lexicon_path
from analysis.text.model import Article, ArticleScores, Excluded, SentenceScore, Span
from analysis.text.segmentation import covered, segment, tokens_in

if TYPE_CHECKING:  # the comparison pulls in numpy and pandas: imported only when comparing
    from analysis.compare.comparison import Comparison


@dataclass(frozen=True, slots=True)
class Resources:
    """The data files every article is scored with: lexicon, naming groups, speaker groups.

    ``digest`` is a SHA-256 of the user's own data files as they were when loaded (empty
    string when none exist): part of ``analysis.stored.method_version``.
    """

    lexicon: Lexicon
    naming_groups: NamingGroups
    speaker_groups: SpeakerGroups
    digest: str = ""


def _user_files_digest() -> str:
    digest = hashlib.sha256()
    for path in (user_lexicon_path(), user_naming_path(), user_speaker_groups_path()):
        try:
            content = Path(path).read_bytes()
        except OSError:  # absent (or unreadable: the loader reports that) counts as no rows
            content = b""
        digest.update(f"{path}\0{len(content)}\0".encode("utf-8", "surrogatepass") + content)
    return digest.hexdigest()


def load_resources() -> Resources:
    """Read the built-in data files merged with the user's own (re-read on every call)."""
    digest = _user_files_digest()
    return Resources(load_lexicon(), load_naming_groups(), load_speaker_groups(), digest)


@lru_cache(maxsize=1)
def default_resources() -> Resources:
    """``load_resources()`` once per process; call ``default_resources.cache_clear()`` after
    the user edits a lexicon so the next article sees it."""
    return load_resources()


_start = attrgetter("start")


T = TypeVar("T")


def has_headline(article: Article) -> bool:
    """The first line is the headline when the title was taken from it (or repeats it)."""
    first_line = article.text.lstrip().split("\n", 1)[0].strip()
    return bool(first_line) and first_line == article.title.strip()


def _mostly_inside(spans: tuple, span: Span) -> bool:
    return 2 * covered(spans, span.start, span.end) >= span.end - span.start


def _quoted_token_flags(tokens: Sequence[Span], quotes: Sequence[Span]) -> list[bool]:
    """For each token, whether it starts inside a quotation (quotes sorted, non-overlapping)."""
    flags = [False] * len(tokens)
    for quote in quotes:
        lo = bisect_left(tokens, quote.start, key=_start)
        hi = bisect_left(tokens, quote.end, lo, key=_start)
        flags[lo:hi] = [True] * (hi - lo)
    return flags


#: The article fields :func:`score_article` reads; every other field is only copied into the
#: output (``tests/test_pipeline.py`` checks this), so stored scores are keyed by these alone.
SCORED_FIELDS = ("text", "title")


def score_article(article: Article, *, resources: Resources | None = None) -> ArticleScores:
    """Score one article (see the README's output contract for what each field means).

    Args:
        article: the article as loaded.
        resources: lexicon and groups to use; default: built-ins merged with the user's files.
    """
    resources = resources or default_resources()
    text = article.text
    headline = has_headline(article)
    seg = segment(text, has_headline=headline)
    excluded = find_furniture(text, has_headline=headline)

    if excluded:
        kept = [s for s in seg.sentences if not _mostly_inside(excluded, s)]
    else:  # nothing is covered: only an empty span would count as mostly inside
        kept = [s for s in seg.sentences if s.end > s.start]
    loaded = find_loaded(seg, excluded=excluded, lexicon=resources.lexicon)
    loaded_scores = sentence_loaded(loaded, seg, kept)
    scores = []
    body_parts = []
    body_words = 0
    words = 0
    quoted_tokens = _quoted_token_flags(seg.tokens, seg.quotes)
    for sentence, loaded_score in zip(kept, loaded_scores, strict=True):
        token_range = tokens_in(seg, sentence.start, sentence.end)
        n_tokens = len(token_range)
        quoted = sum(quoted_tokens[token_range.start : token_range.stop])
        words += n_tokens
        sentence_text = text[sentence.start : sentence.end]
        scores.append(
            SentenceScore(
                start=sentence.start,
                end=sentence.end,
                compound=compound(sentence_text),
                in_quote=n_tokens > 0 and 2 * quoted >= n_tokens,
                loaded=loaded_score,
            )
        )
        if sentence != seg.headline and n_tokens:
            body_parts.append(sentence_text)
            body_words += n_tokens

    naming = find_naming(seg, excluded=excluded, groups=resources.naming_groups)
    toward = toward_actors(scores, groups_per_span(naming, scores))
    return ArticleScores(
        article=article,
        words=words,
        sentences=len(scores),
        excluded=excluded,
        quotes=seg.quotes,
        sentence_scores=tuple(scores),
        sentiment=summarize(scores),
        readability=readability(" ".join(body_parts), words=body_words, sentences=len(body_parts)),
        voices=find_voices(seg, excluded=excluded, groups=resources.speaker_groups),
        loaded=loaded,
        naming=naming,
        toward=toward,
    )


def default_workers() -> int:
    """Worker processes to use for a large corpus: every core the process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _score_in_worker(article: Article) -> ArticleScores:
    """Score in a worker process; the text is left out of the reply (the parent has it)."""
    return replace(score_article(article), article=replace(article, text=""))


def record_in_worker(article: Article) -> dict[str, object]:
    """The JSON dict of one article, made in a worker; ``text`` is filled in by the parent."""
    return article_to_dict(replace(score_article(article), article=replace(article, text="")))


def in_workers(
    work: Callable[[Any], Any],
    articles: Iterable[Any],
    rejoin: Callable[[Any, Any], T],
    *,
    workers: int,
    chunksize: int,
    message: Callable[[Any], object] | None = None,
) -> Iterator[T]:
    """``map(work, articles)`` in worker processes, in input order, streaming.

    At most ``4 * workers * chunksize`` articles are in flight at once (the pool would otherwise
    read the whole input ahead), so memory stays flat on any corpus size. Replies leave the
    text out; ``rejoin`` puts the parent's item back. ``message`` (default: the item itself)
    is what is sent to the worker for each item.
    """
    default_resources()  # load the lexicons once, before forking
    in_flight = 4 * workers * chunksize
    slots = threading.Semaphore(in_flight)
    stopped = threading.Event()
    sent: deque[Any] = deque()

    def feed() -> Iterator[Any]:  # runs in the pool's task thread
        for article in articles:
            slots.acquire()
            if stopped.is_set():
                return
            sent.append(article)
            yield article if message is None else message(article)

    method = "fork" if sys.platform == "linux" else "spawn"
    # Forked workers inherit the parent's objects; frozen, the workers' collector leaves them
    # alone (no rescans, no copy-on-write of their pages). The parent unfreezes at once.
    gc.freeze()
    try:
        pool = get_context(method).Pool(workers)
    finally:
        gc.unfreeze()
    with pool:
        try:
            for reply in pool.imap(work, feed(), chunksize=chunksize):
                yield rejoin(reply, sent.popleft())
                slots.release()
        finally:  # unblock the task thread so the pool can shut down if we stop early
            stopped.set()
            slots.release(in_flight)


def _with_article(scored: ArticleScores, article: Article) -> ArticleScores:
    return replace(scored, article=article)


def _with_text(record: dict[str, object], article: Article) -> dict[str, object]:
    record["text"] = article.text
    return record


def iter_scores(
    articles: Iterable[Article], *, workers: int = 1, chunksize: int = 16
) -> Iterator[ArticleScores]:
    """Score articles in input order, streaming; ``workers > 1`` uses that many processes."""
    if workers <= 1:
        return map(score_article, articles)
    return in_workers(
        _score_in_worker, articles, _with_article, workers=workers, chunksize=chunksize
    )


def iter_records(
    articles: Iterable[Article], *, workers: int = 1, chunksize: int = 16
) -> Iterator[dict[str, object]]:
    """``article_to_dict`` of every article, in input order, streaming. With workers the dicts
    are built in the workers too, so the parent only writes them out (the command line's path)."""
    if workers <= 1:
        return (article_to_dict(score_article(a)) for a in articles)
    return in_workers(record_in_worker, articles, _with_text, workers=workers, chunksize=chunksize)


def score_corpus(articles: Iterable[Article], *, workers: int = 1) -> list[ArticleScores]:
    """Score every article and return the records in input order."""
    return list(iter_scores(articles, workers=workers))


def compare_articles(
    articles: Sequence[Article], excluded: Mapping[str, Sequence[Excluded]]
) -> Comparison:
    """Compare articles (reuse, similarity, distinctive terms, stories) on the same segmentation
    and with the same page furniture left out as when they were scored."""
    from analysis.compare.comparison import compare_corpus

    items = ((a, segment(a.text, has_headline=has_headline(a))) for a in articles)
    return compare_corpus(items, excluded=excluded)  # segmented one at a time


def compare_scores(scores: Sequence[ArticleScores]) -> Comparison:
    """``compare_articles`` for scored articles."""
    return compare_articles([s.article for s in scores], {s.article.id: s.excluded for s in scores})


def compare_records(records: Sequence[Mapping[str, object]]) -> Comparison:
    """``compare_articles`` for article dicts of the JSON contract (as the dashboard holds them)."""
    articles = [article_from_record(r) for r in records]
    excluded = {
        a.id: tuple(Excluded(e["start"], e["end"], e["reason"]) for e in r.get("excluded", ()))
        for a, r in zip(articles, records, strict=True)
    }
    return compare_articles(articles, excluded)
