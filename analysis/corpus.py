"""Read articles from folders, files, JSONL/CSV and dashboard uploads, with clear errors.

Everything that can go wrong with a user's input becomes a :class:`~analysis.model.Problem` with a
one-line reason; nothing raises a traceback. Loading streams: folders are walked lazily, JSONL and
CSV files are read row by row, and each article is yielded as soon as it is read.

Formats (chosen by the file suffix, lower-cased):

- ``.txt``: the text itself. A ``.txt`` whose content starts with ``<!doctype html`` or ``<html``
  is treated as HTML, with a warning.
- ``.md`` / ``.markdown``: optional YAML front matter between ``---`` lines (keys title, outlet,
  date, event, url, author, genre, id). Malformed front matter does not reject the file: the
  block is dropped, the body after it is loaded, and the article carries a warning naming the YAML
  error (so it is reported wherever article warnings are). Unknown keys are ignored with a warning.
- ``.html`` / ``.htm``: main text extracted with trafilatura (``favor_precision``; navigation,
  sidebars, footers and comments dropped); title, author, date and URL from the page when present.
  The title is put back as the first line when the extracted text does not start with it, so the
  headline convention below holds for every format.
- ``.jsonl``: one JSON object per line with ``text`` and optional id, title, outlet, date, event,
  url, author, genre (other keys are ignored). A bad line is a Problem naming ``path:LINE``.
- ``.csv``: a header row with a ``text`` column and the same optional columns.

In a folder, ``catalog.csv`` (columns file, title, outlet, genre, date, author, event[, url]) gives
metadata for the files beside it by file name; its values fill what a file did not say itself
(front matter, JSONL/CSV fields or an HTML page's own metadata win). The catalog beside a file
given explicitly applies too. ``outlets.csv`` and ``README.*`` are skipped silently; hidden files
and folders are skipped; other suffixes inside a folder are skipped with a warning. A file given
explicitly with an unknown suffix is read as ``.txt``.

Text as loaded (what every offset indexes): the decoded characters with line ends normalised to
``\\n`` (as Python's text mode does) and leading blank lines removed; nothing else is changed.
Title: the one given (upload form, front matter, row, page, catalog, in that order), else the
first non-blank line of the text (for markdown without its leading ``#``), else the id. The
text keeps its headline line. Ids: the file stem, a row's ``id`` field, or ``STEM-N`` for the
N-th row (JSONL: line number; CSV: data row number); a clash within one load gets ``-2``, ``-3``
... and a warning.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO

import yaml

from analysis.model import Article, Corpus, Problem

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".jsonl", ".csv")
"""File suffixes read as articles when found inside a folder."""

METADATA_FIELDS = ("title", "outlet", "date", "event", "url", "author", "genre")
"""Optional metadata every format may carry (front matter, JSONL keys, CSV/catalog columns)."""

DEFAULT_MAX_ARTICLE_BYTES = 5_000_000

_CATALOG_NAME = "catalog.csv"
_SILENT_NAMES = ("outlets.csv",)
_MARKDOWN = (".md", ".markdown")
_HTML = (".html", ".htm")
_SNIFF_BYTES = 65_536

_BINARY_CONTROL_SHARE = 0.05
"""A decoded text with more control characters than this share is judged binary."""

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
"""Control characters other than tab, line feed, carriage return and form feed (C0, DEL, C1)."""

_CP1252_UNDEFINED = {0xDC00 + b: b for b in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}
"""Bytes Windows-1252 leaves undefined, as surrogate escapes -> the same code point (Latin-1)."""

_SURROGATE_ESCAPE = re.compile("[\udc80-\udcff]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_HTML_START = re.compile(r"\A\s*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S | re.M)
_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t\f\v]*\n)+")
_UNSAFE_NAME_CHARS = re.compile(r"[^\w.\- ()\[\]]+")

# --- English check -------------------------------------------------------------------------------

ENGLISH_FUNCTION_WORDS = frozenset(
    """
    the of and to a in that is was he for it with as his on be at by i this had not are but from
    or have an they which you were her all she there would their we him been has when who will no
    if out so what up its about into than them can only other some could these may then do any my
    now such our over me even most after also did many before must through where much your should
    because each those how too very here between both under while might since against
    """.split()  # noqa: SIM905 - a word list reads better as words
)
"""100 English closed-class words (determiners, pronouns, prepositions, conjunctions,
auxiliaries), all among the most frequent English word forms in general corpora (cf. the Brown
corpus frequency list, Kučera & Francis 1967, *Computational Analysis of Present-Day American
English*). Chosen by word class, not fitted to any text."""

ENGLISH_MIN_WORDS = 30
"""Below this many words the English check is not attempted (too little evidence)."""

ENGLISH_MIN_SHARE = 0.15
"""Minimum share of :data:`ENGLISH_FUNCTION_WORDS` among word tokens for text to pass as English.
Calibrated on this machine: English news articles score 0.25-0.54 (the 150 BASIL and 371 PTC
articles; the seeds 0.37-0.46) and single English sentences of 30+ words no lower than 0.21 (BABE);
news paragraphs in French, German, Spanish, Italian, Dutch and Portuguese score 0.01-0.06 (the
samples in tests/test_corpus.py)."""

_ENGLISH_SAMPLE_CHARS = 20_000
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")


class InputError(ValueError):
    """An input that cannot be used; ``str(error)`` is a one-line message for the user."""


@dataclass(slots=True)
class _Draft:
    """An article read from one source, before catalog fills, title fallback and id claims."""

    id_base: str
    text: str
    source: str
    meta: dict[str, str | None]
    markdown: bool = False
    warnings: list[str] = field(default_factory=list)


# --- decoding ------------------------------------------------------------------------------------


def decode_bytes(data: bytes) -> tuple[str, tuple[str, ...]]:
    """Decode a file's bytes to text, judging binary content by decoding, never by magic numbers.

    UTF-8 (a BOM is stripped) and UTF-16 LE/BE with a BOM are read as such. Other bytes that are not
    valid UTF-8 are read as Windows-1252 (its five undefined bytes as Latin-1) with the warning
    "not UTF-8; decoded as Windows-1252". Line ends are normalised to ``\\n``.

    Args:
        data: the raw bytes of one file or upload.

    Returns:
        The text and the decoding warnings.

    Raises:
        InputError: "empty file" for empty or whitespace-only input; "looks like a binary file
            (...)" for NUL bytes outside UTF-16 or more than 5% control characters after decoding.
    """
    text, warnings = _decode(data)
    return _check_text(text), warnings


def _decode(data: bytes) -> tuple[str, tuple[str, ...]]:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), ()
        except UnicodeDecodeError as error:
            raise InputError(f"looks like a binary file (invalid UTF-16: {error.reason})") from None
    if not data.strip():
        raise InputError("empty file")
    if b"\x00" in data:
        raise InputError("looks like a binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8"), ()
    except UnicodeDecodeError:
        return _decode_legacy(data), ("not UTF-8; decoded as Windows-1252",)


def _decode_legacy(data: bytes) -> str:
    return data.decode("cp1252", errors="surrogateescape").translate(_CP1252_UNDEFINED)


def _check_text(text: str) -> str:
    """Normalise line ends; reject empty and binary-looking text (raises InputError)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError("empty file")
    if _LONE_SURROGATE.search(text):
        text = _LONE_SURROGATE.sub("\ufffd", text)
    controls = len(_CONTROL.findall(text))
    if controls > _BINARY_CONTROL_SHARE * len(text):
        share = controls / len(text)
        raise InputError(f"looks like a binary file ({share:.0%} control characters)")
    return text


def _repair_field(value: str) -> tuple[str, tuple[str, ...]]:
    """A streamed field read as UTF-8 with surrogate escapes: undecodable bytes -> Windows-1252."""
    if not _SURROGATE_ESCAPE.search(value):
        return value, ()
    raw = value.encode("utf-8", errors="surrogateescape")
    return _decode_legacy(raw), ("not UTF-8; decoded as Windows-1252",)


def _size_error(size: int, limit: int, what: str, *, at_least: bool = False) -> InputError:
    amount = f"{'at least ' if at_least else ''}{size:,} bytes ({size / 1e6:.1f} MB)"
    return InputError(
        f"{what} is {amount}, over the limit of {limit:,} bytes ({limit / 1e6:.1f} MB) "
        "for one article"
    )


# --- metadata helpers ----------------------------------------------------------------------------


def _clean(value: object) -> str | None:
    """A metadata value as a stripped string, or None when missing or blank."""
    if value is None:
        return None
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list):
        parts = [p for p in (_clean(v) for v in value if not isinstance(v, list | dict)) if p]
        return ", ".join(parts) or None
    if isinstance(value, dict):
        return None
    text = str(value).strip()
    return text or None


def _metadata(source: dict, warnings: list[str], *, what: str) -> dict[str, str | None]:
    meta = {}
    for key in METADATA_FIELDS:
        value = source.get(key)
        if isinstance(value, dict) or (
            isinstance(value, list) and any(isinstance(v, list | dict) for v in value)
        ):
            warnings.append(f"{what} value for {key!r} is not text; ignored")
            continue
        meta[key] = _clean(value)
    return meta


def _english_warning(text: str) -> str | None:
    """The non-English warning, or None when the text looks like English or is too short to tell.

    Looks at the first 20,000 characters: text whose letters are mostly outside the Latin script,
    or whose share of common English function words is below :data:`ENGLISH_MIN_SHARE`.
    """
    sample = text[:_ENGLISH_SAMPLE_CHARS]
    words = _WORD.findall(sample)
    letters = sum(len(w) for w in words)
    latin = len(_LATIN_LETTER.findall(sample))
    if letters >= 100 and latin < 0.5 * letters:
        return "does not look like English; scores assume English text"
    if len(words) < ENGLISH_MIN_WORDS:
        return None
    hits = sum(1 for w in words if w.lower() in ENGLISH_FUNCTION_WORDS)
    if hits < ENGLISH_MIN_SHARE * len(words):
        return "does not look like English; scores assume English text"
    return None


# --- parsers: whole documents --------------------------------------------------------------------


def _parse_document(text: str, suffix: str, source: str, stem: str, warnings: list[str]) -> _Draft:
    """A .txt/.md/.html document (already decoded) -> one draft. Raises InputError."""
    if suffix in _HTML:
        return _parse_html(text, source, stem, warnings)
    if suffix not in _MARKDOWN and _HTML_START.match(text):
        warnings.append("the file is HTML; its main text was extracted")
        return _parse_html(text, source, stem, warnings)
    if suffix in _MARKDOWN:
        return _parse_markdown(text, source, stem, warnings)
    return _Draft(stem, text, source, {}, warnings=warnings)


def _parse_markdown(text: str, source: str, stem: str, warnings: list[str]) -> _Draft:
    match = _FRONT_MATTER.match(text)
    if not match:
        return _Draft(stem, text, source, {}, markdown=True, warnings=warnings)
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
        return _Draft(stem, body, source, {}, markdown=True, warnings=warnings)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        warnings.append("front matter is not a list of key: value lines; loaded without it")
        return _Draft(stem, body, source, {}, markdown=True, warnings=warnings)
    data = {str(k).strip().lower(): v for k, v in data.items()}
    unknown = sorted(set(data) - set(METADATA_FIELDS) - {"id"})
    if unknown:
        warnings.append(f"front matter keys ignored: {', '.join(unknown)}")
    meta = _metadata(data, warnings, what="front matter")
    return _Draft(_clean(data.get("id")) or stem, body, source, meta, True, warnings)


def _parse_html(text: str, source: str, stem: str, warnings: list[str]) -> _Draft:
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
    meta = {key: _clean(getattr(doc, key, None)) for key in ("title", "author", "date", "url")}
    title = meta["title"]
    if title and not body.startswith(title):
        body = f"{title}\n\n{body}"
    return _Draft(stem, _check_text(body), source, meta, warnings=warnings)


# --- parsers: row formats (streamed) -------------------------------------------------------------


def _open_rows(raw: IO[bytes], *, newline: str | None) -> io.TextIOWrapper:
    """A text stream over a JSONL/CSV file, after judging its first 64 KB. Raises InputError.

    UTF-8 is read with surrogate escapes so that a legacy-encoded field can be repaired per row.
    """
    head = raw.read(_SNIFF_BYTES)
    raw.seek(0)
    if head.startswith(b"\xef\xbb\xbf"):
        encoding, errors = "utf-8-sig", "strict"
    elif head.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding, errors = "utf-16", "strict"
    else:
        encoding, errors = "utf-8", "surrogateescape"
        if b"\x00" in head:
            raise InputError("looks like a binary file (contains NUL bytes)")
        if not head.strip():
            raise InputError("empty file")
        try:
            sample = head.decode("utf-8")
        except UnicodeDecodeError:
            sample = _decode_legacy(head)
        controls = len(_CONTROL.findall(sample))
        if controls > _BINARY_CONTROL_SHARE * len(sample):
            share = controls / len(sample)
            raise InputError(f"looks like a binary file ({share:.0%} control characters)")
    return io.TextIOWrapper(raw, encoding=encoding, errors=errors, newline=newline)


def _row_draft(
    record: dict, *, source: str, stem: str, number: int, limit: int
) -> _Draft | Problem:
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return Problem(source, "no text (a non-empty 'text' field is needed)")
    warnings: list[str] = []
    text, notes = _repair_field(text)
    warnings.extend(notes)
    size = len(text.encode("utf-8", errors="surrogatepass"))
    try:
        if size > limit:
            raise _size_error(size, limit, "row text")
        text = _check_text(text)
    except InputError as error:
        return Problem(source, str(error))
    fixed = {}
    for key in ("id", *METADATA_FIELDS):
        value = record.get(key)
        if isinstance(value, str):
            value, _ = _repair_field(value)
        fixed[key] = value
    meta = _metadata(fixed, warnings, what="row")
    return _Draft(_clean(fixed["id"]) or f"{stem}-{number}", text, source, meta, warnings=warnings)


def _iter_jsonl(raw: IO[bytes], path: str, stem: str, limit: int) -> Iterator[_Draft | Problem]:
    try:
        stream = _open_rows(raw, newline=None)
    except InputError as error:
        yield Problem(path, str(error))
        return
    lineno = 0
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
                yield Problem(source, str(_size_error(size, limit, "line", at_least=True)))
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


def _iter_csv(raw: IO[bytes], path: str, stem: str, limit: int) -> Iterator[_Draft | Problem]:
    try:
        stream = _open_rows(raw, newline="")
    except InputError as error:
        yield Problem(path, str(error))
        return
    _raise_csv_field_limit()
    reader = csv.reader(stream)
    try:
        header = next(reader, None)
        if header is None:
            yield Problem(path, "empty file")
            return
        columns = [_repair_field(c)[0].strip().lower().lstrip("\ufeff") for c in header]
        if "text" not in columns:
            listed = ", ".join(c for c in columns if c) or "none"
            yield Problem(path, f"no 'text' column (columns: {listed})")
            return
        number = 0
        previous_line = reader.line_num
        for row in reader:
            start_line, previous_line = previous_line + 1, reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            number += 1
            record = dict(zip(columns, row, strict=False))
            yield _row_draft(
                record, source=f"{path}:{start_line}", stem=stem, number=number, limit=limit
            )
    except csv.Error as error:
        yield Problem(f"{path}:{reader.line_num}", f"CSV cannot be parsed ({error})")
    except UnicodeDecodeError as error:
        yield Problem(f"{path}:{reader.line_num + 1}", f"cannot be decoded ({error.reason})")


# --- the loader ----------------------------------------------------------------------------------


def _stem(name: str) -> str:
    base, dot, _ = name.rpartition(".")
    return base if dot and base else name


def _suffix(name: str) -> str:
    base, dot, ext = name.rpartition(".")
    return f".{ext.lower()}" if dot and base else ""


def _title_from_text(text: str, *, markdown: bool) -> str:
    for line in text.split("\n"):
        line = line.strip()
        if markdown:
            line = line.lstrip("#").strip()
        if line:
            return line
    return ""


class _Loader:
    """One load: claims unique ids and turns drafts into Articles."""

    def __init__(self, max_article_bytes: int) -> None:
        self.limit = max_article_bytes
        self.used: set[str] = set()
        self.catalogs: dict[str, tuple[dict[str, dict[str, str | None]], list[Problem]]] = {}

    def claim(self, base: str) -> tuple[str, str | None]:
        if base not in self.used:
            self.used.add(base)
            return base, None
        n = 2
        while f"{base}-{n}" in self.used:
            n += 1
        new = f"{base}-{n}"
        self.used.add(new)
        return new, f"id {base!r} is already used in this load; renamed {new!r}"

    def finish(
        self,
        draft: _Draft,
        *,
        fill: dict[str, str | None] | None = None,
        override: dict[str, str | None] | None = None,
    ) -> Article:
        text = _LEADING_BLANK_LINES.sub("", draft.text, count=1)
        meta = dict(draft.meta)
        for key, value in (fill or {}).items():
            if value and not meta.get(key):
                meta[key] = value
        for key, value in (override or {}).items():
            if value:
                meta[key] = value
        warnings = list(draft.warnings)
        article_id, clash = self.claim(draft.id_base)
        title = (
            meta.pop("title", None)
            or _title_from_text(text, markdown=draft.markdown)
            or article_id  # a markdown text of bare '#' lines has no headline
        )
        if clash:
            warnings.append(clash)
        not_english = _english_warning(text)
        if not_english:
            warnings.append(not_english)
        return Article(
            id=article_id,
            text=text,
            title=title,
            source=draft.source,
            outlet=meta.get("outlet"),
            date=meta.get("date"),
            event=meta.get("event"),
            url=meta.get("url"),
            author=meta.get("author"),
            genre=meta.get("genre"),
            warnings=tuple(warnings),
        )

    # -- reading sources --

    def read_stream(
        self,
        raw: IO[bytes],
        *,
        name: str,
        source: str,
        size: int,
        fill: dict[str, str | None] | None = None,
        override: dict[str, str | None] | None = None,
    ) -> Iterator[Article | Problem]:
        """Parse one file's bytes (``name`` only picks the format and the id stem)."""
        suffix, stem = _suffix(name), _stem(name)
        if suffix in (".jsonl", ".csv"):
            rows = _iter_jsonl if suffix == ".jsonl" else _iter_csv
            for item in rows(raw, source, stem, self.limit):
                if isinstance(item, Problem):
                    yield item
                else:
                    yield self.finish(item, fill=fill, override=override)
            return
        try:
            if size > self.limit:
                raise _size_error(size, self.limit, "file")
            text, notes = decode_bytes(raw.read())
            draft = _parse_document(text, suffix, source, stem, list(notes))
        except InputError as error:
            yield Problem(source, str(error))
            return
        yield self.finish(draft, fill=fill, override=override)

    def read_file(self, path: str, *, name: str, fill: dict | None) -> Iterator[Article | Problem]:
        try:
            with open(path, "rb") as raw:
                size = os.fstat(raw.fileno()).st_size
                yield from self.read_stream(raw, name=name, source=path, size=size, fill=fill)
        except OSError as error:
            yield Problem(path, _os_reason(error))

    def catalog(self, folder: str) -> tuple[dict[str, dict[str, str | None]], list[Problem]]:
        """The folder's catalog (file name -> metadata) and the problems reading it, cached."""
        if folder not in self.catalogs:
            self.catalogs[folder] = _read_catalog(os.path.join(folder, _CATALOG_NAME), self.limit)
        return self.catalogs[folder]

    def walk(self, folder: str, seen: set[str]) -> Iterator[Article | Problem]:
        real = os.path.realpath(folder)
        if real in seen:
            return
        seen.add(real)
        try:
            with os.scandir(folder) as it:
                entries = sorted((e for e in it if not e.name.startswith(".")), key=_name)
        except OSError as error:
            yield Problem(folder, _os_reason(error))
            return
        names = {e.name for e in entries if _is_file(e)}
        rows, problems = self.catalog(folder) if _CATALOG_NAME in names else ({}, [])
        yield from problems
        catalog_path = os.path.join(folder, _CATALOG_NAME)
        for missing in sorted(set(rows) - names):
            yield Problem(catalog_path, f"catalog row for missing file {missing}", "warning")
        for entry in entries:
            path = os.path.join(folder, entry.name)
            if _is_dir(entry):
                yield from self.walk(path, seen)
                continue
            lower = entry.name.lower()
            if lower == _CATALOG_NAME or lower in _SILENT_NAMES or lower.startswith("readme."):
                continue
            suffix = _suffix(entry.name)
            if suffix not in ARTICLE_SUFFIXES:
                reason = f"not an article format ({suffix or 'no suffix'}); skipped"
                yield Problem(path, reason, "warning")
                continue
            yield from self.read_file(path, name=entry.name, fill=rows.get(entry.name))

    def read_path(self, path: str) -> Iterator[Article | Problem]:
        if os.path.isdir(path):
            yield from self.walk(path, set())
        elif os.path.exists(path):
            folder, name = os.path.split(path)
            folder = folder or os.curdir
            fill = None
            if os.path.isfile(os.path.join(folder, _CATALOG_NAME)):
                rows, problems = self.catalog(folder)
                yield from problems
                fill = rows.get(name)
            yield from self.read_file(path, name=name, fill=fill)
        else:
            yield Problem(path, "no such file or folder")


def _name(entry: os.DirEntry) -> str:
    return entry.name


def _is_file(entry: os.DirEntry) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _os_reason(error: OSError) -> str:
    return (error.strerror or type(error).__name__).lower()


def _read_catalog(path: str, limit: int) -> tuple[dict[str, dict[str, str | None]], list[Problem]]:
    """Read ``catalog.csv``: file name -> metadata. Problems are errors about the catalog itself."""
    try:
        with open(path, "rb") as raw:
            if os.fstat(raw.fileno()).st_size > limit:
                raise _size_error(os.fstat(raw.fileno()).st_size, limit, "catalog")
            text, _ = decode_bytes(raw.read())
    except OSError as error:
        return {}, [Problem(path, _os_reason(error))]
    except InputError as error:
        return {}, [Problem(path, f"catalog not used: {error}")]
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [c.strip().lower() for c in next(reader, [])]
        if "file" not in header:
            return {}, [Problem(path, "catalog not used: it has no 'file' column")]
        rows: dict[str, dict[str, str | None]] = {}
        problems = []
        for row in reader:
            record = dict(zip(header, row, strict=False))
            name = (record.get("file") or "").strip()
            if not name:
                continue
            if name in rows:
                reason = f"catalog lists {name} twice; the first row is used"
                problems.append(Problem(f"{path}:{reader.line_num}", reason, "warning"))
                continue
            rows[name] = {key: _clean(record.get(key)) for key in METADATA_FIELDS}
    except csv.Error as error:
        return {}, [Problem(f"{path}:{reader.line_num}", f"catalog not used: {error}")]
    return rows, problems


# --- public API ----------------------------------------------------------------------------------


def _as_list(paths: Iterable[str | os.PathLike] | str | os.PathLike) -> list[str]:
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    return [os.fspath(p) for p in paths]


def check_paths(paths: Iterable[str | os.PathLike]) -> list[str]:
    """One message per path that does not exist (for the CLI to report before loading).

    Args:
        paths: files or folders as the user gave them.

    Returns:
        Messages like ``"missing.txt: no such file or folder"``; empty when every path exists.
    """
    return [f"{p}: no such file or folder" for p in _as_list(paths) if not os.path.exists(p)]


def iter_corpus(
    paths: Iterable[str | os.PathLike], *, max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES
) -> Iterator[Article | Problem]:
    """Stream articles and problems from files and folders, in a stable order.

    Paths are read in the order given; folders are walked recursively in sorted name order,
    skipping hidden files and folders. Each article is yielded as soon as it is read.

    Args:
        paths: files and folders (see the module docstring for formats).
        max_article_bytes: larger files (for JSONL/CSV: larger rows) are rejected.

    Yields:
        An :class:`Article` per article read, a :class:`Problem` per input that could not be
        used (``error``) or was skipped with a note (``warning``).
    """
    loader = _Loader(max_article_bytes)
    for path in _as_list(paths):
        yield from loader.read_path(path)


def load_corpus(paths: Iterable[str | os.PathLike], **kw: int) -> Corpus:
    """Load everything :func:`iter_corpus` yields into a :class:`Corpus`."""
    articles: list[Article] = []
    problems: list[Problem] = []
    for item in iter_corpus(paths, **kw):
        (problems if isinstance(item, Problem) else articles).append(item)
    return Corpus(tuple(articles), tuple(problems))


def safe_upload_name(name: str) -> str:
    """An uploaded file's name reduced to a harmless base name (never used as a path).

    Folders (``/`` or ``\\``), control characters and unusual punctuation are dropped, leading dots
    removed, and the result capped at 120 characters; "upload" if nothing is left.
    """
    base = re.split(r"[/\\]", name)[-1]
    base = _UNSAFE_NAME_CHARS.sub("_", base).strip(" ._")
    if len(base) > 120:
        suffix = _suffix(base)
        base = base[: 120 - len(suffix)] + suffix
    return base or "upload"


def read_upload(
    name: str,
    data: bytes,
    *,
    title: str | None = None,
    outlet: str | None = None,
    date: str | None = None,
    event: str | None = None,
    author: str | None = None,
    url: str | None = None,
    max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES,
) -> tuple[list[Article], list[Problem]]:
    """Parse bytes uploaded in the dashboard exactly as a file of that name would be parsed.

    The format comes from the sanitised name's suffix (unknown suffixes are read as text); the
    name is never used as a path and nothing is read from disk. Explicit metadata overrides what
    the file says (for JSONL/CSV, on every row).

    Args:
        name: the uploaded file's name as the browser sent it.
        data: its bytes.
        title, outlet, date, event, author, url: metadata typed by the user.
        max_article_bytes: larger uploads (for JSONL/CSV: larger rows) are rejected.

    Returns:
        The articles read and the problems met (errors and warnings).
    """
    safe = safe_upload_name(name)
    override = {
        "title": _clean(title),
        "outlet": _clean(outlet),
        "date": _clean(date),
        "event": _clean(event),
        "author": _clean(author),
        "url": _clean(url),
    }
    loader = _Loader(max_article_bytes)
    articles: list[Article] = []
    problems: list[Problem] = []
    items = loader.read_stream(
        io.BytesIO(data), name=safe, source=safe, size=len(data), override=override
    )
    for item in items:
        (problems if isinstance(item, Problem) else articles).append(item)
    return articles, problems
