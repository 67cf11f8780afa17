"""Injection: hostile title, outlet, author and text never become live markup or formulas.

Payloads: a script element, an event handler, a ``javascript:`` link, Streamlit markdown
directives (``:red[...]``, ``$$...$$``), reportlab paragraph markup, and spreadsheet formulas.
Every export builder is tried (CSV, XLSX, the HTML report, worksheet HTML and PDF, chart HTML)
and so is every dashboard page (AppTest); the browser test runs them in a real page.
"""

from __future__ import annotations

import io
import json
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analysis import article_to_dict, score_article
from analysis.io.output import FORMULA_TRIGGERS
from analysis.text.model import Article
from dashboard.charts import build_all
from dashboard.export import evidence_frame, figure_html, scores_frame, table_bytes
from dashboard.report import comparison_report

FLAG = "__pwned"
SCRIPT = f"<script>window.{FLAG}=1</script>"
HANDLER = f'<img src=x onerror="window.{FLAG}=1">'
LINK = f'<a href="javascript:window.{FLAG}=1">click</a>'
SVG = f"<svg onload=window.{FLAG}=1>"
MARKDOWN = ":red[RED ALERT] $$\\frac{1}{0}$$ **bold** [link](javascript:alert(1))"
REPORTLAB = '<font color="red">red</font><link href="javascript:alert(1)">x</link>'
FORMULAS = ('=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1")
PAYLOAD = " ".join((SCRIPT, HANDLER, LINK, SVG, MARKDOWN, REPORTLAB))


def hostile_articles() -> list[Article]:
    body = (
        f"{PAYLOAD}\n\nThe council met on Monday. {SCRIPT} Residents called the plan a disaster. "
        f'"This is {HANDLER} a shameful decision," said Mayor {LINK} Smith. {MARKDOWN}. '
        f"The budget was {REPORTLAB} balanced, the spokesman said."
    )
    return [
        Article(
            id=f"hostile-{k}",
            text=f"{formula} {body}",
            title=f"{formula} {PAYLOAD}",
            source=f"{SCRIPT}.txt",
            outlet=f"{FORMULAS[(k + 1) % len(FORMULAS)]} Outlet {HANDLER} {MARKDOWN}",
            author=f"{LINK} {FORMULAS[(k + 2) % len(FORMULAS)]}",
            event=f"Injection {SVG}",
            date="2024-06-01",
        )
        for k, formula in enumerate(FORMULAS)
    ]


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return [article_to_dict(score_article(a)) for a in hostile_articles()]


class _Tags(HTMLParser):
    """Every start tag and attribute of an HTML page, and the text inside script elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def assert_no_live_markup(page: str) -> None:
    """No element or attribute came from a payload: no img/svg/a/font/link tags carrying them,
    no event handler or javascript: URL, no script body that sets the flag."""
    parser = _Tags()
    parser.feed(page)
    for tag, attrs in parser.tags:
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name, value)
            if name in ("href", "src", "action", "formaction", "style", "srcdoc", "data"):
                # URL-like attributes: nothing from a payload (text attributes such as a
                # title tooltip may quote the article; they are escaped and never run).
                assert "javascript:" not in (value or "").lower(), (tag, name, value)
                assert FLAG not in (value or ""), (tag, name, value)
        assert not (tag == "img" and attrs.get("src") == "x"), attrs
    for script in parser.scripts:
        # Plotly's figure JSON may carry the payload as data: then it must be escaped JSON
        # (``<`` as ``\\u003c``), so the HTML parser never sees a tag inside it.
        assert f"window.{FLAG}=1</script" not in script
        assert "<script>window" not in script


def test_payload_helpers_really_detect_live_markup() -> None:
    with pytest.raises(AssertionError):
        assert_no_live_markup(f"<p>{HANDLER}</p>")
    with pytest.raises(AssertionError):
        assert_no_live_markup(f"<div>{LINK}</div>")
    assert_no_live_markup("<p>&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;</p>")


def test_html_report_escapes_every_field(records: list[dict]) -> None:
    page = comparison_report(records)
    assert_no_live_markup(page)
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page  # shown as text


def test_chart_html_escapes_every_field(records: list[dict]) -> None:
    charts = build_all(records)
    assert charts
    for chart in charts:
        page = figure_html(chart.figure, caption=f"{PAYLOAD} caption")
        assert_no_live_markup(page)
        figure = json.dumps(chart.figure.to_plotly_json(), default=str)
        # Plotly renders <a href> and <b> inside labels: none may come from the articles.
        assert "<a href" not in figure and "<img" not in figure and "<script" not in figure


def _cells(df) -> list[str]:
    return [str(v) for v in df.astype(str).to_numpy().ravel()]


@pytest.mark.parametrize("frame", ["scores", "evidence"])
def test_csv_cells_never_start_a_formula(records: list[dict], frame: str) -> None:
    df = scores_frame(records) if frame == "scores" else evidence_frame(records)
    data = table_bytes(df, "csv").decode("utf-8-sig")
    import csv

    rows = list(csv.reader(io.StringIO(data)))
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_TRIGGERS), cell
    assert any(FORMULAS[0] in cell for row in rows for cell in row)  # kept, made inert


@pytest.mark.parametrize("frame", ["scores", "evidence"])
def test_xlsx_has_no_formula_cells(records: list[dict], frame: str) -> None:
    df = scores_frame(records) if frame == "scores" else evidence_frame(records)
    data = table_bytes(df, "xlsx")
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        sheets = [n for n in book.namelist() if n.startswith("xl/worksheets/")]
        for name in sheets:
            assert "<f>" not in book.read(name).decode("utf-8")  # no formula cell at all
    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    starting = 0
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")):
                starting += 1
                # A text cell with Excel's quote prefix: shown as typed, never evaluated.
                assert cell.data_type == "s" and cell.quotePrefix, cell.value
    assert starting


def test_worksheet_html_escapes_every_field(records: list[dict]) -> None:
    from dashboard.worksheet.html import worksheet_html

    page = worksheet_html(records)
    assert_no_live_markup(page)


def test_worksheet_pdf_has_no_links_or_scripts(records: list[dict]) -> None:
    from pypdf import PdfReader

    from dashboard.worksheet.pdf import worksheet_pdf

    data = worksheet_pdf(records)
    reader = PdfReader(io.BytesIO(data))
    text = "".join(page.extract_text() or "" for page in reader.pages)
    for page in reader.pages:
        assert "/Annots" not in page  # no link annotations from <a>/<link> payloads
    assert b"/JavaScript" not in data and b"/JS" not in data
    assert "font color" in text or "&lt;font" in text or "<font" in text  # shown as text


APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")
PAGES = ["compare", "read", "words", "voices", "reuse", "lesson", "add", "method"]


@pytest.fixture
def hostile_library(app_env: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A library of only the hostile articles, loaded as the whole corpus."""
    library = app_env / "library"
    monkeypatch.setenv("FRAMING_CORPUS", str(library))
    library.mkdir()
    rows = [
        {k: getattr(a, k) for k in ("id", "text", "title", "outlet", "author", "event", "date")}
        for a in hostile_articles()
    ]
    (library / "hostile.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )
    return library


@pytest.mark.parametrize("page", PAGES)
def test_every_page_shows_payloads_as_text(hostile_library: Path, page: str) -> None:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, [e.message for e in at.exception]
    for element in at.get("html"):
        assert_no_live_markup(element.proto.body)
    texts = [e.value for kind in ("markdown", "caption") for e in at.get(kind)]
    for body in texts:
        if "<" in body:  # HTML a page allows is built by our code, article text escaped
            assert_no_live_markup(body)
        # Markdown directives from an article arrive escaped (shown, not rendered).
        assert ":red[RED ALERT]" not in body, body[:300]
        assert "$$\\frac{1}{0}$$" not in body, body[:300]


@pytest.mark.parametrize("page", ["compare", "read"])
def test_the_hostile_articles_are_really_on_the_page(hostile_library: Path, page: str) -> None:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page(f"app_pages/{page}.py").run()
    shown = "\n".join(
        [e.proto.body for e in at.get("html")]
        + [e.value for kind in ("markdown", "caption") for e in at.get(kind)]
    )
    assert "window.__pwned" in shown  # as escaped text
    assert "RED ALERT" in shown
