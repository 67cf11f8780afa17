"""What every page shares: the sidebar (large text, which articles), the scored selection, and
small safe-rendering helpers. Pages call :func:`view` first.

Article text and metadata are untrusted: they reach the page only through ``st.html`` after
``html.escape`` (see :func:`text_html`), through widgets that show plain text (option labels,
dataframes), or through plotly labels escaped in ``dashboard.charts``; never through markdown.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import streamlit as st

from analysis.classroom.blind import assign_letters
from analysis.io.story_edits import apply_story_edits
from analysis.pipeline import compare_records
from analysis.text.model import Article, Problem
from dashboard import data, highlight, library, theme
from dashboard.config import Config, load_config

ALL_STORIES = "All stories"
NO_STORY = "(no story given)"
#: Session keys of the one blind state: the switch, and the letters fixed for the session.
BLIND_KEY = "blind"
LETTERS_KEY = "blind_letters"


@dataclass(frozen=True, slots=True)
class View:
    """The state a page renders from.

    Attributes:
        config: the dashboard configuration.
        articles: every article loaded (files plus this session's additions).
        problems: problems met while loading.
        records: the scored dicts of ``articles`` (same order).
        selected: the scored dicts chosen in the sidebar.
        large_text: the large-text option.
        blind: blind mode: ``records`` and ``selected`` are lettered "Article A, B, C …" with
            every outlet giveaway masked (``analysis.classroom.blind``), and so is every chart and
            export built from them.
        originals: the scored dicts of ``articles`` as they are (never blinded).
    """

    config: Config
    articles: tuple[Article, ...]
    problems: tuple[Problem, ...]
    records: tuple[dict[str, Any], ...]
    selected: tuple[dict[str, Any], ...]
    large_text: bool
    blind: bool = False
    originals: tuple[dict[str, Any], ...] = ()

    def comparison(self, records: Sequence[Mapping[str, Any]] | None = None) -> dict | None:
        """The corpus comparison of ``records`` (default: the selection), or None."""
        return comparison_for(tuple(self.selected if records is None else records))


def label(record: Mapping[str, Any]) -> str:
    """A plain-text label for option lists: outlet · title."""
    return f"{record.get('outlet') or 'unknown outlet'} · {record.get('title') or record['id']}"


def keep_valid(key: str, options: Sequence[str]) -> None:
    """Drop stale choices (a deleted article) from a multiselect's state before it renders."""
    if key in st.session_state:
        allowed = set(options)
        st.session_state[key] = [v for v in st.session_state[key] if v in allowed]


def _restore(key: str, options: Sequence[str] | None = None) -> None:
    """Give a sidebar widget the value it had on the previous page.

    Streamlit treats the same sidebar widget on another page as a new widget and resets it, so
    every sidebar choice is mirrored under ``_keep_<key>`` and written back as a plain session
    value before the widget renders (the new widget then adopts it). Choices no longer among
    ``options`` (a deleted article) are dropped.
    """
    mirror = f"_keep_{key}"
    if key in st.session_state:
        value = st.session_state[key]
    elif mirror in st.session_state:
        value = st.session_state[mirror]
    else:
        return
    if options is not None:
        allowed = set(options)
        if isinstance(value, list):
            value = [v for v in value if v in allowed]
        elif value not in allowed:
            return
    st.session_state[key] = value


def _remember(key: str, value: Any) -> Any:
    st.session_state[f"_keep_{key}"] = value
    return value


def blind_letters(ids: Sequence[str] = ()) -> dict[str, str]:
    """The session's one letter per article ("Article A" …), grown by any id not lettered yet.

    Letters are given once per session (:func:`analysis.classroom.blind.assign_letters`): a
    blind lesson letters its articles first, in its order; every other article follows in the
    order the corpus loads (files, then this session's additions), whatever is selected. They
    never change afterwards, also not when blind mode is turned off and on again.
    """
    letters = assign_letters(ids, st.session_state.get(LETTERS_KEY))
    st.session_state[LETTERS_KEY] = letters
    return letters


def set_blind(on: bool, *, first: Sequence[str] = ()) -> None:
    """Switch blind mode for the whole session (every page, chart and export).

    Call it before the sidebar renders (the lesson does, when a blind lesson starts) or from a
    widget callback (the teacher's reveal); ``first`` are ids to letter first.
    """
    if on:
        blind_letters(first)
    st.session_state[BLIND_KEY] = on
    st.session_state[f"_keep_{BLIND_KEY}"] = on


def reveal() -> None:
    """The teacher's reveal: blind mode off everywhere; the letters stay for turning it on."""
    set_blind(False)


def blinded(records: Sequence[dict[str, Any]]) -> data.BlindSet:
    """These (original) records blinded with the session's letters."""
    letters = blind_letters([str(r["id"]) for r in records])
    return data.blind_set(records, letters=letters)


def loaded() -> tuple[Config, tuple[Article, ...], list[Problem]]:
    """The configuration, every article loaded (files plus this session's additions) and the
    problems met loading them."""
    config = load_config()
    files, problems = data.load_articles(config)
    return config, tuple(files) + tuple(library.session_articles(st.session_state)), problems


def view(*, selectors: bool = True) -> View:
    """Render the shared sidebar and return the loaded, scored and selected articles.

    Args:
        selectors: show the story, outlet and article choices; without them (a page that picks
            its own articles, like the lesson) every article counts as selected and the sidebar
            names no outlet or title.
    """
    _restore("large_text")
    large = _remember("large_text", st.sidebar.toggle("Large text (projector)", key="large_text"))
    st.html(theme.BASE_CSS)
    if large:
        st.html(theme.LARGE_TEXT_CSS)
    st.html(highlight.css(large_text=large))
    config, articles, problems = loaded()
    originals = tuple(data.score_records(articles))
    try:  # the user's story edits (Stories page) on top of the stories the articles give
        originals = apply_story_edits(originals, library.read_story_edits(config, st.session_state))
    except library.LibraryError as error:
        problems = [*problems, Problem(library.STORIES_FILE, str(error))]
    records = originals
    _restore(BLIND_KEY)
    blind = _remember(
        BLIND_KEY,
        st.sidebar.toggle(
            "Blind mode (hide outlets)",
            key=BLIND_KEY,
            help="Every page, chart and export shows the articles as Article A, B, C … with "
            "outlet names, bylines and datelines masked. The letters stay the same all session.",
        ),
    )
    if blind and records:
        hidden = blinded(records)
        records = hidden.records
        problems = [
            Problem(hidden.blinder.note(p.source), hidden.blinder.note(p.reason), p.severity)
            for p in problems
        ]

    if not selectors:
        return View(config, articles, tuple(problems), records, records, large, blind, originals)
    st.sidebar.markdown("**Articles to compare**")
    stories = sorted({r.get("event") or NO_STORY for r in records})
    _restore("sel_story", [ALL_STORIES, *stories])
    story = st.sidebar.selectbox("Story", [ALL_STORIES, *stories], key="sel_story")
    outlets = sorted({r.get("outlet") or "unknown outlet" for r in records})
    _restore("sel_outlets", outlets)
    keep_valid("sel_outlets", outlets)
    chosen_outlets = st.sidebar.multiselect(
        "Outlets", outlets, key="sel_outlets", placeholder="All outlets"
    )
    by_id = {str(r["id"]): r for r in records}
    _restore("sel_articles", list(by_id))
    keep_valid("sel_articles", list(by_id))
    chosen_ids = st.sidebar.multiselect(
        "Only these articles",
        list(by_id),
        key="sel_articles",
        format_func=lambda i: label(by_id[i]),
        placeholder="All articles",
    )
    _remember("sel_story", story)
    _remember("sel_outlets", chosen_outlets)
    _remember("sel_articles", chosen_ids)
    selected = tuple(
        r
        for r in records
        if (story == ALL_STORIES or (r.get("event") or NO_STORY) == story)
        and (not chosen_outlets or (r.get("outlet") or "unknown outlet") in chosen_outlets)
        and (not chosen_ids or str(r["id"]) in chosen_ids)
    )
    st.sidebar.caption(f"{len(selected)} of {len(records)} articles selected.")
    if config.readonly:
        st.sidebar.caption("Library is read-only: added articles stay in this session only.")
    for path in config.corpus:
        if path != config.library and not path.exists():
            st.sidebar.html(text_html(f"⚠ FRAMING_CORPUS path not found: {path}", css="fr-muted"))
    return View(config, articles, tuple(problems), records, selected, large, blind, originals)


def text_html(value: Any, *, tag: str = "span", css: str = "") -> str:
    """One untrusted value as escaped HTML inside a tag chosen by the caller."""
    cls = f' class="{css}"' if css else ""
    return f"<{tag}{cls}>{highlight.escape(value)}</{tag}>"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def plain(text: str) -> str:
    """Untrusted text made literal for Streamlit markdown (every markdown character escaped)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def note(text: str) -> None:
    """A highlighted note whose text may contain article metadata (escaped)."""
    st.html(text_html(text, tag="div", css="fr-note"))


def chart_block(chart: Any, *, key: str) -> None:
    """A chart with its title, what it shows, how it can mislead, and its noise note."""
    st.subheader(chart.title)
    st.caption(f"**What this shows:** {chart.what}  \n**How this can mislead:** {chart.mislead}")
    st.plotly_chart(chart.figure, key=key, theme=None, config={"displaylogo": False})
    if chart.noise:
        note(chart.noise)


def not_available(what: str) -> None:
    """The short note a page shows where the articles carry no such analysis section (e.g. an
    older JSON export, or nothing of the kind found)."""
    st.info(f"{what}: not available yet for these articles.")


@st.cache_resource(show_spinner="Comparing articles…", max_entries=32)
def _compare(keys: tuple[str, ...], _records: tuple[dict[str, Any], ...]) -> dict:
    """The comparison of these records, shared read-only by every session (a resource, not
    data: no copy is unpickled on every page run, 0.4 s for 1,000 articles)."""
    return compare_records(_records).to_dict()


def comparison_for(records: tuple[dict[str, Any], ...]) -> dict | None:
    """Distinctive terms, reuse and story groups for two or more articles (else None), cached by
    the articles' content."""
    if len(records) < 2:
        return None
    return _compare(tuple(data.record_key(r) for r in records), records)
