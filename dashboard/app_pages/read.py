"""Read side by side: the texts in columns with the evidence highlighted in toggled layers, a
sentence-sentiment strip beside each text, and keyword in context for a chosen term."""

from __future__ import annotations

from collections import Counter

import streamlit as st

from analysis.compare.kwic import kwic
from dashboard import highlight
from dashboard.app_pages import shared

DEFAULT_LAYERS = ["loaded", "quotes", "naming", "excluded", "reuse"]
LAYER_NAMES = dict(highlight.LAYERS)


def main() -> None:
    v = shared.view()
    st.title("Read side by side")
    st.caption(
        "The texts exactly as loaded, with the evidence behind the numbers highlighted. Hover a "
        "highlighted word for its category, why it counts as loaded and a neutral alternative; "
        "each quotation is tagged with its speaker. The strip beside each text is the tone of "
        "each sentence in reading order (numbers match the small sentence numbers)."
    )
    if not v.selected:
        st.warning("No articles selected: choose a story, outlets or articles in the sidebar.")
        return
    by_id = {str(r["id"]): r for r in v.selected}
    shared.keep_valid("read_ids", list(by_id))
    if not st.session_state.get("read_ids"):
        st.session_state["read_ids"] = list(by_id)[:2]
    ids = st.multiselect(
        "Articles to read (two or more side by side)",
        list(by_id),
        key="read_ids",
        format_func=lambda i: shared.label(by_id[i]),
    )
    layers = st.pills(
        "Layers",
        [name for name, _ in highlight.LAYERS],
        selection_mode="multi",
        default=DEFAULT_LAYERS,
        format_func=LAYER_NAMES.get,
        key="read_layers",
    )
    shown = [by_id[i] for i in ids]
    if not shown:
        st.info("Choose at least one article to read.")
        return
    categories = highlight.categories_of(shown)
    groups = highlight.groups_of(shown)
    st.html(highlight.legend_html(categories, groups))
    _missing_notes(shown, layers)
    comparison = v.comparison(shown) if "reuse" in layers else None
    titles = {str(r["id"]): str(r.get("title") or r["id"]) for r in v.records}
    per_row = min(len(shown), 3)
    for start in range(0, len(shown), per_row):
        for col, r in zip(st.columns(per_row), shown[start : start + per_row], strict=False):
            with col:
                st.html(
                    shared.text_html(r.get("outlet") or "unknown outlet", tag="div", css="fr-muted")
                    + shared.text_html(r.get("title"), tag="h4")
                )
                strip_col, text_col = st.columns([1, 3])
                strip_col.html(highlight.strip_html(r))
                reuse = highlight.reuse_spans(r, comparison, titles)
                text_col.html(
                    highlight.article_html(
                        r, layers=layers, categories=categories, groups=groups, reuse=reuse
                    )
                )
    _kwic(v, shown)


def _missing_notes(shown: list[dict], layers: list[str]) -> None:
    if "loaded" in layers and not any(r.get("loaded") for r in shown):
        shared.not_available("Loaded-word highlighting")
    if "quotes" in layers and not any(r.get("voices") for r in shown):
        shared.not_available("Speakers of quotations (quotations are shown without speakers)")
    if "naming" in layers and not any("naming_spans" in r for r in shown):
        shared.not_available("Naming-variant highlighting")
    if "reuse" in layers and len(shown) < 2:
        st.caption("Reused passages are found between two or more articles.")


def _kwic(v: shared.View, shown: list[dict]) -> None:
    st.subheader("Keyword in context")
    counts = Counter(
        m["text"].lower() for r in shown for m in (r.get("loaded") or {}).get("matches", ())
    )
    suggestions = [t for t, _ in counts.most_common(40)]
    left, right = st.columns(2)
    picked = left.selectbox(
        "A loaded word from these articles",
        suggestions,
        index=None,
        placeholder="Choose a word…" if suggestions else "no loaded words found",
        key="read_kwic_pick",
    )
    typed = right.text_input("…or type any word or phrase", key="read_kwic_term")
    term = (typed or picked or "").strip()
    if not term:
        st.caption("Choose or type a term to see every use of it across the whole corpus.")
        return
    hits = kwic(v.records, term, width=40)
    st.caption(
        f"{len(hits)} uses in {len({h.article_id for h in hits})} of {len(v.records)} articles."
    )
    st.html(highlight.kwic_html(hits))


main()
