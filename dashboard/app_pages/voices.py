"""Voices: every quotation with its speaker, group and reporting verb; who speaks first; and
reporting verbs by speaker group."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import charts
from dashboard.app_pages import shared


def _quotes(records: tuple[dict, ...]) -> pd.DataFrame:
    rows = []
    for r in records:
        for k, q in enumerate(
            sorted((r.get("voices") or {}).get("quotes", ()), key=lambda q: q["start"])
        ):
            rows.append(
                {
                    "order": k + 1,
                    "speaker": q.get("speaker") or "(unattributed)",
                    "group": q.get("speaker_group") or "unattributed",
                    "verb": q.get("verb") or "",
                    "quotation": q.get("text") or r["text"][q["start"] : q["end"]],
                    "article": shared.label(r),
                    "start": q["start"],
                }
            )
    return pd.DataFrame(
        rows, columns=["order", "speaker", "group", "verb", "quotation", "article", "start"]
    )


def main() -> None:
    v = shared.view()
    st.title("Voices")
    st.caption(
        "Who is quoted, in which order, and with which reporting verb (“said” is neutral; "
        "“admitted”, “claimed” or “insisted” colour what follows)."
    )
    if not any(r.get("voices") for r in v.selected):
        shared.not_available("Quotations with speakers, groups and reporting verbs")
        plain = [
            {"article": shared.label(r), "quotation": r["text"][q["start"] : q["end"]]}
            for r in v.selected
            for q in r.get("quotes", ())
        ]
        if plain:
            st.subheader("Quotations found (without speakers)")
            st.dataframe(pd.DataFrame(plain), hide_index=True)
        return
    quotes = _quotes(v.selected)
    st.subheader("Every quotation")
    c1, c2, c3 = st.columns(3)
    groups = c1.multiselect("Speaker group", sorted(quotes["group"].unique()), key="voices_groups")
    speakers = c2.multiselect("Speaker", sorted(quotes["speaker"].unique()), key="voices_speakers")
    search = c3.text_input("Words in the quotation", key="voices_search")
    shown = quotes
    if groups:
        shown = shown[shown["group"].isin(groups)]
    if speakers:
        shown = shown[shown["speaker"].isin(speakers)]
    if search.strip():
        shown = shown[shown["quotation"].str.contains(search.strip(), case=False, regex=False)]
    st.caption(f"{len(shown)} of {len(quotes)} quotations.")
    st.dataframe(shown.drop(columns=["start"]), hide_index=True)

    st.subheader("Who speaks first")
    first = quotes[quotes["order"] == 1][["article", "speaker", "group", "verb", "quotation"]]
    st.caption("The first quotation in each article: the voice that sets the frame.")
    st.dataframe(first, hide_index=True)

    # Outlets pooled once an outlet has several articles or the selection is large (issue 10).
    by_outlet = charts.default_unit(list(v.selected)) == "outlet"
    chart = charts.voice_share(list(v.selected), by_outlet=by_outlet, large_text=v.large_text)
    if chart:
        shared.chart_block(chart, key="voices-share")
    verbs = charts.verbs_by_group(list(v.selected), large_text=v.large_text)
    if verbs:
        shared.chart_block(verbs, key="voices-verbs")


main()
