"""Load the quotation gold set and check it against the BASIL texts it points into.

``voices_basil.jsonl`` holds stand-off annotations only (offsets, SHA-1 of each span, labels; see
``GUIDELINE.md``). :func:`problems` lists every way the file disagrees with the texts: unknown
article, span text changed (SHA-1), spans out of order or overlapping, a span that neither
starts with a quotation mark nor at a paragraph start, or neither ends with a
quotation mark nor at a paragraph end, a quotation mark left outside all spans that the record
does not list as a stray mark, and labels outside the guideline's vocabularies.

Usage: ``python -m analysis.evaluate.gold.check_gold [BASIL_JSONL]`` prints the problems (none
expected) and the counts per outlet and split.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Mapping
from itertools import pairwise
from pathlib import Path
from typing import Any

GOLD_PATH = Path(__file__).resolve().with_name("voices_basil.jsonl")
DEFAULT_BASIL = Path(__file__).resolve().parents[4] / "shared" / "eval" / "basil_dev.jsonl"

#: the speaker groups of analysis/lexicons/speaker_groups.csv plus the guideline's two fallbacks.
GROUPS = frozenset(
    {
        "US government",
        "Chinese government",
        "Russian government",
        "other governments",
        "officials, country not stated",
        "political parties and politicians",
        "experts and researchers",
        "media",
        "documents and reports",
        "unnamed",
        "person",
        "organisation",
    }
)
KINDS = frozenset({"person", "organisation", "document", "anonymous"})
WHY = frozenset({"scare quote", "title", "nickname", "so-called", "mention", "slogan"})
#: quotation marks either end of a span may carry (a mark typed the wrong way round still counts).
MARKS = "\"“”‘’'"
#: marks that must lie inside a span or be listed in ``stray_marks``: every double mark, and a
#: single mark that opens (‘, or ' after a space, bracket or dash and before a letter). Closing
#: single marks are not checked: they cannot be told from apostrophes (the states’ rights).
_ACCOUNTABLE = re.compile(r"[\"“”‘]|(?:(?<=^)|(?<=[\s(\[—–-]))'(?=\w)")

Record = dict[str, Any]


def load_gold(path: Path = GOLD_PATH) -> list[Record]:
    """The gold articles, one record per line of ``path``."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load_basil(path: Path = DEFAULT_BASIL) -> dict[str, Record]:
    """BASIL articles by id."""
    with path.open(encoding="utf-8") as handle:
        return {row["id"]: row for row in map(json.loads, handle)}


def sha1(text: str) -> str:
    """Hex SHA-1 of the UTF-8 bytes of ``text`` (how the gold file fingerprints a span)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _starts_ok(text: str, start: int) -> bool:
    return (
        text[start : start + 1] in tuple(MARKS) or start == 0 or text[start - 2 : start] == "\n\n"
    )


def _ends_ok(text: str, end: int) -> bool:
    at_paragraph_end = end == len(text) or text[end : end + 2] == "\n\n"
    return text[end - 1 : end] in tuple(MARKS) or at_paragraph_end


def _span_problems(where: str, text: str, spans: list[Record]) -> Iterable[str]:
    previous_end = -1
    for span in spans:
        start, end = span["start"], span["end"]
        label = f"{where} [{start}:{end}]"
        if not 0 <= start < end <= len(text):
            yield f"{label}: offsets outside the text ({len(text)} characters)"
            continue
        if start < previous_end:
            yield f"{label}: out of order or overlapping the previous span"
        previous_end = max(previous_end, end)
        if sha1(text[start:end]) != span["sha1"]:
            yield f"{label}: SHA-1 differs (the text changed or the offsets are wrong)"
        if not _starts_ok(text, start):
            yield f"{label}: starts neither with a quotation mark nor at a paragraph start"
        if not _ends_ok(text, end):
            yield f"{label}: ends neither with a quotation mark nor at a paragraph end"


def _stray_problems(aid: str, text: str, article: Record) -> Iterable[str]:
    covered = [(s["start"], s["end"]) for s in article["quotes"] + article["non_quotes"]]
    outside = {
        m.start()
        for m in _ACCOUNTABLE.finditer(text)
        if not any(start <= m.start() < end for start, end in covered)
    }
    listed = set(article["stray_marks"])
    for at in sorted(outside - listed):
        yield f"{aid} [{at}]: quotation mark outside all spans and not listed as stray"
    for at in sorted(listed - outside):
        yield f"{aid} [{at}]: listed as stray but not a quotation mark outside all spans"


def problems(gold: list[Record], basil: Mapping[str, Record]) -> list[str]:
    """Every disagreement between ``gold`` and the BASIL texts, as readable messages."""
    found: list[str] = []
    seen: set[str] = set()
    for article in gold:
        aid = article["id"]
        if aid in seen:
            found.append(f"{aid}: annotated twice")
        seen.add(aid)
        row = basil.get(aid)
        if row is None:
            found.append(f"{aid}: no such article in BASIL")
            continue
        found += _stray_problems(aid, row["text"], article)
        for key in ("event_id", "outlet"):
            if article[key] != row[key]:
                found.append(f"{aid}: {key} {article[key]!r} but BASIL says {row[key]!r}")
        if article["split"] not in ("dev", "heldout"):
            found.append(f"{aid}: split {article['split']!r}")
        found += _span_problems(f"{aid} quote", row["text"], article["quotes"])
        found += _span_problems(f"{aid} non-quote", row["text"], article["non_quotes"])
        both = sorted(article["quotes"] + article["non_quotes"], key=lambda s: s["start"])
        for first, second in pairwise(both):
            if second["start"] < first["end"]:
                found.append(f"{aid}: a quote and a non-quote overlap at {second['start']}")
        for quote in article["quotes"]:
            if quote["group"] not in GROUPS or quote["speaker_kind"] not in KINDS:
                found.append(f"{aid} [{quote['start']}]: group or kind outside the guideline")
            if (quote["speaker"] == "unnamed") != (quote["speaker_kind"] == "anonymous"):
                found.append(f"{aid} [{quote['start']}]: 'unnamed' goes with kind 'anonymous'")
        for non_quote in article["non_quotes"]:
            if non_quote["why"] not in WHY:
                found.append(f"{aid} [{non_quote['start']}]: reason {non_quote['why']!r}")
    return found


def counts(gold: list[Record]) -> dict[str, Counter[str]]:
    """Articles, quotes and non-quotes per outlet and split; quotes per group (also per outlet)
    and kind; non-quotes per reason.

    ``speakers`` counts distinct speakers (an article's distinct speaker names, summed over
    articles, per outlet and in all; ``unnamed`` counts once per article).
    """
    names = ("articles", "quotes", "non_quotes", "speakers", "group", "outlet_group", "kind", "why")
    table: dict[str, Counter[str]] = {name: Counter() for name in names}
    for article in gold:
        for key in (article["outlet"], article["split"], "all"):
            table["articles"][key] += 1
            table["quotes"][key] += len(article["quotes"])
            table["non_quotes"][key] += len(article["non_quotes"])
            table["speakers"][key] += len({q["speaker"] for q in article["quotes"]})
        table["group"].update(q["group"] for q in article["quotes"])
        table["outlet_group"].update(
            f"{article['outlet']}: {q['group']}" for q in article["quotes"]
        )
        table["kind"].update(q["speaker_kind"] for q in article["quotes"])
        table["why"].update(n["why"] for n in article["non_quotes"])
    return table


def main(argv: list[str]) -> int:
    """Print the problems and the counts; exit status 1 when there are problems."""
    basil_path = Path(argv[0]) if argv else DEFAULT_BASIL
    if not basil_path.is_file():
        print(f"BASIL not found at {basil_path} (it lives in ../shared/eval)", file=sys.stderr)
        return 2
    gold = load_gold()
    found = problems(gold, load_basil(basil_path))
    for message in found:
        print(message)
    for name, counter in counts(gold).items():
        print(f"{name}: " + ", ".join(f"{key} {value}" for key, value in sorted(counter.items())))
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
