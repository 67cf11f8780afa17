"""The Compare page at 30 outlets and 200 articles in headless Chromium, at the projector size
(1280x720), with large text off and on: the key chart starts on the first screen, no two tick
labels of any chart overlap (their bounding boxes), and no download button's label is cut.
Screenshots go to test-artifacts/ (git-ignored)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from scale import write_corpus

from benchmarks.bench_dashboard import APP, CHART, streamlit_server

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
TABS = ("Tone", "Loaded words", "Voices", "Naming", "Readability", "Shared wording")

#: Every tick label of every plotly chart on the page, as boxes, and the pairs that overlap by
#: more than one pixel each way (empty labels skipped).
OVERLAPS = """
() => {
  const found = [];
  document.querySelectorAll('[data-testid="stPlotlyChart"]').forEach((chart, c) => {
    const boxes = [...chart.querySelectorAll('g.xtick text, g.ytick text, g.x2tick text')]
      .filter(t => t.textContent.trim())
      .map(t => ({text: t.textContent, r: t.getBoundingClientRect()}));
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i].r, b = boxes[j].r;
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 1 && h > 1) found.push([c, boxes[i].text, boxes[j].text]);
      }
    }
  });
  return found;
}
"""
TICKS = "() => document.querySelectorAll('g.xtick text, g.ytick text').length"
#: Download buttons whose label is wider than the button shows (cut, e.g. "HT…").
CUT_BUTTONS = """
() => [...document.querySelectorAll('[data-testid="stDownloadButton"] button')]
  .filter(b => b.scrollWidth > b.clientWidth + 1 ||
    [...b.querySelectorAll('p')].some(p => p.scrollWidth > p.clientWidth + 1))
  .map(b => b.innerText)
"""


@pytest.fixture(scope="module")
def scale_url(tmp_path_factory: pytest.TempPathFactory, browser: Any) -> Iterator[str]:
    """A dashboard over the generated corpus (``browser`` first: it skips without Chromium)."""
    folder = tmp_path_factory.mktemp("scale-browser")
    corpus = write_corpus(folder, articles=200, outlets=30)
    env = {
        "FRAMING_CORPUS": str(corpus),
        "FRAMING_LIBRARY": str(folder / "library"),
        "FRAMING_OUTLETS": str(folder / "outlets.csv"),
        "FRAMING_STORE": str(folder / "store"),
        "FRAMING_READONLY": "",
    }
    with streamlit_server(APP, env=env, timeout=120) as url:
        yield url


def _idle(page: Any, *, timeout: float = 180.0) -> None:
    deadline = time.monotonic() + timeout
    quiet = 0
    while quiet < 4:
        if time.monotonic() > deadline:
            raise TimeoutError("the Streamlit script kept running")
        running = page.locator('[data-testid="stStatusWidget"]').count() > 0
        quiet = 0 if running else quiet + 1
        page.wait_for_timeout(250)


def _shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


@pytest.mark.parametrize("large", [False, True], ids=["normal-text", "large-text"])
def test_compare_at_30_outlets_is_readable(browser, scale_url, large):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    context.set_default_timeout(180_000)
    page = context.new_page()
    try:
        page.goto(scale_url)
        page.wait_for_selector(CHART)
        if large:
            page.get_by_text("Large text (projector)").click()
            _idle(page)
            page.wait_for_selector(CHART)
        _idle(page)
        name = "large" if large else "normal"
        _shot(page, f"scale-compare-{name}")
        # The key chart starts on the first screen at 1280x720.
        top = page.locator('[data-testid="stPlotlyChart"]').first.bounding_box()["y"]
        assert top < 720 - 150, f"first chart starts at {top:.0f} px"
        assert page.locator(".fr-card").count() == 0  # a table, not 200 cards
        for tab in TABS:
            page.get_by_role("tab", name=tab).click()
            _idle(page)
            page.wait_for_selector(CHART)
            assert page.evaluate(TICKS) > 10, tab
            overlaps = page.evaluate(OVERLAPS)
            assert overlaps == [], f"{tab}: overlapping tick labels {overlaps[:5]}"
            _shot(page, f"scale-compare-{name}-{tab.lower().replace(' ', '-')}")
        assert page.evaluate(CUT_BUTTONS) == []
    finally:
        context.close()
