"""Scoring speed and memory: articles per second, ratio to the VADER+textstat floor, the speed-up
with two worker processes, and peak memory as the corpus grows.

The floor is measured in the same run on the same sentences: VADER on every scored sentence plus
textstat's public readability functions on every body (the seven formulas and the reading time,
called as a user of textstat would), with nothing else. Timings are CPU seconds of this process
(``time.process_time``; wall seconds where worker processes take part) and each figure is the
median of several runs taken in alternation (floor, full, floor, full ...), so a burst of load on
a shared machine moves both sides alike. Targets: full scoring at most 1.0x the floor in one
process (issue 15); at least 1.7x faster with 2 workers than with 1; peak memory flat from 250 to
1,000 articles (streaming).
"""

from __future__ import annotations

import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path

import textstat
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analysis.pipeline import iter_records, iter_scores, score_article
from analysis.text.model import Article
from benchmarks.newslike import corpus

ROOT = Path(__file__).resolve().parent.parent
EVAL_DIR = ROOT.parent / "shared" / "eval"


def _clear_textstat_caches() -> None:
    """textstat memoises per text; clear it so no measurement profits from an earlier one."""
    for name, module in list(sys.modules.items()):
        if module is not None and name.startswith("textstat"):
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


#: Runs of each side, taken in alternation; the median is reported.
RUNS = 5


def _timed(fn: Callable[[], object], *, clock: Callable[[], float] = time.process_time) -> float:
    _clear_textstat_caches()
    start = clock()
    fn()
    return clock() - start


def alternating(
    sides: dict[str, Callable[[], object]],
    *,
    runs: int = RUNS,
    clock: Callable[[], float] = time.process_time,
) -> dict[str, float]:
    """Median seconds of each side over ``runs`` rounds, the sides taken in turn each round."""
    times: dict[str, list[float]] = {name: [] for name in sides}
    for _ in range(runs):
        for name, fn in sides.items():
            times[name].append(_timed(fn, clock=clock))
    return {name: statistics.median(values) for name, values in times.items()}


def textstat_calls(body: str) -> None:
    """What a textstat user calls for the figures our readability adapter gives."""
    textstat.flesch_reading_ease(body)
    textstat.flesch_kincaid_grade(body)
    textstat.gunning_fog(body)
    textstat.smog_index(body)
    textstat.coleman_liau_index(body)
    textstat.dale_chall_readability_score(body)
    textstat.text_standard(body, float_output=True)
    textstat.reading_time(body)


def floor_and_full(articles: list[Article]) -> dict[str, float]:
    """CPU seconds of the floor (VADER per sentence + textstat) and of full scoring, one process.

    Medians of :data:`RUNS` alternating runs.
    """
    scored = [score_article(a) for a in articles[:5]]  # warm-up: analyzers and lexicons loaded
    del scored
    inputs = []
    for a in articles:
        s = score_article(a)
        sentences = [a.text[x.start : x.end] for x in s.sentence_scores]
        body = [t for t in sentences if t.strip() != a.title.strip()]
        inputs.append((sentences, " ".join(body)))

    vader = SentimentIntensityAnalyzer()

    def floor() -> None:
        for sentences, body in inputs:
            for sentence in sentences:
                vader.polarity_scores(sentence)
            textstat_calls(body)

    def full() -> None:
        for a in articles:
            score_article(a)

    # The benchmark's own inputs live through every run; keep the collector from rescanning them.
    gc.collect()
    gc.freeze()
    medians = alternating({"floor": floor, "full": full})
    floor_s, full_s = medians["floor"], medians["full"]
    return {"floor_cpu_s": floor_s, "full_cpu_s": full_s, "ratio_to_floor": full_s / floor_s}


def workers_speedup(articles: list[Article]) -> dict[str, float]:
    """The command line's path (``iter_records``: scored and turned into JSON dicts), streamed
    away as the command line does: wall seconds (workers are other processes), medians of three
    alternating runs."""
    medians = alternating(
        {
            "one": lambda: deque(iter_records(articles, workers=1), maxlen=0),
            "two": lambda: deque(iter_records(articles, workers=2), maxlen=0),
        },
        runs=3,
        clock=time.perf_counter,
    )
    one, two = medians["one"], medians["two"]
    return {"one_worker_wall_s": one, "two_workers_wall_s": two, "speedup": one / two}


def peak_memory_mb(n: int, workdir: Path) -> float:
    """Peak RSS of `python -m analysis score` streaming n generated articles to /dev/null."""
    path = workdir / f"gen-{n}.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for a in corpus(n):
            out.write(json.dumps({"id": a.id, "text": a.text, "title": a.title}) + "\n")
    code = (
        "import resource, sys\n"
        "from analysis.cli import main\n"
        f"status = main(['score', {str(path)!r}, '--workers', '1', '--out', os.devnull])\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)\n"
        "sys.exit(status)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", "import os\n" + code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "CI": "1"},
    )
    return float(result.stdout.strip().splitlines()[-1])


def eval_articles() -> list[Article]:
    """BASIL and PTC article texts from ../shared/eval, when present."""
    articles = []
    for name in ("basil_dev.jsonl", "ptc_train.jsonl"):
        path = EVAL_DIR / name
        if not path.exists():
            continue
        for line in path.open(encoding="utf-8"):
            row = json.loads(line)
            title = row.get("title") or ""
            articles.append(
                Article(id=str(row["id"]), text=row["text"], title=title, source=str(path))
            )
    return articles


def main(n: int = 1000) -> dict[str, object]:
    articles = list(corpus(n))
    results: dict[str, object] = {"articles": n}
    results.update(floor_and_full(articles))
    results["articles_per_cpu_s"] = n / results["full_cpu_s"]
    results.update(workers_speedup(articles))
    with tempfile.TemporaryDirectory() as tmp:
        results["peak_rss_mb_250"] = peak_memory_mb(250, Path(tmp))
        results["peak_rss_mb_1000"] = peak_memory_mb(1000, Path(tmp))
    real = eval_articles()
    if real:
        seconds = alternating({"eval": lambda: list(iter_scores(real, workers=1))}, runs=3)
        results["eval_articles"] = len(real)
        results["eval_articles_per_cpu_s"] = len(real) / seconds["eval"]
    else:
        results["eval_articles"] = f"skipped: {EVAL_DIR} not found"
    return results


def report(results: dict[str, object]) -> str:
    lines = [f"Scoring benchmark (CPU seconds, medians of {RUNS} alternating runs)"]
    for key, value in results.items():
        lines.append(
            f"  {key:<22} {value:.3f}" if isinstance(value, float) else f"  {key:<22} {value}"
        )
    lines.append("  targets: ratio_to_floor <= 1.0, speedup >= 1.7, peak RSS flat 250 -> 1000")
    return "\n".join(lines)
