"""Cached loading and scoring for the dashboard (the Streamlit caches live here).

Scores are kept by content (``analysis.stored.article_key``: the text and title scoring reads)
and method (``analysis.stored.method_version``), in the server's memory over the score store
folder (``FRAMING_STORE``), so an unchanged article is scored once, not once per server start.
Only articles not stored yet are scored, with a progress bar when there are more than a few.
A read-only server (``FRAMING_READONLY=1``) reads the store but keeps new scores in memory; a
store that cannot be written falls back to memory with a warning on the page.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st

from analysis.classroom.blind import Blinder
from analysis.io.corpus import load_corpus
from analysis.io.output import article_to_dict
from analysis.io.store import ScoreStore, StoreError
from analysis.pipeline import default_resources, score_article
from analysis.stored import article_key, method_version, with_article
from analysis.text.model import Article, Problem
from dashboard import charts
from dashboard.config import Config, load_config
from dashboard.library import ARTICLE_FIELDS

#: More articles than this to score and the page shows a progress bar.
PROGRESS_FROM = 3
#: Newly scored articles written to the store at a time (a stopped run keeps what it scored).
WRITE_EVERY = 50


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


class Scores:
    """The scores of one server process: a dict in memory over the score store (if any).

    Args:
        store: the store to read (and write when ``writable``).
        writable: False for a read-only server: new scores stay in memory.
    """

    def __init__(self, store: ScoreStore, *, writable: bool) -> None:
        self.store = store
        self.writable = writable
        self.memory: dict[str, dict[str, Any]] = {}
        self.warning: str | None = None
        self._lock = threading.Lock()

    def fetch(self, articles: Mapping[str, Article]) -> None:
        """Bring the stored dicts of these articles (by key) into memory."""
        with self._lock:
            wanted = [key for key in articles if key not in self.memory]
            if not wanted:
                return
            for key, record in self.store.load(wanted).items():
                self.memory[key] = with_article(record, articles[key])

    def add(self, scored: Sequence[tuple[str, dict[str, Any]]]) -> None:
        """Keep new scores in memory and, if writable, in the store (one part file)."""
        with self._lock:
            self.memory.update(scored)
            if not self.writable:
                return
            try:
                self.store.write(scored)
            except StoreError as error:
                self.writable = False
                self.warning = (
                    f"Scores are kept in memory only: {error}. They will be scored again "
                    "after a restart; set FRAMING_STORE to a folder you can write."
                )


@st.cache_resource(show_spinner=False, max_entries=4)
def _scores(root: str, readonly: bool, method: str) -> Scores:
    """The process's scores for one store folder and method (a new method starts afresh)."""
    return Scores(ScoreStore(root, method=method), writable=not readonly)


def _score_missing(scores: Scores, missing: Mapping[str, Article]) -> None:
    """Score the articles, writing every :data:`WRITE_EVERY`; a progress bar for many."""
    total = len(missing)
    bar = st.progress(0.0, text=f"Scoring {total} new articles…") if total > PROGRESS_FROM else None
    batch: list[tuple[str, dict[str, Any]]] = []
    start = time.monotonic()
    try:
        for done, (key, article) in enumerate(missing.items(), start=1):
            batch.append((key, article_to_dict(score_article(article))))
            if len(batch) >= WRITE_EVERY:
                scores.add(batch)
                batch = []
            if bar is not None:
                left = (time.monotonic() - start) / done * (total - done)
                bar.progress(
                    done / total, text=f"Scored {done} of {total} · about {left:.0f} s left"
                )
    finally:  # a rerun that stops the script keeps what was scored
        scores.add(batch)
    if bar is not None:
        bar.empty()


def score_records(articles: Sequence[Article]) -> list[dict[str, Any]]:
    """The JSON-contract dict of each article: from memory, else from the score store, else
    scored now (and stored). Articles that share their scoring inputs (``article_key``) share
    one dict in memory; each gets its own top level with its own metadata, the nested parts are
    shared read-only between pages and sessions."""
    config = load_config()
    scores = _scores(str(config.store), config.readonly, method_version())
    keys = [article_key(a) for a in articles]
    by_key: dict[str, Article] = {}
    for key, article in zip(keys, articles, strict=True):
        by_key.setdefault(key, article)  # one article per key is enough to score
    scores.fetch(by_key)
    missing = {k: a for k, a in by_key.items() if k not in scores.memory}
    if missing:
        _score_missing(scores, missing)
    for warning in filter(None, [scores.warning, *scores.store.problems]):
        st.warning(warning, icon="⚠️")
    return [with_article(dict(scores.memory[k]), a) for k, a in zip(keys, articles, strict=True)]


def record_key(record: Mapping[str, Any]) -> str:
    """A hash of a scored dict's text and metadata: the key for per-selection caches."""
    payload = json.dumps([record.get(k) for k in (*ARTICLE_FIELDS, "source")])
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()


def clear_scores() -> None:
    """Forget every cached score, blinded set and chart (after the user lexicon changed), and
    the process's loaded lexicons, so the next scoring reads the user's files again."""
    default_resources.cache_clear()
    _scores.clear()
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
def _blind(
    keys: tuple[str, ...], labels: tuple[str, ...], _records: tuple[dict[str, Any], ...]
) -> BlindSet:
    """Blind a set of records; cached on their content keys and labels only (shared read-only)."""
    ids = [str(r.get("id")) for r in _records]
    blinder = Blinder(_records, labels=dict(zip(ids, labels, strict=True)) if labels else None)
    return BlindSet(tuple(blinder.record(r) for r in _records), blinder.mapping, blinder)


def blind_set(
    records: Sequence[dict[str, Any]], *, letters: Mapping[str, str] | None = None
) -> BlindSet:
    """The records as blind mode shows them, blinded once per set of articles.

    Args:
        records: the original scored dicts.
        letters: article id -> label fixed for the session (every id of ``records``); default
            "Article A, B, C …" in the order given.
    """
    labels = tuple(letters[str(r.get("id"))] for r in records) if letters else ()
    return _blind(tuple(record_key(r) for r in records), labels, tuple(records))


@st.cache_resource(show_spinner=False, max_entries=64)
def _charts(
    keys: tuple[str, ...],
    large_text: bool,
    unit: str | None,
    colour_by: tuple[tuple[str, str], ...] | None,
    _records: Sequence[dict],
    _comparison: Any,
) -> list[charts.Chart]:
    """Build the charts; cached on the records' content keys and the view options only."""
    return charts.build_all(
        _records,
        comparison=_comparison,
        large_text=large_text,
        unit=unit,
        colour_by=dict(colour_by) if colour_by is not None else None,
    )


def charts_for(
    records: Sequence[dict[str, Any]],
    *,
    comparison: Mapping[str, Any] | None = None,
    large_text: bool = False,
    unit: str | None = None,
    colour_by: Mapping[str, str] | None = None,
) -> list[charts.Chart]:
    """The charts for these records, built once per selection and view, shared read-only.

    ``unit`` and ``colour_by`` are passed to :func:`dashboard.charts.build_all`.
    """
    keys = tuple(record_key(r) for r in records)
    colour = tuple(sorted(colour_by.items())) if colour_by is not None else None
    return _charts(
        keys + (("cmp",) if comparison else ()), large_text, unit, colour, records, comparison
    )
