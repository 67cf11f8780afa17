"""Method: what each measure means, how it is computed, its limits; the lexicons, browsable, with
a form to add your own terms."""

from __future__ import annotations

import csv
from dataclasses import asdict
from pathlib import Path

import pandas as pd
import streamlit as st

import analysis
from analysis.text.lexicon import (
    CATEGORIES,
    LEXICON_DIR,
    LexiconError,
    add_user_term,
    load_lexicon,
    read_table,
)
from dashboard import data
from dashboard.app_pages import shared

#: The analysis package's data files (lexicons and word lists).

#: (measure, what it means, how it is computed, limits). Plain language for the reader.
MEASURES: tuple[tuple[str, str, str, str], ...] = (
    (
        "Sentence sentiment",
        "How positive or negative the wording of each sentence is, from −1 to +1.",
        "VADER (Hutto & Gilbert 2014), a rule-based scorer built from a rated word list, run on "
        "one sentence at a time; articles are summarised by the mean of their sentences and the "
        "shares below −0.05 / above +0.05 (VADER's own thresholds). Whole texts are never scored "
        "at once because VADER's compound saturates on long text.",
        "It rates words, not stance or facts: reporting a tragedy reads negative whatever the "
        "writer thinks. Tuned on social-media English; sarcasm and irony fool it.",
    ),
    (
        "Narrator vs quoted",
        "The tone of the writer's own sentences compared with sentences that are mostly quotation.",
        "A sentence counts as quoted when at least half of its words lie inside quotation marks; "
        "the two groups are averaged separately, with 95% Student-t intervals.",
        "Paraphrase (“he said that …”) counts as the narrator's; which quotations appear is "
        "still the writer's choice.",
    ),
    (
        "Loaded words per 1,000 words",
        "How often the text uses words a lexicon lists as loaded (emotive, name-calling, "
        "exaggeration, hedges, loaded verbs …), per 1,000 words.",
        "Token matching against the lexicons below, with inflections and phrases; the narrator "
        "rate leaves quotations out and carries an exact Poisson (Garwood) 95% interval.",
        "Context-blind: a listed word may be negated, quoted or literal. The lists are general "
        "English and will miss topic-specific loaded terms (add your own below).",
    ),
    (
        "Readability grades",
        "The US school grade a reader needs, by Flesch-Kincaid, Gunning fog, SMOG, Coleman-Liau "
        "and textstat's consensus.",
        "textstat 0.7.8 on the article body (headline and page furniture left out).",
        "Counts sentence and word length only; the formulas disagree by several grades, which "
        "is why the chart treats smaller differences as noise.",
    ),
    (
        "Voices",
        "Who is quoted, with which reporting verb, and how much quoted text each group gets.",
        "Quotations are found from quotation marks; speakers from attribution patterns (“X said”, "
        "“according to X”, a colon introduction), pronouns resolved to the last named speaker; "
        "groups from an editable list of speakers and institutions.",
        "Unattributed quotations stay unattributed; paraphrased speech is not counted as a voice.",
    ),
    (
        "Naming choices",
        "Which name an article uses for the same actor (for example a government, a party or a "
        "country) and how often.",
        "Counts of listed name variants per actor group, outside page furniture.",
        "A variant can be the only accurate name in its sentence; counts depend on length.",
    ),
    (
        "Sentiment toward actors",
        "The mean tone of the writer's own sentences that name an actor group.",
        "Sentence compounds averaged over narrator sentences naming each group.",
        "The tone of a sentence is not necessarily aimed at the actor it names.",
    ),
    (
        "Reuse and similarity",
        "How much wording two articles share, and where.",
        "Indexed word 5-gram shingles, merged into aligned passages; shares are reused words "
        "over article words.",
        "Shared wording may come from a common source (a wire story, a statement both quote).",
    ),
    (
        "Distinctive terms",
        "Words and phrases one outlet uses more than the others in the selection.",
        "Weighted log-odds with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008), "
        "reported as z-scores; |z| > 1.96 is beyond chance.",
        "With a few articles per outlet it reflects the stories covered, not the outlet's habits.",
    ),
    (
        "Within the noise",
        "Where two articles differ by less than chance could produce, the chart says so.",
        "Mean sentence tone: Welch's 95% interval of the difference includes zero. Loaded rates: "
        "the two 95% intervals overlap. Readability: the grades differ by less than the formulas "
        "disagree with each other. Counts below 3 are flagged as too few. Similarity below 0.15 is "
        "flagged as topic-level overlap (a rule of thumb, not a test).",
        "Overlapping intervals are a conservative test (Schenker & Gentleman 2001); not being "
        "within the noise does not make a difference important.",
    ),
    (
        "Page furniture",
        "Share prompts, “related articles”, comment forms, disclaimers, bylines and author bios.",
        "Whole lines matched by general web-boilerplate patterns; they stay visible (greyed in "
        "the reader) but count in no score.",
        "Unusual boilerplate can slip through, and an odd article line can be greyed by mistake.",
    ),
)


def main() -> None:
    v = shared.view()
    st.title("Method")
    version = getattr(analysis, "METHOD_VERSION", "0.1")
    st.caption(
        f"Method version {version}. Every number in the dashboard comes from the `analysis` "
        "package, which can also be run without a browser (`python -m analysis score …`)."
    )
    for name, means, how, limits in MEASURES:
        with st.expander(name):
            st.markdown(
                f"**What it means.** {means}\n\n**How it is computed.** {how}\n\n"
                f"**Limits.** {limits}"
            )
    st.caption(
        "Five articles are not a sample of an outlet: treat every comparison as a description of "
        "these texts, and read the evidence in *Read side by side* before the numbers."
    )
    _lexicon(v)


@st.cache_data(show_spinner=False)
def _word_list(name: str) -> tuple[dict[str, str], pd.DataFrame]:
    path = LEXICON_DIR / name
    header, rows = read_table(
        path.read_text(encoding="utf-8"), source=name, key_column=next(iter(_first_row(path)))
    )
    return header, pd.DataFrame(rows)


def _first_row(path: Path) -> list[str]:
    """The column names of a lexicon file (its first line after the ``#`` header)."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.startswith("#"):
                return next(csv.reader([line]))
    return []


def _other_lists() -> None:
    """The other word lists the analysis uses (naming groups, speaker groups, reporting verbs)."""
    names = sorted(p.name for p in LEXICON_DIR.glob("*.csv") if not p.name.startswith("loaded_"))
    if not names:
        return
    st.subheader("Other word lists")
    name = st.selectbox("Word list", names, key="lex_other")
    header, table = _word_list(name)
    for key in ("what", "source", "licence"):
        if header.get(key):
            st.html(shared.text_html(f"{key}: {header[key]}", tag="div", css="fr-muted"))
    st.dataframe(table, hide_index=True)


def _lexicon(v: shared.View) -> None:
    st.subheader("The lexicons")
    try:
        entries = load_lexicon().entries
    except LexiconError as error:
        st.error(shared.plain(f"Your lexicon file could not be read: {error}"))
        return
    table = pd.DataFrame([asdict(e) for e in entries])[
        ["term", "category", "weight", "reason", "alternative", "user"]
    ]
    c1, c2 = st.columns([1, 2])
    cats = c1.multiselect("Category", list(CATEGORIES), key="lex_categories")
    search = c2.text_input("Search terms, reasons and alternatives", key="lex_search")
    shown = table[table["category"].isin(cats)] if cats else table
    if search.strip():
        needle = search.strip().lower()
        hay = shown["term"] + " " + shown["reason"] + " " + shown["alternative"]
        shown = shown[hay.str.lower().str.contains(needle, regex=False)]
    st.caption(f"{len(shown)} of {len(table)} entries ({int(table['user'].sum())} of them yours).")
    st.dataframe(shown, hide_index=True)

    _other_lists()

    st.subheader("Add your own term")
    if v.config.readonly:
        st.info("This server is read-only: your own terms cannot be saved here.")
        return
    with st.form("lexicon_form", clear_on_submit=True):
        c1, c2, c3 = st.columns([2, 1, 1])
        term = c1.text_input("Word or phrase", key="lex_term")
        category = c2.selectbox("Category", list(CATEGORIES), key="lex_category")
        weight = c3.slider("Weight", 0.1, 1.0, 0.5, step=0.1, key="lex_weight")
        reason = st.text_input("Why it is loaded (one line)", key="lex_reason")
        alternative = st.text_input("A neutral alternative (optional)", key="lex_alternative")
        if st.form_submit_button("Add term"):
            try:
                entry = add_user_term(
                    term, category, weight=weight, reason=reason, alternative=alternative
                )
            except (LexiconError, OSError) as error:
                st.error(shared.plain(str(error)))
            else:
                data.clear_scores()
                st.success(shared.plain(f"Added “{entry.term}” ({entry.category}); rescoring."))


main()
