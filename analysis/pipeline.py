"""Score articles: one segmentation pass, then every measure on the same spans.

``score_article`` is a pure function of the article; ``iter_scores`` streams a corpus through it,
optionally in worker processes, so memory stays flat however many articles come in.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from multiprocessing import get_context

from analysis.furniture import find_furniture
from analysis.model import Article, ArticleScores, SentenceScore, Span
from analysis.readability import readability
from analysis.sentiment import compound, summarize
from analysis.text import covered, segment, tokens_in
from analysis.voices import find_voices


def _has_headline(article: Article) -> bool:
    """The first line is the headline when the title was taken from it (or repeats it)."""
    first_line = article.text.lstrip().split("\n", 1)[0].strip()
    return bool(first_line) and first_line == article.title.strip()


def _mostly_inside(spans: tuple, span: Span) -> bool:
    return 2 * covered(spans, span.start, span.end) >= span.end - span.start


def score_article(article: Article) -> ArticleScores:
    """Score one article (see the README's output contract for what each field means)."""
    text = article.text
    has_headline = _has_headline(article)
    seg = segment(text, has_headline=has_headline)
    excluded = find_furniture(text, has_headline=has_headline)

    kept = [s for s in seg.sentences if not _mostly_inside(excluded, s)]
    scores = []
    body_parts = []
    body_words = 0
    words = 0
    for sentence in kept:
        token_range = tokens_in(seg, sentence.start, sentence.end)
        sentence_tokens = seg.tokens[token_range.start : token_range.stop]
        quoted = sum(1 for t in sentence_tokens if _mostly_inside(seg.quotes, t))
        words += len(sentence_tokens)
        sentence_text = text[sentence.start : sentence.end]
        scores.append(
            SentenceScore(
                start=sentence.start,
                end=sentence.end,
                compound=compound(sentence_text),
                in_quote=bool(sentence_tokens) and 2 * quoted >= len(sentence_tokens),
            )
        )
        if sentence != seg.headline and sentence_tokens:
            body_parts.append(sentence_text)
            body_words += len(sentence_tokens)

    return ArticleScores(
        article=article,
        words=words,
        sentences=len(scores),
        excluded=excluded,
        quotes=seg.quotes,
        sentence_scores=tuple(scores),
        sentiment=summarize(scores),
        readability=readability(" ".join(body_parts), words=body_words, sentences=len(body_parts)),
        voices=find_voices(seg, excluded=excluded),
    )


def default_workers() -> int:
    """Worker processes to use for a large corpus: every core the process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def iter_scores(
    articles: Iterable[Article], *, workers: int = 1, chunksize: int = 4
) -> Iterator[ArticleScores]:
    """Score articles in input order, streaming; ``workers > 1`` uses that many processes."""
    if workers <= 1:
        yield from map(score_article, articles)
        return
    method = "fork" if sys.platform == "linux" else "spawn"
    with get_context(method).Pool(workers) as pool:
        yield from pool.imap(score_article, articles, chunksize=chunksize)


def score_corpus(articles: Iterable[Article], *, workers: int = 1) -> list[ArticleScores]:
    """Score every article and return the records in input order."""
    return list(iter_scores(articles, workers=workers))
