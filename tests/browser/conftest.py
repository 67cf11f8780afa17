"""Browser tests: the dashboard served by ``streamlit run`` and driven by Playwright in Debian's
headless Chromium (``executable_path=shutil.which("chromium")``; Playwright cannot download its
own browser here).

Without Chromium or Playwright the tests are skipped with the reason, except in CI (``CI=true``)
where that is a failure. The app runs once per session on a free localhost port with a temporary
library (``FRAMING_LIBRARY``) holding one hostile article whose title and body carry HTML
injection. Screenshots of every page go to ``test-artifacts/`` (git-ignored).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from benchmarks.bench_dashboard import APP, chromium_path, launch_chromium, streamlit_server

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
#: The injected markup; shown as characters it proves escaping, run it would set window.__pwned.
SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=1">'
INJECTION = {
    "id": "injection-test",
    "title": f"{SCRIPT} Council {IMG} vote",
    "outlet": "Hostile <b>Outlet</b>",
    "date": "2024-06-01",
    "event": "Injection test",
    "text": (
        f"{SCRIPT} Council {IMG} vote\n\n"
        f"The council met on Monday. {SCRIPT} Residents called the plan a disaster. "
        f'"This is {IMG} a shameful decision," said one resident. '
        "The mayor said the vote was fair and the budget was balanced."
    ),
}


def _require_browser() -> None:
    reason = None
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        reason = "playwright is not installed (pip install -r requirements-dev.txt)"
    if reason is None and chromium_path() is None:
        reason = "Debian's chromium is not installed (apt-get install -y chromium)"
    if reason is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests cannot run in CI: {reason}", pytrace=False)
        pytest.skip(f"browser tests skipped: {reason}")


@pytest.fixture(scope="session")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A temporary library folder holding the injection article (JSON Lines)."""
    folder = tmp_path_factory.mktemp("library")
    (folder / "injection-test.jsonl").write_text(
        json.dumps(INJECTION, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return folder


@pytest.fixture(scope="session")
def app_url(library: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The dashboard's base URL (seeds plus the temporary library, library writable)."""
    _require_browser()
    env = {"FRAMING_LIBRARY": str(library), "FRAMING_CORPUS": "", "FRAMING_READONLY": ""}
    env["FRAMING_STORE"] = str(tmp_path_factory.mktemp("store"))
    with streamlit_server(APP, env=env, timeout=90) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh 1280x720 page (the issue's projector size) that accepts downloads.

    Page errors (uncaught JavaScript exceptions) are collected on ``page.errors``.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 720}, accept_downloads=True)
    context.set_default_timeout(60_000)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


class App:
    """The dashboard in one browser page: open a page, wait for Streamlit, check, screenshot."""

    def __init__(self, page: Any, url: str) -> None:
        self.page = page
        self.url = url

    def open(self, path: str = "") -> Any:
        """Go to a page by its URL path ("" is the landing page) and wait until it is idle."""
        self.page.goto(f"{self.url}/{path}")
        self.idle()
        return self.page

    def idle(self, *, timeout: float = 90.0) -> None:
        """Wait until the script has finished (no running indicator for 0.6 s)."""
        self.page.wait_for_selector('[data-testid="stMain"] h1')
        deadline = time.monotonic() + timeout
        quiet = 0
        while quiet < 3:
            if time.monotonic() > deadline:
                raise TimeoutError("the Streamlit script kept running")
            running = self.page.locator('[data-testid="stStatusWidget"]').count() > 0
            quiet = 0 if running else quiet + 1
            self.page.wait_for_timeout(200)

    def check(self) -> None:
        """The page shows no Streamlit exception box or "Page not found" dialog and threw no
        JavaScript error."""
        boxes = self.page.locator('[data-testid="stException"]')
        assert boxes.count() == 0, boxes.first.inner_text()
        assert self.page.get_by_text("Page not found").count() == 0
        assert self.page.errors == []

    def shot(self, name: str) -> Path:
        """A full-height screenshot in test-artifacts/. Streamlit scrolls inside its own
        container, so the viewport is made as tall as the content first, then restored."""
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.evaluate("() => document.querySelector('[data-testid=stMain]')?.scrollTo(0, 0)")
        size = self.page.viewport_size
        height = self.page.evaluate(
            "() => Math.max(720, document.body.scrollHeight, ...[...document.querySelectorAll("
            "'[data-testid=stMain], [data-testid=stMainBlockContainer]')].map(e => e.scrollHeight))"
        )
        self.page.set_viewport_size({"width": size["width"], "height": min(height + 80, 12_000)})
        self.page.wait_for_timeout(500)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        self.page.set_viewport_size(size)
        return path


@pytest.fixture
def app(page: Any, app_url: str) -> App:
    return App(page, app_url)


@pytest.fixture
def injection() -> dict[str, str]:
    """The hostile article placed in the library."""
    return INJECTION
