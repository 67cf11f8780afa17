"""The score store: scored articles cached on disk, so an article is scored once per method.

Layout of a store folder::

    DIR/articles/part-<time>-<id>.parquet   one row per article (the scored JSON-contract dict)
    DIR/evidence/part-<time>-<id>.parquet   one row per evidence span of those articles

Why Parquet (pyarrow) and not DuckDB: pyarrow is already a pinned dependency (no new package,
no native database file format to migrate), Parquet files are immutable, so a batch is written
to a temporary file and renamed into place (``os.replace``) and a killed writer leaves either
the whole part or nothing; two writers only ever add files with unique names, so neither can
lose the other's rows, which a single database file would have to arbitrate with locks. Any
tool (pandas, DuckDB, Spark, R's arrow) reads the tables as they are.

Rows are keyed by a hash of what scoring reads (``analysis.stored.article_key``) and carry the
*method* they were scored with (``analysis.stored.method_version()``: the method version plus a
digest of the scoring code and the data files in use). Reading keeps only rows of the current
method, so a store written by an older method is re-scored, never misread; the old rows stay on
disk (nothing is deleted). The ``record`` column holds the article's dict exactly as
``article_to_dict`` made it, as JSON with ``text`` left empty; the reader fills in the text and
the metadata of the article at hand (``analysis.stored``), which gives an equal dict with the
keys in the same order. The evidence table repeats every span as a flat row
(``analysis.io.output.evidence_rows``) for querying spans across a corpus without JSON.

Part files accumulate one per batch; when there are more than :data:`COMPACT_AT`, the writer
merges the smallest of them into one until about half that many are left (size-tiered, so a
growing store is not rewritten whole on every merge; rows of every method kept, duplicates
dropped) and removes only the parts it merged, so parts other writers add meanwhile survive.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import time
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from analysis.io.output import EVIDENCE_COLUMNS, METADATA_FIELDS, evidence_rows

if TYPE_CHECKING:
    import pyarrow as pa

ARTICLES, EVIDENCE = "articles", "evidence"
#: More part files than this and the next write merges them into one.
COMPACT_AT = 32
_EVIDENCE_INTS = {"start", "end"}
_RETRIES = 8
T = TypeVar("T")


class StoreError(Exception):
    """The store folder cannot be written (one-line message)."""


def _utf8(value: Any) -> str | None:
    """A string Parquet can hold: lone surrogates (possible from JSON escapes) become "?"."""
    if value is None:
        return None
    text = str(value)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")
    return text


def _schemas() -> tuple[pa.Schema, pa.Schema]:
    import pyarrow as pa

    text = pa.string()
    articles = pa.schema(
        [
            ("key", text),
            ("method", text),
            ("written", text),
            *[(name, text) for name in METADATA_FIELDS],
            ("words", pa.int64()),
            ("sentences", pa.int64()),
            ("record", text),
        ]
    )
    evidence = pa.schema(
        [
            ("key", text),
            ("method", text),
            *[
                (c, pa.int64() if c in _EVIDENCE_INTS else pa.bool_() if c == "in_quote" else text)
                for c in EVIDENCE_COLUMNS
            ],
        ]
    )
    return articles, evidence


def _evidence_value(column: str, value: Any) -> Any:
    if column in _EVIDENCE_INTS or value is None:
        return value
    return bool(value) if column == "in_quote" else _utf8(value)


def _column(values: list[Any], column: str, kind: pa.DataType) -> pa.Array:
    """One evidence column as an Arrow array; values that do not fit as they are (a number in
    a text column, a lone surrogate) are converted one by one."""
    import pyarrow as pa

    try:
        return pa.array(values, kind)
    except (pa.ArrowException, UnicodeEncodeError, TypeError, ValueError):
        return pa.array([_evidence_value(column, v) for v in values], kind)


class _Vanished(Exception):
    """A part file listed a moment ago was merged away by another writer's compaction."""


def _retried(read: Callable[[], T]) -> T:
    """``read()`` again from a fresh listing when a part vanished under it (the merged part
    that replaced it holds the same rows)."""
    for _ in range(_RETRIES):
        try:
            return read()
        except _Vanished:
            continue
    return read()


def _pairs(table: pa.Table) -> Iterable[tuple[str, str]]:
    return zip(table["key"].to_pylist(), table["method"].to_pylist(), strict=True)


class ScoreStore:
    """A store folder for one scoring method (see the module docstring).

    Args:
        root: the store folder (created on the first write).
        method: the scoring method rows must carry to be read (``pipeline.method_version()``).
    """

    def __init__(self, root: str | os.PathLike[str], *, method: str) -> None:
        self.root = Path(root)
        self.method = method
        #: Part files that could not be read (damaged by hand, say), with the reason.
        self.problems: list[str] = []

    def _parts(self, table: str) -> list[Path]:
        folder = self.root / table
        if not folder.is_dir():
            return []
        return sorted(p for p in folder.iterdir() if p.name.startswith("part-"))

    def _read(self, part: Path, columns: list[str] | None = None) -> pa.Table | None:
        import pyarrow.parquet as pq

        try:
            return pq.read_table(part, columns=columns, filters=[("method", "==", self.method)])
        except FileNotFoundError:  # merged away by a compaction since we listed it
            raise _Vanished from None
        except Exception as error:  # a damaged part must not hide the others
            self._problem(f"{part}: cannot be read ({error}); left as it is")
            return None

    def _problem(self, message: str) -> None:
        if message not in self.problems:
            self.problems.append(message)

    def _rows(self, keys: Iterable[str] | None, columns: list[str]) -> dict[str, tuple[str, Any]]:
        """key -> (part name, the other columns' values) of current-method rows, newest wins."""
        return _retried(lambda: self._rows_once(keys, columns))

    def _rows_once(
        self, keys: Iterable[str] | None, columns: list[str]
    ) -> dict[str, tuple[str, Any]]:
        import pyarrow as pa
        import pyarrow.compute as pc

        wanted = None if keys is None else pa.array(list(set(keys)), pa.string())
        found: dict[str, tuple[str, Any]] = {}
        for part in self._parts(ARTICLES):
            table = self._read(part, ["key", *columns])
            if table is None or not table.num_rows:
                continue
            if wanted is not None:
                table = table.filter(pc.is_in(table["key"], value_set=wanted))
            values = [table[c].to_pylist() for c in columns]
            for i, key in enumerate(table["key"].to_pylist()):
                found[key] = (part.name, tuple(v[i] for v in values))
        return found

    def keys(self) -> set[str]:
        """The keys of every article stored under this method."""
        return set(self._rows(None, []))

    def load(self, keys: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
        """The stored dicts of these keys (all when ``None``), with ``text`` empty; absent keys
        are left out."""
        rows = self._rows(keys, ["record"])
        return {key: json.loads(values[0]) for key, (_, values) in rows.items()}

    def load_json(self, keys: Iterable[str] | None = None) -> dict[str, str]:
        """As :meth:`load`, but each dict still as its JSON text (compact to hold in memory)."""
        return {key: values[0] for key, (_, values) in self._rows(keys, ["record"]).items()}

    def evidence(self, keys: Iterable[str] | None = None) -> pa.Table:
        """The evidence rows of the stored articles (these keys, or all), one per span."""
        return _retried(lambda: self._evidence_once(keys))

    def _evidence_once(self, keys: Iterable[str] | None) -> pa.Table:
        import pyarrow as pa
        import pyarrow.compute as pc

        chosen = self._rows(keys, [])
        by_part: dict[str, list[str]] = {}
        for key, (part, _) in chosen.items():
            by_part.setdefault(part, []).append(key)
        tables = []
        for name, part_keys in sorted(by_part.items()):
            try:
                table = self._read(self.root / EVIDENCE / name)
            except _Vanished:
                if not (self.root / ARTICLES / name).exists():
                    raise  # both merged away: read again from a fresh listing
                self._problem(f"{self.root / EVIDENCE / name}: missing; its spans are not listed")
                continue
            if table is not None:
                mask = pc.is_in(table["key"], value_set=pa.array(part_keys, pa.string()))
                tables.append(table.filter(mask))
        schema = _schemas()[1]
        return pa.concat_tables(tables) if tables else schema.empty_table()

    def write(self, records: Sequence[tuple[str, Mapping[str, Any]]]) -> None:
        """Add one batch of ``(key, article dict)`` pairs as new part files, atomically.

        The evidence part is written first and the articles part last, so a reader never sees
        an article whose evidence is missing. Merges the parts when there are too many.

        Raises:
            StoreError: the folder cannot be created or written.
        """
        if not records:
            return
        name = f"part-{time.time_ns():020d}-{uuid.uuid4().hex[:12]}.parquet"
        try:
            self._write_batch(name, records)
            if len(self._parts(ARTICLES)) > COMPACT_AT:
                self._compact_smallest()
        except OSError as error:
            reason = error.strerror or str(error)
            raise StoreError(f"{self.root}: cannot be written ({reason}); not stored") from None

    def _write_batch(self, name: str, records: Sequence[tuple[str, Mapping[str, Any]]]) -> None:
        import pyarrow as pa

        article_schema, evidence_schema = _schemas()
        written = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        rows = []
        spans: dict[str, list[Any]] = {name: [] for name in evidence_schema.names}
        for key, record in records:
            row = {"key": key, "method": self.method, "written": written}
            row.update({name: _utf8(record.get(name)) for name in METADATA_FIELDS})
            row.update(words=record.get("words"), sentences=record.get("sentences"))
            row["record"] = json.dumps({**record, "text": ""})
            rows.append(row)
            for span in evidence_rows(record):
                spans["key"].append(key)
                for column in EVIDENCE_COLUMNS:
                    spans[column].append(span.get(column))
        spans["method"] = [self.method] * len(spans["key"])
        columns = [_column(spans[f.name], f.name, f.type) for f in evidence_schema]
        self._atomic(EVIDENCE, name, pa.Table.from_arrays(columns, schema=evidence_schema))
        self._atomic(ARTICLES, name, pa.Table.from_pylist(rows, schema=article_schema))

    def _atomic(self, table: str, name: str, data: pa.Table) -> None:
        import pyarrow.parquet as pq

        folder = self.root / table
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".parquet", dir=folder)
        try:
            with os.fdopen(fd, "wb") as handle:
                pq.write_table(data, handle, compression="zstd")
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, folder / name)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise

    def compact(self) -> None:
        """Merge every part into one (all methods kept, exact duplicates dropped), then remove
        the merged parts; parts written meanwhile by others are left alone."""
        self._merge(self._parts(ARTICLES))

    def _compact_smallest(self) -> None:
        """Merge the smallest parts until about half of :data:`COMPACT_AT` are left (size-tiered,
        as log-structured stores do): the big parts stay as they are, so a row is rewritten about
        log(n) times over a growing store rather than on every merge, and a merge holds only the
        small parts in memory."""
        sizes = []
        for part in self._parts(ARTICLES):
            with contextlib.suppress(FileNotFoundError):
                sizes.append((part.stat().st_size, part))
        sizes.sort()
        self._merge([part for _, part in sizes[: len(sizes) - COMPACT_AT // 2]])

    def _merge(self, parts: list[Path]) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if len(parts) < 2:
            return
        merged: dict[str, list[pa.Table]] = {ARTICLES: [], EVIDENCE: []}
        seen: set[tuple[str, str]] = set()
        for part in list(parts):
            try:
                articles = pq.read_table(part)
                evidence = pq.read_table(self.root / EVIDENCE / part.name)
            except Exception:  # unreadable or incomplete: leave the part where it is
                parts.remove(part)
                continue
            pairs = list(_pairs(articles))
            fresh = [i for i, pair in enumerate(pairs) if pair not in seen]
            new = {pairs[i] for i in fresh}
            seen |= new
            merged[ARTICLES].append(articles.take(pa.array(fresh, pa.int64())))
            keep = [i for i, pair in enumerate(_pairs(evidence)) if pair in new]
            merged[EVIDENCE].append(evidence.take(pa.array(keep, pa.int64())))
        if len(parts) < 2:
            return
        article_schema, evidence_schema = _schemas()
        name = f"part-{time.time_ns():020d}-{uuid.uuid4().hex[:12]}.parquet"
        self._atomic(EVIDENCE, name, pa.concat_tables(merged[EVIDENCE]).cast(evidence_schema))
        self._atomic(ARTICLES, name, pa.concat_tables(merged[ARTICLES]).cast(article_schema))
        for part in parts:  # articles part first: its evidence is never needed without it
            with contextlib.suppress(FileNotFoundError):
                part.unlink()
            with contextlib.suppress(FileNotFoundError):
                (self.root / EVIDENCE / part.name).unlink()
