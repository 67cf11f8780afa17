"""Cached loading and scoring for the dashboard (the Streamlit caches live here).

Scoring is cached by content: the cache key is the article's text and metadata, so an unchanged
article is never scored twice in a server process, whichever page asks for it.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st

from analysis.classroom.blind import Blinder
from analysis.io.corpus import load_corpus
from analysis.io.output import article_to_dict
from analysis.pipeline import default_resources, score_article
from analysis.text.model import Article, Problem
from dashboard import charts
from dashboard.config import Config
from dashboard.library import ARTICLE_FIELDS


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
    return record_key({k: getattr(article, k) for k in (*ARTICLE_FIELDS, "source")})


@st.cache_data(show_spinner=False, max_entries=5000)
def _score(key: str, _article: Article) -> dict[str, Any]:
    """Score one article; cached on ``key`` (its content hash) alone, ``_article`` is unhashed."""
    return article_to_dict(score_article(_article))


def score_records(articles: Sequence[Article]) -> list[dict[str, Any]]:
    """The JSON-contract dict of each article, scored once per content and cached."""
    return [_score(content_key(a), a) for a in articles]


def record_key(record: Mapping[str, Any]) -> str:
    """A hash of a scored dict's text and metadata: the key for per-selection caches."""
    payload = json.dumps([record.get(k) for k in (*ARTICLE_FIELDS, "source")])
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
