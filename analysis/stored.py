"""Scoring through the score store (``analysis.io.store``): the method tag stored scores carry,
and the record stream that reads stored articles back and scores only the others.

A stored score is reused only under the same *method*: :data:`METHOD_VERSION` (raised by hand
when the meaning of a figure changes) plus a digest of everything a score depends on besides
the article: the scoring code, the built-in lexicons, the versions of VADER and textstat, and
the user's own lexicon, naming-group and speaker-group files. Any change there re-scores; a
stale score can therefore not be read as a current one.

Within a method, a score is found by :func:`article_key`, a hash of what scoring reads (the text
and the title); :func:`with_article` fills in the metadata of the article at hand on the way out.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from importlib import metadata
from itertools import islice
from pathlib import Path
from typing import Any

from analysis.io.output import METADATA_FIELDS, article_to_dict
from analysis.io.store import ScoreStore, StoreError
from analysis.pipeline import (
    SCORED_FIELDS,
    Resources,
    default_resources,
    in_workers,
    record_in_worker,
    score_article,
)
from analysis.text.model import Article

#: The scoring method's version: raise it when the meaning of a figure changes.
METHOD_VERSION = "0.3"
_PACKAGE = Path(__file__).resolve().parent
#: What scores depend on besides the article: the scoring code, the JSON shape, the lexicons.
_METHOD_SOURCES = ("text", "measures", "lexicons", "pipeline.py", "io/output.py")
_SCORERS = ("vaderSentiment", "textstat")
#: Articles looked up in the store at once (bounds the memory of the look-ahead).
LOOKUP_WINDOW = 1024
#: Newly scored articles written to the store per part file.
STORE_BATCH = 256
_Item = tuple[Article, str, "str | None"]  # article, its key, its stored JSON (None: score it)


@lru_cache(maxsize=1)
def code_digest() -> str:
    """SHA-256 of the scoring code and built-in lexicons (:data:`_METHOD_SOURCES`) and of the
    versions of the third-party scorers: changes whenever a score could."""
    digest = hashlib.sha256()
    for name in _METHOD_SOURCES:
        root = _PACKAGE / name
        files = sorted(root.rglob("*")) if root.is_dir() else [root]
        for path in files:
            if path.is_file() and path.suffix in {".py", ".csv", ".txt", ".json"}:
                digest.update(f"{path.relative_to(_PACKAGE).as_posix()}\0".encode())
                digest.update(path.read_bytes())
    for package in _SCORERS:
        digest.update(f"{package}=={metadata.version(package)}\0".encode())
    return digest.hexdigest()


def method_version(resources: Resources | None = None) -> str:
    """The method stored scores are tagged with: ``METHOD_VERSION+<digest>``, the digest over
    :func:`code_digest` and the user data files of ``resources`` (default: the process's)."""
    resources = resources or default_resources()
    both = hashlib.sha256(f"{code_digest()}:{resources.digest}".encode()).hexdigest()
    return f"{METHOD_VERSION}+{both[:16]}"


def open_store(root: str | Path) -> ScoreStore:
    """The store folder ``root`` for the current method."""
    return ScoreStore(root, method=method_version())


def article_key(article: Article) -> str:
    """The store key of an article: a SHA-256 of what scoring reads (``SCORED_FIELDS``: the
    text and the title). Articles that differ only in other metadata (the same wire story in
    two outlets, the same file under another path) share their scores."""
    payload = json.dumps([getattr(article, name) for name in SCORED_FIELDS])
    return hashlib.sha256(payload.encode("ascii")).hexdigest()


def with_article(record: dict[str, Any], article: Article) -> dict[str, Any]:
    """A stored dict completed with the text and metadata of ``article`` (in place; the keys
    keep their order): equal to ``article_to_dict(score_article(article))``."""
    for name in METADATA_FIELDS:
        record[name] = getattr(article, name)
    record["text"] = article.text
    record["warnings"] = list(article.warnings)
    return record


def stored_records(store: ScoreStore, articles: Sequence[Article]) -> list[dict[str, Any] | None]:
    """The stored dict of each article, completed by :func:`with_article`, or ``None`` where
    the store has none under its method."""
    keys = [article_key(a) for a in articles]
    stored = store.load_json(keys)
    return [
        with_article(json.loads(stored[k]), a) if k in stored else None
        for a, k in zip(articles, keys, strict=True)
    ]


def _looked_up(articles: Iterable[Article], store: ScoreStore) -> Iterator[_Item]:
    iterator = iter(articles)
    while window := list(islice(iterator, LOOKUP_WINDOW)):
        keys = [article_key(a) for a in window]
        stored = store.load_json(keys)
        yield from ((a, k, stored.get(k)) for a, k in zip(window, keys, strict=True))


def _record_unless_stored(article: Article | None) -> dict[str, object] | None:
    return None if article is None else record_in_worker(article)


def _to_worker(item: _Item) -> Article | None:
    return None if item[2] is not None else item[0]


def _pair(reply: dict[str, object] | None, item: _Item) -> tuple[Any, _Item]:
    return reply, item


def iter_stored_records(
    articles: Iterable[Article],
    store: ScoreStore,
    *,
    workers: int = 1,
    chunksize: int = 16,
    on_error: Callable[[StoreError], None] | None = None,
) -> Iterator[dict[str, object]]:
    """``pipeline.iter_records`` through a store: the dicts of stored articles are read back,
    the others scored (in ``workers`` processes) and added to the store in batches of
    :data:`STORE_BATCH`; the last batch is written even when the caller stops early.

    A store that cannot be written is reported once to ``on_error`` and scoring goes on
    without storing (with no ``on_error``, the :class:`StoreError` is raised).
    """
    items = _looked_up(articles, store)
    replies: Iterable[tuple[Any, _Item]]
    if workers <= 1:
        replies = (
            (None if item[2] is not None else article_to_dict(score_article(item[0])), item)
            for item in items
        )
    else:
        replies = in_workers(
            _record_unless_stored,
            items,
            _pair,
            workers=workers,
            chunksize=chunksize,
            message=_to_worker,
        )
    pending: list[tuple[str, dict[str, object]]] = []
    writable = True

    def flush() -> None:
        nonlocal writable
        if pending and writable:
            try:
                store.write(pending)
            except StoreError as error:
                writable = False
                if on_error is None:
                    raise
                on_error(error)
        pending.clear()

    try:
        for reply, (article, key, stored) in replies:
            if reply is None:
                record = with_article(json.loads(stored), article)
            else:
                record = reply
                record["text"] = article.text
                pending.append((key, record))
            yield record
            if len(pending) >= STORE_BATCH:
                flush()
    finally:
        flush()
