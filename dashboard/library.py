"""The article library: articles the user added, kept as JSON Lines files, and story edits.

Library files are JSON Lines (one article per line, the format ``analysis.io.corpus`` reads),
written atomically (a temporary file in the same folder, then a hard link that fails rather than
replace an existing file), never overwritten (a new unique name instead), and deleted only
explicitly. Two writers at once never lose an article: each save makes its own file, and the
read-modify-write changes (metadata edits, the stories file) hold an exclusive lock on the
library's ``.lock`` file while they read, then replace the file atomically (temp file +
``os.replace``). With a read-only library, added articles and edits live only in the browser
session.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import tempfile
from collections.abc import Iterator, Mapping, MutableMapping, Sequence
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from analysis.io.dates import DateError, normalise_date
from analysis.io.fields import USER_FIELD
from analysis.io.story_edits import StoryEditError, parse_story_edits, story_edits_json
from analysis.text.model import Article
from dashboard.config import Config

#: Largest upload accepted (bytes); ``.streamlit/config.toml`` sets the same limit (5 MB).
MAX_UPLOAD_BYTES = 5_000_000
#: Where the session keeps articles added while the library is read-only.
SESSION_KEY = "framing_session_articles"
#: Where the session keeps story edits while the library is read-only.
SESSION_STORIES_KEY = "framing_session_stories"
#: The stories file in the library folder (article id -> story; see analysis.io.story_edits).
STORIES_FILE = "stories.json"
#: Metadata a user can edit on a saved article.
EDITABLE_FIELDS = ("title", "outlet", "date", "event", "author", "url", "genre")
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


# -- metadata edits --


def checked_metadata(meta: Mapping[str, Any]) -> dict[str, str | None]:
    """Metadata as typed, made ready to store: values stripped (blank -> None), the date
    normalised to ISO 8601 (:func:`analysis.io.dates.normalise_date`).

    Raises:
        LibraryError: the date cannot be read for sure (the message says what to type).
    """
    fields = {k: (str(v).strip() or None) if v is not None else None for k, v in meta.items()}
    if "date" in fields:
        try:
            fields["date"] = normalise_date(fields["date"])
        except DateError as error:
            raise LibraryError(str(error)) from None
    return fields


def edited(article: Article, changes: Mapping[str, Any]) -> Article:
    """The article with the user's metadata changes (checked); a blank title keeps the old one."""
    fields = checked_metadata({k: v for k, v in changes.items() if k in EDITABLE_FIELDS})
    if not fields.get("title", article.title):
        fields.pop("title")
    return replace(article, **fields)


@contextlib.contextmanager
def _locked(library: Path) -> Iterator[None]:
    """Hold the library's exclusive lock (``.lock``; a hidden file the loader skips)."""
    library.mkdir(parents=True, exist_ok=True)
    with open(library / ".lock", "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _replace_file(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then move it over ``path``."""
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def update_rows(library: Path, filename: str, changes: Mapping[int, Mapping[str, Any]]) -> int:
    """Change the metadata of rows of one library file, under the lock, replacing it atomically.

    Args:
        library: the library folder.
        filename: the library file's bare name.
        changes: line number (1-based, as in an article's ``source``) -> field -> new value
            (blank -> removed; checked with :func:`checked_metadata`).

    Returns:
        How many rows changed.

    Raises:
        LibraryError: a bad file name, a line that is not an article row, or a bad date; the
            file is then left as it was.
    """
    if not _LIBRARY_FILE.match(filename):
        raise LibraryError(f"not a library file name: {filename!r}")
    path = library / filename
    checked = {n: checked_metadata(c) for n, c in changes.items()}
    with _locked(library):
        if not path.is_file():
            raise LibraryError(f"no such library file: {filename}")
        lines = path.read_text(encoding="utf-8").split("\n")
        changed = 0
        for number, fields in checked.items():
            try:
                row = json.loads(lines[number - 1])
            except (IndexError, ValueError):
                raise LibraryError(f"{filename}:{number} is not an article row") from None
            if not isinstance(row, dict) or not isinstance(row.get("text"), str):
                raise LibraryError(f"{filename}:{number} is not an article row")
            for key, value in fields.items():
                if key not in EDITABLE_FIELDS:
                    continue
                if value is None:
                    row.pop(key, None)
                else:
                    row[key] = value
            lines[number - 1] = json.dumps(row, ensure_ascii=False)
            changed += 1
        _replace_file(path, "\n".join(lines).encode("utf-8"))
    return changed


def edit_session_article(session: MutableMapping[str, Any], article_id: str, changes) -> None:
    """Change the metadata of an article added in this session (read-only library)."""
    kept = session_articles(session)
    session[SESSION_KEY] = [edited(a, changes) if a.id == article_id else a for a in kept]


# -- story edits --


def read_story_edits(config: Config, session: Mapping[str, Any]) -> dict[str, str]:
    """The user's story edits (article id -> story): the library's stories file, then this
    session's edits on top (read-only library).

    Raises:
        LibraryError: the stories file cannot be read or is not a stories file.
    """
    path = config.library / STORIES_FILE
    overrides: dict[str, str] = {}
    if path.is_file():
        try:
            overrides = parse_story_edits(path.read_text(encoding="utf-8"), source=str(path))
        except (OSError, UnicodeDecodeError) as error:
            raise LibraryError(f"{path}: cannot be read ({error})") from None
        except StoryEditError as error:
            raise LibraryError(str(error)) from None
    return {**overrides, **session.get(SESSION_STORIES_KEY, {})}


def save_story_edits(
    config: Config, changes: Mapping[str, str | None], *, session: MutableMapping[str, Any]
) -> None:
    """Add story edits (article id -> story; None forgets the article's edit) and keep them.

    Written to the stories file under the library lock (read, change, replace atomically), so
    two edits at once both count; in the session when the library is read-only.
    """
    if config.readonly:
        kept = dict(session.get(SESSION_STORIES_KEY, {}))
        session[SESSION_STORIES_KEY] = _changed(kept, changes)
        return
    path = config.library / STORIES_FILE
    with _locked(config.library):
        current = read_story_edits(replace(config, readonly=False), {})
        _replace_file(path, story_edits_json(_changed(current, changes)).encode("utf-8"))


def _changed(overrides: dict[str, str], changes: Mapping[str, str | None]) -> dict[str, str]:
    for aid, story in changes.items():
        if story is None:
            overrides.pop(aid, None)
        else:
            overrides[aid] = story
    return overrides
