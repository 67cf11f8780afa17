"""A hostile corpus in a real browser: every page is visited and no payload ever runs.

The dashboard is served with a corpus of only the hostile articles of ``tests/test_injection.py``
(script elements, event handlers, ``javascript:`` links, svg onload, Streamlit directives,
formulas in title, outlet, author and text). Any payload that ran would set
``window.__pwned``; the test checks that flag in every frame of every page (Streamlit renders
``st.html`` and components in iframes), and that no element carrying an event handler or a
``javascript:`` URL exists in any frame.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from test_injection import hostile_articles

from benchmarks.bench_dashboard import APP, streamlit_server

pytestmark = pytest.mark.browser

PAGES = ("", "read", "words", "voices", "reuse", "lesson", "add", "method")
#: An element from a payload: any on* handler set or a javascript: URL, in this frame.
LIVE = """() => [...document.querySelectorAll('*')].filter(e =>
    [...e.attributes].some(a => (a.name.startsWith('on') && a.value.includes('__pwned')) ||
        (/^(href|src|action|formaction)$/.test(a.name) && /javascript:/i.test(a.value)))
  ).map(e => e.outerHTML.slice(0, 200))"""


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory, browser: Any) -> Iterator[str]:
    library = tmp_path_factory.mktemp("hostile-library")
    rows = [
        {k: getattr(a, k) for k in ("id", "text", "title", "outlet", "author", "event", "date")}
        for a in hostile_articles()
    ]
    (library / "hostile.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )
    env = {"FRAMING_LIBRARY": str(library), "FRAMING_CORPUS": str(library), "FRAMING_READONLY": ""}
    with streamlit_server(APP, env=env, timeout=90) as url:
        yield url


def _frames_clean(page: Any) -> list[str]:
    problems = []
    for frame in page.frames:
        try:
            if frame.evaluate("() => typeof window.__pwned") != "undefined":
                problems.append(f"window.__pwned set in frame {frame.url}")
            problems += frame.evaluate(LIVE)
        except Exception as error:  # a frame navigating away mid-check
            if "detached" not in str(error).lower():
                raise
    return problems


@pytest.mark.parametrize("path", PAGES)
def test_no_payload_runs_on_any_page(app: Any, hostile_url: str, path: str) -> None:
    app.url = hostile_url
    page = app.open(path)
    page.wait_for_timeout(1500)  # let charts and iframes render
    app.check()
    assert _frames_clean(page) == []
    assert page.get_by_text("window.__pwned", exact=False).count() >= (1 if path == "" else 0)
    app.shot(f"injection-{path or 'compare'}")


def test_payloads_show_as_text_on_compare(app: Any, hostile_url: str) -> None:
    app.url = hostile_url
    page = app.open()
    # the cards come after the charts (the key chart is first): wait until the run reaches them
    page.locator('[data-testid="stMain"]').get_by_text("Story: Injection").first.wait_for()
    text = page.locator('[data-testid="stMain"]').inner_text()
    assert "<script>window.__pwned=1</script>" in text
    assert ":red[RED ALERT]" in text  # the directive shown, not rendered red
    assert page.locator('[data-testid="stMain"] img[src="x"]').count() == 0
    assert _frames_clean(page) == []
