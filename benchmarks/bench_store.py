"""Score store figures: what storing adds to scoring, and what reopening stored articles costs.

- *score alone* vs *score into the store*: ``iter_records`` against ``iter_stored_records`` into
  an empty store, one process, the same generated news-like articles (CPU seconds).
- *open 5 now* (the seeds read from disk and scored, as without a store) against *reopen 5* and
  *reopen 1,000 stored* (read from a JSON Lines file, looked up in a filled store, dicts decoded
  and their text filled in), and the store's part of that alone (articles already read): the
  issue's bar is that reopening 1,000 stored articles costs about what opening 5 does without
  the store (CPU seconds).
- the same through the command line (``python -m analysis score ... --store DIR`` on 1,000
  stored against plain ``score`` on the 5 seeds; wall seconds of the whole process, start-up
  included, output to a file).

Every figure is the median of runs taken in alternation (one of each side per round, after one
untimed round), so load from other processes on the machine falls on all sides alike.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from analysis.io.corpus import load_corpus
from analysis.io.output import article_to_dict
from analysis.io.store import ScoreStore
from analysis.pipeline import default_workers, iter_records, score_article
from analysis.stored import iter_stored_records, method_version, open_store, stored_records
from analysis.text.model import Article
from benchmarks.bench_score import alternating as _alternating
from benchmarks.newslike import corpus

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
OUTLETS = ("Daily Ledger", "Harbor Post", "Metro Wire", "North Star", "Valley Times")


def alternating(sides: dict[str, Callable[[], object]], *, runs: int) -> dict[str, float]:
    """``bench_score.alternating`` after one untimed round (first-call costs fall on no side)."""
    for run in sides.values():
        run()
    return _alternating(sides, runs=runs)


def write_jsonl(path: Path, articles: Sequence[Article]) -> Path:
    """The articles as a JSON Lines file the corpus loader reads (outlets and stories added so
    the dashboard's selectors have something to choose from)."""
    with path.open("w", encoding="utf-8") as out:
        for i, article in enumerate(articles):
            row = {"id": article.id, "title": article.title, "text": article.text}
            row.update(outlet=OUTLETS[i % len(OUTLETS)], event=f"Story {i % 40:02d}")
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def fill_store(root: Path, corpus_file: Path) -> list[Article]:
    """Score the file's articles into the store (all cores); returns them as loaded."""
    articles = list(load_corpus([corpus_file]).articles)
    deque(iter_stored_records(articles, open_store(root), workers=default_workers()), 0)
    return articles


def store_vs_score(articles: Sequence[Article], *, runs: int) -> dict[str, float]:
    """CPU seconds of scoring alone and of scoring into an empty store, one process."""
    method = method_version()

    def into_store() -> None:
        with tempfile.TemporaryDirectory() as root:
            deque(iter_stored_records(articles, ScoreStore(root, method=method)), 0)

    times = alternating(
        {"score_s": lambda: deque(iter_records(articles), 0), "into_store_s": into_store},
        runs=runs,
    )
    return {**times, "store_overhead": times["into_store_s"] / times["score_s"] - 1}


def reopen(root: Path, corpus_file: Path, *, runs: int) -> dict[str, float]:
    """CPU seconds: the 5 seeds opened without a store against stored articles reopened."""
    seeds_store = root.parent / "seeds-store"
    fill_store(seeds_store, SEEDS)

    def open_5_now() -> None:
        [article_to_dict(score_article(a)) for a in load_corpus([SEEDS]).articles]

    def reopen_from(store: Path, path: Path) -> None:
        look_up(store, load_corpus([path]).articles)

    def look_up(store: Path, articles: Sequence[Article]) -> None:
        records = stored_records(open_store(store), articles)
        assert all(r is not None for r in records), "the store should hold every article"

    loaded = load_corpus([corpus_file]).articles
    times = alternating(
        {
            "open_5_now_s": open_5_now,
            "reopen_5_stored_s": lambda: reopen_from(seeds_store, SEEDS),
            "reopen_1000_stored_s": lambda: reopen_from(root, corpus_file),
            "store_lookup_1000_s": lambda: look_up(root, loaded),
        },
        runs=runs,
    )
    return {**times, "reopen_ratio": times["reopen_1000_stored_s"] / times["open_5_now_s"]}


def _cli(*argv: str) -> float:
    start = time.perf_counter()
    with tempfile.TemporaryFile("w") as out:
        subprocess.run(
            [sys.executable, "-m", "analysis", "score", *argv, "--workers", "1"],
            cwd=ROOT,
            stdout=out,
            check=True,
        )
    return time.perf_counter() - start


def command_line(root: Path, corpus_file: Path, *, runs: int) -> dict[str, float]:
    """Wall seconds of whole command-line runs, taken in alternation."""
    sides = {
        "cli_score_5_s": lambda: _cli(str(SEEDS)),
        "cli_store_1000_s": lambda: _cli(str(corpus_file), "--store", str(root)),
    }
    times: dict[str, list[float]] = {name: [] for name in sides}
    for _ in range(runs):
        for name, run in sides.items():
            times[name].append(run())
    medians = {name: sorted(values)[len(values) // 2] for name, values in times.items()}
    return {**medians, "cli_ratio": medians["cli_store_1000_s"] / medians["cli_score_5_s"]}


def main(n: int = 1000, *, score_n: int = 300, runs: int = 3) -> dict[str, Any]:
    """Run every measurement, print the report, return the figures."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        corpus_file = write_jsonl(tmp_path / "articles.jsonl", list(corpus(n)))
        store = tmp_path / "store"
        fill_store(store, corpus_file)
        results: dict[str, Any] = {"articles": n, "score_articles": score_n, "runs": runs}
        results.update(reopen(store, corpus_file, runs=runs))
        results.update(command_line(store, corpus_file, runs=runs))
        results.update(store_vs_score(list(corpus(score_n)), runs=runs))
        results["store_mb"] = sum(p.stat().st_size for p in store.rglob("*")) / 1e6
    print(report(results), flush=True)
    return results


def report(results: dict[str, Any]) -> str:
    """The figures as a few plain lines."""
    r = results
    return (
        f"score store (CPU seconds, medians of {r['runs']} alternating runs)\n"
        f"  open the 5 seeds without a store:  {r['open_5_now_s']:.3f} s\n"
        f"  reopen the 5 seeds, stored:        {r['reopen_5_stored_s']:.3f} s\n"
        f"  reopen {r['articles']} stored articles:      {r['reopen_1000_stored_s']:.3f} s "
        f"(x{r['reopen_ratio']:.2f} the 5 opened now; the store's part, reading and decoding "
        f"the dicts: {r['store_lookup_1000_s']:.3f} s, the rest is reading the articles)\n"
        f"  command line, wall: score 5 seeds {r['cli_score_5_s']:.2f} s, "
        f"score {r['articles']} stored {r['cli_store_1000_s']:.2f} s (x{r['cli_ratio']:.2f})\n"
        f"  {r['score_articles']} articles: score {r['score_s']:.2f} s, into the store "
        f"{r['into_store_s']:.2f} s (+{100 * r['store_overhead']:.1f} %)\n"
        f"  store size for {r['articles']} articles: {r['store_mb']:.1f} MB"
    )


if __name__ == "__main__":
    main()
