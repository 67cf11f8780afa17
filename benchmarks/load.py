"""`make load`: concurrent sessions on one dashboard server, bounded, localhost only.

Starts ``streamlit run dashboard/app.py`` on a free localhost port with a generated corpus
(``benchmarks.newslike``, written as JSON Lines to a temporary folder) and
``FRAMING_READONLY=1``, then:

1. idle: time to first chart for one session alone (median of 3);
2. load: ``--sessions`` (default 30) headless Chromium contexts in one browser open Compare at
   once and keep switching Compare -> Voices -> Words -> Compare for ``--seconds`` (default 120);
   it records each session's time to first chart, page switches, and errors (a Streamlit
   exception box, an uncaught JavaScript error, a page that did not finish within 180 s);
3. isolation: one session pastes an article on the Add page; with the read-only library it must
   appear in that session only (its "N of M articles selected" caption grows, every other
   session's stays the same after a reload);
4. the server's peak RSS (itself and its children, via psutil, sampled every 0.5 s).

The server and the browser are stopped at the end whatever happens; the run exits by itself.
``python -m benchmarks.load --sessions 5 --seconds 20`` is a smoke run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from benchmarks.bench_dashboard import APP, CHART, CHROMIUM_ARGS, chromium_path, streamlit_process
from benchmarks.newslike import corpus

PAGE_TIMEOUT_MS = 180_000
CYCLE = (("Voices", "Voices"), ("Words", "Words"), ("Compare", "Compare articles"))
OUT = Path(__file__).resolve().parent.parent / "bench-results"


class RssSampler(threading.Thread):
    """Peak RSS (MB) of a process and its children, sampled until stopped."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        import psutil

        self.process = psutil.Process(pid)
        self.peak_mb = 0.0
        self.stopped = threading.Event()

    def run(self) -> None:
        import psutil

        while not self.stopped.wait(0.5):
            try:
                procs = [self.process, *self.process.children(recursive=True)]
                rss = sum(p.memory_info().rss for p in procs if p.is_running())
            except psutil.Error:
                continue
            self.peak_mb = max(self.peak_mb, rss / 2**20)


async def _finished(page: Any) -> None:
    """Wait until the script has finished (no running indicator for 0.3 s)."""
    deadline = time.monotonic() + PAGE_TIMEOUT_MS / 1000
    quiet = 0
    while quiet < 3:
        if time.monotonic() > deadline:
            raise TimeoutError("the Streamlit script kept running")
        running = await page.locator('[data-testid="stStatusWidget"]').count()
        quiet = 0 if running else quiet + 1
        await page.wait_for_timeout(100)


async def _errors(page: Any) -> list[str]:
    boxes = page.locator('[data-testid="stException"]')
    if await boxes.count():
        return [f"exception box: {(await boxes.first.inner_text())[:200]}"]
    return []


async def _selected(page: Any) -> tuple[int, int]:
    caption = await page.get_by_text("articles selected").first.inner_text()
    selected, _, total = caption.split()[:3]
    return int(selected), int(total)


async def _open(browser: Any, url: str) -> tuple[Any, Any, float, list[str]]:
    context = await browser.new_context(viewport={"width": 1280, "height": 720})
    page = await context.new_page()
    js_errors: list[str] = []
    page.on("pageerror", lambda error: js_errors.append(f"javascript: {error}"))
    start = time.perf_counter()
    await page.goto(url, timeout=PAGE_TIMEOUT_MS)
    await page.wait_for_selector(CHART, timeout=PAGE_TIMEOUT_MS)
    first_chart = time.perf_counter() - start
    await _finished(page)
    return context, page, first_chart, js_errors


async def _session(browser: Any, url: str, until: float, result: dict[str, Any]) -> None:
    try:
        context, page, first_chart, js_errors = await _open(browser, url)
    except Exception as error:
        result["errors"].append(f"open: {type(error).__name__}: {str(error)[:200]}")
        return
    result["page"], result["context"], result["js_errors"] = page, context, js_errors
    result["first_chart_s"] = first_chart
    k = 0
    while time.monotonic() < until:
        link, title = CYCLE[k % len(CYCLE)]
        k += 1
        start = time.perf_counter()
        try:
            await page.get_by_role("link", name=link, exact=True).click()
            await page.get_by_role("heading", name=title, exact=True).first.wait_for(
                timeout=PAGE_TIMEOUT_MS
            )
            await _finished(page)
        except Exception as error:
            result["errors"].append(f"switch to {link}: {type(error).__name__}")
            continue
        result["switches"].append(time.perf_counter() - start)
        result["errors"] += await _errors(page)


async def _isolation(url: str, sessions: list[dict[str, Any]]) -> dict[str, Any]:
    """One session pastes an article; only that session may see it (read-only library)."""
    live = [s for s in sessions if "page" in s]
    if len(live) < 2:
        return {"checked": False, "reason": "fewer than two sessions opened"}
    adder, others = live[0]["page"], [s["page"] for s in live[1:]]
    before = await _selected(adder)
    await adder.get_by_role("link", name="Add articles", exact=True).click()
    await _finished(adder)
    text = "Load test article only this session may see\n\nThe council met on Monday. " * 1
    await adder.get_by_label("Article text (headline on the first line)").fill(text)
    await adder.get_by_role("button", name="Add this article").click()
    await _finished(adder)
    after = await _selected(adder)
    seen_by_others = []
    for page in others:
        await page.reload()
        await page.wait_for_selector(CHART, timeout=PAGE_TIMEOUT_MS)
        await _finished(page)
        seen_by_others.append((await _selected(page))[1])
    return {
        "checked": True,
        "adder_total_before": before[1],
        "adder_total_after": after[1],
        "others_totals": sorted(set(seen_by_others)),
        "isolated": after[1] == before[1] + 1 and set(seen_by_others) == {before[1]},
    }


async def _run(url: str, sessions: int, seconds: float) -> dict[str, Any]:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=list(CHROMIUM_ARGS)
        )
        try:
            idle = []
            for _ in range(3):
                context, _page, first_chart, _ = await _open(browser, url)
                idle.append(first_chart)
                await context.close()
            results = [{"errors": [], "switches": []} for _ in range(sessions)]
            until = time.monotonic() + seconds
            await asyncio.gather(*(_session(browser, url, until, r) for r in results))
            isolation = await _isolation(url, results)
            errors = [e for r in results for e in (*r["errors"], *r.get("js_errors", ()))]
            loaded = [r["first_chart_s"] for r in results if "first_chart_s" in r]
            switches = [t for r in results for t in r["switches"]]
            for r in results:
                if "context" in r:
                    await r["context"].close()
        finally:
            await browser.close()
    return {
        "sessions": sessions,
        "seconds": seconds,
        "errors": len(errors),
        "error_samples": errors[:10],
        "first_chart_idle_median_s": statistics.median(idle),
        "first_chart_loaded_median_s": statistics.median(loaded) if loaded else None,
        "first_chart_loaded_max_s": max(loaded) if loaded else None,
        "sessions_opened": len(loaded),
        "page_switches": len(switches),
        "page_switch_median_s": statistics.median(switches) if switches else None,
        "isolation": isolation,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--articles", type=int, default=40)
    args = parser.parse_args(argv)
    if chromium_path() is None:
        print("load test skipped: Debian's chromium is not installed (apt-get install chromium)")
        return 0
    with tempfile.TemporaryDirectory(prefix="framing-load-") as folder:
        articles = Path(folder) / "corpus" / "generated.jsonl"
        articles.parent.mkdir()
        with open(articles, "w", encoding="utf-8") as out:
            for a in corpus(args.articles, words=500):
                row = {"id": a.id, "text": a.text, "title": a.title, "outlet": a.outlet}
                out.write(json.dumps({k: v for k, v in row.items() if v}) + "\n")
        env = {
            "FRAMING_CORPUS": str(articles.parent),
            "FRAMING_LIBRARY": str(Path(folder) / "library"),
            "FRAMING_READONLY": "1",
            "FRAMING_USER_LEXICON": str(Path(folder) / "lexicon.csv"),
            "FRAMING_OUTLETS": str(Path(folder) / "outlets.csv"),
        }
        with streamlit_process(APP, env=env, timeout=120) as (url, server):
            sampler = RssSampler(server.pid)
            sampler.start()
            try:
                results = asyncio.run(_run(url, args.sessions, args.seconds))
            finally:
                sampler.stopped.set()
        results["server_peak_rss_mb"] = round(sampler.peak_mb, 1)
    OUT.mkdir(exist_ok=True)
    (OUT / "load.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2))
    ok = results["errors"] == 0 and results["isolation"].get("isolated", False)
    return 0 if ok else 1


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
