"""Limits: oversized and pathological inputs finish in bounded time and memory, or are refused.

Each case generates its input in a temporary folder and runs in a fresh child process
(``python -m benchmarks.bench_limits CASE FOLDER``), which prints one JSON line: CPU seconds,
wall seconds, the child's peak RSS (``resource.getrusage(RUSAGE_SELF).ru_maxrss``), and the
outcome (articles loaded, problems reported, sentences scored). ``tests/test_limits.py`` runs the
same cases with a generous timeout and checks only the outcome; the figures belong here.

Cases:

- ``txt_200mb``, ``jsonl_200mb``, ``csv_200mb``: a 200 MB file (for JSONL/CSV one huge row
  followed by a good one). The article limit (5 MB) must refuse them with a message.
- ``folder_10k``: a folder of 10,000 small articles, loaded and scored.
- ``sentence_1mb``: one megabyte of words without any sentence punctuation, loaded and scored.
- ``html_nested``, ``html_entities``, ``html_wide``: HTML bombs within the size limit: 800,000
  nested ``<div>``, a "billion laughs" entity DTD, and 4.7 MB of paragraphs (the extractor's
  worst case below the limit), loaded.
"""

from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SENTENCE = b"The council met on Monday and the mayor spoke to residents about the budget. "
GOOD_ROW_TEXT = "A short good row after the huge one, about the council budget vote."
_WORDS = [
    "the",
    "council",
    "said",
    "budget",
    "plan",
    "residents",
    "mayor",
    "vote",
    "disaster",
    "fair",
    "shameful",
]


def _write_repeated(path: Path, head: bytes, tail: bytes, size: int) -> None:
    chunk = SENTENCE * 10_000
    with open(path, "wb") as out:
        out.write(head)
        for _ in range(size // len(chunk) + 1):
            out.write(chunk)
        out.write(tail)


def make_txt_200mb(folder: Path) -> list[Path]:
    path = folder / "huge.txt"
    _write_repeated(path, b"Huge\n\n", b"", 200_000_000)
    return [path]


def make_jsonl_200mb(folder: Path) -> list[Path]:
    path = folder / "huge.jsonl"
    tail = b'"}\n' + json.dumps({"id": "good", "text": GOOD_ROW_TEXT}).encode() + b"\n"
    _write_repeated(path, b'{"id": "huge", "text": "', tail, 200_000_000)
    return [path]


def make_csv_200mb(folder: Path) -> list[Path]:
    path = folder / "huge.csv"
    _write_repeated(path, b'id,text\nhuge,"', f'"\ngood,{GOOD_ROW_TEXT}\n'.encode(), 200_000_000)
    return [path]


def make_folder_10k(folder: Path) -> list[Path]:
    rng = random.Random(12)
    root = folder / "many"
    root.mkdir()
    for k in range(10_000):
        words = " ".join(rng.choice(_WORDS) for _ in range(60))
        (root / f"article-{k:05d}.txt").write_text(f"Story {k}\n\n{words}.\n", encoding="utf-8")
    return [root]


def long_sentence(n_chars: int, *, seed: int = 1) -> str:
    """``n_chars`` of words separated by spaces, with no sentence punctuation at all."""
    rng = random.Random(seed)
    words = []
    total = 0
    while total < n_chars:
        word = rng.choice(_WORDS)
        words.append(word)
        total += len(word) + 1
    return " ".join(words)[:n_chars]


def make_sentence_1mb(folder: Path) -> list[Path]:
    path = folder / "sentence.txt"
    path.write_text(long_sentence(1_000_000), encoding="utf-8")
    return [path]


def make_html_nested(folder: Path) -> list[Path]:
    path = folder / "nested.html"
    path.write_bytes(b"<html><body>" + b"<div>" * 800_000 + b"<p>The council met.</p>")
    return [path]


def make_html_entities(folder: Path) -> list[Path]:
    levels = [b'<!ENTITY a0 "lol">']
    levels += [b'<!ENTITY a%d "%s">' % (i, b"&a%d;" % (i - 1) * 10) for i in range(1, 10)]
    page = (
        b'<?xml version="1.0"?><!DOCTYPE html [' + b"".join(levels) + b"]>"
        b"<html><body><article><p>The council met on Monday. &a9;</p></article></body></html>"
    )
    path = folder / "entities.html"
    path.write_bytes(page)
    return [path]


def make_html_wide(folder: Path) -> list[Path]:
    paragraph = b"<p>The council met on Monday and the mayor spoke.</p>"
    path = folder / "wide.html"
    path.write_bytes(b"<html><body><article>" + paragraph * 90_000 + b"</article></body></html>")
    return [path]


CASES: dict[str, Callable[[Path], list[Path]]] = {
    "txt_200mb": make_txt_200mb,
    "jsonl_200mb": make_jsonl_200mb,
    "csv_200mb": make_csv_200mb,
    "folder_10k": make_folder_10k,
    "sentence_1mb": make_sentence_1mb,
    "html_nested": make_html_nested,
    "html_entities": make_html_entities,
    "html_wide": make_html_wide,
}
#: Cases whose loaded articles are scored too (the others test the loaders).
SCORED = {"folder_10k", "sentence_1mb", "html_entities"}


def measure(case: str, folder: Path) -> dict[str, Any]:
    """Run one case in this process (generate, load, maybe score) and return its figures."""
    from analysis import iter_scores, load_corpus

    paths = CASES[case](folder)
    cpu, wall = time.process_time(), time.perf_counter()
    corpus = load_corpus(paths)
    sentences = 0
    if case in SCORED:
        sentences = sum(scores.sentences for scores in iter_scores(corpus.articles))
    return {
        "case": case,
        "cpu_s": round(time.process_time() - cpu, 3),
        "wall_s": round(time.perf_counter() - wall, 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "input_mb": round(sum(_size(p) for p in paths) / 1e6, 1),
        "articles": len(corpus.articles),
        "article_ids": [a.id for a in corpus.articles][:5],
        "problems": [f"{p.source}: {p.reason}" for p in corpus.problems if p.severity == "error"],
        "sentences": sentences,
    }


def _size(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.iterdir())
    return path.stat().st_size


def run_case(case: str, *, timeout: float = 600.0) -> dict[str, Any]:
    """Run one case in a fresh child process (raises ``subprocess.TimeoutExpired`` on a hang)."""
    with tempfile.TemporaryDirectory(prefix=f"limits-{case}-") as folder:
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks.bench_limits", case, folder],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            check=False,
        )
    if done.returncode != 0:
        raise RuntimeError(f"case {case} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> dict[str, Any]:
    results = {}
    for case in CASES:
        figures = run_case(case)
        results[case] = figures
        outcome = "; ".join(figures["problems"])[:110] or f"{figures['articles']} article(s)"
        print(
            f"{case:14} {figures['input_mb']:7.1f} MB in  {figures['cpu_s']:7.2f} s CPU  "
            f"{figures['wall_s']:7.2f} s wall  peak RSS {figures['peak_rss_mb']:7.1f} MB  "
            f"{outcome}",
            flush=True,
        )
    return results


if __name__ == "__main__":
    print(json.dumps(measure(sys.argv[1], Path(sys.argv[2]))))
