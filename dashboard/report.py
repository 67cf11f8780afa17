"""The full comparison report: one self-contained HTML file that opens offline.

It carries one inline copy of plotly.js shared by every chart, each chart with what it shows and
how it can mislead, the scores table, and the evidence behind the numbers as highlighted
excerpts. Article text and metadata are untrusted: every piece of them is HTML-escaped, and the
figures' JSON is embedded by plotly with ``<`` written as ``\\u003c``.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import pandas as pd
import plotly.io as pio
from plotly.offline import get_plotlyjs

from dashboard.export import (
    HTML_CONFIG,
    caption_for,
    evidence_frame,
    scores_frame,
)

#: Characters of context shown on each side of an evidence span.
CONTEXT_CHARS = 70

#: Nothing may be fetched: inline scripts and styles only, images only from data:/blob: URLs.
_CSP = (
    "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; "
    "style-src 'unsafe-inline'; img-src data: blob:; font-src data:"
)

_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1200px; color: #1a1a1a;
       line-height: 1.45; padding: 0 1rem; }
h1 { font-size: 1.8rem; } h2 { margin-top: 2.5rem; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; font-size: 0.9rem; margin: 1rem 0; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
.note { color: #444; } .mislead { color: #7a4b00; }
.caption { font-size: 0.9rem; color: #444; }
mark { background: #ffe08a; padding: 0 0.1em; border-bottom: 2px solid #b8860b; }
td.excerpt { max-width: 650px; }
.wide { overflow-x: auto; }
"""


def _e(value: Any) -> str:
    """Escape any value for HTML text or a quoted attribute ("None" shows as a dash)."""
    return "–" if value is None else html.escape(str(value), quote=True)


def excerpt_html(text: str, start: int, end: int, *, context: int = CONTEXT_CHARS) -> str:
    """The span ``text[start:end]`` inside ``<mark>`` with escaped context on both sides."""
    left = max(0, start - context)
    right = min(len(text), end + context)
    before, span, after = text[left:start], text[start:end], text[end:right]
    if left > 0 and " " in before:
        before = "…" + before[before.index(" ") + 1 :]
    if right < len(text) and " " in after:
        after = after[: after.rindex(" ")] + "…"
    flat = [" ".join(part.split("\n")) for part in (before, span, after)]
    return f"{_e(flat[0])}<mark>{_e(flat[1])}</mark>{_e(flat[2])}"


def _articles_table(records: Sequence[Mapping[str, Any]]) -> str:
    fields = ("id", "title", "outlet", "date", "event", "words", "sentences", "source")
    head = "".join(f"<th>{_e(f)}</th>" for f in fields)
    rows = "".join(
        "<tr>" + "".join(f"<td>{_e(r.get(f))}</td>" for f in fields) + "</tr>" for r in records
    )
    table = f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    return f"<div class='wide'>{table}</div>"


def _scores_table(records: Sequence[Mapping[str, Any]]) -> str:
    """Measures as rows, articles as columns (the flat scores, transposed to fit a page)."""
    frame = scores_frame(records)
    if frame.empty:
        return "<p>No scores.</p>"
    frame = frame.set_index("id").drop(
        columns=[c for c in ("title", "source", "url", "author") if c in frame], errors="ignore"
    )
    table = frame.T
    head = "<th>measure</th>" + "".join(f"<th>{_e(c)}</th>" for c in table.columns)
    body = []
    for measure, values in table.iterrows():
        cells = "".join(f"<td>{_e(_fmt(v))}</td>" for v in values)
        body.append(f"<tr><th>{_e(measure)}</th>{cells}</tr>")
    table_html = f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    return f"<div class='wide'>{table_html}</div>"


def _fmt(value: Any) -> Any:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, float):
        return f"{value:.3f}"
    return value


_LABEL_FIELDS = ("category", "group", "variant", "speaker", "verb", "reason", "other_article")


def _evidence_section(
    records: Sequence[Mapping[str, Any]], comparison: Mapping[str, Any] | None
) -> str:
    evidence = evidence_frame(records, comparison=comparison)
    texts = {r.get("id"): r.get("text") or "" for r in records}
    parts = []
    for record in records:
        rows = evidence[evidence["article"] == record.get("id")]
        parts.append(
            f"<h3>{_e(record.get('title'))} <small>({_e(record.get('outlet'))})</small></h3>"
        )
        if rows.empty:
            parts.append("<p class='note'>No evidence spans for this article.</p>")
            continue
        text = texts[record.get("id")]
        body = []
        for row in rows.sort_values(["start", "kind"]).itertuples(index=False):
            labels = "; ".join(
                f"{name}: {getattr(row, name)}"
                for name in _LABEL_FIELDS
                if isinstance(getattr(row, name), str) and getattr(row, name)
            )
            alternative = row.alternative if isinstance(row.alternative, str) else ""
            if alternative:
                labels += f"; neutral alternative: {alternative}"
            body.append(
                f"<tr><td>{_e(row.kind)}</td><td>{_e(row.start)}–{_e(row.end)}</td>"
                f"<td>{_e(labels)}</td>"
                f"<td class='excerpt'>{excerpt_html(text, int(row.start), int(row.end))}</td></tr>"
            )
        parts.append(
            "<table><thead><tr><th>kind</th><th>characters</th><th>details</th>"
            f"<th>excerpt</th></tr></thead><tbody>{''.join(body)}</tbody></table>"
        )
    return "".join(parts)


def _chart_section(chart: Any) -> str:
    figure = pio.to_html(
        chart.figure,
        include_plotlyjs=False,
        include_mathjax=False,
        full_html=False,
        config=HTML_CONFIG,
        default_width="100%",
    )
    noise = getattr(chart, "noise", "")
    return (
        f"<section class='chart' id='chart-{_e(chart.name)}'><h3>{_e(chart.title)}</h3>"
        f"<p class='note'><strong>What this shows:</strong> {_e(chart.what)}</p>"
        f"<p class='mislead'><strong>How this can mislead:</strong> {_e(chart.mislead)}</p>"
        f"{f'<p class=note>{_e(noise)}</p>' if noise else ''}{figure}</section>"
    )


def comparison_report(
    records: Sequence[Mapping[str, Any]],
    *,
    comparison: Mapping[str, Any] | None = None,
    charts: Sequence[Any] | None = None,
) -> str:
    """The whole comparison as one self-contained HTML page.

    Args:
        records: article dicts from ``analysis.io.output.article_to_dict``.
        comparison: the corpus comparison (``analysis.compare.comparison``) when there is one;
            adds the reused passages to the evidence.
        charts: ``dashboard.charts.Chart`` objects; built with ``charts.build_all`` if omitted.
    """
    if charts is None:
        from dashboard.charts import build_all

        charts = build_all(records, comparison=comparison)
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    chart_html = "".join(_chart_section(c) for c in charts) or "<p>No charts.</p>"
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        f"<meta http-equiv='Content-Security-Policy' content=\"{_CSP}\">"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<title>Framing comparison report</title>"
        f"<style>{_STYLE}</style>"
        f"<script type='text/javascript'>{get_plotlyjs()}</script></head><body>"
        "<h1>Framing comparison report</h1>"
        f"<p class='caption'>{_e(caption_for(records))} Generated {_e(generated)}.</p>"
        "<p class='note'>A handful of articles is not a sample of an outlet: read differences "
        "together with their intervals and with the evidence listed at the end.</p>"
        f"<h2>Articles</h2>{_articles_table(records)}"
        f"<h2>Charts</h2>{chart_html}"
        f"<h2>Scores</h2>{_scores_table(records)}"
        f"<h2>Evidence</h2>{_evidence_section(records, comparison)}"
        "</body></html>\n"
    )
