"""Quotation finding: every quotation's speaker, the reporting phrases and the quoted share.

Works on the quotation spans of the one segmentation pass
(:func:`analysis.text.segmentation.segment`), leaving out those mostly inside page furniture.
Each quotation is attributed by :mod:`~analysis.measures.voices.attribution`; its speaker is
named and merged with earlier mentions by :mod:`~analysis.measures.voices.speakers`; a quotation
with no reporting clause takes the speaker of the previous quotation in the same paragraph, else
it stays unattributed: nothing is guessed.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from operator import attrgetter
from typing import Any

from analysis.measures.voices.attribution import Attributor
from analysis.measures.voices.groups import SpeakerGroups, load_speaker_groups
from analysis.measures.voices.phrases import TokenView, index_of
from analysis.measures.voices.speakers import Entity, SpeakerRegistry
from analysis.text.model import (
    Attribution,
    Excluded,
    Quote,
    Segmentation,
    Span,
    Speaker,
    VoicesResult,
)
from analysis.text.segmentation import covered, tokens_in

_start = attrgetter("start")


def outside_flags(tokens: Sequence[Span], spans: Sequence[Span]) -> list[bool]:
    """For each token, ``not inside(spans, token.start)`` for spans sorted by start.

    A position belongs to the last span starting at or before it, so each span rules out the
    tokens starting from its start up to its end or the next span's start: one slice each.
    """
    flags = [True] * len(tokens)
    for k, span in enumerate(spans):
        stop = span.end if k + 1 == len(spans) else min(span.end, spans[k + 1].start)
        lo = bisect_left(tokens, span.start, key=_start)
        hi = bisect_left(tokens, stop, lo, key=_start)
        flags[lo:hi] = [False] * (hi - lo)
    return flags


def _continues(seg: Segmentation, q: Span, last: Span) -> bool:
    """Quotation ``q``, which has no reporting clause, continues the speaker of quotation
    ``last`` (the last one attributed): it is in the same paragraph, or it opens the next one
    and ``last`` is a full sentence of quotation (the news convention of a follow-on paragraph;
    a partial quotation, "... after a “long day.”", is no lead-in)."""
    here, there = index_of(seg.paragraphs, q.start), index_of(seg.paragraphs, last.end - 1)
    if here == there:
        return True
    if here != there + 1 or seg.text[seg.paragraphs[here].start : q.start].strip():
        return False
    sentence = seg.sentences[index_of(seg.sentences, last.start)] if seg.sentences else last
    return not seg.text[max(sentence.start, seg.paragraphs[there].start) : last.start].strip()


def _kept_quotes(seg: Segmentation, excluded: Sequence[Excluded]) -> tuple[Span, ...]:
    spans = sorted((Span(e.start, e.end) for e in excluded), key=lambda s: s.start)
    return tuple(q for q in seg.quotes if 2 * covered(spans, q.start, q.end) < len(q))


def find_voices(
    seg: Segmentation,
    *,
    excluded: Sequence[Excluded] = (),
    groups: SpeakerGroups | None = None,
) -> VoicesResult:
    """Find every quotation's speaker, the reporting phrases and the share of quoted words.

    Args:
        seg: the article's segmentation (its quotation spans include the quote marks).
        excluded: page furniture; quotations mostly inside it and words inside it are ignored.
        groups: speaker-group rules; default: the user's file, then the built-in one.

    Returns:
        A :class:`VoicesResult`; ``to_dict()`` gives the ``voices`` section of the score JSON.
    """
    groups = groups or load_speaker_groups()
    quotes = _kept_quotes(seg, excluded)
    view = TokenView(seg, quotes, groups)
    attributor, registry = Attributor(view), SpeakerRegistry(view)
    text = seg.text
    spans_excluded = sorted((Span(e.start, e.end) for e in excluded), key=lambda s: s.start)
    word_flags = outside_flags(seg.tokens, spans_excluded) if excluded else None
    total_words = sum(word_flags) if word_flags is not None else len(seg.tokens)

    found: list[tuple[Entity | None, str | None]] = []
    attributions: dict[tuple[int, int], Attribution] = {}
    carried: tuple[Span, Entity] | None = None  # the last attributed quotation, its speaker
    for n, q in enumerate(quotes):
        mention = attributor.find(q, n)
        entity = registry.resolve(mention) if mention else None
        if mention is None and carried and _continues(seg, q, carried[0]):
            entity = carried[1]
        if mention is not None:
            attributions[(mention.start, mention.end)] = Attribution(
                mention.start, mention.end, entity.name if entity else None, mention.verb
            )
        if entity is not None:
            registry.remember(entity, tokens_in(seg, q.start, q.end).start)
            carried = (q, entity)
        found.append((entity, mention.verb if mention else None))

    records = []
    tallies: dict[int, list[Any]] = {}
    quoted_words = 0
    for q, (entity, verb) in zip(quotes, found, strict=True):
        r = tokens_in(seg, q.start, q.end)
        words = sum(word_flags[r.start : r.stop]) if word_flags is not None else len(r)
        quoted_words += words
        records.append(
            Quote(
                q.start,
                q.end,
                text[q.start : q.end],
                entity.name if entity else None,
                entity.group if entity else None,
                verb,
            )
        )
        if entity is not None:
            tally = tallies.setdefault(id(entity), [entity, 0, 0])
            tally[1] += 1
            tally[2] += words
    speakers = sorted(
        (Speaker(e.name, e.group, count, words) for e, count, words in tallies.values()),
        key=lambda s: (-s.words, -s.quotes, s.name),
    )
    return VoicesResult(
        quote_share=quoted_words / total_words if total_words else None,
        quotes=tuple(records),
        speakers=tuple(speakers),
        attributions=tuple(sorted(attributions.values(), key=lambda a: a.start)),
    )
