"""Fixtures shared by the tests; named texts and paths live in tests/texts.py."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from texts import EVAL_DIR, SEEDS

#: Hypothesis profiles: "ci" (default, part of `make test`) is short; "fuzz" (`make fuzz`,
#: HYPOTHESIS_PROFILE=fuzz) tries many more inputs per property without a deadline.
settings.register_profile(
    "ci", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "fuzz", max_examples=2_000, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


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


@pytest.fixture
def app_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A clean dashboard configuration: temporary library, score store, user lexicon, outlets;
    default corpus."""
    monkeypatch.setenv("FRAMING_LIBRARY", str(tmp_path / "library"))
    monkeypatch.setenv("FRAMING_STORE", str(tmp_path / "store"))
    monkeypatch.setenv("FRAMING_USER_LEXICON", str(tmp_path / "user_lexicon.csv"))
    monkeypatch.setenv("FRAMING_OUTLETS", str(tmp_path / "outlets.csv"))
    monkeypatch.delenv("FRAMING_CORPUS", raising=False)
    monkeypatch.delenv("FRAMING_READONLY", raising=False)
    return tmp_path
