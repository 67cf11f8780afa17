"""The dashboard in a real browser: charts draw, highlights hover, downloads arrive, uploads join
the comparison, and an article carrying HTML injection runs nothing."""

from __future__ import annotations

import csv
import io
import struct
from pathlib import Path

import pytest

from benchmarks.bench_dashboard import CHART

pytestmark = pytest.mark.browser

#: URL path of every page ("" is the landing page, Compare: a default page has no path).
PAGES = ("", "read", "words", "voices", "reuse", "add", "stories", "method")


def selected_count(page) -> tuple[int, int]:
    """(selected, total) from the sidebar's "N of M articles selected" caption."""
    caption = page.get_by_text("articles selected").first.inner_text()
    selected, _, total = caption.split()[:3]
    return int(selected), int(total)


def choose_story(page, story: str) -> None:
    """Pick a story in the sidebar's Story select box."""
    page.locator(".st-key-sel_story").click()
    page.get_by_role("option", name=story, exact=True).click()


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders(app, path):
    page = app.open(path)
    app.check()
    app.shot(f"page-{path or 'compare'}")
    assert page.locator('[data-testid="stMain"] h1').first.inner_text().strip()


def test_landing_charts_render(app):
    page = app.open()
    page.wait_for_selector(CHART)
    app.check()
    charts = page.locator('[data-testid="stPlotlyChart"]')
    assert charts.count() >= 3
    # Each chart drew marks (bars, boxes, points), not just empty axes.
    first = charts.first.locator(".main-svg").first
    assert first.locator("path, rect").count() > 10
    selected, total = selected_count(page)
    assert selected == total >= 6  # five seeds plus the library's article


def test_reader_highlights_have_hover_text(app):
    page = app.open("read")
    marks = page.locator(".fr-text span[title]")
    marks.first.wait_for()
    assert marks.count() > 3
    title = marks.first.get_attribute("title")
    assert title and title.strip()
    marks.first.hover()
    box = marks.first.bounding_box()
    assert box and box["width"] > 0 and box["height"] > 0
    app.check()
    app.shot("read-highlights")


def test_injection_article_runs_nothing(app, injection):
    page = app.open()
    page.wait_for_selector(CHART)
    choose_story(page, injection["event"])
    app.idle()
    assert selected_count(page)[0] == 1
    text = page.locator('[data-testid="stMain"]').inner_text()
    assert "<script>window.__pwned=1</script>" in text
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    # Nothing from the article became an element: no injected <img>, no injected <script> body.
    assert page.locator('[data-testid="stMain"] img[src="x"]').count() == 0
    app.shot("injection-compare")

    page.get_by_role("link", name="Read side by side").click()
    page.wait_for_url("**/read")
    page.get_by_role("heading", name="Read side by side").wait_for()
    app.idle()
    if selected_count(page)[0] != 1:  # the sidebar choice does not follow page switches (yet)
        choose_story(page, injection["event"])
        app.idle()
    reader = page.locator(".fr-text").first
    reader.wait_for()
    assert '<img src=x onerror="window.__pwned=1">' in reader.inner_text()
    assert page.locator("img[src='x']").count() == 0
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    app.check()
    app.shot("injection-read")


def test_csv_and_png_downloads_arrive_and_are_valid(app):
    page = app.open()
    page.wait_for_selector(CHART)
    selected, _ = selected_count(page)

    with page.expect_download() as download:
        page.locator(".st-key-dl-scores-csv button").click()
    data = Path(download.value.path()).read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(data)))
    assert len(rows) == selected
    assert {"id", "title", "sentiment.mean"} <= set(rows[0])
    assert download.value.suggested_filename == "scores.csv"

    button = page.locator("[class*='st-key-dl-png-'] button").first
    with page.expect_download(timeout=90_000) as download:
        button.click()
    png = Path(download.value.path()).read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    assert width >= 1200 and height >= 400
    assert download.value.suggested_filename.endswith(".png")
    app.check()


def test_downloaded_report_is_offline_and_runs_no_injection(app, injection, tmp_path):
    page = app.open()
    page.wait_for_selector(CHART)
    with page.expect_download(timeout=90_000) as download:
        page.locator(".st-key-dl-report-html button").click()
    report = tmp_path / "report.html"
    download.value.save_as(report)

    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(report.as_uri())
    page.wait_for_selector(".js-plotly-plot .main-svg")
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    body = page.locator("body").inner_text()
    assert injection["title"] in body  # the hostile title shown as characters
    assert page.locator("img[src='x']").count() == 0
    assert page.locator(".js-plotly-plot").count() >= 3
    assert [url for url in requests if not url.startswith("file:")] == []
    assert page.errors == []
    app.shot("report")
