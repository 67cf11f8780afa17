"""Reporting verbs ("said", "told", "warned" ...) read from ``lexicons/reporting_verbs.csv``.

The file's header documents where the verbs come from; every inflected form is listed there.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from analysis.text.lexicon import LEXICON_DIR
from analysis.text.words import fold

REPORTING_VERBS_FILE = LEXICON_DIR / "reporting_verbs.csv"


class VoicesLexiconError(ValueError):
    """A reporting-verb or speaker-group file that cannot be used; one-line message."""


def read_rows(path: Path, columns: Sequence[str]) -> Iterable[tuple[int, dict[str, str]]]:
    """The data rows of a CSV file after its ``#`` header lines, numbered as in the file's table.

    Raises:
        VoicesLexiconError: the file is not UTF-8 or lacks one of ``columns``.
    """
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            lines = [line for line in handle if not line.lstrip().startswith("#")]
    except UnicodeDecodeError as error:
        raise VoicesLexiconError(f"{path}: not UTF-8 text ({error})") from error
    reader = csv.DictReader(lines)
    missing = [c for c in columns if c not in (reader.fieldnames or ())]
    if missing:
        raise VoicesLexiconError(f"{path}: missing column(s) {', '.join(missing)}")
    for number, row in enumerate(reader, start=2):
        yield number, {k: (v or "").strip() for k, v in row.items() if k}


@dataclass(frozen=True, slots=True)
class ReportingVerb:
    """One reporting verb: its base form and kind (see the header of reporting_verbs.csv)."""

    verb: str
    kind: str


@lru_cache(maxsize=1)
def reporting_verbs() -> dict[tuple[str, ...], ReportingVerb]:
    """Every inflected form (as a tuple of lower-case words) mapped to its reporting verb."""
    forms: dict[tuple[str, ...], ReportingVerb] = {}
    for number, row in read_rows(REPORTING_VERBS_FILE, ("verb", "kind", "forms")):
        if not row["verb"] or not row["forms"]:
            raise VoicesLexiconError(f"{REPORTING_VERBS_FILE}: row {number} is incomplete")
        entry = ReportingVerb(row["verb"], row["kind"])
        for form in row["forms"].split("|"):
            forms[tuple(fold(form).split())] = entry
    return forms
