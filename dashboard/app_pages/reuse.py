"""Reuse: how similar the articles are, and the passages they share aligned side by side."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import charts, highlight
from dashboard.app_pages import shared

CONTEXT = 80
#: Pairs listed in the table (the most similar first); the count of all pairs is shown.
MAX_PAIRS = 300


def _passage_html(text: str, start: int, end: int) -> str:
    before = text[max(0, start - CONTEXT) : start]
    after = text[end : end + CONTEXT]
    return (
        '<div class="fr-text" style="max-height:none">'
        f'<span class="hl-excluded">…{highlight.escape(before)}</span>'
        f'<span class="hl-reuse" data-start="{start}" data-end="{end}">'
        f"{highlight.escape(text[start:end])}</span>"
        f'<span class="hl-excluded">{highlight.escape(after)}…</span></div>'
    )


def main() -> None:
    v = shared.view()
    st.title("Reuse")
    st.caption(
        "Shared wording between the selected articles: the similarity of each pair, the share of "
        "each article found in the other, and the shared passages aligned side by side."
    )
    if len(v.selected) < 2:
        st.info("Select at least two articles to look for shared passages.")
        return
    comparison = v.comparison()
    chart = charts.similarity(list(v.selected), comparison, large_text=v.large_text)
    if chart:
        shared.chart_block(chart, key="reuse-similarity")
    by_id = {str(r["id"]): r for r in v.selected}
    every = sorted(comparison.get("pairs", ()), key=lambda p: -p.get("similarity", 0))
    pairs = every[:MAX_PAIRS]
    if len(every) > MAX_PAIRS:
        st.caption(
            f"{len(every)} pairs share wording; the {MAX_PAIRS} most similar are listed "
            "(`python -m analysis compare` writes them all; every shared passage is in the "
            "evidence download on Compare)."
        )
    table = pd.DataFrame(
        [
            {
                "similarity": round(p["similarity"], 3),
                "share of A reused": f"{100 * p['reused_share_a']:.0f}%",
                "share of B reused": f"{100 * p['reused_share_b']:.0f}%",
                "passages": len(p.get("passages", ())),
                "article A": shared.label(by_id[str(p["a"])]),
                "article B": shared.label(by_id[str(p["b"])]),
            }
            for p in pairs
            if str(p["a"]) in by_id and str(p["b"]) in by_id
        ]
    )
    st.dataframe(table, hide_index=True)
    with_passages = [p for p in every if p.get("passages")]
    if not with_passages:
        st.info("No shared passages between the selected articles.")
        return
    st.subheader("Shared passages")
    choice = st.selectbox(
        "Pair",
        range(len(with_passages)),
        format_func=lambda k: (
            f"{shared.label(by_id[str(with_passages[k]['a'])])}  ↔  "
            f"{shared.label(by_id[str(with_passages[k]['b'])])}"
        ),
        key="reuse_pair",
    )
    pair = with_passages[choice]
    a, b = by_id[str(pair["a"])], by_id[str(pair["b"])]
    left, right = st.columns(2)
    left.html(shared.text_html(shared.label(a), tag="h4"))
    right.html(shared.text_html(shared.label(b), tag="h4"))
    for passage in pair["passages"]:
        left, right = st.columns(2)
        left.html(_passage_html(a["text"], passage["a_start"], passage["a_end"]))
        right.html(_passage_html(b["text"], passage["b_start"], passage["b_end"]))


main()
