"""The architecture as a test: imports point one way, no module imports itself in a circle.

Every module of ``analysis/`` and ``dashboard/`` belongs to the layer named by the longest key of
:data:`LAYERS` that prefixes its dotted name; a module may import its own layer and the layers
listed for it, nothing else. The README's architecture section draws the same table.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("analysis", "dashboard")

_TEXT = ["analysis.text"]
_MEASURES = [*_TEXT, "analysis.io", "analysis.measures"]
_CORPUS = [*_MEASURES, "analysis.compare"]
_STORED = [*_CORPUS, "analysis.pipeline", "analysis.stored"]
_ANALYSIS = [
    *_STORED,
    "analysis.classroom",
    "analysis.evaluate",
    "analysis.scale",
    "analysis",
]
_STATIC = [*_ANALYSIS, "dashboard", "dashboard.theme"]

#: layer -> the layers its modules may import (besides their own), lowest layers first.
LAYERS: dict[str, list[str]] = {
    "analysis.text": [],
    "analysis.io": _TEXT,
    "analysis.measures": _TEXT,
    "analysis.compare": _MEASURES,
    "analysis.classroom": _CORPUS,
    "analysis.pipeline": _CORPUS,
    "analysis.evaluate": [*_CORPUS, "analysis.pipeline"],
    "analysis.stored": [*_CORPUS, "analysis.pipeline"],
    "analysis.scale": _STORED,
    "analysis": [*_STORED, "analysis.classroom", "analysis.scale"],
    "analysis.cli": _ANALYSIS,
    "analysis.__main__": ["analysis.cli"],
    "dashboard": [],
    "dashboard.theme": [],
    "dashboard.config": [],
    "dashboard.library": [*_ANALYSIS, "dashboard.config"],
    "dashboard.highlight": _STATIC,
    "dashboard.charts": _STATIC,
    "dashboard.export": _STATIC,
    "dashboard.worksheet": _STATIC,
    "dashboard.report": [*_STATIC, "dashboard.charts", "dashboard.export", "dashboard.highlight"],
    "dashboard.data": [*_STATIC, "dashboard.charts", "dashboard.config", "dashboard.library"],
    "dashboard.app_pages": [
        *_STATIC,
        "dashboard.highlight",
        "dashboard.charts",
        "dashboard.export",
        "dashboard.worksheet",
        "dashboard.report",
        "dashboard.data",
        "dashboard.config",
        "dashboard.library",
    ],
    "dashboard.app": [],
    "dashboard.__main__": [
        *_ANALYSIS,
        "dashboard.charts",
        "dashboard.export",
        "dashboard.report",
        "dashboard.worksheet",
    ],
}
#: Layers that may use Streamlit (the only ones that render); everything else is plain Python.
STREAMLIT_LAYERS = {"dashboard.data", "dashboard.app_pages", "dashboard.app"}
#: Third-party packages that analysis/ never imports (it is pure: text in, records out).
NOT_IN_ANALYSIS = {"streamlit", "plotly", "kaleido", "reportlab", "dashboard"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def all_modules() -> dict[str, Path]:
    return {
        module_name(path): path
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
    }


MODULES = all_modules()


def imported(path: Path) -> list[str]:
    """The modules a file imports (``from pkg import sub`` counts as ``pkg.sub`` when it is one)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            subs = [f"{node.module}.{a.name}" for a in node.names]
            modules = [s for s in subs if s in MODULES]
            found += modules if len(modules) == len(subs) else [node.module, *modules]
    return found


def layer_of(module: str) -> str:
    keys = [k for k in LAYERS if module == k or module.startswith(k + ".")]
    assert keys, f"{module} belongs to no layer: add it to LAYERS"
    return max(keys, key=len)


def own_imports(module: str) -> list[str]:
    return [m for m in imported(MODULES[module]) if m.split(".")[0] in PACKAGES]


def test_every_module_has_a_layer():
    for module in MODULES:
        layer_of(module)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_down(module):
    layer = layer_of(module)
    allowed = {layer, *LAYERS[layer]}
    upward = [m for m in own_imports(module) if layer_of(m) not in allowed]
    assert not upward, f"{module} ({layer}) imports upward: {upward}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_rendering_libraries_stay_in_their_layers(module):
    roots = {m.split(".")[0] for m in imported(MODULES[module])}
    if module.startswith("analysis"):
        assert not roots & NOT_IN_ANALYSIS, f"{module} imports {roots & NOT_IN_ANALYSIS}"
    if layer_of(module) not in STREAMLIT_LAYERS:
        assert "streamlit" not in roots, f"{module} imports streamlit"


def test_no_import_circle():
    graph = {m: sorted(set(own_imports(m)) & set(MODULES)) for m in MODULES}
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in graph[module]:
            if state.get(target) == 1:
                circle = [*path[path.index(target) :], target] if target in path else [target]
                pytest.fail("import circle: " + " -> ".join(circle))
            if target not in state:
                visit(target, [*path, target])
        state[module] = 2

    for module in graph:
        if module not in state:
            visit(module, [module])


def test_the_rules_catch_an_upward_import(tmp_path):
    """The check itself can fail: a measure importing the pipeline is reported."""
    layer = layer_of("analysis.measures.loaded")
    assert layer_of("analysis.pipeline") not in {layer, *LAYERS[layer]}
    source = tmp_path / "bad.py"
    source.write_text("from analysis.pipeline import score_article\nimport streamlit\n")
    assert imported(source) == ["analysis.pipeline", "streamlit"]
