"""Figures and tables to files: PNG/SVG/HTML charts, CSV/JSON/XLSX tables, evidence worksheets.

Static images are drawn by kaleido in the system Chromium (Debian's ``chromium`` package, or the
browser named by ``BROWSER_PATH``). One browser is started on first use and kept alive for every
later image, then closed when the process exits. MathJax is disabled so that nothing is fetched
from the network. Interactive HTML embeds plotly.js, so it opens offline.

Every string cell of a CSV or XLSX table is formula-safe: a cell starting with ``= + - @`` or a
tab or carriage return is neutralised (OWASP "CSV injection") so a spreadsheet shows it as text.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import html
import io
import json
import math
import os
import threading
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any, Literal

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from analysis import METHOD_VERSION
from analysis.io.output import EVIDENCE_COLUMNS, evidence_rows, flat_row, formula_safe

ImageFormat = Literal["png", "svg", "html"]
TableFormat = Literal["csv", "json", "xlsx"]
IMAGE_FORMATS: tuple[str, ...] = ("png", "svg", "html")
TABLE_FORMATS: tuple[str, ...] = ("csv", "json", "xlsx")

#: Exported image size in CSS pixels; PNGs are drawn at ``PNG_SCALE`` times that for projectors.
IMAGE_WIDTH = 1200
IMAGE_HEIGHT = 650
PNG_SCALE = 2
#: Seconds to wait for the browser to start, and for one image.
START_TIMEOUT_S = 60.0
RENDER_TIMEOUT_S = 60.0

#: The plotly toolbar of exported HTML: its camera button saves a PNG in the browser, offline.
HTML_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "toImageButtonOptions": {"format": "png", "scale": PNG_SCALE},
}

_CAPTION_LINE_CHARS = 150
_CAPTION_LINE_PX = 17


class ExportError(RuntimeError):
    """An export could not be made; the message says what to install or change."""


def method_version() -> str:
    """The analysis method version printed on every exported image."""
    return METHOD_VERSION


def caption_for(records: Sequence[Mapping[str, Any]], *, limit: int = 6) -> str:
    """A one-line caption naming the articles (title, outlet, date) and the method version.

    Args:
        records: article dicts as produced by ``analysis.io.output.article_to_dict``.
        limit: how many articles to name before summarising the rest as "and N more".
    """
    names = []
    for record in records[:limit]:
        title = str(record.get("title") or record.get("id") or "untitled").strip()
        if len(title) > 70:
            title = title[:69].rstrip() + "…"
        details = ", ".join(str(record[k]) for k in ("outlet", "date") if record.get(k))
        names.append(f"“{title}” ({details})" if details else f"“{title}”")
    if len(records) > limit:
        names.append(f"and {len(records) - limit} more")
    articles = "; ".join(names) if names else "no articles"
    return f"Articles: {articles}. Method version {method_version()}."


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        lines.append(current)
    return lines or [""]


def captioned(fig: go.Figure, caption: str) -> go.Figure:
    """A copy of ``fig`` with a caption band added under everything else, and its legend shown.

    The figure grows by the caption's height and the band is added to the bottom margin, so
    the plot area and whatever sits under it (tick labels, notes) keep their size and place.
    The caption is HTML-escaped (plotly reads a small HTML subset in its text), so article
    titles show literally. The original figure is left unchanged.
    """
    out = go.Figure(fig)
    lines = _wrap(caption, _CAPTION_LINE_CHARS)
    band = _CAPTION_LINE_PX * len(lines) + 16
    height = out.layout.height or IMAGE_HEIGHT
    top = out.layout.margin.t if out.layout.margin.t is not None else 100
    bottom = out.layout.margin.b if out.layout.margin.b is not None else 80
    plot_height = max(height - top - bottom, 50)
    out.update_layout(height=height + band, margin={"t": top, "b": bottom + band})
    if sum(1 for t in out.data if getattr(t, "name", None)) > 1:
        out.update_layout(showlegend=True)
    if not out.layout.title.text:
        out.update_layout(title={"text": "Chart"})
    out.add_annotation(
        text="<br>".join(html.escape(line, quote=False) for line in lines),
        xref="paper",
        yref="paper",
        x=0,
        y=-bottom / plot_height,
        xanchor="left",
        yanchor="top",
        yshift=-6,
        align="left",
        showarrow=False,
        font={"size": 12, "color": "#444"},
        name="caption",
    )
    return out


def find_browser() -> str | None:
    """Path of the Chromium kaleido will use (``BROWSER_PATH`` or the PATH), or None when
    there is none or it is not an executable file."""
    from choreographer.browsers.chromium import Chromium

    path = Chromium.find_browser(skip_local=False)
    return path if path and os.path.isfile(path) and os.access(path, os.X_OK) else None


_NO_BROWSER = (
    "PNG/SVG export needs a Chromium browser. Install it (Debian/Ubuntu: `apt-get install "
    "chromium`) or set BROWSER_PATH to a Chrome/Chromium executable. HTML, CSV, JSON and XLSX "
    "exports work without it."
)


class _Renderer:
    """One kaleido browser on a background event loop, shared by every thread of the process.

    kaleido's own ``start_sync_server`` hangs forever when the browser fails to start; this
    keeps the same single long-lived browser but reports start and render failures with a
    timeout instead.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._kaleido: Any = None

    def _start(self) -> None:
        if find_browser() is None:
            raise ExportError(f"No Chromium browser found. {_NO_BROWSER}")
        import kaleido

        loop = asyncio.new_event_loop()
        threading.Thread(target=loop.run_forever, name="kaleido", daemon=True).start()
        try:
            k = kaleido.Kaleido(n=1, timeout=RENDER_TIMEOUT_S, mathjax=False)
            asyncio.run_coroutine_threadsafe(k.open(), loop).result(timeout=START_TIMEOUT_S)
        except Exception as error:
            loop.call_soon_threadsafe(loop.stop)
            raise ExportError(f"Chromium did not start ({error}). {_NO_BROWSER}") from error
        self._loop, self._kaleido = loop, k
        atexit.register(self.close)

    def render(self, fig: go.Figure, opts: dict[str, Any]) -> bytes:
        with self._lock:
            if self._kaleido is None:
                self._start()
            loop, k = self._loop, self._kaleido
        future = asyncio.run_coroutine_threadsafe(k.calc_fig(fig.to_dict(), opts), loop)
        try:
            return future.result(timeout=RENDER_TIMEOUT_S + 5)
        except FutureTimeout as error:
            future.cancel()
            raise ExportError("image export timed out in Chromium") from error
        except ExportError:
            raise
        except Exception as error:
            raise ExportError(f"image export failed in Chromium: {error}") from error

    def close(self) -> None:
        """Close the browser and stop the loop (registered to run at exit)."""
        with self._lock:
            loop, k = self._loop, self._kaleido
            self._loop = self._kaleido = None
        if loop is None:
            return
        # Best effort: at exit the browser may already be gone.
        with contextlib.suppress(Exception):
            asyncio.run_coroutine_threadsafe(k.close(), loop).result(timeout=10)
        loop.call_soon_threadsafe(loop.stop)


_renderer = _Renderer()


def close_browser() -> None:
    """Close the shared export browser now (it is also closed at exit)."""
    _renderer.close()


def figure_html(fig: go.Figure, *, caption: str) -> str:
    """A self-contained interactive HTML page for one figure (plotly.js inline, no MathJax)."""
    out = captioned(fig, caption)
    page = pio.to_html(
        out,
        include_plotlyjs=True,
        include_mathjax=False,
        full_html=True,
        config=HTML_CONFIG,
        default_width="100%",
    )
    # Titles reach plotly HTML-escaped (see ``captioned``): unescape once, escape once.
    title = html.escape(html.unescape(str(out.layout.title.text)))
    return page.replace("<head>", f'<head><meta charset="utf-8"><title>{title}</title>', 1)


def figure_bytes(fig: go.Figure, fmt: ImageFormat, *, caption: str) -> bytes:
    """Export one chart with its title, legend and caption.

    Args:
        fig: the plotly figure (left unchanged).
        fmt: "png" (drawn at 2x for projectors), "svg", or "html" (interactive, offline).
        caption: names the articles and method version; see ``caption_for``.

    Raises:
        ExportError: for PNG/SVG when no Chromium is found or it fails; for an unknown format.
    """
    if fmt == "html":
        return figure_html(fig, caption=caption).encode("utf-8")
    if fmt not in ("png", "svg"):
        raise ExportError(f"unknown image format {fmt!r} (use one of {', '.join(IMAGE_FORMATS)})")
    out = captioned(fig, caption)
    opts = {
        "format": fmt,
        "width": out.layout.width or IMAGE_WIDTH,
        "height": out.layout.height,
        "scale": PNG_SCALE if fmt == "png" else 1,
    }
    return _renderer.render(out, opts)


def _missing(value: Any) -> bool:
    return (
        value is pd.NA or value is pd.NaT or (isinstance(value, float) and not math.isfinite(value))
    )


def _cell(value: Any) -> Any:
    """A value for a flat cell: missing -> None, lists and mappings -> JSON text."""
    if _missing(value):
        return None
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def _safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    safe = df.rename(columns=lambda c: formula_safe(str(c)))
    return safe.map(lambda v: formula_safe(_cell(v))).astype(object)


def _xlsx(df: pd.DataFrame) -> bytes:
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "data"
    ws.append([str(c) for c in df.columns])
    for row in df.itertuples(index=False):
        ws.append([None for _ in row])
        r = ws.max_row
        for col, value in enumerate(row, start=1):
            value = _cell(value)
            cell = ws.cell(row=r, column=col)
            if isinstance(value, str):
                # Assigning a string starting with "=" makes openpyxl write a formula:
                # set the value, then force the string type and Excel's quote prefix.
                cell.value = value
                cell.data_type = "s"
                cell.quotePrefix = value.startswith(("=", "+", "-", "@"))
            else:
                cell.value = value
    for col, name in enumerate(df.columns, start=1):
        cell = ws.cell(row=1, column=col)
        cell.data_type = "s"
        ws.column_dimensions[get_column_letter(col)].width = min(60, max(10, len(str(name)) + 2))
    ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def table_bytes(df: pd.DataFrame, fmt: TableFormat) -> bytes:
    """Export a table as CSV (formula-safe, UTF-8, RFC 4180 line ends), JSON records or XLSX.

    In XLSX every string is stored as a string, never as a formula.

    Raises:
        ExportError: for an unknown format.
    """
    if fmt == "csv":
        return _safe_frame(df).to_csv(index=False, lineterminator="\r\n").encode("utf-8")
    if fmt == "json":
        records = df.to_dict("records")
        rows = [{str(k): None if _missing(v) else v for k, v in r.items()} for r in records]
        return json.dumps(rows, ensure_ascii=False, indent=1, default=str).encode("utf-8")
    if fmt == "xlsx":
        return _xlsx(df)
    raise ExportError(f"unknown table format {fmt!r} (use one of {', '.join(TABLE_FORMATS)})")


MIME_TYPES = {
    "png": "image/png",
    "svg": "image/svg+xml",
    "html": "text/html",
    "csv": "text/csv",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _reuse_rows(
    records: Sequence[Mapping[str, Any]], comparison: Mapping[str, Any]
) -> Iterable[dict[str, Any]]:
    by_id = {r.get("id"): r for r in records}
    for pair in comparison.get("pairs") or ():
        a, b = by_id.get(pair.get("a")), by_id.get(pair.get("b"))
        for passage in pair.get("passages") or ():
            for this, other, side, far in ((a, b, "a", "b"), (b, a, "b", "a")):
                if this is None:
                    continue
                start, end = passage[f"{side}_start"], passage[f"{side}_end"]
                yield {
                    "article": this.get("id"),
                    "outlet": this.get("outlet"),
                    "kind": "reused",
                    "start": start,
                    "end": end,
                    "text": (this.get("text") or "")[start:end],
                    "other_article": pair.get(far) if other is None else other.get("id"),
                }


def evidence_frame(
    records: Sequence[Mapping[str, Any]], *, comparison: Mapping[str, Any] | None = None
) -> pd.DataFrame:
    """One row per evidence span, with the span's text cut from the article as loaded.

    Kinds: ``excluded`` (page furniture, with its reason), ``quote`` (speaker, group, verb when
    the voices section is there), ``attribution``, ``loaded`` (category, term, reason, neutral
    alternative), ``naming`` (group, variant) and, given a comparison, ``reused`` (the other
    article). Sections an article dict does not carry contribute no rows.
    """
    rows = [r for record in records for r in evidence_rows(record)]
    if comparison:
        rows.extend(_reuse_rows(records, comparison))
    return pd.DataFrame(rows, columns=list(EVIDENCE_COLUMNS))


def scores_frame(records: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """One row per article with its scores flattened into dotted columns (no evidence lists)."""
    return pd.DataFrame([flat_row(record) for record in records])
