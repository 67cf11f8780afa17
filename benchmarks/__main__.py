"""`make bench`: run every benchmark, print the figures, save them to bench-results/."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks import bench_score

OUT = Path(__file__).resolve().parent.parent / "bench-results"


def main() -> None:
    OUT.mkdir(exist_ok=True)
    results = bench_score.main()
    print(bench_score.report(results), flush=True)
    (OUT / "score.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
