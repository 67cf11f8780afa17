"""Words: the terms that set each outlet apart, and a corpus-wide keyword-in-context search."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.compare.kwic import kwic
from dashboard import charts, highlight
from dashboard.app_pages import shared


def main() -> None:
    v = shared.view()
    st.title("Words")
    comparison = v.comparison()
    chart = charts.distinctive_terms(comparison, large_text=v.large_text) if comparison else None
    if chart is None:
        if len({r.get("outlet") for r in v.selected}) < 2:
            st.info("Select articles from at least two outlets to compare their wording.")
        else:
            st.info("No word or phrase sets any outlet apart beyond chance in this selection.")
    else:
        shared.chart_block(chart, key="words-distinctive")
        rows = [
            {"outlet": outlet, "term": t["term"], "z": round(t["z"], 2), "uses": t.get("count")}
            for outlet, terms in comparison["distinctive_terms"].items()
            for t in terms
        ]
        with st.expander("All distinctive terms as a table"):
            st.dataframe(pd.DataFrame(rows), hide_index=True)

    st.subheader("Keyword in context")
    st.caption(
        "Every whole-word use of a word or phrase (case-insensitive) in the texts, with the words "
        "around it; uses inside page furniture are greyed."
    )
    left, right = st.columns([3, 1])
    term = left.text_input("Word or phrase", key="words_term", placeholder="e.g. interference")
    scope = right.radio("Search", ["whole corpus", "selection"], key="words_scope")
    width = st.slider("Context (characters each side)", 20, 120, 60, step=10, key="words_width")
    if not term.strip():
        return
    records = v.records if scope == "whole corpus" else v.selected
    hits = kwic(records, term, width=width)
    per_outlet = pd.Series([h.outlet or "unknown outlet" for h in hits]).value_counts()
    st.caption(
        f"{len(hits)} uses in {len({h.article_id for h in hits})} of {len(records)} articles."
    )
    if len(per_outlet):
        st.dataframe(per_outlet.rename("uses").rename_axis("outlet").reset_index(), hide_index=True)
    st.html(highlight.kwic_html(hits))


main()
