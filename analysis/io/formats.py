"""One reader per input format: plain text, markdown with front matter, HTML, JSON Lines, CSV,
Parquet.

Each turns decoded text (or a stream of rows) into drafts: the article text as loaded plus the
metadata the source gave; :mod:`analysis.io.corpus` fills titles and ids and claims them.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO

import yaml

from analysis.io.decoding import (
    BINARY_CONTROL_SHARE,
    CONTROL,
    SNIFF_BYTES,
    InputError,
    check_text,
    decode_legacy,
    repair_field,
    size_error,
)
from analysis.io.fields import METADATA_FIELDS, clean, map_fields, text_field
from analysis.text.model import Problem

__all__ = [
    "METADATA_FIELDS",
    "Draft",
    "clean",
    "iter_csv",
    "iter_jsonl",
    "iter_parquet",
    "parquet_row_groups",
    "parse_document",
]
_MARKDOWN = (".md", ".markdown")
_HTML = (".html", ".htm")
_HTML_START = re.compile(r"\A\s*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S | re.M)
LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t\f\v]*\n)+")


@dataclass(slots=True)
class Draft:
    """An article read from one source, before catalog fills, title fallback and id claims."""

    id_base: str
    text: str
    source: str
    meta: dict[str, str | None]
    markdown: bool = False
    warnings: list[str] = field(default_factory=list)
    extra: dict[str, str] = field(default_factory=dict)


def parse_document(text: str, suffix: str, source: str, stem: str, warnings: list[str]) -> Draft:
    """A .txt/.md/.html document (already decoded) -> one draft. Raises InputError."""
    if suffix in _HTML:
        return _parse_html(text, source, stem, warnings)
    if suffix not in _MARKDOWN and _HTML_START.match(text):
        warnings.append("the file is HTML; its main text was extracted")
        return _parse_html(text, source, stem, warnings)
    if suffix in _MARKDOWN:
        return _parse_markdown(text, source, stem, warnings)
    return Draft(stem, text, source, {}, warnings=warnings)


def _parse_markdown(text: str, source: str, stem: str, warnings: list[str]) -> Draft:
    match = _FRONT_MATTER.match(text)
    if not match:
        return Draft(stem, text, source, {}, markdown=True, warnings=warnings)
    body = text[match.end() :]
    if not body.strip():
        raise InputError("empty file (front matter only)")
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 2}: " if mark is not None else ""
        problem = getattr(error, "problem", None) or "cannot be parsed"
        warnings.append(f"front matter is not valid YAML ({where}{problem}); loaded without it")
        return Draft(stem, body, source, {}, markdown=True, warnings=warnings)
    except (ValueError, RecursionError) as error:  # e.g. "date: 2024-13-45", deep nesting
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        warnings.append(f"front matter cannot be read ({reason}); loaded without it")
        return Draft(stem, body, source, {}, markdown=True, warnings=warnings)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        warnings.append("front matter is not a list of key: value lines; loaded without it")
        return Draft(stem, body, source, {}, markdown=True, warnings=warnings)
    meta, extra, notes = map_fields(_lower_keys(data), what="front matter", skip=("id",))
    warnings.extend(notes)
    article_id = clean(data.get("id")) or stem
    return Draft(article_id, body, source, meta, True, warnings, extra)


def _lower_keys(data: dict) -> dict[str, object]:
    """Field names stripped and lower-cased; the first of two that then clash wins."""
    lowered: dict[str, object] = {}
    for key, value in data.items():
        lowered.setdefault(str(key).strip().lower(), value)
    return lowered


def _parse_html(text: str, source: str, stem: str, warnings: list[str]) -> Draft:
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    try:
        doc = trafilatura.bare_extraction(
            text, favor_precision=True, with_metadata=True, include_comments=False
        )
    except Exception as error:  # a third-party parser on arbitrary input: report, never crash
        raise InputError(f"could not parse HTML ({type(error).__name__})") from None
    body = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not body:
        raise InputError("no article text found in HTML")
    meta = {key: clean(getattr(doc, key, None)) for key in ("title", "author", "date", "url")}
    title = meta["title"]
    if title and not body.startswith(title):
        body = f"{title}\n\n{body}"
    return Draft(stem, check_text(body), source, meta, warnings=warnings)


def rows_encoding(head: bytes) -> tuple[str, str]:
    """The (encoding, error handler) a JSONL/CSV file is read with, judged from its first 64 KB.

    UTF-8 is read with surrogate escapes so that a legacy-encoded field can be repaired per row.
    Raises InputError for an empty or binary file.
    """
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig", "strict"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16", "strict"
    if b"\x00" in head:
        raise InputError("looks like a binary file (contains NUL bytes)")
    if not head.strip():
        raise InputError("empty file")
    try:
        sample = head.decode("utf-8")
    except UnicodeDecodeError:
        sample = decode_legacy(head)
    controls = len(CONTROL.findall(sample))
    if controls > BINARY_CONTROL_SHARE * len(sample):
        share = controls / len(sample)
        raise InputError(f"looks like a binary file ({share:.0%} control characters)")
    return "utf-8", "surrogateescape"


def _open_rows(raw: IO[bytes], *, newline: str | None) -> io.TextIOWrapper:
    """A text stream over a JSONL/CSV file, after judging its first 64 KB. Raises InputError."""
    head = raw.read(SNIFF_BYTES)
    raw.seek(0)
    encoding, errors = rows_encoding(head)
    return io.TextIOWrapper(raw, encoding=encoding, errors=errors, newline=newline)


def _row_draft(record: dict, *, source: str, stem: str, number: int, limit: int) -> Draft | Problem:
    record = _lower_keys(record)
    text_key = text_field(record)
    text = record.get(text_key)
    if not isinstance(text, str) or not text.strip():
        return Problem(source, "no text (a non-empty 'text' field is needed)")
    warnings: list[str] = []
    text, notes = repair_field(text)
    warnings.extend(notes)
    size = len(text.encode("utf-8", errors="surrogatepass"))
    try:
        if size > limit:
            raise size_error(size, limit, "row text")
        text = check_text(text)
    except InputError as error:
        return Problem(source, str(error))
    fixed = {key: repair_field(v)[0] if isinstance(v, str) else v for key, v in record.items()}
    meta, extra, notes = map_fields(fixed, what="row", skip=("id", text_key))
    warnings.extend(notes)
    article_id = clean(fixed.get("id")) or f"{stem}-{number}"
    return Draft(article_id, text, source, meta, warnings=warnings, extra=extra)


def iter_jsonl(
    raw: IO[bytes], path: str, stem: str, limit: int, first_line: int = 1
) -> Iterator[Draft | Problem]:
    """Rows of a JSON Lines stream.

    ``first_line`` > 1 marks a slice of a file from that line on, cut at line ends by
    :mod:`analysis.scale.partitions` from a file whose head was judged UTF-8: it is read as
    UTF-8 without judging it again.
    """
    try:
        if first_line > 1:
            stream = io.TextIOWrapper(raw, encoding="utf-8", errors="surrogateescape")
        else:
            stream = _open_rows(raw, newline=None)
    except InputError as error:
        yield Problem(path, str(error))
        return
    lineno = first_line - 1
    try:
        while True:
            line = stream.readline(limit + 2)
            if not line:
                return
            lineno += 1
            source = f"{path}:{lineno}"
            if not line.endswith("\n") and len(line) > limit:
                size = len(line)
                while line and not line.endswith("\n"):
                    line = stream.readline(1 << 20)
                    size += len(line)
                yield Problem(source, str(size_error(size, limit, "line", at_least=True)))
                continue
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                reason = f"{error.msg.removesuffix(' at')} at column {error.colno}"
                yield Problem(source, f"not valid JSON ({reason})")
                continue
            except RecursionError:
                yield Problem(source, "not valid JSON (nested too deeply)")
                continue
            except ValueError as error:  # e.g. an integer too long to convert
                yield Problem(source, f"not valid JSON ({str(error).splitlines()[0]})")
                continue
            if not isinstance(record, dict):
                yield Problem(source, "not a JSON object")
                continue
            yield _row_draft(record, source=source, stem=stem, number=lineno, limit=limit)
    except UnicodeDecodeError as error:
        yield Problem(f"{path}:{lineno + 1}", f"cannot be decoded ({error.reason})")


def _raise_csv_field_limit() -> None:
    """Let csv read article-sized fields (the stdlib's limit is 128 KB and is process-wide)."""
    wanted = min(sys.maxsize, 2**31 - 1)
    if csv.field_size_limit() < wanted:
        csv.field_size_limit(wanted)


class _RowTooLarge(Exception):
    """A CSV row ran past the size bound before it ended (its size so far in characters)."""


class _BoundedLines:
    """The stream's lines for ``csv.reader``, raising :class:`_RowTooLarge` once the current row
    has read more than ``bound`` characters (so a huge quoted field never fills the memory)."""

    def __init__(self, stream: IO[str], bound: int) -> None:
        self.stream, self.bound, self.row_chars = stream, bound, 0

    def __iter__(self) -> _BoundedLines:
        return self

    def __next__(self) -> str:
        line = self.stream.readline(self.bound + 2)
        if not line:
            raise StopIteration
        self.row_chars += len(line)
        if self.row_chars > self.bound:
            raise _RowTooLarge(self.row_chars)
        return line


def iter_csv(raw: IO[bytes], path: str, stem: str, limit: int) -> Iterator[Draft | Problem]:
    """Rows of a CSV file as drafts. A row longer than twice the article limit (text plus
    metadata) stops the reading with a Problem naming its line: the quoted field that has no
    end cannot be skipped reliably, so the rest of the file is reported as not read."""
    try:
        stream = _open_rows(raw, newline="")
    except InputError as error:
        yield Problem(path, str(error))
        return
    _raise_csv_field_limit()
    lines = _BoundedLines(stream, 2 * limit)
    reader = csv.reader(lines)
    try:
        header = next(reader, None)
        if header is None:
            yield Problem(path, "empty file")
            return
        lines.row_chars = 0
        columns = [repair_field(c)[0].strip().lower().lstrip("\ufeff") for c in header]
        if text_field(columns) not in columns:
            listed = ", ".join(c for c in columns if c) or "none"
            yield Problem(path, f"no 'text' column (columns: {listed})")
            return
        number = 0
        previous_line = reader.line_num
        for row in reader:
            lines.row_chars = 0
            start_line, previous_line = previous_line + 1, reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            number += 1
            record = dict(zip(columns, row, strict=False))
            yield _row_draft(
                record, source=f"{path}:{start_line}", stem=stem, number=number, limit=limit
            )
    except _RowTooLarge as error:
        size = str(size_error(error.args[0], limit, "row", at_least=True))
        where = f"{path}:{reader.line_num + 1}"
        yield Problem(where, f"{size}; the rest of the file was not read")
    except csv.Error as error:
        yield Problem(f"{path}:{reader.line_num}", f"CSV cannot be parsed ({error})")
    except UnicodeDecodeError as error:
        yield Problem(f"{path}:{reader.line_num + 1}", f"cannot be decoded ({error.reason})")


#: Rows decoded at a time from a Parquet file: few enough that a batch of article-sized texts
#: stays small in memory (the article limit bounds each text).
PARQUET_BATCH_ROWS = 64


def _arrow_reason(error: Exception) -> str:
    return (str(error).splitlines() or [type(error).__name__])[0].strip()


def _open_parquet(raw: IO[bytes]):  # -> pyarrow.parquet.ParquetFile; raises InputError
    import pyarrow as pa  # imported here: only Parquet inputs need it on the scoring path
    import pyarrow.parquet as pq

    raw.seek(0, io.SEEK_END)
    if raw.tell() == 0:
        raise InputError("empty file")
    raw.seek(0)
    try:
        return pq.ParquetFile(raw)
    except (pa.ArrowException, OSError, ValueError) as error:
        raise InputError(f"not a readable Parquet file ({_arrow_reason(error)})") from None


def parquet_row_groups(raw: IO[bytes]) -> list[int]:
    """The number of rows in each row group of a Parquet file. Raises InputError."""
    metadata = _open_parquet(raw).metadata
    return [metadata.row_group(i).num_rows for i in range(metadata.num_row_groups)]


def _parquet_value(value: object) -> object:
    """A Parquet cell as a JSON-like value: UTF-8 bytes become text; other bytes stay bytes
    (not text, so :func:`~analysis.io.fields.map_fields` ignores them with a warning)."""
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            return value
    return value


def iter_parquet(
    raw: IO[bytes],
    path: str,
    stem: str,
    limit: int,
    groups: tuple[int, int] | None = None,
    first_row: int = 1,
) -> Iterator[Draft | Problem]:
    """Rows of a Parquet file as drafts, read a batch at a time (never the whole file).

    Columns are matched like a CSV header (``text`` or an alias holds the text; the others are
    metadata, aliases or user columns). A row's number is its place in the file (1, 2 ...): it
    names the row in problems (``path:N``) and makes the id ``STEM-N`` when there is no ``id``.

    Args:
        raw: the file, opened for binary reading (seekable).
        path: how problems name the file.
        stem: the id stem.
        limit: larger texts are rejected (a Problem for that row).
        groups: read only row groups ``start`` to ``end`` (exclusive), for a partition;
            ``first_row`` is then the number of the first row of ``start``.
    """
    import pyarrow as pa

    try:
        file = _open_parquet(raw)
    except InputError as error:
        yield Problem(path, str(error))
        return
    columns = [name.strip().lower() for name in file.schema_arrow.names]
    if text_field(columns) not in columns:
        listed = ", ".join(c for c in columns if c) or "none"
        yield Problem(path, f"no 'text' column (columns: {listed})")
        return
    start, end = groups if groups is not None else (0, file.metadata.num_row_groups)
    number = first_row - 1
    try:
        batches = file.iter_batches(
            batch_size=PARQUET_BATCH_ROWS, row_groups=range(start, end), use_threads=False
        )
        for batch in batches:
            for record in batch.to_pylist():
                number += 1
                fields = {key: _parquet_value(value) for key, value in record.items()}
                yield _row_draft(
                    fields, source=f"{path}:{number}", stem=stem, number=number, limit=limit
                )
    except (pa.ArrowException, OSError, ValueError) as error:
        reason = f"Parquet cannot be read ({_arrow_reason(error)})"
        yield Problem(f"{path}:{number + 1}", f"{reason}; the rest of the file was not read")
