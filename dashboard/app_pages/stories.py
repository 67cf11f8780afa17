"""Stories: which articles report the same event, and the user's edits to that grouping.

The groups come from the comparison (catalog events, then shared wording:
``analysis.compare.stories``). The user can rename a story, merge stories, or split articles off
one into a new story (``analysis.io.story_edits``); the edits are saved in the library's stories
file (or this session when the library is read-only) and every page, chart and export uses them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from analysis.io.story_edits import StoryEditError, merge_stories, rename_story, split_story
from dashboard import library
from dashboard.app_pages import shared

FLASH = "stories_flash"


def _events(v: shared.View) -> dict[str, list[str]]:
    """Story name -> article ids, as the comparison groups them (one article: its own story)."""
    comparison = v.comparison(v.records)
    if comparison is not None:
        return {name: list(ids) for name, ids in comparison["events"].items()}
    return {(r.get("event") or shared.NO_STORY): [str(r["id"])] for r in v.records}


def _overview(events: Mapping[str, Sequence[str]], by_id: Mapping[str, Any], edits) -> None:
    rows = [
        {
            "story": name,
            "articles": len(ids),
            "edited by you": "yes" if any(i in edits for i in ids) else "",
            "titles": " · ".join(shared.label(by_id[i]) for i in ids if i in by_id),
        }
        for name, ids in events.items()
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def _save(v: shared.View, changes: Mapping[str, str | None], done: str) -> None:
    try:
        library.save_story_edits(v.config, changes, session=st.session_state)
        st.session_state[FLASH] = ("success", done)
    except (OSError, library.LibraryError) as error:
        st.session_state[FLASH] = ("error", f"Could not save the story edits: {error}")
    st.rerun()


def _rename(v: shared.View, events: dict[str, list[str]]) -> None:
    with st.form("story_rename"):
        old = st.selectbox("Story", list(events), key="rename_story")
        new = st.text_input("New name", key="rename_name")
        if st.form_submit_button("Rename"):
            try:
                _save(v, rename_story(events, old, new), f"Renamed {old!r}.")
            except StoryEditError as error:
                st.error(shared.plain(str(error)))


def _merge(v: shared.View, events: dict[str, list[str]]) -> None:
    with st.form("story_merge"):
        names = st.multiselect("Stories to merge", list(events), key="merge_stories")
        new = st.text_input("Name of the merged story", key="merge_name")
        if st.form_submit_button("Merge"):
            try:
                _save(v, merge_stories(events, names, new), f"Merged {len(names)} stories.")
            except StoryEditError as error:
                st.error(shared.plain(str(error)))


def _split(v: shared.View, events: dict[str, list[str]], by_id: Mapping[str, Any]) -> None:
    name = st.selectbox("Story to split", list(events), key="split_story")
    with st.form("story_split"):
        moved = st.multiselect(
            "Articles to move to a new story",
            events.get(name, []),
            format_func=lambda i: shared.label(by_id[i]) if i in by_id else i,
            key="split_ids",
        )
        new = st.text_input("Name of the new story", key="split_name")
        if st.form_submit_button("Split"):
            try:
                changes = split_story(events, name, moved, new)
                _save(v, changes, f"Moved {len(moved)} article(s) to a new story.")
            except StoryEditError as error:
                st.error(shared.plain(str(error)))


def main() -> None:
    v = shared.view(selectors=False)
    st.title("Stories")
    st.caption(
        "Articles that report the same event form a story: the story given with the article, "
        "else articles that share wording. Rename, merge or split stories here; every page uses "
        "your edits. "
        + (
            "The library is read-only here, so edits last for this session only."
            if v.config.readonly
            else "Edits are saved in the library folder (stories.json)."
        )
    )
    if kept := st.session_state.pop(FLASH, None):
        (st.success if kept[0] == "success" else st.error)(shared.plain(kept[1]))
    if not v.records:
        st.info("No articles loaded.")
        return
    try:
        edits = library.read_story_edits(v.config, st.session_state)
    except library.LibraryError as error:
        st.error(shared.plain(f"Your story edits cannot be read: {error}"))
        edits = {}
    events = _events(v)
    by_id = {str(r["id"]): r for r in v.records}
    _overview(events, by_id, edits)
    if v.blind:
        st.info("Blind mode is on: turn it off in the sidebar to edit stories.")
        return
    rename, merge, split = st.tabs(["Rename", "Merge", "Split"])
    with rename:
        _rename(v, events)
    with merge:
        _merge(v, events)
    with split:
        _split(v, events, by_id)
    if edits:
        sure = st.checkbox("Really forget all my story edits", key="stories_sure")
        if st.button("Forget my story edits", key="stories_reset", disabled=not sure):
            _save(v, dict.fromkeys(edits), "Forgot your story edits.")


main()
