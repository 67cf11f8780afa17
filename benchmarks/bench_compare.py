"""Speed of the corpus comparison (text reuse, similarity, distinctive terms, stories).

Articles come from a deterministic generator in this file: news-like sentences (skeletons of
function words, names, days and numbers filled with made-up words drawn with Zipf weights) on
one of many stories, written by outlets with their own word preferences, and a share of
*rewritten copies* (an earlier article with words swapped, sentences dropped and a few added), as
syndicated copy is. The issue's bar: reuse detection and distinctive terms must stay fast as the
corpus grows; ``main`` reports the time for 250, 500 and 1,000 articles and the growth from 250
to 1,000 (linear growth is 4x), plus how many of the rewritten copies were found.
"""

from __future__ import annotations

import random
import re
import time
from itertools import accumulate
from typing import Any

from analysis.compare.comparison import compare_corpus
from analysis.text.model import Article, Segmentation
from analysis.text.segmentation import segment

SIZES = (250, 500, 1000)
#: Share of generated articles that rewrite an earlier article of the same story.
COPY_SHARE = 0.15
OUTLETS = 12

_FIRST = (
    "Maria",
    "James",
    "Aisha",
    "Chen",
    "Olga",
    "Rahul",
    "Fatima",
    "Lucas",
    "Amara",
    "Kenji",
    "Sofia",
    "Daniel",
    "Leila",
    "Pavel",
    "Grace",
    "Mateo",
    "Ines",
    "Tomas",
    "Yuki",
    "Omar",
)
_LAST = (
    "Lopez",
    "Okafor",
    "Novak",
    "Haddad",
    "Kim",
    "Moreau",
    "Silva",
    "Petrov",
    "Nguyen",
    "Brown",
    "Kowalski",
    "Rossi",
    "Mensah",
    "Tanaka",
    "Fischer",
    "Ibrahim",
    "Larsen",
    "Costa",
    "Singh",
    "Walsh",
)
_TITLES = ("Minister", "Senator", "Governor", "Mayor", "Professor", "spokesperson", "analyst")
_VERBS = ("said", "told reporters", "added", "warned", "argued", "claimed", "insisted", "noted")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_SKELETONS = (
    "{N} {V} on {D} that the {t} {w} of the {t} would {w} {w} {w} in {P}.",
    "The {t} {w} {w} {w} {w} after the {t} {w}, {n} {V}, and {w} {w} {w} {t} {w}.",
    "In {P}, the {t} {w} and the {w} {t} {w} {w} {w} for {K} {w} {w} {w}.",
    "{N}, a {T} in {P}, {V} that {w} {t} {w} had {w} {w} {K} {w} since {D}.",
    "Since {D}, the {w} {t} has {w} {w} {w} of {w} {t} {w} and {w} {w} {t}.",
    "According to {N}, the {t} {w} {w} {K} {w} {w} {w} {w} {t} {w} in {P} last year.",
)
_QUOTE_SKELETONS = (
    "“The {t} {w} is {w} {w} and {w} {w} {w},” {N} {V}.",
    "{N} {V}: “We {w} the {t} {w} {w} {w} {w} {w} {t}.”",
    "“Our {w} {t} {w} {w} {w} {t} {w} {w},” {n} {V} on {D}.",
)


def _vocabulary(rng: random.Random, size: int = 20_000) -> list[str]:
    """Made-up content words of two or three syllables ("belano", "tikoru"), in rank order.

    Made-up words keep the text neutral; sampling them with Zipf weights (see :func:`generate`)
    gives the word-frequency shape of real prose, which is what shingle statistics depend on.
    """
    syllables = [c + v for c in "bdfklmnprstvz" for v in "aeiou"]
    words: dict[str, None] = {}
    while len(words) < size:
        words["".join(rng.choice(syllables) for _ in range(rng.choice((2, 2, 3))))] = None
    return list(words)


class _Words:
    """Draw words with Zipf weights (the r-th most frequent word has weight 1/r)."""

    def __init__(self, words: list[str]) -> None:
        self.words = words
        self.cumulative = list(accumulate(1 / rank for rank in range(1, len(words) + 1)))

    def draw(self, rng: random.Random) -> str:
        return rng.choices(self.words, cum_weights=self.cumulative)[0]


_SLOT = re.compile(r"\{(\w)\}")


def _sentence(rng: random.Random, story: dict[str, Any], style: list[str], words: _Words) -> str:
    skeleton = rng.choice(_QUOTE_SKELETONS if rng.random() < 0.2 else _SKELETONS)
    name = rng.choice(story["names"])

    def fill(m: re.Match[str]) -> str:
        slot = m.group(1)
        if slot == "w":
            return rng.choice(style) if style and rng.random() < 0.06 else words.draw(rng)
        return {
            "t": lambda: rng.choice(story["topic"]),
            "N": lambda: name,
            "n": lambda: name.split()[-1],
            "V": lambda: rng.choice(_VERBS),
            "D": lambda: rng.choice(_DAYS),
            "P": lambda: story["place"],
            "K": lambda: str(rng.randint(2, 9_999)),
            "T": lambda: rng.choice(_TITLES),
        }[slot]()

    sentence = _SLOT.sub(fill, skeleton)
    return sentence[0].upper() + sentence[1:]


def _rewrite(
    rng: random.Random, sentences: list[str], story: dict[str, Any], words: _Words
) -> list[str]:
    """A light rewrite: most sentences kept with a word or two swapped, some dropped or added."""
    out = []
    for sentence in sentences:
        roll = rng.random()
        if roll < 0.12:
            continue
        tokens = sentence.split(" ")
        for i in range(1, len(tokens)):
            if tokens[i].isalpha() and tokens[i].islower() and rng.random() < 0.08:
                tokens[i] = words.draw(rng)
        out.append(" ".join(tokens))
        if roll > 0.92:
            out.append(_sentence(rng, story, [], words))
    return out


def generate(n: int, *, seed: int = 11) -> list[Article]:
    """``n`` news-like articles, about one in seven a rewritten copy of an earlier one."""
    rng = random.Random(seed)
    words = _Words(_vocabulary(rng))
    stories = [
        {
            "topic": rng.sample(words.words[200:5000], 30),
            "names": [f"{rng.choice(_FIRST)} {rng.choice(_LAST)}" for _ in range(3)],
            "place": rng.choice(words.words).capitalize() + rng.choice((" City", "ia", "stan")),
        }
        for _ in range(max(5, n // 10))
    ]
    styles = {f"Outlet {o + 1:02d}": rng.sample(words.words[100:3000], 6) for o in range(OUTLETS)}
    articles: list[Article] = []
    bodies: list[tuple[list[str], dict[str, Any]]] = []
    for index in range(n):
        outlet = rng.choice(sorted(styles))
        if bodies and rng.random() < COPY_SHARE:
            original, story = bodies[rng.randrange(len(bodies))]
            sentences = _rewrite(rng, original, story, words)
            kind = "copy"
        else:
            story = rng.choice(stories)
            style = styles[outlet]
            sentences = [_sentence(rng, story, style, words) for _ in range(rng.randint(18, 40))]
            bodies.append((sentences, story))
            kind = "original"
        paragraphs, i = [], 0
        while i < len(sentences):
            step = rng.randint(1, 3)
            paragraphs.append(" ".join(sentences[i : i + step]))
            i += step
        headline = " ".join(rng.choice(story["topic"]) for _ in range(6)).capitalize()
        text = headline + "\n\n" + "\n\n".join(paragraphs) + "\n"
        articles.append(
            Article(
                id=f"{kind}-{index:05d}",
                text=text,
                title=headline,
                source="generated",
                outlet=outlet,
            )
        )
    return articles


def run(n: int, *, repeat: int = 2) -> dict[str, Any]:
    """Generate ``n`` articles, segment them, and time :func:`compare_corpus` on them.

    The comparison is timed ``repeat`` times and the fastest run is reported (other processes
    on the machine only ever add time).
    """
    articles = generate(n)
    start = time.perf_counter()
    items: list[tuple[Article, Segmentation]] = [
        (a, segment(a.text, has_headline=True)) for a in articles
    ]
    segmented = time.perf_counter() - start
    compared = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        comparison = compare_corpus(items)
        compared = min(compared, time.perf_counter() - start)
    copies = {a.id for a in articles if a.id.startswith("copy")}
    found = {
        side
        for p in comparison.pairs
        for side, share in ((p.a, p.reused_share_a), (p.b, p.reused_share_b))
        if side in copies and share >= 0.5
    }
    return {
        "articles": n,
        "words": sum(len(seg.tokens) for _, seg in items),
        "segment_s": round(segmented, 3),
        "compare_s": round(compared, 3),
        "pairs": len(comparison.pairs),
        "pairs_with_reuse": sum(1 for p in comparison.pairs if p.passages),
        "copies": len(copies),
        "copies_found": len(found),
        "stories": len(comparison.events),
    }


def main() -> dict[str, Any]:
    """Time 250, 500 and 1,000 articles and print the growth from 250 to 1,000."""
    run(50, repeat=1)  # warm-up: imports, lexicons
    results = {str(n): run(n) for n in SIZES}
    growth = results["1000"]["compare_s"] / max(results["250"]["compare_s"], 1e-9)
    for n, r in results.items():
        print(
            f"compare {n:>5} articles ({r['words']:>7} words): {r['compare_s']:6.2f} s "
            f"(segmentation {r['segment_s']:.2f} s); pairs {r['pairs']}, with reuse "
            f"{r['pairs_with_reuse']}; rewritten copies found {r['copies_found']}/{r['copies']}"
        )
    print(f"growth 250 -> 1,000 articles: {growth:.2f}x (linear = 4x, all pairs = 16x)")
    return {"sizes": results, "growth_250_to_1000": round(growth, 2)}


if __name__ == "__main__":
    main()
