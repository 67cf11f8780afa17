"""Time to first chart: the landing page against a one-chart Streamlit page, in headless Chromium.

The issue's bar: the landing page's first chart appears within twice the time a one-chart
Streamlit page takes on the same machine. Both apps run as real ``streamlit run`` servers; each
visit opens a fresh browser context (no cache) and waits for plotly's first ``.main-svg``.
The first visit to the landing page also scores the seeds (Streamlit's cache is empty then),
so the median of three visits is reported next to every single time.

This module also holds the server and browser helpers the browser tests use.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Mapping
from pathlib import Path
from statistics import median
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "dashboard" / "app.py"
#: Chromium flags known to work headless in containers (see DESIGN.md).
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
CHART = '[data-testid="stPlotlyChart"] .main-svg'
RUNS = 3

ONE_CHART_PAGE = """\
import plotly.graph_objects as go
import streamlit as st

st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c"], y=[1, 3, 2])))
"""


def free_port() -> int:
    """A TCP port on localhost that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def chromium_path() -> str | None:
    """Debian's ``chromium`` on the PATH (Playwright cannot download its own browser here)."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
            return reply.status == 200
    except OSError:
        return False


@contextlib.contextmanager
def streamlit_server(
    script: Path, *, env: Mapping[str, str] | None = None, timeout: float = 60.0
) -> Iterator[str]:
    """Run ``streamlit run script`` headless on a free localhost port; yield its base URL.

    The server's output goes to a temporary log that is printed if it fails to come up.
    """
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.headless=true",
        f"--server.port={port}",
        "--server.address=127.0.0.1",
        "--server.fileWatcherType=none",
        "--browser.gatherUsageStats=false",
    ]
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    with tempfile.TemporaryFile("w+") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=full_env, stdout=log, stderr=log)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + timeout
            while True:
                if process.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise RuntimeError(f"streamlit did not start ({script}):\n{log.read()}")
                if _healthy(url):
                    break
                time.sleep(0.2)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def launch_chromium(playwright: Any) -> Any:
    """Launch Debian's Chromium headless through Playwright with the container-safe flags."""
    path = chromium_path()
    if path is None:
        raise RuntimeError("chromium not found: apt-get install chromium")
    return playwright.chromium.launch(executable_path=path, headless=True, args=list(CHROMIUM_ARGS))


def time_to_first_chart(browser: Any, url: str, *, timeout_ms: float = 60_000) -> float:
    """Seconds from navigation to the first plotly chart drawn, in a fresh browser context."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    try:
        page = context.new_page()
        start = time.perf_counter()
        page.goto(url)
        page.wait_for_selector(CHART, timeout=timeout_ms)
        return time.perf_counter() - start
    finally:
        context.close()


def measure(browser: Any, url: str, runs: int = RUNS) -> list[float]:
    """``runs`` visits, each timed with :func:`time_to_first_chart`."""
    return [time_to_first_chart(browser, url) for _ in range(runs)]


def main() -> dict[str, Any]:
    """Run the comparison, print it, and return the figures (seconds)."""
    from playwright.sync_api import sync_playwright

    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        one_chart = Path(tmp) / "one_chart.py"
        one_chart.write_text(ONE_CHART_PAGE, encoding="utf-8")
        library = Path(tmp) / "library"
        library.mkdir()
        browser = launch_chromium(playwright)
        try:
            with streamlit_server(one_chart) as url:
                results["one_chart_s"] = measure(browser, url)
            with streamlit_server(APP, env={"FRAMING_LIBRARY": str(library)}) as url:
                results["landing_s"] = measure(browser, url)
        finally:
            browser.close()
    results["one_chart_median_s"] = median(results["one_chart_s"])
    results["landing_median_s"] = median(results["landing_s"])
    results["ratio"] = results["landing_median_s"] / results["one_chart_median_s"]
    print(report(results), flush=True)
    return results


def report(results: Mapping[str, Any]) -> str:
    """The figures as a few plain lines."""

    def runs(values: list[float]) -> str:
        return ", ".join(f"{v:.2f}" for v in values)

    verdict = "within" if results["ratio"] <= 2 else "NOT within"
    return (
        f"time to first chart, median of {len(results['landing_s'])} fresh visits "
        "(headless Chromium)\n"
        f"  one-chart Streamlit page: {results['one_chart_median_s']:.2f} s "
        f"(runs: {runs(results['one_chart_s'])})\n"
        f"  landing page:             {results['landing_median_s']:.2f} s "
        f"(runs: {runs(results['landing_s'])})\n"
        f"  ratio {results['ratio']:.2f} - {verdict} the 2x bar"
    )


if __name__ == "__main__":
    main()
