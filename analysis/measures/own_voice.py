"""The writer's own voice: the sentences that report nobody's words.

A sentence is in the writer's own voice when it overlaps no quotation and holds no reporting
word: a form of a reporting verb from ``lexicons/reporting_verbs.csv`` ("said", "told",
"claimed" ...) or "according". What is left is what the writer asserts unprompted ("The
reckless plan collapsed on Friday."), while direct speech and indirect speech ("Critics said
the plan was reckless") relay someone else's characterisation. A reporting-verb form written
with a capital inside a sentence is part of a name ("the United States", "The Washington Post")
and does not count.

The loaded rate of the own voice (``LoadedResult.own_per_1k``) is the number of flagged loaded
matches inside these sentences per 1,000 of their words. It is the article-level figure the
evaluation found to order articles of the same event by annotated bias better than the plain
narrator rate (see ``analysis/evaluate/ordering.py`` and the README's validation section).

*Misleads when*: a noun use of a reporting word ("the report", "a state budget") takes a
sentence out of the own voice, and an article made mostly of quotations keeps few own-voice
words, so its interval is wide.

References:
    Bergler, S. (1992). The evidential analysis of reported speech. PhD thesis, Brandeis
    University (reported speech as the reporter's evidence, not the reporter's claim).
    Recasens, M., Danescu-Niculescu-Mizil, C. & Jurafsky, D. (2013). Linguistic models for
    analyzing and detecting biased language. ACL 2013 (bias in the writer's own framing words).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

from analysis.text.lexicon import LexiconError, read_table
from analysis.text.model import Excluded, Segmentation, Span
from analysis.text.segmentation import covered, inside, tokens_in

__all__ = ["attribution_words", "own_voice_sentences"]


@lru_cache(maxsize=1)
def attribution_words() -> frozenset[str]:
    """Every one-word form of the project's reporting verbs, plus "according" (lower case)."""
    source = "reporting_verbs.csv"
    try:
        text = resources.files("analysis.lexicons").joinpath(source).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LexiconError(f"{source}: missing from analysis/lexicons") from None
    _, rows = read_table(text, source=source, key_column="forms")
    words = {"according"}
    for row in rows:
        words.update(f.strip().lower() for f in (row.get("forms") or "").split("|") if f.strip())
    return frozenset(words)


def own_voice_sentences(
    seg: Segmentation, norm: Sequence[str], *, excluded: Sequence[Excluded] = ()
) -> list[Span]:
    """The sentences of ``seg`` in the writer's own voice (see the module docstring).

    Args:
        seg: the article's segmentation.
        norm: its normalised tokens (:func:`analysis.text.lexicon.normalized_tokens`).
        excluded: page furniture, sorted; sentences starting inside it are left out.

    Returns:
        The own-voice sentence spans, in text order.
    """
    text = seg.text
    cues = attribution_words()
    own = []
    for sentence in seg.sentences:
        if covered(seg.quotes, sentence.start, sentence.end) or (
            excluded and inside(excluded, sentence.start)
        ):
            continue
        span = tokens_in(seg, sentence.start, sentence.end)
        if not span:
            continue
        if any(
            norm[i] in cues and (i == span.start or not text[seg.tokens[i].start].isupper())
            for i in span
        ):
            continue
        own.append(sentence)
    return own
