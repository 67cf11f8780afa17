"""Read articles from folders, files, JSONL/CSV/Parquet and dashboard uploads, with clear errors.

Everything that can go wrong with a user's input becomes a :class:`~analysis.text.model.Problem`
with a one-line reason; nothing raises a traceback. Loading streams: folders are walked lazily,
JSONL, CSV and Parquet files are read row by row, and each article is yielded as soon as it is read.

Formats (chosen by the file suffix, lower-cased):

- ``.txt``: the text itself. A ``.txt`` whose content starts with ``<!doctype html`` or ``<html``
  is treated as HTML, with a warning.
- ``.md`` / ``.markdown``: optional YAML front matter between ``---`` lines (keys title, outlet,
  date, event, url, author, genre, id). Malformed front matter does not reject the file: the
  block is dropped, the body after it is loaded, and the article carries a warning naming the YAML
  error (so it is reported wherever article warnings are). Other keys are mapped or kept as user
  columns as :mod:`analysis.io.fields` says.
- ``.html`` / ``.htm``: main text extracted with trafilatura (``favor_precision``; navigation,
  sidebars, footers and comments dropped); title, author, date and URL from the page when present.
  The title is put back as the first line when the extracted text does not start with it, so the
  headline convention below holds for every format.
- ``.jsonl``: one JSON object per line with ``text`` (or ``body``/``content``) and optional id,
  title, outlet, date, event, url, author, genre; other fields (``event_id``, ``lean`` ...) are
  mapped, kept as user columns or warned about (:mod:`analysis.io.fields`), never silently
  dropped. A bad line is a Problem naming ``path:LINE``.
- ``.csv``: a header row with a ``text`` column and the same optional columns, read the same way.
- ``.parquet``: a table with a ``text`` column and the same optional columns, read the same way
  a batch of rows at a time; dates and timestamps become ISO dates, binary columns that are not
  UTF-8 are ignored with a warning.

In a folder, ``catalog.csv`` (columns file, title, outlet, genre, date, author, event[, url]) gives
metadata for the files beside it by file name; its values fill what a file did not say itself
(front matter, JSONL/CSV fields or an HTML page's own metadata win). The catalog beside a file
given explicitly applies too. ``outlets.csv``, ``stories.json`` (story edits) and ``README.*``
are skipped silently; hidden files
and folders are skipped; other suffixes inside a folder are skipped with a warning. A file given
explicitly with an unknown suffix is read as ``.txt``.

Text as loaded (what every offset indexes): the decoded characters with line ends normalised to
``\\n`` (as Python's text mode does) and leading blank lines removed; nothing else is changed.
Title: the one given (upload form, front matter, row, page, catalog, in that order), else the
first non-blank line of the text (for markdown without its leading ``#``), else the id. The
text keeps its headline line. Ids: the file stem, a row's ``id`` field, or ``STEM-N`` for the
N-th row (JSONL: line number; CSV: data row number; Parquet: row number); a clash within one
load gets ``-2``, ``-3`` ... and a warning.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO

from analysis.io.decoding import InputError, decode_bytes, english_warning, size_error
from analysis.io.formats import (
    LEADING_BLANK_LINES,
    METADATA_FIELDS,
    Draft,
    clean,
    iter_csv,
    iter_jsonl,
    iter_parquet,
    parse_document,
)
from analysis.text.model import Article, Corpus, Problem

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".jsonl", ".csv", ".parquet")
#: Formats holding one article per row.
_ROW_READERS = {".jsonl": iter_jsonl, ".csv": iter_csv, ".parquet": iter_parquet}
DEFAULT_MAX_ARTICLE_BYTES = 5_000_000
#: Longest uploaded file name kept (characters, suffix included).
MAX_NAME_CHARS = 120
_CATALOG_NAME = "catalog.csv"
_SILENT_NAMES = ("outlets.csv", "stories.json")  # the user's outlet profiles and story edits
_UNSAFE_NAME_CHARS = re.compile(r"[^\w.\- ()\[\]]+")


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


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file to read, with the catalog row that fills its metadata.

    Attributes:
        path: where it is.
        name: its file name (picks the format and the id stem).
        fill: metadata from the catalog beside it, if any.
        part: for a slice of a file, ``(first number, start, end)``: for JSON Lines the first
            line's number and the slice's start and end bytes; for Parquet the first row's
            number and the row groups ``start`` to ``end`` (exclusive). ``None``: the whole file.
    """

    path: str
    name: str
    fill: dict[str, str | None] | None = None
    part: tuple[int, int, int] | None = None


def _clash(base: str, new: str) -> str:
    return f"id {base!r} is already used in this load; renamed {new!r}"


class _Loader:
    """One load: claims unique ids and turns drafts into Articles."""

    def __init__(self, max_article_bytes: int, *, ids: Iterable[str] | None = None) -> None:
        self.limit = max_article_bytes
        self.used: set[str] = set()
        self.catalogs: dict[str, tuple[dict[str, dict[str, str | None]], list[Problem]]] = {}
        self.assigned = None if ids is None else iter(ids)
        self.bases: list[str] = []

    def claim(self, base: str) -> tuple[str, str | None]:
        self.bases.append(base)
        if self.assigned is not None:  # ids claimed beforehand over the whole load
            new = next(self.assigned)
            return new, None if new == base else _clash(base, new)
        if base not in self.used:
            self.used.add(base)
            return base, None
        n = 2
        while f"{base}-{n}" in self.used:
            n += 1
        new = f"{base}-{n}"
        self.used.add(new)
        return new, _clash(base, new)

    def finish(
        self,
        draft: Draft,
        *,
        fill: dict[str, str | None] | None = None,
        override: dict[str, str | None] | None = None,
    ) -> Article:
        text = LEADING_BLANK_LINES.sub("", draft.text, count=1)
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
        not_english = english_warning(text)
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
            extra=tuple(draft.extra.items()),
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
        rows = _ROW_READERS.get(suffix)
        if rows is not None:
            found = False
            for item in rows(raw, source, stem, self.limit):
                found = True
                if isinstance(item, Problem):
                    yield item
                else:
                    yield self.finish(item, fill=fill, override=override)
            if not found:  # e.g. only blank lines, a lone byte-order mark, a header only
                yield Problem(source, "no articles in the file (no rows)")
            return
        try:
            if size > self.limit:
                raise size_error(size, self.limit, "file")
            text, notes = decode_bytes(raw.read())
            draft = parse_document(text, suffix, source, stem, list(notes))
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

    def walk(self, folder: str, seen: set[str]) -> Iterator[SourceFile | Problem]:
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
            yield SourceFile(path, entry.name, rows.get(entry.name))

    def sources(self, path: str) -> Iterator[SourceFile | Problem]:
        """The files ``path`` stands for, in reading order (nothing is read but catalogs)."""
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
            yield SourceFile(path, name, fill)
        else:
            yield Problem(path, "no such file or folder")

    def read_source(self, source: SourceFile) -> Iterator[Article | Problem]:
        """The articles of one source file, or of its part (a slice of a JSONL or Parquet file)."""
        if source.part is None:
            yield from self.read_file(source.path, name=source.name, fill=source.fill)
            return
        first, start, end = source.part
        stem = _stem(source.name)
        try:
            with open(source.path, "rb") as raw:
                if _suffix(source.name) == ".parquet":
                    groups = (start, end)
                    rows = list(iter_parquet(raw, source.path, stem, self.limit, groups, first))
                else:
                    raw.seek(start)
                    chunk = io.BytesIO(raw.read(end - start))
                    rows = iter_jsonl(chunk, source.path, stem, self.limit, first)
        except OSError as error:
            yield Problem(source.path, _os_reason(error))
            return
        for item in rows:
            yield item if isinstance(item, Problem) else self.finish(item, fill=source.fill)

    def read_path(self, path: str) -> Iterator[Article | Problem]:
        for source in self.sources(path):
            if isinstance(source, Problem):
                yield source
            else:
                yield from self.read_source(source)


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
                raise size_error(os.fstat(raw.fileno()).st_size, limit, "catalog")
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
            rows[name] = {key: clean(record.get(key)) for key in METADATA_FIELDS}
    except csv.Error as error:
        return {}, [Problem(f"{path}:{reader.line_num}", f"catalog not used: {error}")]
    return rows, problems


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


def iter_sources(paths: Iterable[str | os.PathLike]) -> Iterator[SourceFile | Problem]:
    """The files :func:`iter_corpus` would read, in its order, and the problems met walking
    (missing paths, unreadable folders, catalogs, skipped formats); nothing else is read."""
    loader = _Loader(DEFAULT_MAX_ARTICLE_BYTES)
    for path in _as_list(paths):
        yield from loader.sources(path)


def read_sources(
    sources: Iterable[SourceFile],
    *,
    ids: Iterable[str] | None = None,
    max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES,
) -> tuple[list[Article | Problem], list[str]]:
    """Read some of a load's files, as :func:`iter_corpus` would (for a partition of a corpus).

    Args:
        sources: files from :func:`iter_sources` (or slices of them).
        ids: the ids these articles get, claimed beforehand over the whole load (so a clash with
            an article of another partition is renamed exactly as in one load); ``None``: ids are
            claimed within these sources only.
        max_article_bytes: larger files (for JSONL/CSV: larger rows) are rejected.

    Returns:
        The articles and problems in reading order, and the id each article asked for (its base,
        before any renaming), for claiming ids over the whole load.
    """
    loader = _Loader(max_article_bytes, ids=ids)
    items = [item for source in sources for item in loader.read_source(source)]
    return items, loader.bases


def claim_ids(bases: Iterable[str]) -> list[str]:
    """The ids one load gives to articles asking for ``bases`` in this order (``-2``, ``-3`` ...
    on a clash), as :func:`iter_corpus` does."""
    loader = _Loader(DEFAULT_MAX_ARTICLE_BYTES)
    return [loader.claim(base)[0] for base in bases]


def load_corpus(paths: Iterable[str | os.PathLike], **kw: int) -> Corpus:
    """Load everything :func:`iter_corpus` yields into a :class:`Corpus`."""
    articles: list[Article] = []
    problems: list[Problem] = []
    for item in iter_corpus(paths, **kw):
        (problems if isinstance(item, Problem) else articles).append(item)
    return Corpus(tuple(articles), tuple(problems))


def safe_upload_name(name: str) -> str:
    """An uploaded file's name reduced to a harmless base name (never used as a path).

    Folders (``/`` or ``\\``, so ``..`` too), NUL and other control characters and unusual
    punctuation are dropped, leading dots removed, and the result capped at
    :data:`MAX_NAME_CHARS` characters (the suffix kept); "upload" if nothing is left.
    """
    base = re.split(r"[/\\]", name)[-1]
    base = _UNSAFE_NAME_CHARS.sub("_", base).strip(" ._")
    if len(base) > MAX_NAME_CHARS:
        suffix = _suffix(base)[:16]
        base = base[: MAX_NAME_CHARS - len(suffix)].rstrip(" ._") + suffix
    return base or "upload"


def unique_upload_names(names: Iterable[str]) -> list[str]:
    """:func:`safe_upload_name` of each name, made unique within the batch (``a.txt``,
    ``a-2.txt`` ...; compared without case), so that two files never share an id or a source."""
    taken: set[str] = set()
    unique = []
    for name in names:
        safe = safe_upload_name(name)
        stem, suffix = _stem(safe), safe[len(_stem(safe)) :]
        candidate, n = safe, 1
        while candidate.lower() in taken:
            n += 1
            candidate = f"{stem}-{n}{suffix}"
        taken.add(candidate.lower())
        unique.append(candidate)
    return unique


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
        "title": clean(title),
        "outlet": clean(outlet),
        "date": clean(date),
        "event": clean(event),
        "author": clean(author),
        "url": clean(url),
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
