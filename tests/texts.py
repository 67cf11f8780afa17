"""Named texts and paths shared by the tests (after textstat's EMPTY/EASY/LONG style).

A plain module, imported as ``from texts import ...`` (pyproject puts tests/ on the path), because
two conftest.py files (tests/ and tests/browser/) make ``from texts import`` ambiguous.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
EVAL_DIR = ROOT.parent / "shared" / "eval"

EMPTY = ""
ONE_SENTENCE = "The committee approved the budget on Tuesday."
ABBREVIATIONS = (
    "The U.S. Senate met on Dec. 17 with Sen. Smith and Mr. J. R. Jones. "
    "Growth was 2.5 percent... Then it fell."
)
QUOTED = (
    "Officials said the plan was sound.\n\n"
    "\u201cThis is a terrible, disastrous idea,\u201d the senator said. "
    'Critics called it "a wonderful success" in public.'
)


def seed_paths() -> list[Path]:
    """The five seed article files, in name order."""
    return sorted(SEEDS.glob("*.txt"))
