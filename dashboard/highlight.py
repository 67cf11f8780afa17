"""Evidence spans -> safe HTML for the reader. Everything from the article is escaped.

The text is cut at every span boundary into elementary segments; each segment is written once,
escaped, inside at most one ``<span>`` that carries the classes and hover titles of every span
covering it. Overlapping or nested spans therefore never produce crossing tags: the output is
well-formed by construction, and the characters shown are exactly ``text`` (offsets respected).
Small labels (the speaker before a quotation, sentence numbers) are inserted between segments in
elements marked ``data-label`` and never change the article text.
"""

from __future__ import annotations

import html
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dashboard import theme

#: VADER's neutral band (its authors' ±0.05 convention), as in ``analysis.measures.sentiment``.
NEUTRAL_BAND = 0.05

#: Reader layers, in the order the toggles show them.
LAYERS: tuple[tuple[str, str], ...] = (
    ("loaded", "Loaded words"),
    ("quotes", "Quotations and speakers"),
    ("naming", "Naming choices"),
    ("excluded", "Page furniture (not scored)"),
    ("reuse", "Reused passages"),
    ("sentences", "Sentence numbers"),
)


@dataclass(frozen=True, slots=True)
class Mark:
    """One highlighted span of the text.

    Attributes:
        start: first character (offset into the text).
        end: one past the last character.
        css: class names for the span (constants chosen by this module, never from the text).
        title: hover text (plain text; escaped on output).
        label: a short tag shown just before the span (plain text; escaped), or "".
    """

    start: int
    end: int
    css: str
    title: str
    label: str = ""


@dataclass(frozen=True, slots=True)
class Marker:
    """A small label inserted at a position (e.g. a sentence number), with its hover text."""

    pos: int
    label: str
    title: str


def escape(value: Any) -> str:
    """Escape any untrusted value for HTML text or attributes."""
    return html.escape(str(value), quote=True)


def render(text: str, marks: Sequence[Mark], *, markers: Sequence[Marker] = ()) -> str:
    """The text as escaped HTML with every mark highlighted (well-formed for any overlaps).

    Marks outside the text are clipped; empty marks are ignored. Each highlighted segment carries
    ``data-start``/``data-end`` offsets into ``text``.
    """
    n = len(text)
    clipped = [
        Mark(max(0, m.start), min(n, m.end), m.css, m.title, m.label)
        for m in marks
        if min(n, m.end) > max(0, m.start)
    ]
    clipped.sort(key=lambda m: (m.start, -m.end))
    bounds = {0, n}
    for m in clipped:
        bounds.update((m.start, m.end))
    at: dict[int, list[Marker]] = {}
    for marker in markers:
        if 0 <= marker.pos <= n:
            bounds.add(marker.pos)
            at.setdefault(marker.pos, []).append(marker)
    points = sorted(bounds)
    out: list[str] = []
    active: list[Mark] = []
    nxt = 0
    for a, b in zip(points, [*points[1:], None], strict=True):
        active = [m for m in active if m.end > a]
        while nxt < len(clipped) and clipped[nxt].start == a:
            active.append(clipped[nxt])
            nxt += 1
        for marker in at.get(a, ()):
            out.append(
                f'<sup class="hl-sent" data-label="1" title="{escape(marker.title)}">'
                f"{escape(marker.label)}</sup>"
            )
        if b is None:
            break
        for m in active:
            if m.start == a and m.label:
                out.append(f'<span class="hl-badge" data-label="1">{escape(m.label)}</span>')
        chunk = escape(text[a:b])
        if not active:
            out.append(chunk)
            continue
        classes = " ".join(dict.fromkeys(c for m in active for c in m.css.split()))
        titles = "\n".join(dict.fromkeys(m.title for m in active if m.title))
        out.append(
            f'<span class="{classes}" title="{escape(titles)}" data-start="{a}" data-end="{b}">'
            f"{chunk}</span>"
        )
    return '<div class="fr-text">' + "".join(out) + "</div>"


def categories_of(records: Sequence[Mapping[str, Any]]) -> list[str]:
    """Loaded-word categories across the records, sorted (fixes each category's style)."""
    return sorted(
        {m["category"] for r in records for m in (r.get("loaded") or {}).get("matches", ())}
    )


def groups_of(records: Sequence[Mapping[str, Any]]) -> list[str]:
    """Speaker groups across the records, sorted ("unattributed" included when present)."""
    return sorted(
        {
            q.get("speaker_group") or "unattributed"
            for r in records
            for q in (r.get("voices") or {}).get("quotes", ())
        }
    )


def reuse_spans(
    record: Mapping[str, Any],
    comparison: Mapping[str, Any] | None,
    titles: Mapping[str, str],
) -> list[tuple[int, int, str]]:
    """(start, end, other article's title) for every passage of ``record`` shared with another."""
    if not comparison:
        return []
    me = str(record.get("id"))
    spans = []
    for pair in comparison.get("pairs", ()):
        for side, other in (("a", "b"), ("b", "a")):
            if str(pair[side]) == me:
                other_title = titles.get(str(pair[other]), str(pair[other]))
                spans.extend(
                    (p[f"{side}_start"], p[f"{side}_end"], other_title)
                    for p in pair.get("passages", ())
                )
    return spans


def marks_for(
    record: Mapping[str, Any],
    *,
    layers: Collection[str],
    categories: Sequence[str],
    groups: Sequence[str],
    reuse: Sequence[tuple[int, int, str]] = (),
) -> list[Mark]:
    """The marks of the chosen layers for one article dict (sections missing = no marks).

    Args:
        record: one article dict of the JSON contract.
        layers: names from :data:`LAYERS` to show.
        categories: every loaded category in view (so styles match across columns).
        groups: every speaker group in view.
        reuse: passages shared with other articles (see :func:`reuse_spans`).
    """
    marks: list[Mark] = []
    cat_index = {c: k for k, c in enumerate(categories)}
    group_index = {g: k for k, g in enumerate(groups)}
    if "excluded" in layers:
        marks.extend(
            Mark(e["start"], e["end"], "hl-excluded", f"not scored (page furniture): {e['reason']}")
            for e in record.get("excluded", ())
        )
    if "quotes" in layers:
        voices = record.get("voices") or {}
        if voices.get("quotes"):
            for q in voices["quotes"]:
                group = q.get("speaker_group") or "unattributed"
                speaker = q.get("speaker") or "no speaker named"
                verb = f", {q['verb']}" if q.get("verb") else ""
                marks.append(
                    Mark(
                        q["start"],
                        q["end"],
                        f"hl-quote hl-grp{group_index.get(group, 0) % 8}",
                        f"quotation: {speaker} ({group}{verb})",
                        label=f"{speaker} · {group}",
                    )
                )
        else:
            marks.extend(
                Mark(q["start"], q["end"], "hl-quote hl-grp-none", "quotation")
                for q in record.get("quotes", ())
            )
    if "loaded" in layers:
        for m in (record.get("loaded") or {}).get("matches", ()):
            k = cat_index.get(m["category"], 0)
            parts = [f"loaded: {m['category']}"]
            if m.get("reason"):
                parts.append(f"why: {m['reason']}")
            if m.get("alternative"):
                parts.append(f"neutral alternative: {m['alternative']}")
            if m.get("in_quote"):
                parts.append("(inside a quotation)")
            if m.get("user"):
                parts.append("(your own term)")
            style = f"hl-loaded hl-cat{k % 8}"
            if m.get("flagged") is False:
                parts.append("(mild: adds to the sentence score, not counted in the rate)")
                style += " hl-mild"
            marks.append(Mark(m["start"], m["end"], style, " — ".join(parts)))
    if "naming" in layers:
        marks.extend(
            Mark(s["start"], s["end"], "hl-naming", f"naming: {s['group']} → {s['variant']}")
            for s in record.get("naming_spans", ())
        )
    if "reuse" in layers:
        marks.extend(
            Mark(start, end, "hl-reuse", f"reused: also in “{other}”")
            for start, end, other in reuse
        )
    return marks


def sentence_markers(record: Mapping[str, Any]) -> list[Marker]:
    """A numbered marker at the start of each scored sentence (matches the sentiment strip)."""
    return [
        Marker(
            s["start"],
            str(k + 1),
            f"sentence {k + 1}: tone {s['compound']:+.2f}" + (" (quoted)" if s["in_quote"] else ""),
        )
        for k, s in enumerate(record.get("sentence_scores", ()))
    ]


def strip_html(record: Mapping[str, Any], *, limit: int = 70) -> str:
    """A strip of sentence tone in reading order, one row per scored sentence.

    Negative sentences grow left of the centre line in vermillion with a hatch, positive ones
    right in blue, neutral ones (|compound| < 0.05) show a grey dot: colour is never the only cue.
    Row numbers match the sentence numbers in the text; hover shows the score and the sentence.
    """
    text = record.get("text") or ""
    rows = []
    for k, s in enumerate(record.get("sentence_scores", ())):
        value = float(s["compound"])
        width = f"{min(abs(value), 1.0) * 100:.0f}%"
        sentence = " ".join(text[s["start"] : s["end"]].split())
        if len(sentence) > limit:
            sentence = sentence[: limit - 1] + "…"
        quoted = " (quoted)" if s["in_quote"] else ""
        title = f"sentence {k + 1}: tone {value:+.2f}{quoted}\n{sentence}"
        if value <= -NEUTRAL_BAND:
            left, right = f'<i class="neg" style="width:{width}"></i>', ""
        elif value >= NEUTRAL_BAND:
            left, right = "", f'<i class="pos" style="width:{width}"></i>'
        else:
            left, right = "", '<i class="neu"></i>'
        rows.append(
            f'<div class="fr-srow" title="{escape(title)}" data-compound="{value:.4f}">'
            f"<b>{k + 1}</b><span class='l'>{left}</span><span class='r'>{right}</span></div>"
        )
    legend = "<div class='fr-muted'>− negative │ positive +</div>"
    return f'<div class="fr-strip">{legend}{"".join(rows)}</div>'


def article_html(
    record: Mapping[str, Any],
    *,
    layers: Collection[str],
    categories: Sequence[str],
    groups: Sequence[str],
    reuse: Sequence[tuple[int, int, str]] = (),
) -> str:
    """The article's text with the chosen layers, as safe HTML."""
    marks = marks_for(record, layers=layers, categories=categories, groups=groups, reuse=reuse)
    markers = sentence_markers(record) if "sentences" in layers else ()
    return render(record.get("text") or "", marks, markers=markers)


def css(*, large_text: bool = False) -> str:
    """The reader's style sheet (built from constants only)."""
    rules = [
        ".fr-text{white-space:pre-wrap;line-height:1.7;font-size:%s;max-height:70vh;"
        "overflow-y:auto;padding:.5rem .75rem;border:1px solid #ddd;border-radius:6px}"
        % ("1.25rem" if large_text else "1rem"),
        ".hl-excluded{color:#767676;font-style:italic}",
        ".hl-naming{border-bottom:2px dotted #000}",
        ".hl-reuse{background-image:repeating-linear-gradient(135deg,rgba(0,0,0,.12) 0 2px,"
        "transparent 2px 6px);outline:1px dashed #555}",
        ".hl-quote{border-radius:3px}",
        ".hl-grp-none{background:rgba(153,153,153,.25)}",
        ".hl-badge{font-size:.72em;font-weight:600;background:#333;color:#fff;border-radius:3px;"
        "padding:0 .3em;margin-right:.25em;white-space:nowrap}",
        ".hl-sent{font-size:.65em;color:#555;margin-right:.15em}",
        ".hl-loaded{text-decoration-line:underline;text-decoration-thickness:2px;"
        "text-underline-offset:3px;font-weight:600}",
        ".hl-loaded.hl-mild{text-decoration-thickness:1px;font-weight:400}",
        ".fr-legend span{margin-right:1em;white-space:nowrap}",
        ".fr-strip{font-size:.7rem;line-height:1;max-height:70vh;overflow-y:auto}",
        ".fr-srow{display:grid;grid-template-columns:2em 1fr 1fr;align-items:center;"
        "height:14px;border-bottom:1px solid #f0f0f0}",
        ".fr-srow b{font-weight:400;color:#555;text-align:right;padding-right:.3em}",
        ".fr-srow .l{display:flex;justify-content:flex-end;border-right:1px solid #333;"
        "height:100%;align-items:center}",
        ".fr-srow .r{display:flex;justify-content:flex-start;height:100%;align-items:center}",
        ".fr-srow i{display:block;height:10px}",
        f".fr-srow .neg{{background:repeating-linear-gradient(135deg,{theme.NEGATIVE} 0 3px,"
        f"#f4c6a6 3px 5px)}}",
        f".fr-srow .pos{{background:{theme.POSITIVE}}}",
        f".fr-srow .neu{{width:6px;height:6px;border-radius:50%;background:{theme.NEUTRAL}}}",
        ".fr-card{border:1px solid #ddd;border-radius:6px;padding:.5rem .75rem;"
        "margin-bottom:.5rem}",
        ".fr-card h4{margin:.2rem 0 .4rem 0;font-size:1.05em}",
        ".fr-muted{color:#555;font-size:.9em}",
        ".fr-note{background:#f3f6fa;border-left:4px solid #0072B2;padding:.4rem .6rem;"
        "margin:.3rem 0;font-size:.92em}",
        ".fr-kwic-wrap{overflow-x:auto;max-width:100%}",
        ".fr-kwic{font-size:.85em;border-collapse:collapse}",
        ".fr-kwic td{padding:.1rem .4rem;font-family:monospace;white-space:pre}",
        ".fr-kwic .l{text-align:right}.fr-kwic .m{font-weight:700;background:#fff3cd}",
    ]
    for k, colour in enumerate(theme.OKABE_ITO):
        rgb = tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
        lines, style = theme.UNDERLINES[k % len(theme.UNDERLINES)]
        rules.append(
            f".hl-cat{k}{{text-decoration-line:{lines};text-decoration-color:{colour};"
            f"text-decoration-style:{style}}}"
        )
        rules.append(f".hl-grp{k}{{background:rgba({rgb[0]},{rgb[1]},{rgb[2]},.22)}}")
    return "<style>" + "".join(rules) + "</style>"


def legend_html(categories: Sequence[str], groups: Sequence[str]) -> str:
    """A legend naming each loaded category's underline and each speaker group's tint."""
    parts = ['<div class="fr-legend fr-muted">']
    if categories:
        parts.append("<b>Loaded words:</b> ")
        parts.extend(
            f'<span class="hl-loaded hl-cat{k % 8}">{escape(c.replace("_", " "))}</span>'
            for k, c in enumerate(categories)
        )
        parts.append('<span class="hl-loaded hl-mild">thin: mild, not counted in rates</span>')
    if groups:
        parts.append("<br><b>Quotations:</b> ")
        parts.extend(
            f'<span class="hl-quote hl-grp{k % 8}">{escape(g)}</span>' for k, g in enumerate(groups)
        )
    parts.append(
        '<br><span class="hl-naming">naming variant</span>'
        '<span class="hl-excluded">page furniture, not scored</span>'
        '<span class="hl-reuse">passage reused from another article</span>'
    )
    parts.append("</div>")
    return "".join(parts)


def kwic_html(hits: Sequence[Any], *, limit: int = 200) -> str:
    """Keyword-in-context lines (``analysis.compare.kwic.KwicHit``) as an escaped HTML table."""
    rows = []
    for h in hits[:limit]:
        source = h.outlet or "unknown outlet"
        muted = ' class="hl-excluded"' if h.excluded else ""
        rows.append(
            f"<tr{muted}><td class='fr-muted' title='{escape(h.title)}'>{escape(source[:24])}</td>"
            f"<td class='l'>{escape(h.left)}</td><td class='m'>{escape(h.match)}</td>"
            f"<td>{escape(h.right)}</td></tr>"
        )
    more = f"<p class='fr-muted'>… and {len(hits) - limit} more</p>" if len(hits) > limit else ""
    return f"<div class='fr-kwic-wrap'><table class='fr-kwic'>{''.join(rows)}</table></div>{more}"
