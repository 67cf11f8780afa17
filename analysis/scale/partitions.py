"""Cut a corpus into partitions: runs of files, and slices of large JSON Lines and Parquet files.

A partition is what one task of the distributed job reads and scores. The plan walks the inputs
exactly as :func:`analysis.io.corpus.iter_corpus` does (same files, same order, same problems)
but reads nothing except catalogs, the line ends of JSON Lines files and the footers of Parquet
files; so reading the partitions one after the other gives the same articles as one load. CSV
files stay whole (a quoted field may hold line breaks, so a CSV cannot be cut at a line end
safely). A Parquet file is cut between row groups, never inside one (as Dask's own
``read_parquet`` does): a file written as one huge row group is one partition, so large files
should be written with row groups of a few thousand rows (pyarrow's ``row_group_size``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass

from analysis.io.corpus import SourceFile, iter_sources
from analysis.io.decoding import SNIFF_BYTES, InputError
from analysis.io.formats import parquet_row_groups, rows_encoding
from analysis.text.model import Problem

#: Articles per partition: large enough that task overhead (milliseconds) is small next to
#: scoring (about 10 ms per article), small enough that many partitions keep every core busy.
DEFAULT_PARTITION_ARTICLES = 500
_BLOCK = 1 << 23


@dataclass(frozen=True, slots=True)
class Partition:
    """The files (or slices of files) one task reads, in the corpus's order.

    Attributes:
        number: its place in the corpus (0, 1, 2 ...).
        sources: what it reads.
        articles: how many articles it holds at most (lines of a slice, one per plain file).
    """

    number: int
    sources: tuple[SourceFile, ...]
    articles: int

    def describe(self) -> str:
        """Its inputs in a few words, for a report of a failed partition."""
        parts = []
        for source in self.sources[:3]:
            if source.part is None:
                parts.append(source.path)
            else:
                unit = "rows" if source.name.lower().endswith(".parquet") else "lines"
                parts.append(f"{source.path} {unit} {source.part[0]}-")
        more = len(self.sources) - 3
        return ", ".join(parts) + (f" and {more} more files" if more > 0 else "")


def _line_starts(path: str) -> list[int]:
    """Byte offsets where each line of the file starts (the file's end closes the last)."""
    starts = [0]
    with open(path, "rb") as raw:
        offset = 0
        while block := raw.read(_BLOCK):
            at = block.find(b"\n")
            while at != -1:
                starts.append(offset + at + 1)
                at = block.find(b"\n", at + 1)
            offset += len(block)
    if starts[-1] == offset:
        starts.pop()
    starts.append(offset)
    return starts


def _row_group_slices(source: SourceFile, size: int) -> list[tuple[SourceFile, int]]:
    """A Parquet file cut between row groups into slices of about ``size`` rows (a row group
    larger than ``size`` is a slice of its own)."""
    try:
        with open(source.path, "rb") as raw:
            groups = parquet_row_groups(raw)
    except (OSError, InputError):
        return [(source, 1)]  # reading it whole reports the problem as one load would
    if sum(groups) <= size:
        return [(source, max(sum(groups), 1))]
    cut: list[tuple[SourceFile, int]] = []
    first_group, rows, first_row = 0, 0, 1
    for number, count in enumerate(groups):
        if rows and rows + count > size:
            part = (first_row, first_group, number)
            cut.append((SourceFile(source.path, source.name, source.fill, part), rows))
            first_group, first_row, rows = number, first_row + rows, 0
        rows += count
    part = (first_row, first_group, len(groups))
    cut.append((SourceFile(source.path, source.name, source.fill, part), rows))
    return cut


def _slices(source: SourceFile, size: int) -> list[tuple[SourceFile, int]]:
    """A UTF-8 JSON Lines file cut into slices of ``size`` lines, a Parquet file between row
    groups; other files stay whole."""
    if source.name.lower().endswith(".parquet"):
        return _row_group_slices(source, size)
    if not source.name.lower().endswith(".jsonl"):
        return [(source, 1)]
    try:
        if os.path.getsize(source.path) <= SNIFF_BYTES:
            return [(source, 1)]
        with open(source.path, "rb") as raw:
            if rows_encoding(raw.read(SNIFF_BYTES))[0] != "utf-8":
                return [(source, 1)]
        starts = _line_starts(source.path)
    except (OSError, InputError):
        return [(source, 1)]  # reading it whole reports the problem as one load would
    lines = len(starts) - 1
    if lines <= size:
        return [(source, lines)]
    cut = []
    for first in range(0, lines, size):
        last = min(first + size, lines)
        sliced = SourceFile(
            source.path, source.name, source.fill, (first + 1, starts[first], starts[last])
        )
        cut.append((sliced, last - first))
    return cut


def plan_partitions(
    paths: Iterable[str | os.PathLike], *, size: int = DEFAULT_PARTITION_ARTICLES
) -> tuple[list[Partition], list[Problem]]:
    """Partitions of about ``size`` articles over ``paths``, and the problems met walking them.

    Consecutive files are grouped until a partition holds ``size`` articles; a JSON Lines file of
    more lines is cut into slices of ``size`` lines (its first 64 KB must read as UTF-8 without a
    byte-order mark, else it stays whole); a Parquet file of more rows is cut between row groups.
    """
    partitions: list[Partition] = []
    problems: list[Problem] = []
    run: list[SourceFile] = []
    count = 0

    def close() -> None:
        nonlocal run, count
        if run:
            partitions.append(Partition(len(partitions), tuple(run), count))
        run, count = [], 0

    for item in iter_sources(paths):
        if isinstance(item, Problem):
            problems.append(item)
            continue
        for source, articles in _slices(item, size):
            if count + articles > size:
                close()
            run.append(source)
            count += articles
    close()
    return partitions, problems
