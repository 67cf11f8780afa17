"""Add articles: paste text or upload files, give metadata, keep them in the library (or, when
the library is read-only, in this session); list and delete what was added."""

from __future__ import annotations

import streamlit as st

from analysis.io.corpus import ARTICLE_SUFFIXES, read_upload
from analysis.text.model import Article, Problem
from dashboard import library
from dashboard.app_pages import shared

FLASH = "add_flash"


def _metadata_inputs(prefix: str, stories: list[str]) -> dict[str, str | None]:
    c1, c2, c3 = st.columns(3)
    meta = {
        "title": c1.text_input("Title (optional: else the first line)", key=f"{prefix}_title"),
        "outlet": c2.text_input("Outlet", key=f"{prefix}_outlet"),
        "date": c3.text_input("Date (YYYY-MM-DD)", key=f"{prefix}_date"),
    }
    c4, c5, c6 = st.columns(3)
    story = c4.selectbox(
        "Story",
        stories,
        index=None,
        accept_new_options=True,
        placeholder="Choose or type a story",
        key=f"{prefix}_event",
    )
    meta["event"] = story
    meta["author"] = c5.text_input("Author", key=f"{prefix}_author")
    meta["url"] = c6.text_input("URL", key=f"{prefix}_url")
    return {k: (v.strip() if isinstance(v, str) and v.strip() else None) for k, v in meta.items()}


def _keep(v: shared.View, articles: list[Article], problems: list[Problem], name: str) -> None:
    """Store what could be read, report what could not, and rerun so every page sees it."""
    messages = [("error" if p.severity == "error" else "warning", str(p)) for p in problems]
    if articles:
        try:
            messages.append(
                (
                    "success",
                    library.add_articles(v.config, articles, name=name, session=st.session_state),
                )
            )
        except (OSError, library.LibraryError) as error:
            messages.append(("error", f"Could not save to the library: {error}"))
    st.session_state[FLASH] = messages
    st.rerun()


def _show_flash() -> None:
    for kind, message in st.session_state.pop(FLASH, []):
        box = {"error": st.error, "warning": st.warning}.get(kind, st.success)
        box(shared.plain(message))


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
    with paste, st.form("paste_form", clear_on_submit=False):
        text = st.text_area(
            "Article text (headline on the first line)", height=220, key="paste_text"
        )
        meta = _metadata_inputs("paste", stories)
        if st.form_submit_button("Add this article"):
            if not text.strip():
                st.error("Paste the article text first.")
            else:
                name = meta["title"] or text.strip().split("\n", 1)[0]
                articles, problems = read_upload("pasted.txt", text.encode("utf-8"), **meta)
                _keep(v, articles, problems, name)
    with upload, st.form("upload_form", clear_on_submit=True):
        files = st.file_uploader(
            "Files",
            type=[s.lstrip(".") for s in ARTICLE_SUFFIXES],
            accept_multiple_files=True,
            key="upload_files",
        )
        meta = _metadata_inputs("upload", stories)
        if st.form_submit_button("Add these files"):
            articles, problems = [], []
            for f in files or []:
                blob = f.getvalue()
                if len(blob) > library.MAX_UPLOAD_BYTES:
                    problems.append(
                        Problem(f.name, f"larger than {library.MAX_UPLOAD_BYTES:,} bytes")
                    )
                    continue
                got, bad = read_upload(f.name, blob, **meta)
                articles.extend(got)
                problems.extend(bad)
            if not files:
                st.error("Choose at least one file first.")
            else:
                _keep(v, articles, problems, files[0].name.rsplit(".", 1)[0])
    _library(v)


def _library(v: shared.View) -> None:
    st.subheader("Added articles")
    if v.blind:
        st.info(
            "Blind mode is on, so the list of added articles (file names, titles, outlets) is "
            "hidden. Turn blind mode off in the sidebar to see or delete them."
        )
        return
    if v.config.readonly:
        added = library.session_articles(st.session_state)
        if not added:
            st.caption("Nothing added in this session.")
        for article in added:
            st.html(shared.text_html(f"{article.outlet or 'unknown outlet'} · {article.title}"))
        if added and st.button("Remove this session's additions", key="session_clear"):
            st.session_state.pop(library.SESSION_KEY, None)
            st.rerun()
        return
    st.html(shared.text_html(f"Library folder: {v.config.library}", tag="div", css="fr-muted"))
    files = library.library_files(v.config.library)
    if not files:
        st.caption("The library is empty.")
        return
    by_source = {}
    for article in v.articles:
        by_source.setdefault(article.source.rsplit(":", 1)[0], []).append(article)
    for path in files:
        titles = [a.title for a in by_source.get(str(path), [])]
        left, right = st.columns([4, 1])
        left.html(
            shared.text_html(path.name, tag="b")
            + shared.text_html(" — " + "; ".join(titles) if titles else " — (nothing readable)")
        )
        sure = right.checkbox("Really delete", key=f"sure-{path.name}")
        if right.button("Delete", key=f"del-{path.name}", disabled=not sure):
            try:
                library.delete_from_library(v.config.library, path.name)
                st.session_state[FLASH] = [("success", f"Deleted {path.name}.")]
            except (OSError, library.LibraryError) as error:
                st.session_state[FLASH] = [("error", f"Could not delete: {error}")]
            st.rerun()


main()
