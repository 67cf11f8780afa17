"""Partitions read one after the other give exactly what one load gives (articles, ids, order)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from texts import SEEDS

from analysis.io.corpus import claim_ids, iter_corpus, read_sources
from analysis.scale.partitions import plan_partitions
from analysis.text.model import Article, Problem

FIXTURES = Path(__file__).parent / "fixtures" / "corpus"


def _partitioned(paths: list[Path], size: int) -> tuple[list[Article], set[str]]:
    partitions, walked = plan_partitions(paths, size=size)
    bases = [read_sources(p.sources)[1] for p in partitions]
    claimed = iter(claim_ids(b for found in bases for b in found))
    articles, problems = [], {str(p) for p in walked}
    for partition, found in zip(partitions, bases, strict=True):
        items, _ = read_sources(partition.sources, ids=[next(claimed) for _ in found])
        for item in items:
            if isinstance(item, Problem):
                problems.add(str(item))
            else:
                articles.append(item)
    return articles, problems


def _one_load(paths: list[Path]) -> tuple[list[Article], set[str]]:
    items = list(iter_corpus(paths))
    return [i for i in items if isinstance(i, Article)], {
        str(i) for i in items if isinstance(i, Problem)
    }


def _long_jsonl(path: Path, rows: int) -> Path:
    """A JSON Lines file over 64 KB with a clash of ids, blank lines and a broken line."""
    with path.open("w", encoding="utf-8") as out:
        for n in range(rows):
            if n == 7:
                out.write("\n")
            if n == 11:
                out.write("{not json\n")
            row = {"text": f"Row {n} reports the council vote. " * 12, "outlet": f"Outlet {n % 5}"}
            if n in (3, 40):
                row["id"] = "same-id"
            out.write(json.dumps(row) + "\n")
    return path


@pytest.mark.parametrize("size", [1, 3, 50, 500])
def test_seeds_and_fixtures_read_alike_in_any_partitioning(size: int) -> None:
    paths = [SEEDS, FIXTURES]
    assert _partitioned(paths, size) == _one_load(paths)


@pytest.mark.parametrize("size", [1, 9, 64, 1000])
def test_a_long_jsonl_is_sliced_and_reads_alike(tmp_path: Path, size: int) -> None:
    jsonl = _long_jsonl(tmp_path / "rows.jsonl", 400)
    (tmp_path / "same-id.txt").write_text("A text whose id clashes with a row id later on.\n")
    paths = [tmp_path / "same-id.txt", jsonl, SEEDS]
    partitions, _ = plan_partitions(paths, size=size)
    if size < 400:
        assert any(s.part is not None for p in partitions for s in p.sources)
    assert _partitioned(paths, size) == _one_load(paths)


def _parquet_rows(path: Path, rows: int, group_rows: int) -> Path:
    """A Parquet file of small row groups with a clash of ids and a row without text."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    texts = [f"Row {n} reports the council vote. " * 3 if n != 5 else "" for n in range(rows)]
    ids = ["same-id" if n in (3, 40) else None for n in range(rows)]
    table = pa.table({"text": texts, "id": ids, "outlet": [f"Outlet {n % 5}" for n in range(rows)]})
    pq.write_table(table, path, row_group_size=group_rows)
    return path


@pytest.mark.parametrize(("size", "group_rows"), [(1, 7), (9, 7), (20, 7), (64, 100), (1000, 7)])
def test_a_parquet_file_is_cut_between_row_groups_and_reads_alike(
    tmp_path: Path, size: int, group_rows: int
) -> None:
    table = _parquet_rows(tmp_path / "rows.parquet", 120, group_rows)
    (tmp_path / "same-id.txt").write_text("A text whose id clashes with a row id later on.\n")
    paths = [tmp_path / "same-id.txt", table, SEEDS]
    partitions, _ = plan_partitions(paths, size=size)
    parts = [s.part for p in partitions for s in p.sources if s.name == "rows.parquet"]
    if size >= 120:
        assert parts == [None]
    else:  # contiguous row groups, whole groups only, about ``size`` rows each
        groups = -(-120 // group_rows)
        assert [part[1] for part in parts] == [0] + [part[2] for part in parts[:-1]]
        assert parts[-1][2] == groups and len(parts) > 1
        for first_row, start, end in parts:
            assert first_row == 1 + start * group_rows
            assert end - start == 1 or min(end * group_rows, 120) - start * group_rows <= size
    assert _partitioned(paths, size) == _one_load(paths)


def test_a_clash_across_partitions_is_renamed_as_in_one_load(tmp_path: Path) -> None:
    for name in ("a", "b"):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "story.txt").write_text(f"The {name} version of the story is told here.\n")
    articles, _ = _partitioned([tmp_path], size=1)
    assert [a.id for a in articles] == ["story", "story-2"]
    assert any("renamed 'story-2'" in w for w in articles[1].warnings)
    assert articles == _one_load([tmp_path])[0]


def test_eval_corpora_read_alike(eval_dir: Path) -> None:
    paths = [eval_dir / "basil_dev.jsonl", eval_dir / "ptc_train.jsonl"]
    assert _partitioned(paths, 40) == _one_load(paths)


def test_partition_sizes_are_bounded(tmp_path: Path) -> None:
    jsonl = _long_jsonl(tmp_path / "rows.jsonl", 400)
    partitions, _ = plan_partitions([jsonl, SEEDS], size=20)
    assert all(p.articles <= 20 for p in partitions)
    assert [p.number for p in partitions] == list(range(len(partitions)))
    assert "rows.jsonl lines 1-" in partitions[0].describe()
