"""Configuration, the article library, and cached loading and scoring for the dashboard.

Configuration (environment variables):
    ``FRAMING_CORPUS``: folders or files to load, separated by ``:`` (default: the repository's
    ``seeds/`` folder plus the library folder).
    ``FRAMING_LIBRARY``: the library folder where added articles are saved (default:
    ``platformdirs.user_data_dir("framing-dashboard")/library``, outside the repository).
    ``FRAMING_READONLY=1``: never write to the library; added articles live only in the
    browser session (for a shared classroom server).

Library files are JSON Lines (one article per line, the format ``analysis.io.corpus`` reads),
written
atomically (a temporary file in the same folder, then a hard link that fails rather than replace
an existing file), never overwritten (a new unique name instead), and deleted only explicitly.

Scoring is cached by content: the cache key is the article's text and metadata, so an unchanged
article is never scored twice in a server process, whichever page asks for it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Mapping, MutableMapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import platformdirs
import streamlit as st

from analysis.classroom.blind import Blinder
from analysis.io.corpus import load_corpus
from analysis.io.output import article_to_dict
from analysis.pipeline import default_resources, score_article
from analysis.text.model import Article, Problem
from dashboard import charts

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

#: Largest upload accepted (bytes); ``.streamlit/config.toml`` sets the same limit (5 MB).
MAX_UPLOAD_BYTES = 5_000_000

#: Where the session keeps articles added while the library is read-only.
SESSION_KEY = "framing_session_articles"

_TRUE = {"1", "true", "yes", "on"}
_SLUG = re.compile(r"[^a-z0-9]+")
_LIBRARY_FILE = re.compile(r"\A[a-z0-9][a-z0-9-]{0,80}\.jsonl\Z")
_ARTICLE_FIELDS = ("id", "text", "title", "outlet", "date", "event", "url", "author", "genre")


class LibraryError(Exception):
    """A library operation that cannot be done (read-only library, bad name, missing file)."""


@dataclass(frozen=True, slots=True)
class Config:
    """Where articles come from and where added ones go.

    Attributes:
        corpus: folders and files loaded at start (in order).
        library: the folder added articles are saved to.
        readonly: True when the library must not be written.
    """

    corpus: tuple[Path, ...]
    library: Path
    readonly: bool


def default_library() -> Path:
    """The library folder in the user's data directory (never inside the repository)."""
    return Path(platformdirs.user_data_dir("framing-dashboard")) / "library"


def load_config(env: Mapping[str, str] | None = None) -> Config:
    """Read the configuration from environment variables (see the module docstring)."""
    env = os.environ if env is None else env
    library = Path(env["FRAMING_LIBRARY"]).expanduser() if env.get("FRAMING_LIBRARY") else None
    library = library or default_library()
    raw = env.get("FRAMING_CORPUS", "")
    parts = [Path(p).expanduser() for p in raw.split(":") if p.strip()]
    corpus = tuple(parts) if parts else (SEEDS, library)
    readonly = env.get("FRAMING_READONLY", "").strip().lower() in _TRUE
    return Config(corpus=corpus, library=library, readonly=readonly)


# --- library ----------------------------------------------------------------------------------


def slug(name: str) -> str:
    """A lower-case ASCII file stem from any user-given name ("article" if nothing is left)."""
    stem = _SLUG.sub("-", name.lower()).strip("-")[:60].strip("-")
    return stem or "article"


def library_files(library: Path) -> list[Path]:
    """The article files in the library, sorted by name (an absent folder is empty)."""
    if not library.is_dir():
        return []
    return sorted(p for p in library.iterdir() if p.is_file() and _LIBRARY_FILE.match(p.name))


def _jsonl(articles: Sequence[Article]) -> bytes:
    lines = []
    for article in articles:
        row = {k: getattr(article, k) for k in _ARTICLE_FIELDS if getattr(article, k) is not None}
        lines.append(json.dumps(row, ensure_ascii=False))
    return ("\n".join(lines) + "\n").encode("utf-8")


def save_articles(library: Path, articles: Sequence[Article], *, name: str) -> Path:
    """Write articles to a new JSON Lines file in the library, atomically, never overwriting.

    The file is first written completely to a temporary file in the library folder, then
    hard-linked to its final name, which fails instead of replacing an existing file; on a
    clash the next free name (``name-2.jsonl``, ``name-3.jsonl`` ...) is tried.

    Args:
        library: the library folder (created if missing).
        articles: the articles to save (at least one).
        name: a user-facing name; only its slug is used in the file name.

    Returns:
        The path of the new file.
    """
    if not articles:
        raise LibraryError("nothing to save")
    library.mkdir(parents=True, exist_ok=True)
    stem = slug(name)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".part", dir=library)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(_jsonl(articles))
            handle.flush()
            os.fsync(handle.fileno())
        for n in range(1, 10_000):
            target = library / (f"{stem}.jsonl" if n == 1 else f"{stem}-{n}.jsonl")
            try:
                os.link(tmp, target)
            except FileExistsError:
                continue
            return target
        raise LibraryError(f"no free file name for {stem!r}")
    finally:
        os.unlink(tmp)


def delete_from_library(library: Path, filename: str) -> None:
    """Delete one library file by its bare name (never a path; only library article files)."""
    if not _LIBRARY_FILE.match(filename):
        raise LibraryError(f"not a library file name: {filename!r}")
    path = library / filename
    if not path.is_file():
        raise LibraryError(f"no such library file: {filename}")
    path.unlink()


def session_articles(session: Mapping[str, Any]) -> list[Article]:
    """Articles added during this browser session (read-only library)."""
    return list(session.get(SESSION_KEY, ()))


def add_articles(
    config: Config,
    articles: Sequence[Article],
    *,
    name: str,
    session: MutableMapping[str, Any],
) -> str:
    """Keep added articles: in the library file, or in the session when the library is read-only.

    Returns:
        A short sentence saying where they went (for the page to show).
    """
    if not articles:
        raise LibraryError("nothing to add")
    if config.readonly:
        kept = session_articles(session)
        taken = {a.id for a in kept}
        for article in articles:
            new_id, n = article.id, 1
            while new_id in taken:
                n += 1
                new_id = f"{article.id}-{n}"
            taken.add(new_id)
            kept.append(_replace_id(article, new_id, source=f"session:{new_id}"))
        session[SESSION_KEY] = kept
        return (
            f"Added {len(articles)} article(s) to this session only "
            "(the library is read-only here; they are gone when the session ends)."
        )
    path = save_articles(config.library, articles, name=name)
    return f"Saved {len(articles)} article(s) to the library as {path.name}."


def _replace_id(article: Article, new_id: str, *, source: str) -> Article:
    fields = asdict(article)
    fields.update(id=new_id, source=source)
    return Article(**fields)


# --- loading and scoring (cached) -------------------------------------------------------------


def fingerprint(paths: Sequence[Path]) -> tuple[tuple[str, int, int], ...]:
    """(path, size, mtime) of every file under ``paths``: changes when any file changes."""
    found: list[tuple[str, int, int]] = []
    for path in paths:
        if path.is_file():
            st_ = path.stat()
            found.append((str(path), st_.st_size, st_.st_mtime_ns))
        elif path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith("."):
                        st_ = os.stat(os.path.join(root, name))
                        found.append((os.path.join(root, name), st_.st_size, st_.st_mtime_ns))
    return tuple(found)


@st.cache_data(show_spinner="Loading articles…", max_entries=8)
def _load(paths: tuple[str, ...], stamp: str) -> tuple[list[Article], list[Problem]]:
    """Load the corpus; ``stamp`` (the files' fingerprint) is only part of the cache key."""
    existing = [p for p in paths if os.path.exists(p)]
    corpus = load_corpus(existing)
    return list(corpus.articles), list(corpus.problems)


def load_articles(config: Config) -> tuple[list[Article], list[Problem]]:
    """Every article under the configured corpus paths (re-read when a file changes).

    Corpus paths that do not exist (a library not created yet) are skipped silently.
    """
    stamp = hashlib.sha256(repr(fingerprint(config.corpus)).encode()).hexdigest()
    return _load(tuple(str(p) for p in config.corpus), stamp)


def content_key(article: Article) -> str:
    """A hash of the article's text and metadata: the scoring cache key."""
    return record_key({k: getattr(article, k) for k in (*_ARTICLE_FIELDS, "source")})


@st.cache_data(show_spinner=False, max_entries=5000)
def _score(key: str, _article: Article) -> dict[str, Any]:
    """Score one article; cached on ``key`` (its content hash) alone, ``_article`` is unhashed."""
    return article_to_dict(score_article(_article))


def score_records(articles: Sequence[Article]) -> list[dict[str, Any]]:
    """The JSON-contract dict of each article, scored once per content and cached."""
    return [_score(content_key(a), a) for a in articles]


def record_key(record: Mapping[str, Any]) -> str:
    """A hash of a scored dict's text and metadata: the key for per-selection caches."""
    payload = json.dumps([record.get(k) for k in (*_ARTICLE_FIELDS, "source")])
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()


def clear_scores() -> None:
    """Forget every cached score, blinded set and chart (after the user lexicon changed), and
    the process's loaded lexicons, so the next scoring reads the user's files again."""
    default_resources.cache_clear()
    _score.clear()
    _blind.clear()
    _charts.clear()


@dataclass(frozen=True, slots=True)
class BlindSet:
    """Articles in blind mode (``analysis.classroom.blind``): lettered "Article A, B …", masked.

    Attributes:
        records: the blinded dicts, in the order given.
        mapping: label -> original article id (the teacher's reveal).
        blinder: the blinder of this set, to mask other text about it (a problem's source).
    """

    records: tuple[dict[str, Any], ...]
    mapping: dict[str, str]
    blinder: Blinder


@st.cache_resource(show_spinner=False, max_entries=16)
def _blind(keys: tuple[str, ...], _records: tuple[dict[str, Any], ...]) -> BlindSet:
    """Blind a set of records; cached on their content keys only (shared read-only)."""
    blinder = Blinder(_records)
    return BlindSet(tuple(blinder.record(r) for r in _records), blinder.mapping, blinder)


def blind_set(records: Sequence[dict[str, Any]]) -> BlindSet:
    """The records as blind mode shows them, blinded once per set of articles."""
    return _blind(tuple(record_key(r) for r in records), tuple(records))


@st.cache_resource(show_spinner=False, max_entries=64)
def _charts(
    keys: tuple[str, ...], large_text: bool, _records: Sequence[dict], _comparison: Any
) -> list[charts.Chart]:
    """Build the charts; cached on the records' content keys and the text size only."""
    return charts.build_all(_records, comparison=_comparison, large_text=large_text)


def charts_for(
    records: Sequence[dict[str, Any]],
    *,
    comparison: Mapping[str, Any] | None = None,
    large_text: bool = False,
) -> list[charts.Chart]:
    """The charts for these records, built once per selection and shared read-only."""
    keys = tuple(record_key(r) for r in records)
    return _charts(keys + (("cmp",) if comparison else ()), large_text, records, comparison)
