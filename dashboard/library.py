"""The article library: articles the user added, kept as JSON Lines files.

Library files are JSON Lines (one article per line, the format ``analysis.io.corpus`` reads),
written atomically (a temporary file in the same folder, then a hard link that fails rather than
replace an existing file), never overwritten (a new unique name instead), and deleted only
explicitly. With a read-only library, added articles live only in the browser session.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Mapping, MutableMapping, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from analysis.io.fields import USER_FIELD
from analysis.text.model import Article
from dashboard.config import Config

#: Largest upload accepted (bytes); ``.streamlit/config.toml`` sets the same limit (5 MB).
MAX_UPLOAD_BYTES = 5_000_000
#: Where the session keeps articles added while the library is read-only.
SESSION_KEY = "framing_session_articles"
_SLUG = re.compile(r"[^a-z0-9]+")
_LIBRARY_FILE = re.compile(r"\A[a-z0-9][a-z0-9-]{0,80}\.jsonl\Z")
ARTICLE_FIELDS = ("id", "text", "title", "outlet", "date", "event", "url", "author", "genre")


class LibraryError(Exception):
    """A library operation that cannot be done (read-only library, bad name, missing file)."""


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
        row = {k: getattr(article, k) for k in ARTICLE_FIELDS if getattr(article, k) is not None}
        if article.extra:
            row[USER_FIELD] = dict(article.extra)
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
