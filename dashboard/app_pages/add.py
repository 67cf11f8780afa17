"""Add articles: paste text or upload files with metadata per file, keep them in the library (or,
when the library is read-only, in this session); duplicates found and offered to skip; then list,
edit and delete what was added (``dashboard.app_pages.add_library``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import streamlit as st

from analysis.io.corpus import ARTICLE_SUFFIXES, read_upload, unique_upload_names
from analysis.io.dates import DateError, normalise_date
from analysis.io.duplicates import duplicates
from analysis.io.outlets import profile_for
from analysis.text.model import Article, Problem
from dashboard import library
from dashboard.app_pages import add_library, shared
from dashboard.app_pages.outlet_profiles import profiles

FLASH = "add_flash"
ROUND = "add_upload_round"  # bumped after a save: a fresh uploader and table
META = ("title", "outlet", "date", "event", "author", "url")
LABELS = {"event": "story"}
SKIP, KEEP = "Skip the duplicates", "Add them anyway"


def _metadata_inputs(prefix: str, stories: list[str]) -> dict[str, str | None]:
    c1, c2, c3 = st.columns(3)
    meta = {
        "title": c1.text_input("Title (optional: else the first line)", key=f"{prefix}_title"),
        "outlet": c2.text_input("Outlet", key=f"{prefix}_outlet"),
        "date": c3.text_input("Date (e.g. 2017-09-24 or 24 September 2017)", key=f"{prefix}_date"),
    }
    c4, c5, c6 = st.columns(3)
    meta["event"] = c4.selectbox(
        "Story",
        stories,
        index=None,
        accept_new_options=True,
        placeholder="Choose or type a story",
        key=f"{prefix}_event",
    )
    meta["author"] = c5.text_input("Author", key=f"{prefix}_author")
    meta["url"] = c6.text_input("URL", key=f"{prefix}_url")
    return {k: (v.strip() if isinstance(v, str) and v.strip() else None) for k, v in meta.items()}


def _which(v: shared.View, article: Article) -> str:
    """An existing article named for a message (not named in blind mode: titles give outlets)."""
    return "an article already loaded" if v.blind else f"{article.title!r} ({article.id})"


def _dated(articles: list[Article]) -> tuple[list[Article], list[Problem]]:
    """Dates a file gave, in ISO form where they can be read for sure; else kept with a note."""
    kept, notes = [], []
    for article in articles:
        try:
            kept.append(library.edited(article, {"date": article.date}))
        except library.LibraryError as error:
            kept.append(article)
            notes.append(Problem(article.source, f"{error} (kept as given)", "warning"))
    return kept, notes


def _keep(
    v: shared.View, articles: list[Article], problems: list[Problem], name: str, *, skip: bool
) -> None:
    """Store what could be read (without duplicates when asked), report the rest, rerun."""
    articles, notes = _dated(articles)
    messages = [("error" if p.severity == "error" else "warning", str(p)) for p in problems]
    messages += [("warning", str(p)) for p in notes]
    repeated = duplicates(articles, v.articles)
    if skip and repeated:
        messages += [
            ("warning", f"Skipped {articles[i].source}: same text as {_which(v, same)}.")
            for i, same in repeated.items()
        ]
        articles = [a for i, a in enumerate(articles) if i not in repeated]
    messages += [("warning", f"{a.source}: {w}") for a in articles for w in a.warnings]
    if articles:
        try:
            saved = library.add_articles(v.config, articles, name=name, session=st.session_state)
            messages.append(("success", saved))
            st.session_state[ROUND] = st.session_state.get(ROUND, 0) + 1
        except (OSError, library.LibraryError) as error:
            messages.append(("error", f"Could not save to the library: {error}"))
    st.session_state[FLASH] = messages
    st.rerun()


def _show_flash() -> None:
    for kind, message in st.session_state.pop(FLASH, []):
        box = {"error": st.error, "warning": st.warning}.get(kind, st.success)
        box(shared.plain(message))


def _checked_date(meta: dict[str, Any], where: str) -> str | None:
    """The error message for a typed date that cannot be read for sure, else None (and the
    date in ``meta`` normalised)."""
    try:
        meta["date"] = normalise_date(meta.get("date"))
    except DateError as error:
        return f"{where}: {error}"
    return None


def _paste(v: shared.View, stories: list[str]) -> None:
    with st.form("paste_form", clear_on_submit=False):
        text = st.text_area(
            "Article text (headline on the first line)", height=220, key="paste_text"
        )
        meta = _metadata_inputs("paste", stories)
        anyway = st.checkbox("Add it even if the same text is already here", key="paste_anyway")
        if not st.form_submit_button("Add this article"):
            return
    if not text.strip():
        st.error("Paste the article text first.")
        return
    if bad := _checked_date(meta, "Pasted article"):
        st.error(shared.plain(bad))
        return
    articles, problems = read_upload("pasted.txt", text.encode("utf-8"), **meta)
    repeated = duplicates(articles, v.articles)
    if repeated and not anyway:
        same = next(iter(repeated.values()))
        st.warning(
            shared.plain(
                f"The same text is already here: {_which(v, same)}. Nothing was added; "
                "tick 'Add it even if the same text is already here' to add it anyway."
            )
        )
        return
    _keep(v, articles, problems, meta["title"] or text.strip().split("\n", 1)[0], skip=False)


@st.cache_data(show_spinner="Reading files…", max_entries=64)
def _read(name: str, data: bytes) -> tuple[list[Article], list[Problem]]:
    return read_upload(name, data)


def _common(articles: Sequence[Article], key: str) -> str:
    """The value every article of a file shares (a one-article file's own value), else blank."""
    values = {getattr(a, key) for a in articles}
    return str(values.pop() or "") if len(values) == 1 else ""


def _prefill(articles: Sequence[Article]) -> dict[str, Any]:
    row = {key: _common(articles, key) for key in META}
    if not row["outlet"] and row["url"]:
        profile = profile_for(None, profiles(), url=row["url"])
        row["outlet"] = profile.name if profile.known else ""
    if len(articles) != 1:
        row["title"] = ""
    return row


def _upload(v: shared.View, stories: list[str]) -> None:
    round_ = st.session_state.get(ROUND, 0)
    files = st.file_uploader(
        "Files",
        type=[s.lstrip(".") for s in ARTICLE_SUFFIXES],
        accept_multiple_files=True,
        key=f"upload_files-{round_}",
        max_upload_size=library.MAX_UPLOAD_BYTES // 1_000_000,  # also without .streamlit/ (MB)
    )
    if not files:
        return
    names = unique_upload_names(f.name for f in files)
    problems: list[Problem] = []
    parsed: list[tuple[str, bytes, list[Article]]] = []
    for name, f in zip(names, files, strict=True):
        blob = f.getvalue()
        if len(blob) > library.MAX_UPLOAD_BYTES:
            problems.append(Problem(name, f"larger than {library.MAX_UPLOAD_BYTES:,} bytes"))
            continue
        got, bad = _read(name, blob)
        problems.extend(bad)
        if got:
            parsed.append((name, blob, got))
    for p in problems:
        (st.error if p.severity == "error" else st.warning)(shared.plain(str(p)))
    if not parsed:
        return
    st.caption(
        "Metadata per file, filled from the file itself (front matter, page, rows, URL → outlet); "
        "edit any cell. For a JSON Lines or CSV file a value typed here applies to every row, a "
        "blank cell keeps each row's own. Dates like 24/09/2017 or 24 September 2017 are stored "
        "as 2017-09-24; an ambiguous one (03/04/2017) is refused."
    )
    table = pd.DataFrame(
        [{"file": n, "articles": len(a), **_prefill(a)} for n, _, a in parsed]
    ).rename(columns=LABELS)
    edited = st.data_editor(
        table,
        key=f"upload_meta-{round_}",
        hide_index=True,
        disabled=["file", "articles"],
        column_config={
            **{c: st.column_config.TextColumn(c) for c in (*META[:3], *META[4:])},
            "story": st.column_config.TextColumn(
                "story",
                help=shared.plain("A new story, or one already here: " + "; ".join(stories[:12])),
            ),
        },
    )
    everything = [a for _, _, got in parsed for a in got]
    repeated = duplicates(everything, v.articles)
    skip = True
    if repeated:
        st.warning(
            shared.plain(
                f"{len(repeated)} of {len(everything)} article(s) have the same text as one "
                "already here (or earlier in this batch): "
                + "; ".join(f"{everything[i].source} = {_which(v, a)}" for i, a in repeated.items())
            )
        )
        skip = st.radio("Duplicates", [SKIP, KEEP], key=f"upload_dups-{round_}") == SKIP
    if not st.button("Add these files", key="upload_add", type="primary"):
        return
    articles: list[Article] = []
    errors = []
    rows = edited.rename(columns={"story": "event"}).to_dict("records")
    for (name, blob, _), row in zip(parsed, rows, strict=True):
        meta = {k: add_library.cell(row.get(k)) for k in META}
        if bad := _checked_date(meta, name):
            errors.append(bad)
            continue
        articles.extend(read_upload(name, blob, **meta)[0])
    if errors:
        for message in errors:
            st.error(shared.plain(message))
        st.error("Nothing was added: correct the dates above first.")
        return
    _keep(v, articles, problems, parsed[0][0].rsplit(".", 1)[0], skip=skip)


def main() -> None:
    v = shared.view()
    st.title("Add articles")
    where = (
        "this session only (the library is read-only here)"
        if v.config.readonly
        else "the library folder, never overwriting anything"
    )
    st.caption(
        f"Paste an article or upload files ({', '.join(ARTICLE_SUFFIXES)}; up to "
        f"{library.MAX_UPLOAD_BYTES // 1_000_000} MB each). Added articles are kept in {where} and "
        "appear on every page."
    )
    _show_flash()
    stories = sorted({r["event"] for r in v.records if r.get("event")})
    paste, upload = st.tabs(["Paste text", "Upload files"])
    with paste:
        _paste(v, stories)
    with upload:
        _upload(v, stories)
    add_library.section(v, flash=FLASH)


main()
