"""Cut a corpus into partitions: runs of files, and slices of large JSON Lines files.

A partition is what one task of the distributed job reads and scores. The plan walks the inputs
exactly as :func:`analysis.io.corpus.iter_corpus` does (same files, same order, same problems)
but reads nothing except catalogs and, for JSON Lines files, their line ends; so reading the
partitions one after the other gives the same articles as one load. CSV files stay whole (a
quoted field may hold line breaks, so a CSV cannot be cut at a line end safely).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass

from analysis.io.corpus import SourceFile, iter_sources
from analysis.io.decoding import SNIFF_BYTES, InputError
from analysis.io.formats import rows_encoding
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
            if source.lines is None:
                parts.append(source.path)
            else:
                first, _, _ = source.lines
                parts.append(f"{source.path} lines {first}-")
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


def _slices(source: SourceFile, size: int) -> list[tuple[SourceFile, int]]:
    """A UTF-8 JSON Lines file cut into slices of ``size`` lines; other files stay whole."""
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
    byte-order mark, else it stays whole).
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
