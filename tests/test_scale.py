"""The Dask job fills the same store as one process, in any partitioning; failures are isolated.

Runs on a real ``distributed.LocalCluster`` of two worker processes (localhost only), shared by
the module; the job is pointed at it through its scheduler address, as at a real cluster.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from texts import ROOT, SEEDS

from analysis.io.corpus import iter_corpus
from analysis.io.store import ScoreStore
from analysis.scale import engine
from analysis.scale.compare import compare_with_dask
from analysis.stored import iter_stored_records, method_version
from analysis.text.model import Article

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def scheduler() -> str:
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    ) as cluster:
        yield cluster.scheduler_address


def _rows(root: Path) -> dict[str, dict]:
    return ScoreStore(root, method=method_version()).load()


def _one_process(paths: list[Path], root: Path) -> dict[str, dict]:
    articles = [a for a in iter_corpus(paths) if isinstance(a, Article)]
    for _ in iter_stored_records(articles, ScoreStore(root, method=method_version())):
        pass
    return _rows(root)


@pytest.mark.parametrize("size", [1, 2, 500])
def test_seeds_give_the_same_store_rows_in_any_partitioning(
    tmp_path: Path, scheduler: str, size: int
) -> None:
    run = engine.score_with_dask(
        [SEEDS], str(tmp_path / "dask"), scheduler=scheduler, partition_size=size
    )
    assert not run.failed
    assert run.articles == run.scored == 5
    assert len(run.partitions) == (5 if size == 1 else 3 if size == 2 else 1)
    assert _rows(tmp_path / "dask") == _one_process([SEEDS], tmp_path / "local")


def test_eval_corpora_give_the_same_store_rows(
    tmp_path: Path, scheduler: str, eval_dir: Path
) -> None:
    source = eval_dir / "basil_dev.jsonl"
    sample = tmp_path / "basil_sample.jsonl"  # 60 articles keep the test short
    sample.write_text("".join(source.read_text(encoding="utf-8").splitlines(True)[:60]))
    paths = [sample, eval_dir / "babe_dev.csv"]
    run = engine.score_with_dask(
        paths, str(tmp_path / "dask"), scheduler=scheduler, partition_size=25
    )
    assert not run.failed and run.scored == run.articles > 1000
    assert _rows(tmp_path / "dask") == _one_process(paths, tmp_path / "local")


def test_a_parquet_input_gives_the_same_store_rows_cut_by_row_groups(
    tmp_path: Path, scheduler: str, eval_dir: Path
) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    lines = (eval_dir / "basil_dev.jsonl").read_text(encoding="utf-8").splitlines()[:45]
    rows = [json.loads(line) for line in lines]
    columns = ("id", "text", "title", "outlet", "date", "event")
    table = pa.table({key: [row.get(key) for row in rows] for key in columns})
    path = tmp_path / "basil.parquet"
    pq.write_table(table, path, row_group_size=6)
    run = engine.score_with_dask(
        [path], str(tmp_path / "dask"), scheduler=scheduler, partition_size=15
    )
    assert not run.failed and run.scored == run.articles == 45
    assert len(run.partitions) == 4  # 12 + 12 + 12 + 9 rows: row groups are never split
    assert _rows(tmp_path / "dask") == _one_process([path], tmp_path / "local")


def test_a_rerun_scores_only_what_is_new(tmp_path: Path, scheduler: str) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted(SEEDS.glob("*.txt"))[:2]:
        (corpus / path.name).write_bytes(path.read_bytes())
    store = str(tmp_path / "store")
    first = engine.score_with_dask([corpus], store, scheduler=scheduler, partition_size=1)
    (corpus / "new.txt").write_text("A new article about the council vote, told plainly.\n")
    second = engine.score_with_dask([corpus], store, scheduler=scheduler, partition_size=1)
    assert (first.scored, second.articles, second.scored) == (2, 3, 1)


def test_a_failed_partition_is_reported_and_the_others_are_stored(
    tmp_path: Path, scheduler: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = engine.plan_partitions

    def broken_second(paths, *, size):  # a partition whose worker raises while reading it
        partitions, problems = plan(paths, size=size)
        bad = replace(partitions[1].sources[0], part=("not", "a", "range"))
        partitions[1] = replace(partitions[1], sources=(bad,))
        return partitions, problems

    monkeypatch.setattr(engine, "plan_partitions", broken_second)
    run = engine.score_with_dask(
        [SEEDS], str(tmp_path / "store"), scheduler=scheduler, partition_size=1
    )
    [failed] = run.failed
    assert failed.number == 1 and failed.error and str(SEEDS) in failed.inputs
    assert run.scored == 4 and len(_rows(tmp_path / "store")) == 4


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args], capture_output=True, text=True, cwd=ROOT
    )


def test_cli_engine_dask_writes_the_same_output_as_one_process(
    tmp_path: Path, scheduler: str
) -> None:
    store = str(tmp_path / "store")
    dask = _cli("score", str(SEEDS), "--engine", "dask", "--scheduler", scheduler, "--store", store)
    plain = _cli("score", str(SEEDS))
    assert dask.returncode == 0, dask.stderr
    assert dask.stdout == plain.stdout
    assert "5 scored and stored" in dask.stderr
    assert len(json.loads(dask.stdout)) == 5


def test_cli_engine_dask_and_format_none_need_a_store() -> None:
    assert _cli("score", str(SEEDS), "--engine", "dask").returncode == 2
    refused = _cli("score", str(SEEDS), "--format", "none")
    assert refused.returncode == 2 and "--store" in refused.stderr


def test_cli_format_none_only_fills_the_store(tmp_path: Path, scheduler: str) -> None:
    store = tmp_path / "store"
    result = _cli(
        "score",
        str(SEEDS),
        "--engine",
        "dask",
        "--scheduler",
        scheduler,
        "--store",
        str(store),
        "--format",
        "none",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "" and len(_rows(store)) == 5


def _single_compare(paths: list[Path]) -> dict:
    result = _cli("compare", *map(str, paths), "--workers", "1")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _terms(result: dict) -> dict[str, set]:
    return {
        outlet: {(t["term"], t["z"], t["count"]) for t in terms}
        for outlet, terms in result["distinctive_terms"].items()
    }


def _reuse_pairs(result: dict) -> dict[tuple[str, str], dict]:
    return {(p["a"], p["b"]): p for p in result["pairs"] if p["passages"]}


def test_dask_compare_matches_one_process_on_the_seeds(scheduler: str) -> None:
    found = compare_with_dask([SEEDS], scheduler=scheduler, partition_size=2)
    single = _single_compare([SEEDS])
    assert _terms(found.result) == _terms(single)
    dask_pairs, single_pairs = _reuse_pairs(found.result), _reuse_pairs(single)
    assert dask_pairs and all(single_pairs[k] == p for k, p in dask_pairs.items())
    heavy = [
        k for k, p in single_pairs.items() if max(p["reused_share_a"], p["reused_share_b"]) > 0.3
    ]
    assert heavy and all(k in dask_pairs for k in heavy)


def test_dask_compare_finds_the_reuse_one_process_finds(
    tmp_path: Path, scheduler: str, eval_dir: Path
) -> None:
    """PTC articles reuse wire copy: LSH candidates then the same alignment give the very pairs
    of one process (precision 1) and nearly all of those with a fifth or more reused."""
    sample = tmp_path / "ptc_sample.jsonl"
    lines = (eval_dir / "ptc_train.jsonl").read_text(encoding="utf-8").splitlines(True)
    sample.write_text("".join(lines[:150]), encoding="utf-8")
    found = compare_with_dask([sample], scheduler=scheduler, partition_size=40)
    single = _single_compare([sample])
    assert _terms(found.result) == _terms(single)
    dask_pairs, single_pairs = _reuse_pairs(found.result), _reuse_pairs(single)
    assert all(single_pairs.get(k) == p for k, p in dask_pairs.items())
    heavy = [
        k for k, p in single_pairs.items() if max(p["reused_share_a"], p["reused_share_b"]) >= 0.2
    ]
    assert len(heavy) >= 5
    assert sum(k in dask_pairs for k in heavy) >= 0.95 * len(heavy)


def test_cli_compare_engine_dask_writes_json(scheduler: str) -> None:
    result = _cli("compare", str(SEEDS), "--engine", "dask", "--scheduler", scheduler)
    assert result.returncode == 0, result.stderr
    assert set(json.loads(result.stdout)) == {"pairs", "distinctive_terms", "events"}
    refused = _cli("compare", str(SEEDS), "--engine", "dask", "--format", "csv")
    assert refused.returncode == 2 and "JSON" in refused.stderr
