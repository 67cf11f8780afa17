"""Scale-out figures: one process vs ``--workers 2`` vs a Dask LocalCluster of two workers.

Each side is the command line a user runs, filling an empty score store from one JSON Lines file
of generated news-like articles (``benchmarks/newslike.py``, 30 outlets) with ``--format none``
(so output writing does not blur the comparison):

- ``one process``: ``python -m analysis score C.jsonl --workers 1 --store S --format none``
- ``--workers 2``: the same with the process pool of ``analysis.pipeline``
- ``dask``: ``--engine dask --workers 2`` (a ``LocalCluster`` of two single-threaded worker
  processes started by the command, its start-up included)

Figures per side: wall seconds, throughput (articles per wall second and per CPU second of the
whole process tree, from ``RUSAGE_CHILDREN``), and peak resident memory of the driver and of the
largest worker (the process tree polled with psutil every 0.2 s). Sizes default to 10,000 and
50,000 articles (``FRAMING_BENCH_DASK_SIZES=2000,10000`` to choose); one run per side and size,
the sides taken in turn, as a run of 50,000 takes minutes.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil

from benchmarks.newslike import corpus

ROOT = Path(__file__).resolve().parent.parent
SIZES = (10_000, 50_000)
WORDS = 400
OUTLETS = 30
SIDES = {
    "one process": ["--workers", "1"],
    "--workers 2": ["--workers", "2"],
    "dask": ["--engine", "dask", "--workers", "2"],
}


def _sizes() -> tuple[int, ...]:
    given = os.environ.get("FRAMING_BENCH_DASK_SIZES")
    return tuple(int(n) for n in given.split(",")) if given else SIZES


def write_corpus(path: Path, n: int) -> None:
    """``n`` generated articles as JSON Lines, spread over :data:`OUTLETS` outlets."""
    with path.open("w", encoding="utf-8") as out:
        for i, article in enumerate(corpus(n, words=WORDS)):
            row = {"id": article.id, "title": article.title, "text": article.text}
            row["outlet"] = f"Outlet {i % OUTLETS:02d}"
            out.write(json.dumps(row) + "\n")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_side(args: list[str], corpus_path: Path, store: Path) -> dict[str, float]:
    """Run one command to the end; wall and CPU seconds, peak RSS of driver and of a worker."""
    command = [sys.executable, "-m", "analysis", "score", str(corpus_path), *args]
    command += ["--store", str(store), "--format", "none"]
    cpu_before = _children_cpu()
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE, text=True)
    driver = psutil.Process(process.pid)
    peak_driver = peak_worker = 0
    while process.poll() is None:
        try:
            peak_driver = max(peak_driver, driver.memory_info().rss)
            for child in driver.children(recursive=True):
                peak_worker = max(peak_worker, child.memory_info().rss)
        except psutil.Error:
            pass
        time.sleep(0.2)
    wall = time.perf_counter() - started
    stderr = process.stderr.read() if process.stderr else ""
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({process.returncode}): {stderr[-500:]}")
    return {
        "wall_s": round(wall, 2),
        "cpu_s": round(_children_cpu() - cpu_before, 2),
        "driver_peak_mb": round(peak_driver / 2**20, 1),
        "worker_peak_mb": round(peak_worker / 2**20, 1),
    }


def main() -> dict[str, Any]:
    results: dict[str, Any] = {"words_per_article": WORDS, "outlets": OUTLETS, "sizes": {}}
    for n in _sizes():
        with tempfile.TemporaryDirectory(prefix="bench-dask-") as tmp:
            corpus_path = Path(tmp) / "corpus.jsonl"
            write_corpus(corpus_path, n)
            sides = {}
            for name, args in SIDES.items():
                figures = run_side(args, corpus_path, Path(tmp) / f"store-{len(sides)}")
                figures["articles_per_s"] = round(n / figures["wall_s"], 1)
                figures["articles_per_cpu_s"] = round(n / figures["cpu_s"], 1)
                sides[name] = figures
                print(f"{n:>7,} articles  {name:<12} {_line(figures)}", flush=True)
            results["sizes"][str(n)] = sides
    return results


def _line(f: dict[str, float]) -> str:
    return (
        f"{f['wall_s']:>8.1f} s wall  {f['articles_per_s']:>7.1f} art/s  "
        f"{f['articles_per_cpu_s']:>6.1f} art/CPU-s  driver {f['driver_peak_mb']:>6.0f} MB  "
        f"worker {f['worker_peak_mb']:>6.0f} MB"
    )


if __name__ == "__main__":
    main()
