"""A blind lesson walked end to end in a real browser at 1280x720 with large text: the lesson
turns the sidebar's blind switch on, Compare mid-lesson shows the same letters and no outlet,
mark then reveal, the worksheet and its separate answer key, and the teacher's reveal button
(which turns blind mode off on every page)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdf
import pytest
from texts import LESSON_SCREENS, SEED_GIVEAWAYS

from benchmarks.bench_dashboard import CHART

pytestmark = pytest.mark.browser


NAMES = ("articles", "tone", "words", "voices", "naming", "reuse", "reveal")


def visible_text(page) -> str:
    return page.locator("body").inner_text()


def blind_switch(page) -> bool:
    return page.locator(".st-key-blind input[type=checkbox]").is_checked()


def cards(page) -> dict[str, str]:
    """Label -> headline of each article card shown (Lesson or Compare)."""
    found = {}
    for card in page.locator(".fr-card").all():
        text = card.inner_text()
        label = re.search(r"Article [A-Z]+", text)
        headline = next((line for line in text.splitlines() if "Blinken" in line), None)
        if label and headline:
            found[label.group()] = headline.strip()
    return found


def go(app, page, title: str) -> None:
    """Another page by the sidebar's navigation (the same browser session)."""
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=title).click()
    app.idle()
    app.check()


def download(page, key: str) -> tuple[str, bytes]:
    with page.expect_download(timeout=90_000) as done:
        page.locator(f".st-key-{key} button").click()
    return done.value.suggested_filename, Path(done.value.path()).read_bytes()


def pdf_text(data: bytes) -> tuple[int, str]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return len(reader.pages), " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


def test_a_blind_lesson_end_to_end(app, tmp_path):
    page = app.open("lesson")
    page.locator(".st-key-large_text label").click()
    app.idle()
    app.check()
    assert "Who is meddling?" in page.locator('[data-testid="stMain"] h1').first.inner_text()
    assert blind_switch(page)  # the blind lesson shows blind mode as on
    on_lesson = cards(page)
    assert list(on_lesson) == ["Article A"] and on_lesson["Article A"].startswith("Blinken tells")
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
            questions = " ".join(page.locator(".fr-q").all_inner_texts())
            assert questions and "gaffe" not in questions and "zealous" not in questions
        app.shot(f"lesson-{number}-{NAMES[number - 1]}")
        if number == 2:
            _compare_mid_lesson(app, page, on_lesson)
            page.get_by_role("heading", name=step).wait_for()
        if number < len(LESSON_SCREENS):
            page.get_by_role("button", name="Next ▶").click()
            app.idle()

    name, sheet = download(page, "lesson_dl_worksheet_pdf")
    pages, text = pdf_text(sheet)
    assert name == "worksheet.pdf" and 3 <= pages <= 8 and "Who is meddling?" in text
    assert [n for n in SEED_GIVEAWAYS if n in text] == [] and "Answer key" not in text
    name, key = download(page, "lesson_dl_answer-key_pdf")
    pages, text = pdf_text(key)
    assert name == "answer-key.pdf" and pages <= 4 and "Answer key: Who is meddling?" in text
    assert "CNN" in text and "gaffe" in text
    assert not re.search(r"(?<![\d.,])\d+\s*[-–]\s*\d+(?![\d.,])|characters \d", text)

    page.locator(".st-key-lesson_reveal button").click()
    page.locator("table.fr-reveal").wait_for()
    app.idle()
    app.check()
    revealed = visible_text(page)
    assert "CNN" in revealed and "Zhong Yuan" in revealed
    assert not blind_switch(page)
    app.shot("lesson-7-revealed")
    go(app, page, "Compare")
    page.wait_for_selector(CHART)  # the outlet names come with the chart and the cards
    page.wait_for_function("() => document.body.innerText.includes('CNN')", timeout=30_000)
    assert not blind_switch(page)


def _compare_mid_lesson(app, page, on_lesson: dict[str, str]) -> None:
    """One click on Compare mid-lesson: still blind, the same letter for the same article."""
    go(app, page, "Compare")
    page.wait_for_selector(".fr-card")
    app.idle()
    assert blind_switch(page)
    text = visible_text(page)
    assert [name for name in SEED_GIVEAWAYS if name in text] == []
    assert cards(page) == on_lesson
    app.shot("lesson-compare-mid-lesson")
    go(app, page, "Lesson")


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
