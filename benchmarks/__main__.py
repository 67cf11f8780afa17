"""`make bench`: run every benchmark, print the figures, save them to bench-results/.

`python -m benchmarks [score] [compare] [store] [dashboard] [charts] [dask] [limits]` runs only
the named ones.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from benchmarks import (
    bench_charts,
    bench_compare,
    bench_dashboard,
    bench_dask,
    bench_limits,
    bench_score,
    bench_store,
)

OUT = Path(__file__).resolve().parent.parent / "bench-results"


def _score() -> dict:
    results = bench_score.main()
    print(bench_score.report(results), flush=True)
    return results


def _dashboard() -> dict:
    if bench_dashboard.chromium_path() is None:
        message = "skipped: Debian's chromium is not installed (apt-get install -y chromium)"
        print(f"dashboard benchmark {message}", flush=True)
        return {"skipped": message}
    return bench_dashboard.main()


BENCHMARKS = {
    "score": _score,
    "compare": bench_compare.main,
    "store": bench_store.main,
    "dashboard": _dashboard,
    "charts": bench_charts.main,
    "dask": bench_dask.main,
    "limits": bench_limits.main,
}


def main(names: list[str]) -> int:
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        print(f"unknown benchmark {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")
        return 2
    OUT.mkdir(exist_ok=True)
    for name in names or list(BENCHMARKS):
        print(f"== {name}", flush=True)
        results = BENCHMARKS[name]()
        (OUT / f"{name}.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
