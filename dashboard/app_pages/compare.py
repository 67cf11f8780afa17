"""Compare (landing page): the selected articles side by side, grouped by story, then the charts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import charts, data, export, highlight, report
from dashboard.app_pages import outlet_profiles, shared

#: The chart tabs of the landing page: (tab label, chart names from ``dashboard.charts``).
CHART_TABS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Tone", ("sentence-sentiment", "narrator-vs-quoted", "sentiment-toward")),
    ("Loaded words", ("loaded-rates",)),
    ("Voices", ("voice-share",)),
    ("Naming", ("naming",)),
    ("Readability", ("readability",)),
    ("Shared wording", ("similarity", "distinctive-terms")),
)

MIME = {
    "csv": "text/csv",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "png": "image/png",
    "svg": "image/svg+xml",
    "html": "text/html",
}


@st.cache_resource(show_spinner=False)
def _has_browser() -> bool:
    return export.find_browser() is not None


def _fmt(value: Any, digits: int = 2, *, signed: bool = False) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:+.{digits}f}" if signed else f"{value:.{digits}f}"
    return str(value)


def _figures(r: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(label, value) of an article's key figures, all taken from the analysis dict."""
    s, rd = r.get("sentiment") or {}, r.get("readability") or {}
    narrator, quoted = (
        _fmt(s.get("narrator_mean"), signed=True),
        _fmt(s.get("quoted_mean"), signed=True),
    )
    rows = [
        ("Words · sentences", f"{_fmt(r.get('words'))} · {_fmt(r.get('sentences'))}"),
        ("Mean sentence tone", _fmt(s.get("mean"), signed=True)),
        ("Narrator · quoted", f"{narrator} · {quoted}"),
        ("Neg. · pos. sentences", _share(s)),
        (
            "Grade · reading time",
            f"{_fmt(rd.get('consensus_grade'), 0)} · "
            f"{_fmt((rd.get('reading_time_s') or 0) / 60, 1)} min",
        ),
    ]
    loaded = r.get("loaded")
    if loaded:
        ci = loaded.get("own_per_1k_ci") or [None, None]
        rows.append(
            (
                "Loaded / 1,000 words",
                f"{_fmt(loaded.get('own_per_1k'), 1)} ({_fmt(ci[0], 1)}–{_fmt(ci[1], 1)})",
            )
        )
    voices = r.get("voices")
    if voices and voices.get("quote_share") is not None:
        rows.append(("Words in quotations", f"{100 * voices['quote_share']:.0f}%"))
    return rows


def _share(s: Mapping[str, Any]) -> str:
    neg, pos = s.get("share_negative"), s.get("share_positive")
    if neg is None or pos is None:
        return "–"
    return f"{100 * neg:.0f}% · {100 * pos:.0f}%"


def _card(r: Mapping[str, Any]) -> str:
    esc = highlight.escape
    profile = outlet_profiles.profile_of(r)
    facts = " · ".join(
        esc(x) for x in (profile.country, profile.ownership_kind, profile.owner) if x
    )
    about = (
        f"<details><summary>About {esc(profile.name)}</summary>{esc(profile.description)}</details>"
        if profile.known and profile.description
        else "<div class='fr-muted'>No outlet profile: unknown outlet.</div>"
    )
    byline = " · ".join(esc(r[k]) for k in ("date", "author", "genre") if r.get(k))
    rows = "".join(f"<tr><td>{esc(k)}</td><td><b>{esc(v)}</b></td></tr>" for k, v in _figures(r))
    warnings = "".join(f"<div class='fr-muted'>⚠ {esc(w)}</div>" for w in r.get("warnings", ()))
    return (
        f"<div class='fr-card'><div><b>{esc(profile.name)}</b>"
        f"{' · ' + facts if facts else ''}</div>"
        f"<h4>{esc(r.get('title'))}</h4><div class='fr-muted'>{byline}</div>"
        f"<table>{rows}</table>{warnings}{about}</div>"
    )


#: Up to this many selected articles are shown as cards; more as a sortable table.
MAX_CARDS = 8
#: "Colour outlets by" choices: label -> the outlet profile field.
COLOUR_BY = {"nothing": None, "country": "country", "ownership kind": "ownership_kind"}


def _table(records: list[dict]) -> pd.DataFrame:
    """One row per article with its key figures, every number taken from the analysis dict."""
    rows = []
    for r in records:
        profile = outlet_profiles.profile_of(r)
        s, rd, loaded = r.get("sentiment") or {}, r.get("readability") or {}, r.get("loaded") or {}
        rows.append(
            {
                "story": r.get("event") or shared.NO_STORY,
                "outlet": r.get("outlet") or "unknown outlet",
                "country": profile.country if profile.known else None,
                "ownership": profile.ownership_kind if profile.known else None,
                "title": r.get("title") or r.get("id"),
                "date": r.get("date"),
                "words": r.get("words"),
                "tone": s.get("mean"),
                "narrator tone": s.get("narrator_mean"),
                "quoted tone": s.get("quoted_mean"),
                "loaded / 1,000 own words": loaded.get("own_per_1k"),
                "grade": rd.get("consensus_grade"),
                "quoted share": (r.get("voices") or {}).get("quote_share"),
            }
        )
    return pd.DataFrame(rows)


def _articles(records: list[dict]) -> None:
    """Cards for a small selection (grouped by story); a sortable table for a large one."""
    st.subheader("The articles")
    if len(records) > MAX_CARDS:
        st.caption(
            f"{len(records)} articles: click a column heading to sort. Choose up to {MAX_CARDS} "
            "articles in the sidebar to see them as cards."
        )
        number = st.column_config.NumberColumn
        st.dataframe(
            _table(records),
            hide_index=True,
            key="compare_table",
            column_config={
                "tone": number(format="%+.2f"),
                "narrator tone": number(format="%+.2f"),
                "quoted tone": number(format="%+.2f"),
                "loaded / 1,000 own words": number(format="%.1f"),
                "grade": number(format="%.0f"),
                "quoted share": number(format="percent"),
            },
        )
        return
    stories: dict[str, list[dict]] = {}
    for r in records:
        stories.setdefault(r.get("event") or shared.NO_STORY, []).append(r)
    for story, members in stories.items():
        st.html(shared.text_html(f"Story: {story}", tag="h3"))
        per_row = min(len(members), 3)
        for start in range(0, len(members), per_row):
            row = members[start : start + per_row]
            for col, r in zip(st.columns(per_row), row, strict=False):
                with col:
                    st.html(_card(r))


def _view_options(records: list[dict]) -> tuple[str, dict[str, str] | None]:
    """The unit toggle and the colour choice; returns (unit, outlet -> colour group)."""
    default = charts.default_unit(records)
    left, right = st.columns([3, 2])
    if default == "outlet":
        per_article = left.toggle(
            "One row per article",
            key="compare_per_article",
            help="The charts compare outlets (each outlet's mean over its articles, with a 95% "
            "bootstrap interval; the article is the unit). Switch on for one mark per article.",
        )
        unit = "article" if per_article else "outlet"
    else:
        left.caption("One mark per article (each outlet has one article in this selection).")
        unit = "article"
    field = COLOUR_BY[
        right.selectbox("Colour outlets by", list(COLOUR_BY), key="compare_colour_by")
    ]
    if field is None:
        return unit, None
    groups = {}
    for r in records:
        profile = outlet_profiles.profile_of(r)
        value = getattr(profile, field) if profile.known else None
        groups[r.get("outlet") or "unknown outlet"] = value or "not known"
    return unit, groups


def _chart(chart: charts.Chart, *, key: str) -> None:
    """The figure first (its title and noise note are inside it), then what it shows."""
    st.plotly_chart(chart.figure, key=key, theme=None, config={"displaylogo": False})
    st.caption(f"**What this shows:** {chart.what}  \n**How this can mislead:** {chart.mislead}")


def _downloads(
    records: list[dict], built: list[charts.Chart], comparison: dict | None, *, has_browser: bool
) -> None:
    st.subheader("Download")
    frames = {
        "scores": lambda: export.scores_frame(records),
        "evidence": lambda: export.evidence_frame(records, comparison=comparison),
    }
    row = st.container(horizontal=True)
    tables = [("scores", "csv"), ("scores", "xlsx"), ("scores", "json"), ("evidence", "csv")]
    tables.append(("evidence", "xlsx"))
    for name, fmt in tables:
        row.download_button(
            f"{name.capitalize()} ({fmt.upper()})",
            data=lambda name=name, fmt=fmt: export.table_bytes(frames[name](), fmt),
            file_name=f"{name}.{fmt}",
            mime=MIME[fmt],
            key=f"dl-{name}-{fmt}",
            on_click="ignore",
        )
    row.download_button(
        "Report (HTML)",
        data=lambda: report.comparison_report(records, comparison=comparison, charts=built),
        file_name="framing-report.html",
        mime="text/html",
        key="dl-report-html",
        on_click="ignore",
    )
    if not has_browser:
        st.caption(
            "PNG and SVG chart downloads need Chromium (Debian/Ubuntu: `apt-get install "
            "chromium`); the HTML chart downloads work without it."
        )


def _chart_downloads(chart: charts.Chart, *, caption: str, has_browser: bool) -> None:
    row = st.container(horizontal=True)
    for fmt in ("png", "svg", "html"):
        row.download_button(
            f"{fmt.upper()} chart",
            data=lambda fmt=fmt: export.figure_bytes(chart.figure, fmt, caption=caption),
            file_name=f"{chart.name}.{fmt}",
            mime=MIME[fmt],
            key=f"dl-{fmt}-{chart.name}",
            on_click="ignore",
            disabled=fmt != "html" and not has_browser,
        )


def main() -> None:
    v = shared.view()
    st.title("Compare articles")
    if v.problems:
        with st.expander(f"{len(v.problems)} problem(s) while loading articles"):
            st.dataframe(
                pd.DataFrame(
                    [
                        {"source": p.source, "problem": p.reason, "severity": p.severity}
                        for p in v.problems
                    ]
                ),
                hide_index=True,
            )
    if not v.selected:
        st.warning("No articles selected: choose a story, outlets or articles in the sidebar.")
        return
    selected = list(v.selected)
    unit, colour_by = _view_options(selected)
    comparison = v.comparison()
    built = data.charts_for(
        selected, comparison=comparison, large_text=v.large_text, unit=unit, colour_by=colour_by
    )
    has_browser = _has_browser()
    caption = export.caption_for(selected)
    by_name = {c.name: c for c in built}
    missing = {m.split(" ", 1)[0]: m for m in charts.unavailable(built)}
    # The key chart comes first, near the top of the page; only the open tab is drawn, so the
    # page stays quick however many charts there are.
    tabs = st.tabs([t for t, _ in CHART_TABS], key="compare_tab", on_change="rerun")
    for tab, (_, names) in zip(tabs, CHART_TABS, strict=True):
        if not tab.open:
            continue
        with tab:
            for name in names:
                if name in by_name:
                    _chart(by_name[name], key=f"chart-{name}")
                    _chart_downloads(by_name[name], caption=caption, has_browser=has_browser)
                elif name in missing:
                    shared.not_available(f"Chart {missing[name]}")
                else:
                    st.info(
                        f"Nothing to draw for {name.replace('-', ' ')} with this selection "
                        "(comparisons need two or more articles)."
                    )
    st.caption(
        "Every number comes from the analysis package; each chart says what it shows and how it "
        "can mislead, and marks in the figure which differences are within the noise."
    )
    _articles(selected)
    if not v.blind:  # blind mode: "Article A" is a letter, not an outlet to describe
        outlet_profiles.describe_unknown(selected, readonly=v.config.readonly)
    _downloads(selected, built, comparison, has_browser=has_browser)


main()
