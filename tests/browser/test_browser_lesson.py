"""A lesson walked end to end in a real browser: blind screens that name no outlet, charts on
each screen, mark then reveal, the teacher's reveal, and the worksheet PDF download."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest
from texts import LESSON_SCREENS, SEED_GIVEAWAYS

from benchmarks.bench_dashboard import CHART

pytestmark = pytest.mark.browser


NAMES = ("articles", "tone", "words", "voices", "naming", "reuse", "reveal")


def visible_text(page) -> str:
    return page.locator("body").inner_text()


def test_a_blind_lesson_end_to_end(app, tmp_path):
    page = app.open("lesson")
    app.check()
    assert "Who is meddling?" in page.locator('[data-testid="stMain"] h1').first.inner_text()
    for number, step in enumerate(LESSON_SCREENS, start=1):
        page.get_by_role("heading", name=step).wait_for()
        if 2 <= number <= 6:
            page.wait_for_selector(CHART)
        app.idle()
        app.check()
        text = visible_text(page)
        assert f"Step {number} of {len(LESSON_SCREENS)}" in text
        assert [name for name in SEED_GIVEAWAYS if name in text] == [], step
        if step.startswith("Word choice"):
            _mark_then_reveal(app, page)
        app.shot(f"lesson-{number}-{NAMES[number - 1]}")
        if number < len(LESSON_SCREENS):
            page.get_by_role("button", name="Next ▶").click()
            app.idle()

    with page.expect_download(timeout=90_000) as download:
        page.locator(".st-key-lesson_dl_pdf button").click()
    pdf = Path(download.value.path()).read_bytes()
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert 3 <= len(reader.pages) <= 8 and "Who is meddling?" in text
    assert [name for name in SEED_GIVEAWAYS if name in text] == []
    assert download.value.suggested_filename == "worksheet.pdf"

    page.locator(".st-key-lesson_reveal label").click()
    page.locator("table.fr-reveal").wait_for()
    app.idle()
    app.check()
    revealed = visible_text(page)
    assert "CNN" in revealed and "Zhong Yuan" in revealed
    app.shot("lesson-7-revealed")


def _mark_then_reveal(app, page) -> None:
    marks = page.locator(".st-key-lesson_marks")
    marks.get_by_role("button", name="gaffe", exact=True).click()
    app.idle()
    marks.get_by_role("button", name="ideas", exact=True).click()
    app.idle()
    page.locator(".st-key-lesson_marks_reveal label").click()
    page.locator("table.fr-marks").wait_for()
    app.idle()
    table = page.locator("table.fr-marks").inner_text()
    assert "you and the tool" in table and "only you" in table
    assert page.locator(".fr-passage .mk-agree").count() >= 1
