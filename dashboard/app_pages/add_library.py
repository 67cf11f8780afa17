"""The Add page's list of added articles: a table to edit their metadata, and explicit delete.

Edits are saved into the library file the article came from (``dashboard.library.update_rows``:
under the library lock, replaced atomically), or into this session when the library is
read-only. Blind mode hides the list (file names, titles and outlets give the outlets away).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import pandas as pd
import streamlit as st

from analysis.text.model import Article
from dashboard import library
from dashboard.app_pages import shared

COLUMNS = ("title", "outlet", "date", "event", "author", "url", "genre")
LABELS = {"event": "story"}


def cell(value: Any) -> str | None:
    """A table cell as metadata: stripped text, or None when blank or missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return str(value).strip() or None


def _where(article: Article) -> tuple[str, int]:
    """(file path, line) of a library row, from its ``source`` (``path:LINE``)."""
    path, _, line = article.source.rpartition(":")
    return (path, int(line)) if line.isdigit() else (article.source, 0)


def _table(articles: Sequence[Article]) -> pd.DataFrame:
    rows = []
    for a in articles:
        path, line = _where(a)
        rows.append(
            {
                "file": path.rsplit("/", 1)[-1],
                "line": line,
                "id": a.id,
                **{LABELS.get(k, k): getattr(a, k) or "" for k in COLUMNS},
                "user columns": "; ".join(f"{k}: {v}" for k, v in a.extra),
            }
        )
    return pd.DataFrame(rows)


def _changes(articles: Sequence[Article], table: pd.DataFrame) -> list[tuple[Article, dict]]:
    """The articles whose metadata the user changed, with the changed fields."""
    edited = table.rename(columns={v: k for k, v in LABELS.items()}).to_dict("records")
    found = []
    for article, row in zip(articles, edited, strict=True):
        diff = {k: cell(row.get(k)) for k in COLUMNS if cell(row.get(k)) != getattr(article, k)}
        if "title" in diff and diff["title"] is None:
            del diff["title"]  # a blank title keeps the current one
        if diff:
            found.append((article, diff))
    return found


def _save(v: shared.View, changed: list[tuple[Article, dict]]) -> list[tuple[str, str]]:
    """Keep the edits; the messages to show. Every date is checked before anything is written."""
    try:
        for _, diff in changed:
            library.checked_metadata(diff)
    except library.LibraryError as error:
        return [("error", f"Nothing was changed: {error}")]
    if v.config.readonly:
        for article, diff in changed:
            library.edit_session_article(st.session_state, article.id, diff)
        return [("success", f"Changed {len(changed)} article(s) in this session.")]
    by_file: dict[str, dict[int, dict]] = {}
    for article, diff in changed:
        path, line = _where(article)
        by_file.setdefault(path.rsplit("/", 1)[-1], {})[line] = diff
    messages = []
    for name, rows in by_file.items():
        try:
            count = library.update_rows(v.config.library, name, rows)
            messages.append(("success", f"Saved {count} change(s) to {name}."))
        except (OSError, library.LibraryError) as error:
            messages.append(("error", f"Could not change {name}: {error}"))
    return messages


def section(v: shared.View, *, flash: str) -> None:
    """The list of added articles with the metadata editor and delete buttons."""
    st.subheader("Added articles")
    if v.blind:
        st.info(
            "Blind mode is on, so the list of added articles (file names, titles, outlets) is "
            "hidden. Turn blind mode off in the sidebar to see, edit or delete them."
        )
        return
    if v.config.readonly:
        added = library.session_articles(st.session_state)
    else:
        st.html(shared.text_html(f"Library folder: {v.config.library}", tag="div", css="fr-muted"))
        files = {str(p) for p in library.library_files(v.config.library)}
        added = [a for a in v.articles if _where(a)[0] in files]
    if not added:
        st.caption(
            "Nothing added in this session." if v.config.readonly else "The library is empty."
        )
    else:
        st.caption("Edit any metadata cell, then save. A blank title keeps the current one.")
        table = st.data_editor(
            _table(added),
            key="library_table",
            hide_index=True,
            disabled=["file", "line", "id", "user columns"],
            column_config={
                LABELS.get(k, k): st.column_config.TextColumn(LABELS.get(k, k)) for k in COLUMNS
            },
        )
        changed = _changes(added, table)
        if st.button("Save changes", key="library_save", disabled=not changed):
            st.session_state[flash] = _save(v, changed)
            st.rerun()
    if v.config.readonly:
        if added and st.button("Remove this session's additions", key="session_clear"):
            st.session_state.pop(library.SESSION_KEY, None)
            st.rerun()
        return
    _delete(v, added, flash=flash)


def _delete(v: shared.View, added: Sequence[Article], *, flash: str) -> None:
    files = library.library_files(v.config.library)
    titles: dict[str, list[str]] = {}
    for article in added:
        titles.setdefault(_where(article)[0], []).append(article.title)
    for path in files:
        names = titles.get(str(path), [])
        left, right = st.columns([4, 1])
        left.html(
            shared.text_html(path.name, tag="b")
            + shared.text_html(" — " + "; ".join(names) if names else " — (nothing readable)")
        )
        sure = right.checkbox("Really delete", key=f"sure-{path.name}")
        if right.button("Delete", key=f"del-{path.name}", disabled=not sure):
            try:
                library.delete_from_library(v.config.library, path.name)
                st.session_state[flash] = [("success", f"Deleted {path.name}.")]
            except (OSError, library.LibraryError) as error:
                st.session_state[flash] = [("error", f"Could not delete: {error}")]
            st.rerun()
