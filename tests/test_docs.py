"""The documentation tells the truth (after datasette's test_docs): set-up commands, pins,
every seed catalogued byte for byte, every output field explained in the README."""

from __future__ import annotations

import csv
import re

import pytest
from texts import ROOT, SEEDS, seed_paths

from analysis.io.corpus import load_corpus
from analysis.io.outlets import BUILTIN_OUTLETS, SEED_OUTLETS, load_outlets, profile_for
from analysis.io.output import article_to_dict
from analysis.pipeline import score_article

README = (ROOT / "README.md").read_text(encoding="utf-8")
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"


def test_readme_opens_with_the_two_commands() -> None:
    quick_start = README.split("## Quick start", 1)[1].split("##", 1)[0]
    commands = re.findall(r"^make \w+", quick_start, flags=re.M)
    assert commands == ["make run", "make test"]


def test_ci_runs_the_readme_test_command() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^make test$", script, flags=re.M)


@pytest.mark.parametrize("name", ["requirements.txt", "requirements-dev.txt"])
def test_every_requirement_is_pinned(name: str) -> None:
    lines = (ROOT / name).read_text(encoding="utf-8").splitlines()
    requirements = [line for line in lines if line.strip() and not line.startswith("#")]
    assert requirements
    for line in requirements:
        assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[\w.]+", line.strip()), line


def test_every_seed_has_a_catalog_row_and_every_row_a_seed() -> None:
    rows = list(csv.DictReader((SEEDS / "catalog.csv").open(encoding="utf-8")))
    assert [r["file"] for r in rows] == [p.name for p in seed_paths()]
    for row in rows:
        assert row["title"] and row["outlet"] and row["genre"] in {"news", "opinion"}
        assert row["event"]


def test_every_catalog_outlet_has_a_profile() -> None:
    profiles = load_outlets([BUILTIN_OUTLETS, SEED_OUTLETS])
    catalog = {r["outlet"] for r in csv.DictReader((SEEDS / "catalog.csv").open(encoding="utf-8"))}
    assert all(profile_for(outlet, profiles).known for outlet in catalog)


@pytest.mark.skipif(not SHARED_SEEDS.is_dir(), reason="../shared/seeds not present")
def test_seeds_are_byte_for_byte_copies() -> None:
    for path in seed_paths():
        assert path.read_bytes() == (SHARED_SEEDS / path.name).read_bytes(), path.name


def _field_names(value: object, prefix: str = "") -> set[str]:
    names = set()
    if isinstance(value, dict):
        for key, inner in value.items():
            name = f"{prefix}.{key}" if prefix else key
            names.add(name)
            if key not in {"naming", "toward", "by_category"}:  # keys there are data, not fields
                names |= _field_names(inner, name)
    elif isinstance(value, list) and value and isinstance(value[0], dict):
        names |= _field_names(value[0], prefix)
    return names


def test_every_output_field_is_documented() -> None:
    article = load_corpus([seed_paths()[2]]).articles[0]
    record = article_to_dict(score_article(article))
    for name in sorted(_field_names(record)):
        leaf = name.rsplit(".", 1)[-1]
        assert f"`{name}" in README or re.search(rf"\b{re.escape(leaf)}\b", README), name
