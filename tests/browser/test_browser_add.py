"""Adding articles in a real browser: an upload batch of two files with different outlets (one
from its front matter, one from its URL's domain) is saved, and both articles join Compare."""

from __future__ import annotations

import pytest

from benchmarks.bench_dashboard import CHART

pytestmark = pytest.mark.browser

FILES = {
    "harbour-courier.md": (
        "---\ntitle: Harbour dredging plan approved after long debate\noutlet: Coast Courier\n"
        "date: 24/09/2017\n---\nHarbour dredging plan approved after long debate\n\n"
        "The port authority approved the dredging plan on Thursday. Fishermen said the work "
        "would disturb the bay, while the authority said the channel was needed for ships.\n"
    ),
    "bridge-cnn.md": (
        "---\ntitle: Old rail bridge to reopen for cyclists\n"
        "url: https://edition.cnn.com/2017/09/25/bridge\n---\n"
        "Old rail bridge to reopen for cyclists\n\n"
        "The disused rail bridge will reopen as a cycle path next spring, the council said, "
        "after residents raised money for its repair.\n"
    ),
}


def selected_count(page) -> tuple[int, int]:
    caption = page.get_by_text("articles selected").first.inner_text()
    selected, _, total = caption.split()[:3]
    return int(selected), int(total)


def test_two_uploaded_files_with_their_own_outlets_join_compare(app, tmp_path):
    page = app.open()
    page.wait_for_selector(CHART)
    _, before = selected_count(page)
    paths = []
    for name, text in FILES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / name))

    page.get_by_role("link", name="Add articles").click()
    page.get_by_role("heading", name="Add articles").wait_for()
    app.idle()
    page.get_by_role("tab", name="Upload files").click()
    page.locator("[class*='st-key-upload_files'] input[type=file]").set_input_files(paths)
    page.locator("[class*='st-key-upload_meta'] [data-testid='stDataFrame']").wait_for()
    app.idle()
    app.shot("add-batch-table")
    page.get_by_role("button", name="Add these files").click()
    page.locator('[data-testid="stAlertContentSuccess"]').wait_for()
    app.idle()
    app.check()
    assert "Saved 2 article" in page.locator('[data-testid="stAlertContentSuccess"]').inner_text()
    app.shot("add-batch-saved")

    page.get_by_role("link", name="Compare").click()
    page.get_by_role("heading", name="Compare articles").wait_for()
    app.idle()
    page.wait_for_selector(CHART)
    assert selected_count(page) == (before + 2, before + 2)
    main = page.locator('[data-testid="stMain"]').inner_text()
    for headline, outlet in [
        ("Harbour dredging plan approved after long debate", "Coast Courier"),
        ("Old rail bridge to reopen for cyclists", "CNN"),
    ]:
        assert headline in main
        card = page.locator(".fr-card", has_text=headline)
        assert outlet in card.inner_text()
    app.check()
    app.shot("compare-with-batch")
