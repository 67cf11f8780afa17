"""One horizontal row per outlet (or per article): a dot for the mean, a whisker for its 95%
interval, the single articles as small grey dots, sorted by value, in small multiples per story.

This is the shape every chart takes once a selection is too large for one mark per article:
labels sit on the vertical axis (where long names fit), the height grows with the number of
rows, and "within the noise" is the marker itself: a filled marker's interval excludes the mean
of all the articles in its panel, a hollow one's includes it, and a diamond has no interval.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard import theme

#: Marker of a row whose interval excludes the reference / includes it / that has no interval.
BEYOND, WITHIN, NO_INTERVAL = "circle", "circle-open", "diamond-open"


@dataclass(frozen=True, slots=True)
class Row:
    """One row of a dot chart.

    Attributes:
        key: the row's identity (outlet name or article id), unique within a panel.
        label: short escaped label for the axis.
        full: full escaped name for the hover text.
        mean: the dot's position.
        low: lower end of the 95% interval (None: no interval).
        high: upper end.
        n: what the mean rests on (articles for an outlet, sentences or formulas for an article).
        group: colour group ("" when the chart is not coloured by group).
        points: the single values behind the mean (one per article), drawn as small dots.
    """

    key: str
    label: str
    full: str
    mean: float
    low: float | None
    high: float | None
    n: int
    group: str = ""
    points: tuple[float, ...] = ()

    def mark(self, reference: float) -> str:
        """The marker symbol: beyond the noise, within it, or no interval."""
        if self.low is None or self.high is None:
            return NO_INTERVAL
        return WITHIN if self.low <= reference <= self.high else BEYOND


@dataclass(frozen=True, slots=True)
class Series:
    """Rows of one measure (e.g. narrator sentences); several series share a panel's rows."""

    name: str
    rows: tuple[Row, ...]


@dataclass(frozen=True, slots=True)
class Panel:
    """One small multiple: a story's rows (``title`` "" when there is only one panel).

    Attributes:
        title: the panel's heading.
        order: row keys, bottom to top (the first series' sort order).
        series: the measures drawn.
        reference: the mean of all articles in the panel (the dotted line).
    """

    title: str
    order: tuple[str, ...]
    series: tuple[Series, ...]
    reference: float
    labels: dict[str, str] = field(default_factory=dict)


def row_height(large_text: bool) -> int:
    """Pixels per row: enough that neighbouring labels never overlap."""
    return 34 if large_text else 24


def _whiskers(rows: Sequence[Row]) -> dict:
    return {
        "type": "data",
        "symmetric": False,
        "array": [r.high - r.mean if r.high is not None else 0 for r in rows],
        "arrayminus": [r.mean - r.low if r.low is not None else 0 for r in rows],
        "visible": True,
        "thickness": 1.5,
        "width": 4,
    }


def _hover(unit: str) -> str:
    return (
        "%{customdata[0]}<br>%{customdata[1]}: %{x:.2f} "
        f"(95% interval %{{customdata[2]}}; %{{customdata[3]}} {unit})<extra></extra>"
    )


def _custom(rows: Sequence[Row], series: str) -> list[list[str]]:
    return [
        [
            r.full,
            series,
            f"{r.low:.2f} to {r.high:.2f}" if r.low is not None and r.high is not None else "none",
            str(r.n),
        ]
        for r in rows
    ]


#: Colour groups drawn in their own colour; the rest share grey as "other".
MAX_GROUPS = 7
OTHER = "other"


def colour_groups(panels: Sequence[Panel]) -> dict[str, str]:
    """Group -> colour: the :data:`MAX_GROUPS` groups with the most rows get palette colours
    (most rows first), every other group grey."""
    count: dict[str, int] = {}
    for p in panels:
        for r in p.series[0].rows:
            if r.group:
                count[r.group] = count.get(r.group, 0) + 1
    ranked = sorted(count, key=lambda g: (-count[g], g))
    return {g: theme.colour(k) if k < MAX_GROUPS else theme.NEUTRAL for k, g in enumerate(ranked)}


def _series_traces(panel: Panel, *, unit: str, multi: bool, colours: dict[str, str]) -> list:
    traces = []
    for k, series in enumerate(panel.series):
        by_group: dict[str, list[Row]] = {}
        for r in series.rows:
            by_group.setdefault("" if multi else r.group, []).append(r)
        for group, rows in by_group.items():
            colour = theme.colour(k) if multi else colours.get(group, theme.colour(0))
            traces.append(
                go.Scatter(
                    x=[r.mean for r in rows],
                    y=[panel.labels[r.key] for r in rows],
                    mode="markers",
                    name=series.name if multi else group or series.name,
                    showlegend=False,
                    offsetgroup=str(k) if multi else None,
                    marker={
                        "color": colour,
                        "symbol": [r.mark(panel.reference) for r in rows],
                        "size": 11,
                        "line": {"width": 2, "color": colour},
                    },
                    error_x={**_whiskers(rows), "color": colour},
                    customdata=_custom(rows, series.name),
                    hovertemplate=_hover(unit),
                )
            )
    return traces


def _legend_entry(name: str, colour: str, symbol: str = BEYOND) -> go.Scatter:
    """A legend entry drawn nowhere (its x is empty): a colour or a marker explained."""
    return go.Scatter(
        x=[None],
        y=[None],
        mode="markers",
        name=name,
        marker={"symbol": symbol, "color": colour, "size": 10, "line": {"width": 2}},
        hoverinfo="skip",
    )


def _points_trace(panel: Panel) -> go.Scatter | None:
    rows = [r for r in panel.series[0].rows if len(r.points) > 1]
    if not rows:
        return None
    return go.Scatter(
        x=[v for r in rows for v in r.points],
        y=[panel.labels[r.key] for r in rows for _ in r.points],
        mode="markers",
        name="single articles",
        showlegend=False,
        marker={
            "symbol": "line-ns",
            "size": 10,
            "opacity": 0.6,
            "line": {"width": 1.5, "color": "#777777"},
        },
        hovertemplate="one article: %{x:.2f}<extra></extra>",
    )


def _legend(panels: Sequence[Panel], multi: bool, colours: dict[str, str], unit_word: str):
    """Legend entries: the series (or colour groups), then the markers actually used."""
    entries = []
    if multi:
        entries += [_legend_entry(s.name, theme.colour(k)) for k, s in enumerate(panels[0].series)]
    else:
        named = [g for g, c in colours.items() if c != theme.NEUTRAL]
        entries += [_legend_entry(g, colours[g]) for g in named]
        if len(named) < len(colours):
            entries.append(_legend_entry(f"{len(colours) - len(named)} {OTHER}", theme.NEUTRAL))
    used = {r.mark(p.reference) for p in panels for s in p.series for r in s.rows}
    keys = (
        (BEYOND, "interval excludes the dotted line"),
        (WITHIN, "within the noise (interval includes it)"),
        (NO_INTERVAL, f"no interval ({unit_word})"),
    )
    entries += [_legend_entry(text, "#444444", symbol) for symbol, text in keys if symbol in used]
    return entries


def dot_rows(
    panels: Sequence[Panel],
    *,
    x_title: str,
    unit: str,
    unit_word: str,
    large_text: bool,
    x_range: Sequence[float] | None = None,
) -> tuple[go.Figure, int]:
    """The figure and its plot height (pixels) for the given panels.

    Args:
        panels: the small multiples, top to bottom.
        x_title: the value axis title.
        unit: what ``Row.n`` counts, for the hover ("articles", "sentences").
        unit_word: why a row may lack an interval, for the legend ("one article").
        large_text: bigger rows for projectors.
        x_range: fixed value range (e.g. -1 to 1 for tone), else plotly's.
    """
    per_row = row_height(large_text)
    sizes = [max(len(p.order), 1) for p in panels]
    titled = len(panels) > 1
    gap = (84 if large_text else 64) if titled else 0
    plot_height = max(sum(sizes) * per_row + gap * len(panels) + 40, 200)
    fig = make_subplots(
        rows=len(panels),
        cols=1,
        shared_xaxes=True,
        row_heights=[s / sum(sizes) for s in sizes],
        vertical_spacing=gap / plot_height if titled else 0,
        subplot_titles=[p.title for p in panels] if titled else None,
    )
    multi = len(panels[0].series) > 1 if panels else False
    colours = colour_groups(panels)
    for k, panel in enumerate(panels):
        row = k + 1
        points = _points_trace(panel)
        if points is not None:
            fig.add_trace(points, row=row, col=1)
        for trace in _series_traces(panel, unit=unit, multi=multi, colours=colours):
            fig.add_trace(trace, row=row, col=1)
        fig.add_vline(
            x=panel.reference, line={"color": theme.NEUTRAL, "dash": "dot"}, row=row, col=1
        )
        fig.update_yaxes(
            categoryorder="array",
            categoryarray=[panel.labels[key] for key in panel.order],
            range=[-0.6, len(panel.order) - 0.4],
            row=row,
            col=1,
        )
    for trace in _legend(panels, multi, colours, unit_word):
        fig.add_trace(trace, row=1, col=1)
    if multi:
        fig.update_layout(scattermode="group", scattergap=0.5)
    fig.update_xaxes(showticklabels=True)
    fig.update_xaxes(title=x_title, row=len(panels), col=1)
    if x_range is not None:
        fig.update_xaxes(range=list(x_range))
    fig.update_xaxes(showgrid=True, zeroline=False)
    fig.update_yaxes(showgrid=False, ticks="")
    return fig, plot_height
