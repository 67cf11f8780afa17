"""Time to first chart: the landing page against a one-chart Streamlit page, in headless Chromium.

The issue's bar: the landing page's first chart appears within twice the time a one-chart
Streamlit page takes on the same machine. Both apps run as real ``streamlit run`` servers at the
same time; each visit opens a fresh browser context (no browser cache, a new Streamlit session)
and waits for plotly's first ``.main-svg``. The first visit to each server is reported apart as
"cold" (for the landing page it includes scoring the seeds into Streamlit's cache, once per
server process); then the two pages are visited in turn, so load from other processes on the
machine falls on both alike, and the medians of three visits are compared.

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


def main() -> dict[str, Any]:
    """Run the comparison, print it, and return the figures (seconds)."""
    from playwright.sync_api import sync_playwright

    with contextlib.ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        one_chart = tmp / "one_chart.py"
        one_chart.write_text(ONE_CHART_PAGE, encoding="utf-8")
        (tmp / "library").mkdir()
        playwright = stack.enter_context(sync_playwright())
        urls = {
            "one_chart": stack.enter_context(streamlit_server(one_chart)),
            "landing": stack.enter_context(
                streamlit_server(APP, env={"FRAMING_LIBRARY": str(tmp / "library")})
            ),
        }
        browser = launch_chromium(playwright)
        stack.callback(browser.close)
        results: dict[str, Any] = {}
        for name, url in urls.items():
            results[f"{name}_cold_s"] = time_to_first_chart(browser, url)
            results[f"{name}_s"] = []
        for _ in range(RUNS):
            for name, url in urls.items():
                results[f"{name}_s"].append(time_to_first_chart(browser, url))
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
        f"time to first chart, median of {len(results['landing_s'])} fresh visits after a "
        "cold one (headless Chromium)\n"
        f"  one-chart Streamlit page: {results['one_chart_median_s']:.2f} s "
        f"(runs: {runs(results['one_chart_s'])}; cold {results['one_chart_cold_s']:.2f})\n"
        f"  landing page:             {results['landing_median_s']:.2f} s "
        f"(runs: {runs(results['landing_s'])}; cold {results['landing_cold_s']:.2f})\n"
        f"  ratio {results['ratio']:.2f} - {verdict} the 2x bar"
    )


if __name__ == "__main__":
    main()
