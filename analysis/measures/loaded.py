"""Loaded vocabulary: find charged words, labels, hedges and loaded verbs, with evidence spans.

One pass over the segmentation's word tokens: each token (lower case, typographic apostrophes
unified) is looked up in the lexicon index, multi-word phrases are tried longest first, and the
matches never overlap. A flagged match then widens to the short phrase it loads: a light degree
modifier just before it joins it ("very disgraceful"), and a loaded adjective takes the noun it
stands before ("a disgraceful decision"). Each match records whether it lies inside a quotation
(``in_quote``: the words are someone else's) and whether a negator stands just before it
(``negated``: "not a disaster" is still the word "disaster", so it is kept but marked).

Scare quotes are found from the quotation spans: a quotation of one to four words, not in title
case, with no reporting verb (``reporting_verbs.csv``) or "according" in its sentence or just
around it, and no colon introducing it, is the writer distancing itself from a phrase nobody is
said to have used. It becomes a match of category ``hedge`` with the term ``scare quotes``.

Rates: ``per_1k`` is the narrator's matches (outside quotations) per 1,000 narrator words, with
an exact Poisson interval on the count (Garwood 1936) divided by the words; it suits the small
counts of a single article, where a normal approximation would give negative lower bounds.
``own_per_1k`` counts only the writer's own voice: sentences with no quotation and no reporting
word (:mod:`analysis.measures.own_voice`), the same interval with it. It is the article-level
figure to show and compare: on BASIL it orders articles of one event by annotated bias better
than ``per_1k`` (README, validation).

References:
    Garwood, F. (1936). Fiducial limits for the Poisson distribution. Biometrika 28 (3/4):
    437-442. Ulm, K. (1990). A simple method to calculate the confidence interval of a
    standardized mortality ratio. American Journal of Epidemiology 131 (2): 373-375 (the
    chi-square form of the same interval).
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from analysis.measures.own_voice import attribution_words, own_voice_sentences
from analysis.text.lexicon import (
    Entry,
    Lexicon,
    inflect,
    longest_match,
    normalized_tokens,
)
from analysis.text.model import Excluded, LoadedMatch, LoadedResult, Segmentation, Span
from analysis.text.segmentation import inside, is_title_case, tokens_in

__all__ = [
    "SCARE_QUOTES",
    "LoadedMatch",
    "LoadedResult",
    "find_loaded",
    "garwood_interval",
    "sentence_loaded",
]


def _word_set(spaced: str) -> frozenset[str]:
    """A word list written as whitespace-separated words."""
    return frozenset(spaced.split())


#: Tokens that negate a match when they stand within :data:`NEGATION_WINDOW` tokens before it.
NEGATORS = _word_set("not no never without hardly barely scarcely nor neither cannot")
NEGATION_WINDOW = 3
#: Words before which a loaded verb's base or -s form is a noun ("the claim", "their claims").
DETERMINERS = _word_set(
    "the a an this that these those his her its their our my your some any no every each "
    "another such whose which"
)
#: Closed-class English words that cannot be the head noun of a loaded adjective: determiners,
#: pronouns, prepositions, conjunctions, auxiliaries and common adverbs (Quirk et al. 1985).
FUNCTION_WORDS = _word_set(
    "a an the this that these those some any no every each all both either neither such what "
    "which who whom whose whoever i me my mine we us our ours you your yours he him his she her "
    "hers it its they them their theirs myself yourself himself herself itself ourselves "
    "themselves one ones "
    "of in on at by for with from to into onto upon about above below over under after before "
    "since until till during through throughout against among amid between beyond within "
    "without toward towards across along around behind beside besides despite except like near "
    "off out per than via up down "
    "and or but nor so yet if because although though while whereas unless whether as when "
    "where why how then once "
    "is am are was were be been being has have had having do does did doing will would shall "
    "should can could may might must ought "
    "not never also even still just only too very now here there again already always often "
    "ever more most less least much many enough quite rather almost soon indeed instead else "
    "anyway however therefore thus hence"
)
#: Categories whose entries modify the word they stand before ("deeply", "utterly", "sheer").
MODIFIER_CATEGORIES = frozenset({"intensifier", "exaggeration"})
_CLAUSE_BREAK = frozenset(".;:!?")
_SENTENCE_END = frozenset(".!?:;…\n\r")
_LEADING = frozenset(" \t\u00a0“\"‘'([{—–-")

#: The entry used for scare quotes (category ``hedge``).
SCARE_QUOTES = Entry(
    term="scare quotes",
    category="hedge",
    weight=0.6,
    reason="a short quoted phrase attributed to no one: the writer distances itself from it",
    alternative="drop the quotation marks, or say who used the phrase",
)
SCARE_QUOTE_MAX_WORDS = 4
_UTTERANCE_END = frozenset(".!?…")
_ATTRIBUTION_BEFORE = 6  # tokens before a quotation searched for a reporting verb
_ATTRIBUTION_AFTER = 4  # tokens after it

# Global knobs of the per-sentence score (tuned on the development sets as a handful of global
# numbers; the per-word weights come from the lexicon files and were never fitted).
FLAG_WEIGHT = 0.55  # weight x category factor from here on (0.6 and up) is a flagged loaded word
QUOTE_FACTOR = 0.25  # a loaded word inside a quotation is the speaker's, not the writer's
NEGATED_FACTOR = 0.6  # "not a disaster" still evokes the word, less strongly
LENGTH_EXPONENT = 0.5  # sentence score = weighted matches / (words ** exponent)
CATEGORY_FACTOR: dict[str, float] = {
    "name_calling": 1.0,
    "emotive": 1.0,
    "subjective": 1.0,
    "intensifier": 1.0,
    "exaggeration": 1.0,
    "hedge": 1.0,
    "loaded_verb": 1.0,
    "certainty": 1.0,
}


def _poisson_cdf(k: int, mu: float) -> float:
    """P(X <= k) for X ~ Poisson(mu), summed in log space (no underflow for large mu)."""
    if mu <= 0.0:
        return 1.0
    log_mu = math.log(mu)
    return math.fsum(math.exp(i * log_mu - mu - math.lgamma(i + 1)) for i in range(k + 1))


def _solve(f: Any, target: float, hi: float) -> float:
    """The root of the decreasing function ``f(mu) = target`` on ``[0, hi]`` by bisection."""
    lo = 0.0
    for _ in range(80):
        mid = (lo + hi) / 2
        if f(mid) > target:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


@lru_cache(maxsize=1024)
def garwood_interval(count: int, *, level: float = 0.95) -> tuple[float, float]:
    """Exact (Garwood 1936) two-sided interval for the mean of a Poisson count.

    The lower limit L solves P(X >= count | L) = alpha/2 and the upper limit U solves
    P(X <= count | U) = alpha/2 (0 for count 0), equivalent to the chi-square quantiles
    ``chi2(alpha/2, 2k)/2`` and ``chi2(1-alpha/2, 2k+2)/2``.

    Args:
        count: the observed count, >= 0.
        level: the confidence level.

    References:
        Garwood, F. (1936). Biometrika 28 (3/4): 437-442.
    """
    if count < 0:
        raise ValueError("count must be >= 0")
    tail = (1.0 - level) / 2
    hi = count + 10.0 * math.sqrt(count + 1) + 10.0
    upper = _solve(lambda mu: _poisson_cdf(count, mu), tail, hi)
    if count == 0:
        return 0.0, upper
    lower = _solve(lambda mu: _poisson_cdf(count - 1, mu), 1.0 - tail, hi)
    return lower, upper


def _negated(text: str, tokens: Sequence[Span], norm: Sequence[str], i: int) -> bool:
    for j in range(i - 1, max(-1, i - 1 - NEGATION_WINDOW), -1):
        if _CLAUSE_BREAK.intersection(text[tokens[j].end : tokens[j + 1].start]):
            return False
        word = norm[j]
        if word in NEGATORS or word.endswith("n't"):
            return True
    return False


def _scare_quotes(seg: Segmentation, norm: Sequence[str]) -> list[tuple[Span, int]]:
    """Short unattributed quotations, as (quotation span, index of its first token)."""
    text = seg.text
    cues = attribution_words()
    sentence_starts = [s.start for s in seg.sentences]
    found = []
    for quote in seg.quotes:
        inner = tokens_in(seg, quote.start, quote.end)
        if not 1 <= len(inner) <= SCARE_QUOTE_MAX_WORDS:
            continue
        words = [text[seg.tokens[i].start : seg.tokens[i].end] for i in inner]
        if all(w[0].isupper() or w[0].isdigit() for w in words):
            continue  # a title, a name or a slogan in title case
        tail = text[seg.tokens[inner.stop - 1].end : quote.end].lstrip("’'")[:1]
        if words[0][0].isupper() and tail and tail in _UTTERANCE_END:
            continue  # a complete quoted utterance ("No." / "Never again!"), not a phrase
        if text[max(0, quote.start - 3) : quote.start].rstrip().endswith(":"):
            continue  # introduced by a colon: a quotation, not scare quotes
        lo = inner.start - _ATTRIBUTION_BEFORE
        hi = inner.stop + _ATTRIBUTION_AFTER
        k = bisect_right(sentence_starts, quote.start) - 1
        if k >= 0 and quote.start < seg.sentences[k].end:  # the whole sentence around it
            sentence = tokens_in(seg, seg.sentences[k].start, seg.sentences[k].end)
            lo, hi = min(lo, sentence.start), max(hi, sentence.stop)
        if any(norm[i] in cues for i in range(max(0, lo), min(len(norm), hi))):
            continue  # someone is said to have used the words
        if inner.start and norm[inner.start - 1] == "as":
            continue  # "described the plan as 'reckless'": a characterisation someone made
        found.append((quote, inner.start))
    return found


def _noun_use(norm: Sequence[str], i: int, entry: Entry) -> bool:
    """A verb's base or -s form after a determiner is a noun: "the claim", "his boasts"."""
    word = norm[i]
    return (
        i > 0
        and norm[i - 1] in DETERMINERS
        and (word == entry.term or word in inflect(entry.term, "n"))
    )


def _sentence_initial(text: str, pos: int) -> bool:
    """Whether the word at ``pos`` opens a sentence (after . ! ? : or a line break)."""
    j = pos - 1
    while j >= 0 and text[j] in _LEADING:
        j -= 1
    return j < 0 or text[j] in _SENTENCE_END


def _in_name(
    text: str, tokens: Sequence[Span], first: int, last: int, headline: Span | None
) -> bool:
    """A capitalised match inside a run of capitalised words mid-sentence is part of a name.

    "the Chinese Communist Party", "the Department of Homeland Security": the words name an
    institution and the writer did not choose them. Title-case headlines (``headline``) and
    sentence-initial words are exempt.
    """
    start = tokens[first].start
    if headline is not None and headline.start <= start < headline.end:
        return False
    if _sentence_initial(text, start) or text[start : tokens[last].end].isupper():
        return False  # a sentence opener, or capitals for emphasis ("SO-CALLED")
    for j, gap_start, gap_end in (
        (first - 1, tokens[first - 1].end if first else 0, start),
        (last + 1, tokens[last].end, tokens[last + 1].start if last + 1 < len(tokens) else 0),
    ):
        if (
            0 <= j < len(tokens)
            and not text[gap_start:gap_end].strip()
            and text[tokens[j].start].isupper()
            and not _sentence_initial(text, tokens[j].start)
        ):
            return True
    return False


def _flagged(entry: Entry) -> bool:
    """A loaded word in its own right: a user term, or weight x category factor >= the threshold."""
    return entry.user or entry.weight * CATEGORY_FACTOR.get(entry.category, 1.0) >= FLAG_WEIGHT


def _adjective(entry: Entry, word: str) -> bool:
    """The matched word is an adjective entry in its base form (not its -ly adverb)."""
    return entry.pos == "a" and (not word.endswith("ly") or entry.term.endswith("ly"))


def _joined(text: str, tokens: Sequence[Span], j: int) -> bool:
    """Tokens ``j`` and ``j + 1`` are separated by whitespace only."""
    return not text[tokens[j].end : tokens[j + 1].start].strip()


def _light_word(hit: tuple[int, int, Entry]) -> bool:
    """A one-word match below the flag threshold."""
    return hit[0] == hit[1] and not _flagged(hit[2])


def _phrases(
    text: str, tokens: Sequence[Span], norm: Sequence[str], hits: list[tuple[int, int, Entry]]
) -> list[tuple[int, int, Entry]]:
    """Widen flagged matches to the short phrase they load.

    A light degree modifier just before a flagged word ("very cruel", "deeply dishonest") joins
    it, and a loaded adjective takes the noun it stands before ("a disgraceful decision"): the
    next word, when it is lower case, not a function word and not an -ly adverb. Readers and
    annotators judge the phrase, not the bare adjective.
    """
    out: list[tuple[int, int, Entry]] = []
    n = len(tokens)
    k = 0
    while k < len(hits):
        first, last, entry = hits[k]
        k += 1
        if _flagged(entry):
            if (
                out
                and out[-1][1] == first - 1
                and out[-1][2].category in MODIFIER_CATEGORIES
                and not _flagged(out[-1][2])
                and _joined(text, tokens, first - 1)
            ):
                first = out.pop()[0]
            nxt = last + 1
            if (
                nxt < n
                and _adjective(entry, norm[last])
                and (k == len(hits) or hits[k][0] > nxt or _light_word(hits[k]))
                and _joined(text, tokens, last)
                and text[tokens[nxt].start].islower()
                and norm[nxt].isalpha()
                and norm[nxt] not in FUNCTION_WORDS
                and not norm[nxt].endswith("ly")
            ):
                last = nxt
                if k < len(hits) and hits[k][0] == nxt:
                    k += 1  # the noun was a light match of its own: the phrase takes it over
        out.append((first, last, entry))
    return out


def _rate(count: int, words: int) -> float | None:
    return 1000.0 * count / words if words else None


def find_loaded(
    seg: Segmentation, *, excluded: Sequence[Excluded] = (), lexicon: Lexicon
) -> LoadedResult:
    """Find the loaded terms of a segmented article.

    Args:
        seg: the article's segmentation (its tokens and quotations are used).
        excluded: page furniture; matches starting inside it are dropped and its words are not
            counted.
        lexicon: from :func:`analysis.text.lexicon.load_lexicon`.

    Returns:
        A :class:`LoadedResult` with the matches and the narrator and overall rates.
    """
    text = seg.text
    tokens = seg.tokens
    quotes = seg.quotes
    skip = sorted(excluded, key=lambda e: e.start)
    norm = normalized_tokens(seg)
    # In a title-case headline every word is capitalised, so capitals do not mark names there.
    headline = seg.headline
    if headline is not None and not is_title_case(text[headline.start : headline.end]):
        headline = None
    index = lexicon.index
    n = len(tokens)
    hits: list[tuple[int, int, Entry]] = []
    free = 0  # the first token after the last match
    for i in lexicon.openers.starts(norm):
        if i < free:
            continue
        hit = longest_match(index, norm, i, text, tokens)
        if hit is None:
            continue
        last, entry = hit
        if (text[tokens[i].start].isupper() and _in_name(text, tokens, i, last, headline)) or (
            last == i and entry.category == "loaded_verb" and _noun_use(norm, i, entry)
        ):
            continue
        hits.append((i, last, entry))
        free = last + 1
    found: list[tuple[int, int, Entry, int]] = [
        (tokens[first].start, tokens[last].end, entry, first)
        for first, last, entry in _phrases(text, tokens, norm, hits)
    ]
    for quote, first in _scare_quotes(seg, norm):
        found.append((quote.start, quote.end, SCARE_QUOTES, first))
    found.sort(key=lambda f: (f[0], -f[1]))

    matches = []
    for start, end, entry, first in found:
        if skip and inside(skip, start):
            continue
        matches.append(
            LoadedMatch(
                start=start,
                end=end,
                text=text[start:end],
                term=entry.term,
                category=entry.category,
                weight=entry.weight,
                in_quote=entry is not SCARE_QUOTES and inside(quotes, start),
                negated=_negated(text, tokens, norm, first),
                reason=entry.reason,
                alternative=entry.alternative,
                user=entry.user,
                flagged=_flagged(entry),
            )
        )

    skipped = {j for e in skip for j in tokens_in(seg, e.start, e.end)}
    quoted = {j for q in quotes for j in tokens_in(seg, q.start, q.end)} - skipped
    words = n - len(skipped)
    narrator_words = words - len(quoted)
    flagged = [m for m in matches if m.flagged]
    narrator = sum(not m.in_quote for m in flagged)
    per_1k = _rate(narrator, narrator_words)
    own = own_voice_sentences(seg, norm, excluded=skip)
    own_words = sum(len(tokens_in(seg, s.start, s.end)) for s in own)
    own_starts = [s.start for s in own]
    own_count = 0
    for m in flagged:
        k = bisect_right(own_starts, m.start) - 1
        own_count += k >= 0 and m.start < own[k].end
    return LoadedResult(
        matches=tuple(matches),
        words=words,
        narrator_words=narrator_words,
        per_1k=per_1k,
        per_1k_ci=_interval(narrator, narrator_words),
        per_1k_all=_rate(len(flagged), words),
        by_category=dict(Counter(m.category for m in flagged)),
        own_words=own_words,
        own_per_1k=_rate(own_count, own_words),
        own_per_1k_ci=_interval(own_count, own_words),
        own_sentences=tuple(own),
    )


def _interval(count: int, words: int) -> tuple[float, float] | None:
    """The Garwood 95% interval of ``count`` per 1,000 of ``words`` (None without words)."""
    if not words:
        return None
    low, high = garwood_interval(count)
    return 1000.0 * low / words, 1000.0 * high / words


def match_weight(match: LoadedMatch) -> float:
    """A match's contribution to its sentence's loaded score (weight times the global factors)."""
    weight = match.weight * CATEGORY_FACTOR.get(match.category, 1.0)
    if match.in_quote:
        weight *= QUOTE_FACTOR
    if match.negated:
        weight *= NEGATED_FACTOR
    return weight


def sentence_loaded(result: LoadedResult, seg: Segmentation, spans: Sequence[Span]) -> list[float]:
    """The continuous loaded-language score of each span (usually a sentence).

    The score is the sum of the span's match weights (lexicon weight times a category factor,
    down-weighted inside quotations and after a negator) divided by the square root of its word
    count: dense loaded wording scores high, one mild word in a long sentence scores low. 0 means
    no loaded term; the scale has no upper bound but stays below about 1 for ordinary prose.

    Args:
        result: from :func:`find_loaded` on the same segmentation.
        seg: the segmentation.
        spans: the sentence spans to score (any spans of the text).

    Returns:
        One score per span, in order.
    """
    starts = [m.start for m in result.matches]
    scores = []
    for span in spans:
        lo = bisect_left(starts, span.start)
        hi = bisect_left(starts, span.end, lo)
        total = sum(match_weight(m) for m in result.matches[lo:hi])
        if total:
            n_words = max(1, len(tokens_in(seg, span.start, span.end)))
            total /= n_words**LENGTH_EXPONENT
        scores.append(total)
    return scores
