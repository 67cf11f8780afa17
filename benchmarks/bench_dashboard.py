"""Time to first chart: the landing page against a one-chart Streamlit page, in headless Chromium;
then the same with 1,000 generated articles already in the score store, with page switches and
the server's memory.

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
#: How long a page over 1,000 articles may take to appear before the benchmark gives up.
STORED_TIMEOUT_MS = 600_000

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
    """Run ``streamlit run script`` headless on a free localhost port; yield its base URL."""
    with streamlit_process(script, env=env, timeout=timeout) as (url, _):
        yield url


@contextlib.contextmanager
def streamlit_process(
    script: Path, *, env: Mapping[str, str] | None = None, timeout: float = 60.0
) -> Iterator[tuple[str, subprocess.Popen]]:
    """Run ``streamlit run script`` headless on a free localhost port; yield its base URL and
    the server process.

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
            yield url, process
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


def _first_charts(
    browser: Any,
    urls: Mapping[str, str],
    results: dict[str, Any],
    *,
    runs: int = RUNS,
    timeout_ms: float = 60_000,
) -> None:
    """A cold visit to each server, then ``runs`` rounds of fresh visits taken in turn."""
    for name, url in urls.items():
        results[f"{name}_cold_s"] = time_to_first_chart(browser, url, timeout_ms=timeout_ms)
        results[f"{name}_s"] = []
    for _ in range(runs):
        for name, url in urls.items():
            results[f"{name}_s"].append(time_to_first_chart(browser, url, timeout_ms=timeout_ms))
    for name in urls:
        results[f"{name}_median_s"] = median(results[f"{name}_s"])


def _finished(page: Any, *, timeout: float = STORED_TIMEOUT_MS / 1000) -> None:
    """Wait until the Streamlit script is done (no running indicator for 0.3 s)."""
    deadline = time.monotonic() + timeout
    quiet = 0
    while quiet < 3:
        if time.monotonic() > deadline:
            raise TimeoutError("the Streamlit script kept running")
        quiet = 0 if page.locator('[data-testid="stStatusWidget"]').count() else quiet + 1
        page.wait_for_timeout(100)


def page_switches(browser: Any, url: str, *, runs: int = RUNS) -> list[float]:
    """Seconds from a click on a sidebar page link to the new page finished with its chart
    drawn: Compare -> Voices -> Compare ..., in one browser session."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    try:
        page = context.new_page()
        page.goto(url)
        page.wait_for_selector(CHART, timeout=STORED_TIMEOUT_MS)
        _finished(page)
        times = []
        for _ in range(runs):
            for link, title in (("Voices", "Voices"), ("Compare", "Compare articles")):
                start = time.perf_counter()
                page.get_by_role("link", name=link, exact=True).click()
                heading = page.get_by_role("heading", name=title, exact=True).first
                heading.wait_for(timeout=STORED_TIMEOUT_MS)
                page.wait_for_selector(CHART, timeout=STORED_TIMEOUT_MS)
                _finished(page)
                times.append(time.perf_counter() - start - 0.3)  # less the quiet wait
        return times
    finally:
        context.close()


def server_rss_mb(process: subprocess.Popen) -> float:
    """Resident memory of the server process and its children, in MB (psutil)."""
    import psutil

    server = psutil.Process(process.pid)
    return sum(p.memory_info().rss for p in [server, *server.children(recursive=True)]) / 1e6


def seeds_landing(browser: Any, tmp: Path) -> dict[str, Any]:
    """The landing page on the seeds against a one-chart page (the original bar)."""
    env = {"FRAMING_LIBRARY": str(tmp / "library"), "FRAMING_STORE": str(tmp / "seeds-store")}
    results: dict[str, Any] = {}
    with contextlib.ExitStack() as stack:
        urls = {
            "one_chart": stack.enter_context(streamlit_server(tmp / "one_chart.py")),
            "landing": stack.enter_context(streamlit_server(APP, env=env)),
        }
        _first_charts(browser, urls, results)
    results["ratio"] = results["landing_median_s"] / results["one_chart_median_s"]
    return results


def stored_landing(browser: Any, tmp: Path, n: int) -> dict[str, Any]:
    """The dashboard on ``n`` generated articles already in the score store: time to first
    chart against a one-chart page, page switches, and the server's memory afterwards."""
    from benchmarks.bench_store import fill_store, write_jsonl
    from benchmarks.newslike import corpus

    corpus_file = write_jsonl(tmp / "stored.jsonl", list(corpus(n)))
    store = tmp / "stored-store"
    fill_store(store, corpus_file)
    env = {
        "FRAMING_CORPUS": str(corpus_file),
        "FRAMING_STORE": str(store),
        "FRAMING_LIBRARY": str(tmp / "stored-library"),
        "FRAMING_READONLY": "",
    }
    with contextlib.ExitStack() as stack:
        one_url = stack.enter_context(streamlit_server(tmp / "one_chart.py"))
        url, process = stack.enter_context(streamlit_process(APP, env=env, timeout=120))
        results: dict[str, Any] = {"articles": n}
        urls = {"one_chart": one_url, "landing": url}
        _first_charts(browser, urls, results, timeout_ms=STORED_TIMEOUT_MS)
        results["ratio"] = results["landing_median_s"] / results["one_chart_median_s"]
        results["switch_s"] = page_switches(browser, url)
        results["switch_median_s"] = median(results["switch_s"])
        results["server_rss_mb"] = server_rss_mb(process)
    return results


def main(n: int = 1000) -> dict[str, Any]:
    """Run both comparisons, print them, and return the figures (seconds, MB)."""
    from playwright.sync_api import sync_playwright

    with contextlib.ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        playwright = stack.enter_context(sync_playwright())
        browser = launch_chromium(playwright)
        stack.callback(browser.close)
        (tmp / "one_chart.py").write_text(ONE_CHART_PAGE, encoding="utf-8")
        results = seeds_landing(browser, tmp)
        results["stored"] = stored_landing(browser, tmp, n)
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
        f"  ratio {results['ratio']:.2f} - {verdict} the 2x bar\n"
        + _stored_report(results["stored"])
    )


def _stored_report(r: Mapping[str, Any]) -> str:
    verdict = "within" if r["ratio"] <= 2 else "NOT within"
    switch = "within" if r["switch_median_s"] <= 1.5 else "NOT within"
    runs = ", ".join(f"{v:.2f}" for v in r["switch_s"])
    return (
        f"with {r['articles']} stored articles\n"
        f"  one-chart page {r['one_chart_median_s']:.2f} s, landing page "
        f"{r['landing_median_s']:.2f} s (cold {r['landing_cold_s']:.2f}): ratio "
        f"{r['ratio']:.2f} - {verdict} the 2x bar\n"
        f"  page switch median {r['switch_median_s']:.2f} s (runs: {runs}) - {switch} 1.5 s\n"
        f"  server memory after the visits: {r['server_rss_mb']:.0f} MB"
    )


if __name__ == "__main__":
    main()
