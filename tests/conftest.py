"""Fixtures shared by the tests; named texts and paths live in tests/texts.py."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from texts import EVAL_DIR, SEEDS


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
