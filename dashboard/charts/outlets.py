"""The charts of a large selection: one row per outlet (or per article), sorted, with intervals.

When an outlet has more than one article, or more than :data:`MAX_ARTICLE_MARKS` articles are
selected, charts compare outlets: each outlet's mean over its articles with a 95% percentile
bootstrap interval (the article is the unit: an article counts once however long it is), its
articles as small grey dots, sorted by the mean, one panel per story when the selection covers
several (:mod:`dashboard.charts.rows` draws them). The per-article view of the same measures
(``unit="article"``) draws one row per article with the article's own interval.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from statistics import fmean

from analysis.compare.stats import (
    adjacent_within_noise,
    group_summaries,
    mean_interval,
    sentence_compounds,
)
from dashboard.charts.base import GRADE_FORMULAS, Chart, Record, esc, layout, pretty, short
from dashboard.charts.rows import NO_INTERVAL, WITHIN, Panel, Row, Series, dot_rows

#: More articles than this and charts compare outlets (or draw one row per article).
MAX_ARTICLE_MARKS = 8
#: Small multiples per story for up to this many stories; more are pooled in one panel.
MAX_PANELS = 6
NO_STORY = "(no story given)"
UNKNOWN = "unknown outlet"

#: One article's value, interval (None, None when it has none) and what it rests on.
Measured = tuple[float, float | None, float | None, int]
Measure = Callable[[Record], Measured | None]


def default_unit(records: Sequence[Record]) -> str:
    """``"outlet"`` when an outlet has more than one article or the selection is large, else
    ``"article"`` (the rule of issue 10: compare outlets, keep articles one click away)."""
    outlets = [r.get("outlet") or UNKNOWN for r in records]
    return (
        "outlet"
        if len(records) > MAX_ARTICLE_MARKS or len(set(outlets)) < len(outlets)
        else ("article")
    )


def outlet_of(record: Record) -> str:
    return str(record.get("outlet") or UNKNOWN)


# --- measures: one value per article ---------------------------------------------------------


def tone(in_quote: bool | None) -> Measure:
    """Mean sentence compound (all, narrator or quoted sentences) with its Student-t interval."""

    def measure(record: Record) -> Measured | None:
        iv = mean_interval(sentence_compounds(record, in_quote=in_quote))
        return None if iv is None else (iv.mean, iv.low, iv.high, iv.n)

    return measure


def loaded_rate(record: Record) -> Measured | None:
    """Loaded words per 1,000 words of the writer's own voice (no quotation, no reporting word:
    the article-level figure that orders articles best, see the README's Validation) with the
    interval the analysis gives."""
    loaded = record.get("loaded") or {}
    rate, ci = loaded.get("own_per_1k"), loaded.get("own_per_1k_ci")
    if rate is None:
        return None
    ok = ci is not None and len(ci) == 2 and None not in ci
    return (rate, ci[0] if ok else None, ci[1] if ok else None, int(record.get("words") or 0))


def consensus_grade(record: Record) -> Measured | None:
    """The consensus grade, its "interval" the range of the four formulas (their disagreement
    is the noise of a readability grade)."""
    rd = record.get("readability") or {}
    grade = rd.get("consensus_grade")
    if grade is None:
        return None
    grades = [rd.get(k) for k, _ in GRADE_FORMULAS if k != "consensus_grade"]
    grades = [g for g in grades if g is not None]
    if len(grades) < 2:
        return (grade, None, None, len(grades))
    return (grade, min(min(grades), grade), max(max(grades), grade), len(grades))


def toward(group: str) -> Measure:
    """Mean tone of the narrator's sentences naming an actor group (no interval per article)."""

    def measure(record: Record) -> Measured | None:
        found = ((record.get("sentiment") or {}).get("toward") or {}).get(group)
        return None if not found else (found["mean"], None, None, found.get("sentences", 0))

    return measure


# --- panels ----------------------------------------------------------------------------------


def stories(records: Sequence[Record]) -> list[tuple[str, list[Record]]]:
    """The records by story, for small multiples (one pooled group when 1 or too many)."""
    by: dict[str, list[Record]] = defaultdict(list)
    for r in records:
        by[str(r.get("event") or NO_STORY)].append(r)
    if not 2 <= len(by) <= MAX_PANELS:
        return [("", list(records))]
    return sorted(by.items())


def _unique(labels: dict[str, str]) -> dict[str, str]:
    seen: dict[str, int] = defaultdict(int)
    result = {}
    for key, label in labels.items():
        seen[label] += 1
        result[key] = label if seen[label] == 1 else f"{label} ({seen[label]})"
    return result


def _outlet_rows(
    records: Sequence[Record], measure: Measure, colour_by: Mapping[str, str] | None
) -> list[Row]:
    values: dict[str, list[float | None]] = defaultdict(list)
    for r in records:
        got = measure(r)
        values[outlet_of(r)].append(None if got is None else got[0])
    return [
        Row(
            g.name,
            esc(short(g.name, 28)),
            esc(g.name),
            g.mean,
            g.low,
            g.high,
            g.n,
            (colour_by or {}).get(g.name, "not known") if colour_by is not None else "",
            g.values,
        )
        for g in group_summaries(values)
    ]


def _article_rows(
    records: Sequence[Record], measure: Measure, colour_by: Mapping[str, str] | None
) -> list[Row]:
    rows = []
    for r in records:
        got = measure(r)
        if got is None:
            continue
        name = f"{outlet_of(r)} · {r.get('title') or r.get('id')}"
        group = colour_by.get(outlet_of(r), "not known") if colour_by is not None else ""
        rows.append(Row(str(r["id"]), esc(short(name, 36)), esc(name), *got, group=group))
    return sorted(rows, key=lambda row: (row.mean, row.key))


def panels_for(
    records: Sequence[Record],
    measures: Sequence[tuple[str, Measure]],
    *,
    unit: str,
    colour_by: Mapping[str, str] | None = None,
    reference: float | None = None,
) -> list[Panel]:
    """Small multiples (one per story) of the measures, rows sorted by the first measure.

    A panel's reference (its dotted line) is ``reference`` if given, else the mean of the first
    measure over the panel's articles (each article once).
    """
    build = _outlet_rows if unit == "outlet" else _article_rows
    panels = []
    for title, members in stories(records):
        series = [Series(name, tuple(build(members, m, colour_by))) for name, m in measures]
        first = [measures[0][1](r) for r in members]
        known = [v[0] for v in first if v is not None]
        if not series[0].rows or not known:
            continue
        order = [r.key for r in series[0].rows]
        extra = {r.key for s in series[1:] for r in s.rows} - set(order)
        order = sorted(extra) + order
        labels = _unique({r.key: r.label for s in series for r in s.rows})
        ref = fmean(known) if reference is None else reference
        panels.append(Panel(esc(title), tuple(order), tuple(series), ref, labels))
    return panels


def noise_marks(panels: Sequence[Panel], *, unit: str) -> str:
    """The compact note: how many rows are within the noise, and how many neighbours differ by
    less than the noise (Welch 95%, articles as the unit), instead of a list of pairs."""
    rows = [(p, r) for p in panels for r in p.series[0].rows]
    marks = [r.mark(p.reference) for p, r in rows]
    noun = "outlets" if unit == "outlet" else "articles"
    parts = [
        f"Hollow markers are within the noise of the dotted line: {marks.count(WITHIN)} of "
        f"{len(rows)} {noun}"
    ]
    if marks.count(NO_INTERVAL):
        why = "one article" if unit == "outlet" else "no interval"
        parts.append(f"{marks.count(NO_INTERVAL)} with {why} (diamond)")
    text = "; ".join(parts) + "."
    if unit == "outlet":
        flags = [
            f
            for p in panels
            for f in adjacent_within_noise([r.points for r in p.series[0].rows])
            if f is not None
        ]
        if flags:
            text += (
                f" {sum(flags)} of {len(flags)} neighbouring outlets (with two or more articles "
                "each) differ by less than the noise."
            )
    return text


def toward_groups(records: Sequence[Record], *, top: int = 4) -> list[str]:
    """The actor groups named in the most narrator sentences (at most ``top``)."""
    totals: dict[str, int] = defaultdict(int)
    for r in records:
        for group, v in ((r.get("sentiment") or {}).get("toward") or {}).items():
            totals[group] += v.get("sentences", 0)
    return sorted(totals, key=lambda g: (-totals[g], g))[:top]


@dataclass(frozen=True, slots=True)
class RowChart:
    """What a dot-rows chart draws and says (its title gets "per outlet" / "per article")."""

    name: str
    title: str
    what: str
    mislead: str
    x_title: str
    article_unit: str
    measures: Callable[[Sequence[Record]], list[tuple[str, Measure]]]
    x_range: tuple[float, float] | None = None
    reference: float | None = None


TONE_RANGE = (-1.05, 1.05)

ROW_CHARTS: dict[str, RowChart] = {
    c.name: c
    for c in (
        RowChart(
            "sentence-sentiment",
            "Mean sentence tone",
            "Mean VADER compound of the sentences (−1 to +1)",
            "VADER scores word choice, not stance: a sentence reporting violence reads negative "
            "whoever wrote it, and a few articles are not a sample of an outlet.",
            "mean sentence tone (compound)",
            "sentences",
            lambda records: [("all sentences", tone(None))],
            TONE_RANGE,
        ),
        RowChart(
            "narrator-vs-quoted",
            "Narrator vs quoted tone",
            "Mean tone of the writer's own sentences and of mostly-quoted sentences",
            "A quotation's tone is the speaker's, but which quotations appear is the writer's "
            "choice; few quoted sentences give wide or missing intervals.",
            "mean sentence tone (compound)",
            "sentences",
            lambda records: [("narrator sentences", tone(False)), ("quoted", tone(True))],
            TONE_RANGE,
        ),
        RowChart(
            "loaded-rates",
            "Loaded words per 1,000 words",
            "Loaded words per 1,000 words in the writer's own sentences",
            "A word list cannot read context: a listed word may be quoted, negated or literal, "
            "and short articles have wide intervals.",
            "narrator's loaded words per 1,000 words",
            "words",
            lambda records: [("own-voice rate", loaded_rate)],
        ),
        RowChart(
            "readability",
            "Readability grade",
            "The consensus US school grade; an article's whisker spans its four formulas",
            "The formulas only count sentence and word length; they disagree by several grades "
            "on the same text and say nothing about how hard the ideas are.",
            "US school grade (consensus)",
            "formulas",
            lambda records: [("consensus grade", consensus_grade)],
        ),
        RowChart(
            "sentiment-toward",
            "Sentiment toward actors",
            "Mean tone of the writer's sentences naming each actor group (the four most named)",
            "A sentence's tone is not necessarily aimed at the actor it names, and one or two "
            "sentences decide a small mean.",
            "mean compound of narrator sentences naming the group",
            "sentences",
            lambda records: [(esc(pretty(g)), toward(g)) for g in toward_groups(records)],
            TONE_RANGE,
            0.0,
        ),
    )
}


def rows_chart(
    spec: RowChart,
    records: Sequence[Record],
    *,
    unit: str,
    colour_by: Mapping[str, str] | None = None,
    large_text: bool = False,
) -> Chart | None:
    """The dot-rows :class:`Chart` of ``spec`` per outlet (``unit="outlet"``) or per article."""
    measures = spec.measures(records)
    if not measures:
        return None
    panels = panels_for(records, measures, unit=unit, colour_by=colour_by, reference=spec.reference)
    if not panels:
        return None
    fig, height = dot_rows(
        panels,
        x_title=spec.x_title,
        unit="articles" if unit == "outlet" else spec.article_unit,
        unit_word="one article" if unit == "outlet" else "none for this measure",
        large_text=large_text,
        x_range=spec.x_range,
    )
    noise = noise_marks(panels, unit=unit)
    title = f"{spec.title} per {unit}"
    layout(fig, title, noise=noise, large_text=large_text, height=height + 60)
    if unit == "outlet":
        what = (
            f"{spec.what}, per outlet: the mean over its articles (each article counts once) "
            "with a 95% bootstrap interval, its articles as grey ticks."
        )
    else:
        what = f"{spec.what}, one row per article with its own interval."
    return Chart(spec.name, title, what, spec.mislead, fig, noise)
