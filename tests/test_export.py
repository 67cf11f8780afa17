"""Exports: images (kaleido), tables (CSV/JSON/XLSX), evidence, the HTML report and the CLI."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import struct
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace

import plotly.graph_objects as go
import pytest
from openpyxl import load_workbook
from plotly.offline import get_plotlyjs

from dashboard import export, report
from dashboard.__main__ import main, safe_name

HOSTILE_TITLE = "<script>window.__pwned=1</script> Council votes"
HOSTILE_BODY = (
    'Residents said <img src=x onerror="window.__pwned=1"> the vote was a "shameful betrayal". '
    "The mayor called it a radical plan."
)
#: Spreadsheet formula triggers (OWASP CSV injection) in one column each.
HOSTILE_CELLS = ('=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx")
SCRIPT_SRC = re.compile(r"<script[^>]*\bsrc\s*=\s*[\"']?\s*(https?:)?//", re.IGNORECASE)


def hostile_record() -> dict:
    """An article dict of the JSON contract whose title and body carry HTML injection."""
    text = f"{HOSTILE_TITLE}\n\n{HOSTILE_BODY}\n\nShare this article"
    body = text.index("Residents")
    quote = text.index('"shameful')
    loaded = text.index("shameful")
    radical = text.index("radical")
    share = text.index("Share this")
    return {
        "id": "hostile",
        "title": HOSTILE_TITLE,
        "outlet": "Daily <b>Bold</b>",
        "date": "2024-05-01",
        "event": "council-vote",
        "source": "hostile.txt",
        "url": None,
        "author": None,
        "genre": None,
        "text": text,
        "words": 30,
        "sentences": 3,
        "excluded": [{"start": share, "end": len(text), "reason": "share prompt"}],
        "quotes": [{"start": quote, "end": quote + len('"shameful betrayal"')}],
        "sentence_scores": [
            {"start": body, "end": radical + 12, "compound": -0.6, "in_quote": False, "loaded": 1}
        ],
        "sentiment": {"mean": -0.6, "narrator_mean": -0.6, "quoted_mean": None},
        "readability": {"flesch_kincaid_grade": 8.1, "consensus_grade": 8.0},
        "loaded": {
            "matches": [
                {
                    "start": loaded,
                    "end": loaded + len("shameful"),
                    "text": "shameful",
                    "term": "shameful",
                    "category": "moral",
                    "weight": 1.0,
                    "in_quote": True,
                    "reason": "moral condemnation",
                    "alternative": "criticised",
                    "user": False,
                },
                {
                    "start": radical,
                    "end": radical + len("radical"),
                    "text": "radical",
                    "term": "radical",
                    "category": "extremity",
                    "weight": 1.0,
                    "in_quote": False,
                    "reason": "=cmd|' /C calc'!A0",
                    "alternative": "major",
                    "user": False,
                },
            ],
            "per_1k": 66.7,
            "per_1k_ci": [10.0, 200.0],
        },
        "naming_spans": [
            {
                "start": body,
                "end": body + len("Residents"),
                "group": "public",
                "variant": "residents",
            }
        ],
        "voices": {
            "quote_share": 0.1,
            "quotes": [
                {
                    "start": quote,
                    "end": quote + len('"shameful betrayal"'),
                    "text": '"shameful betrayal"',
                    "speaker": "Residents",
                    "speaker_group": "public",
                    "verb": "said",
                }
            ],
            "attributions": [
                {
                    "start": body,
                    "end": body + len("Residents said"),
                    "speaker": "Residents",
                    "verb": "said",
                }
            ],
        },
        "warnings": [],
    }


def plain_record() -> dict:
    """A second, harmless article with only the core sections."""
    text = "Second outlet\n\nThe council approved the plan on Tuesday."
    return {
        "id": "plain",
        "title": "Second outlet",
        "outlet": "Other News",
        "date": "2024-05-02",
        "text": text,
        "words": 9,
        "sentences": 2,
        "excluded": [],
        "quotes": [],
        "sentiment": {"mean": 0.2},
        "readability": {"consensus_grade": 6.0},
    }


def bar_figure() -> go.Figure:
    fig = go.Figure(
        [
            go.Bar(x=["A", "B"], y=[1.0, 2.0], name="loaded"),
            go.Bar(x=["A", "B"], y=[2.0, 0.5], name="hedges"),
        ]
    )
    fig.update_layout(title={"text": "Loaded words per 1,000"})
    return fig


def need_browser() -> None:
    """Skip image tests without Chromium locally; in CI (CI=true) a missing browser fails."""
    if export.find_browser() is None:
        message = "no Chromium found for kaleido (apt-get install chromium, or set BROWSER_PATH)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


# ---------------------------------------------------------------- images


def test_caption_names_articles_and_method_version():
    caption = export.caption_for([hostile_record(), plain_record()])
    assert "Council votes" in caption and "Other News" in caption and "2024-05-02" in caption
    assert f"Method version {export.method_version()}" in caption
    many = export.caption_for([plain_record()] * 9, limit=6)
    assert many.count("Second outlet") == 6 and "and 3 more" in many


def test_captioned_adds_caption_and_legend_without_touching_the_original():
    fig = bar_figure()
    before = fig.to_json()
    out = export.captioned(fig, "Articles: “<b>x</b>”. Method version 0.1.")
    assert fig.to_json() == before
    assert out.layout.showlegend is True
    caption = out.layout.annotations[-1].text
    assert "&lt;b&gt;x&lt;/b&gt;" in caption and "<b>x" not in caption
    assert out.layout.margin.b - 80 == out.layout.height - export.IMAGE_HEIGHT > 0


def test_png_has_magic_and_the_export_size():
    need_browser()
    data = export.figure_bytes(bar_figure(), "png", caption="Articles: A; B. Method version 0.1.")
    out = export.captioned(bar_figure(), "Articles: A; B. Method version 0.1.")
    assert png_size(data) == (
        export.IMAGE_WIDTH * export.PNG_SCALE,
        out.layout.height * export.PNG_SCALE,
    )
    assert out.layout.height > export.IMAGE_HEIGHT
    assert len(data) > 5_000


def test_svg_parses_and_carries_title_legend_and_literal_caption():
    need_browser()
    data = export.figure_bytes(bar_figure(), "svg", caption=export.caption_for([hostile_record()]))
    root = ET.fromstring(data)
    assert root.tag.endswith("svg")
    assert "<script" not in data.decode("utf-8")
    words = " ".join(t for t in root.itertext())
    assert "Loaded words per 1,000" in words
    assert "hedges" in words and "loaded" in words
    assert "<script>window.__pwned=1</script>" in words  # shown as characters, not markup
    assert "Method version" in words


def test_missing_browser_gives_a_clear_error(monkeypatch):
    monkeypatch.setattr(export, "find_browser", lambda: None)
    renderer = export._Renderer()
    with pytest.raises(export.ExportError, match="apt-get install chromium"):
        renderer.render(bar_figure(), {"format": "png"})


def test_browser_path_to_nothing_is_not_a_browser(monkeypatch, tmp_path):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-chromium"))
    assert export.find_browser() is None
    with pytest.raises(export.ExportError, match="BROWSER_PATH"):
        export._Renderer().render(bar_figure(), {"format": "svg"})


def test_a_browser_that_fails_to_start_is_reported(monkeypatch, tmp_path):
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("BROWSER_PATH", str(fake))
    monkeypatch.setattr(export, "START_TIMEOUT_S", 20.0)
    with pytest.raises(export.ExportError, match="Chromium did not start"):
        export._Renderer().render(bar_figure(), {"format": "svg"})


def test_html_is_self_contained_and_offline():
    page = export.figure_bytes(bar_figure(), "html", caption="Method version 0.1").decode()
    assert not SCRIPT_SRC.search(page), "an external script would need the network"
    assert "MathJaxConfig: 'local'" in page  # plotly's switch that keeps MathJax off the CDN
    assert "Plotly.newPlot" in page and len(page) > 1_000_000  # plotly.js inline
    assert "<title>Loaded words per 1,000</title>" in page
    assert '"displaylogo": false' in page


def test_unknown_formats_are_refused():
    with pytest.raises(export.ExportError, match="unknown image format"):
        export.figure_bytes(bar_figure(), "gif", caption="")  # type: ignore[arg-type]
    with pytest.raises(export.ExportError, match="unknown table format"):
        export.table_bytes(export.scores_frame([plain_record()]), "ods")  # type: ignore[arg-type]


# ---------------------------------------------------------------- tables


def hostile_frame():
    import pandas as pd

    return pd.DataFrame(
        {
            "cell": list(HOSTILE_CELLS),
            "number": [-1.5, 2.0, float("nan"), 4.0, 5.0, 6.0],
            "=col": ["ok"] * 6,
        }
    )


def test_csv_is_formula_safe():
    text = export.table_bytes(hostile_frame(), "csv").decode()
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header, body = rows[0], rows[1:]
    assert header == ["cell", "number", "'=col"]
    assert [r[0] for r in body] == ["'" + c for c in HOSTILE_CELLS]
    assert [r[1] for r in body] == ["-1.5", "2.0", "", "4.0", "5.0", "6.0"]


def test_json_is_records_with_nulls_and_nested_values():
    rows = json.loads(export.table_bytes(hostile_frame(), "json"))
    assert rows[0] == {"cell": HOSTILE_CELLS[0], "number": -1.5, "=col": "ok"}
    assert rows[2]["number"] is None
    nested = export.pd.DataFrame({"ci": [[1.0, 2.5], None]})
    assert json.loads(export.table_bytes(nested, "json")) == [{"ci": [1.0, 2.5]}, {"ci": None}]


def test_xlsx_reopens_with_strings_never_formulas():
    book = load_workbook(io.BytesIO(export.table_bytes(hostile_frame(), "xlsx")))
    sheet = book.active
    assert [c.value for c in sheet[1]] == ["cell", "number", "=col"]
    cells = [sheet.cell(row=i + 2, column=1) for i in range(len(HOSTILE_CELLS))]
    assert [c.value for c in cells] == list(HOSTILE_CELLS)
    assert all(c.data_type == "s" for c in cells)
    assert sheet.cell(row=1, column=3).data_type == "s"
    assert sheet.cell(row=2, column=2).value == -1.5
    assert sheet.cell(row=4, column=2).value is None


def test_evidence_frame_lists_every_span_with_its_text():
    record = hostile_record()
    frame = export.evidence_frame([record, plain_record()])
    assert list(frame.columns) == list(export.EVIDENCE_COLUMNS)
    kinds = frame["kind"].tolist()
    assert sorted(kinds) == ["attribution", "excluded", "loaded", "loaded", "naming", "quote"]
    for row in frame.itertuples():
        assert row.text == record["text"][row.start : row.end]
    quote = frame[frame.kind == "quote"].iloc[0]
    assert (quote.speaker, quote.group, quote.verb) == ("Residents", "public", "said")
    loaded = frame[frame.kind == "loaded"].set_index("term")
    assert loaded.loc["shameful", "alternative"] == "criticised"
    assert frame[frame.kind == "excluded"].iloc[0].reason == "share prompt"


def test_evidence_frame_adds_reused_passages_from_a_comparison():
    a, b = hostile_record(), plain_record()
    comparison = {
        "pairs": [
            {
                "a": "hostile",
                "b": "plain",
                "similarity": 0.4,
                "passages": [{"a_start": 0, "a_end": 10, "b_start": 15, "b_end": 25}],
            }
        ]
    }
    reused = export.evidence_frame([a, b], comparison=comparison)
    reused = reused[reused.kind == "reused"].set_index("article")
    assert reused.loc["hostile", "text"] == a["text"][0:10]
    assert reused.loc["plain", "text"] == b["text"][15:25]
    assert reused.loc["plain", "other_article"] == "hostile"


def test_scores_frame_is_flat_one_row_per_article():
    frame = export.scores_frame([hostile_record(), plain_record()])
    assert frame["id"].tolist() == ["hostile", "plain"]
    assert "sentiment.mean" in frame and "loaded.per_1k_ci.1" in frame
    assert "text" not in frame and not any(c.startswith("excluded") for c in frame)


# ---------------------------------------------------------------- report


def fake_charts() -> list[SimpleNamespace]:
    return [
        SimpleNamespace(
            name=name,
            title=f"Chart {name} <i>",
            what="What <it> shows.",
            mislead="How it misleads.",
            noise="A vs B within the noise.",
            figure=bar_figure(),
        )
        for name in ("one", "two")
    ]


def test_report_escapes_hostile_text_and_shares_one_plotly():
    page = report.comparison_report([hostile_record(), plain_record()], charts=fake_charts())
    assert "<script>window.__pwned" not in page
    assert "<img src=x" not in page and "<b>Bold" not in page
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;" in page
    assert "Chart one &lt;i&gt;" in page and "A vs B within the noise." in page
    assert not SCRIPT_SRC.search(page)
    assert page.count(get_plotlyjs()[-400:]) == 1  # one shared plotly.js for every chart
    assert page.count("Plotly.newPlot") == 2
    assert "<mark>shameful</mark>" in page
    assert "neutral alternative: criticised" in page
    assert "=cmd|" in page  # shown in an HTML report as text (no spreadsheet involved)


def test_excerpt_marks_the_span_with_escaped_context():
    text = "one two <three> four five six seven"
    start = text.index("<three>")
    html = report.excerpt_html(text, start, start + 7, context=6)
    assert html == "…two <mark>&lt;three&gt;</mark> four…"


# ---------------------------------------------------------------- command line


def test_safe_name_never_makes_a_path():
    assert safe_name("../../etc/passwd") == "etc_passwd"
    assert safe_name("sentence-sentiment") == "sentence-sentiment"
    assert safe_name("///") == "chart"


@pytest.fixture
def seed_copy(tmp_path: Path, seeds_dir: Path) -> Path:
    """Two seed articles in a temporary folder (keeps the CLI run short)."""
    folder = tmp_path / "in"
    folder.mkdir()
    for path in sorted(seeds_dir.glob("*.txt"))[:2]:
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


def test_cli_writes_every_table_chart_and_the_report(tmp_path, seed_copy):
    out = tmp_path / "out"
    assert (
        main(["export", str(seed_copy), "--out", str(out), "--format", "html,csv,json,xlsx"]) == 0
    )
    names = {p.name for p in out.iterdir()}
    for table in ("scores", "evidence"):
        assert {f"{table}.csv", f"{table}.json", f"{table}.xlsx"} <= names
    assert "report.html" in names
    charts = sorted(n for n in names if n.endswith(".html") and n != "report.html")
    assert len(charts) >= 3
    assert "similarity.html" in charts  # the corpus comparison of the two articles
    assert not any(n.startswith(".") for n in names)  # no temporary files left behind
    scores = json.loads((out / "scores.json").read_text())
    assert len(scores) == 2 and all("sentiment.mean" in row for row in scores)
    assert load_workbook(out / "evidence.xlsx").active.max_row >= 1
    page = (out / "report.html").read_text()
    assert page.count("Plotly.newPlot") == len(charts)


def test_cli_images(tmp_path, seed_copy):
    need_browser()
    out = tmp_path / "out"
    assert main(["export", str(seed_copy), "--out", str(out), "--format", "png,svg"]) == 0
    pngs = sorted(out.glob("*.png"))
    svgs = sorted(out.glob("*.svg"))
    assert pngs and len(pngs) == len(svgs)
    for png in pngs:
        width, height = png_size(png.read_bytes())
        assert width >= export.IMAGE_WIDTH and height >= 400
    for svg in svgs:
        assert "Method version" in " ".join(ET.parse(svg).getroot().itertext())


def test_cli_exit_1_when_an_input_is_rejected(tmp_path, seed_copy, capsys):
    (seed_copy / "broken.txt").write_bytes(b"\x00\x01\x02" * 50)
    out = tmp_path / "out"
    assert main(["export", str(seed_copy), "--out", str(out), "--format", "csv"]) == 1
    err = capsys.readouterr().err
    rejected = [line for line in err.splitlines() if line.startswith("rejected:")]
    assert len(rejected) == 1 and "broken.txt" in rejected[0]
    assert (out / "scores.csv").is_file() and (out / "report.html").is_file()


@pytest.mark.parametrize(
    "argv",
    [
        ["export", "seeds", "--out", "OUT", "--format", "gif"],
        ["export", "--out", "OUT"],
        ["export", "seeds"],
        ["frobnicate"],
    ],
)
def test_cli_usage_errors_exit_2(argv, tmp_path, capsys):
    argv = [str(tmp_path / "o") if a == "OUT" else a for a in argv]
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_cli_missing_path_exits_2(tmp_path, capsys):
    assert main(["export", str(tmp_path / "nope"), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert "nope" in err and "Traceback" not in err
