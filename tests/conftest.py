"""Named texts shared by the tests (after textstat's EMPTY/EASY/LONG style) and common fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

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


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def eval_dir() -> Path:
    """The annotated corpora; skipped in a user's clone without them, a failure in CI."""
    if not EVAL_DIR.is_dir():
        message = f"annotated corpora not found at {EVAL_DIR} (they live in ../shared/eval)"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message + "; CI must have them")
        pytest.skip(message)
    return EVAL_DIR
