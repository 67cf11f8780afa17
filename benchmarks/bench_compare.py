"""Speed and memory of the corpus comparison (text reuse, similarity, distinctive terms, stories).

Articles come from a deterministic generator in this file: news-like sentences (skeletons of
function words, names, days and numbers filled with made-up words drawn with Zipf weights) on
one of many stories (about ten articles each), written by outlets with their own word
preferences, and a share of *rewritten copies* (an earlier article with words swapped, sentences
dropped and a few added), as syndicated copy is. Each size runs in a fresh process so that its
peak resident memory (``ru_maxrss``) is its own; the process holds the generated articles and
segments them one at a time as :func:`compare_corpus` reads them, as ``python -m analysis
compare`` does. Reported per size: CPU seconds of the comparison (segmentation included;
medians of alternating runs where repeated), peak RSS, pairs, rewritten copies found, and the
adjusted Rand index of the stories found against the generator's stories (also for 2,000
articles in stories of 100, larger than the neighbour list), and (up to 10,000
articles) the share of the exact neighbour search's pairs that the pruned search lists. The
issue's bar:
10,000 articles under 1 GB, memory roughly linear to 50,000 (``BENCH_COMPARE_SIZES=1000,5000,
10000,50000 python -m benchmarks compare``).
"""

from __future__ import annotations

import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import time
from itertools import accumulate
from typing import Any

from sklearn.metrics import adjusted_rand_score

from analysis.compare.comparison import MIN_SIMILARITY, compare_corpus
from analysis.compare.documents import Vocabulary, prepare_documents
from analysis.compare.similarity import neighbour_pairs, tfidf_vectors
from analysis.text.model import Article
from analysis.text.segmentation import segment

SIZES = (1000, 5000, 10_000)
#: Runs per size (alternating sizes, median reported) up to this size; larger sizes run once.
REPEAT, REPEAT_UP_TO = 3, 1000
#: Articles, and articles per story, of the run with stories larger than the neighbour list.
LARGE_STORIES = (2000, 100)
#: Sizes up to which the pruned neighbour search is checked against the exact one.
EXACT_UP_TO = 10_000
#: The issue's memory bar for 10,000 articles.
MAX_MB_10K = 1024
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


def generate(n: int, *, seed: int = 11, story_size: int = 10) -> tuple[list[Article], list[int]]:
    """``n`` news-like articles, about one in seven a rewritten copy of an earlier one, and the
    story each was written about (a copy is on its original's story)."""
    rng = random.Random(seed)
    words = _Words(_vocabulary(rng))
    stories = [
        {
            "topic": rng.sample(words.words[200:5000], 30),
            "names": [f"{rng.choice(_FIRST)} {rng.choice(_LAST)}" for _ in range(3)],
            "place": rng.choice(words.words).capitalize() + rng.choice((" City", "ia", "stan")),
            "number": number,
        }
        for number in range(max(5, n // story_size))
    ]
    styles = {f"Outlet {o + 1:02d}": rng.sample(words.words[100:3000], 6) for o in range(OUTLETS)}
    articles: list[Article] = []
    story_of: list[int] = []
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
        story_of.append(story["number"])
        articles.append(
            Article(
                id=f"{kind}-{index:05d}",
                text=text,
                title=headline,
                source="generated",
                outlet=outlet,
            )
        )
    return articles, story_of


def run(n: int, story_size: int = 10) -> dict[str, Any]:
    """Generate ``n`` articles and compare them in this process; the figures of one size."""
    articles, story_of = generate(n, story_size=story_size)
    before_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    cpu, wall = time.process_time(), time.perf_counter()
    comparison = compare_corpus((a, segment(a.text, has_headline=True)) for a in articles)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    copies = {a.id for a in articles if a.id.startswith("copy")}
    found = {
        side
        for p in comparison.pairs
        for side, share in ((p.a, p.reused_share_a), (p.b, p.reused_share_b))
        if side in copies and share >= 0.5
    }
    story = {article: name for name, ids in comparison.events.items() for article in ids}
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "articles": n,
        "compare_cpu_s": round(cpu, 2),
        "compare_wall_s": round(wall, 2),
        "peak_rss_mb": round(peak_mb, 1),
        "rss_before_compare_mb": round(before_mb, 1),
        "pairs": len(comparison.pairs),
        "pairs_with_reuse": sum(1 for p in comparison.pairs if p.passages),
        "copies": len(copies),
        "copies_found": len(found),
        "stories": len(comparison.events),
        "true_stories": len(set(story_of)),
        "story_ari": round(adjusted_rand_score(story_of, [story[a.id] for a in articles]), 4),
        "neighbour_recall": _neighbour_recall(articles) if n <= EXACT_UP_TO else None,
    }


def _neighbour_recall(articles: list[Article]) -> float:
    """Share of the exact search's listed neighbour pairs that the pruned search lists too
    (measured after the peak memory was read: the exact search is the expensive one)."""
    vocabulary = Vocabulary()
    items = ((a, segment(a.text, has_headline=True)) for a in articles)
    docs = prepare_documents(items, {}, vocabulary)
    vectors, _ = tfidf_vectors(docs, vocabulary.content_mask())
    found = neighbour_pairs(vectors, min_similarity=MIN_SIMILARITY)
    exact = neighbour_pairs(vectors, min_similarity=MIN_SIMILARITY, candidate_df=len(docs))
    return round(len(found.keys() & exact.keys()) / max(len(exact), 1), 4)


def _in_process(n: int, story_size: int = 10) -> dict[str, Any]:
    """:func:`run` in a fresh interpreter, so that the peak memory is this size's alone."""
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_compare", str(n), str(story_size)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout)


def _sizes() -> tuple[int, ...]:
    given = os.environ.get("BENCH_COMPARE_SIZES", "")
    return tuple(int(x) for x in given.split(",") if x.strip()) or SIZES


def main() -> dict[str, Any]:
    """Each size in its own process; small sizes repeated, alternating, and the median kept."""
    sizes = _sizes()
    runs: dict[int, list[dict[str, Any]]] = {n: [] for n in sizes}
    for _ in range(REPEAT):
        for n in sizes:
            if not runs[n] or n <= REPEAT_UP_TO:
                runs[n].append(_in_process(n))
    results = {}
    for n, done in runs.items():
        r = dict(done[0])
        for key in ("compare_cpu_s", "compare_wall_s", "peak_rss_mb"):
            r[key] = statistics.median(x[key] for x in done)
        r["runs"] = len(done)
        results[str(n)] = r
        print(
            f"compare {n:>6} articles: {r['compare_cpu_s']:7.2f} s CPU, peak RSS "
            f"{r['peak_rss_mb']:7.1f} MB (before compare {r['rss_before_compare_mb']:.0f} MB); "
            f"pairs {r['pairs']}, with reuse {r['pairs_with_reuse']}; copies found "
            f"{r['copies_found']}/{r['copies']}; stories {r['stories']} (true "
            f"{r['true_stories']}, ARI {r['story_ari']:.3f}); neighbour pairs found of the exact "
            f"search's: {r['neighbour_recall'] if r['neighbour_recall'] is not None else 'n/a'}",
            flush=True,
        )
    summary: dict[str, Any] = {"sizes": results}
    large = _in_process(LARGE_STORIES[0], LARGE_STORIES[1])
    summary["large_stories"] = large
    print(
        f"{LARGE_STORIES[0]} articles in stories of {LARGE_STORIES[1]}: stories "
        f"{large['stories']} (true {large['true_stories']}, ARI {large['story_ari']:.3f})"
    )
    if "10000" in results:
        mb = results["10000"]["peak_rss_mb"]
        summary["meets_10k_memory_bar"] = mb < MAX_MB_10K
        print(f"10,000 articles: peak {mb:.0f} MB (bar < {MAX_MB_10K} MB)")
    first, last = str(sizes[0]), str(sizes[-1])
    if first != last:
        scale = sizes[-1] / sizes[0]
        for key in ("compare_cpu_s", "peak_rss_mb"):
            growth = results[last][key] / max(results[first][key], 1e-9)
            summary[f"growth_{key}"] = round(growth, 2)
            print(f"growth {first} -> {last} articles, {key}: x{growth:.1f} (linear = x{scale:g})")
    return summary


if __name__ == "__main__":
    print(json.dumps(run(*(int(x) for x in sys.argv[1:3]))))
