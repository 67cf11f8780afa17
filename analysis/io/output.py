"""Turn scored articles into the documented output shapes: dicts (JSON), flat rows (CSV,
DataFrame) and a terminal table. The JSON shape is the contract documented in the README."""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict
from typing import IO, TYPE_CHECKING, Any

from analysis.text.model import Article, ArticleScores

if TYPE_CHECKING:
    import pandas as pd

#: Characters that make a spreadsheet treat a cell as a formula (OWASP "CSV injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

METADATA_FIELDS = ("id", "title", "outlet", "date", "event", "source", "url", "author", "genre")


def _round(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 4) if math.isfinite(value) else None
    return value


def article_to_dict(scores: ArticleScores) -> dict[str, Any]:
    """The JSON object for one article; every offset indexes ``text``."""
    article = scores.article
    result: dict[str, Any] = {name: getattr(article, name) for name in METADATA_FIELDS}
    result.update(
        text=article.text,
        words=scores.words,
        sentences=scores.sentences,
        excluded=[asdict(e) for e in scores.excluded],
        quotes=[{"start": q.start, "end": q.end} for q in scores.quotes],
        sentence_scores=[
            {k: _round(v) for k, v in asdict(s).items()} for s in scores.sentence_scores
        ],
        sentiment={k: _round(v) for k, v in asdict(scores.sentiment).items()},
        readability={k: _round(v) for k, v in asdict(scores.readability).items()},
        warnings=list(article.warnings),
    )
    if scores.toward is not None:
        result["sentiment"]["toward"] = {
            group: {"mean": _round(t.mean), "sentences": t.sentences}
            for group, t in scores.toward.items()
        }
    if scores.loaded is not None:
        result["loaded"] = scores.loaded.to_dict()
    if scores.naming is not None:
        result.update(scores.naming.to_dict())
    if scores.voices is not None:
        result["voices"] = scores.voices.to_dict()
    return result


def article_from_record(record: Mapping[str, Any]) -> Article:
    """The article back from its JSON object (text and metadata; scores are not needed)."""
    meta = {name: record.get(name) for name in METADATA_FIELDS if name not in {"id", "title"}}
    return Article(
        id=str(record["id"]),
        text=record["text"],
        title=record.get("title") or "",
        **{**meta, "source": meta["source"] or ""},
        warnings=tuple(record.get("warnings") or ()),
    )


#: Fields that are evidence lists or raw text: left out of the flat (one row per article) view.
_NOT_FLAT = {"text", "excluded", "quotes", "sentence_scores", "warnings", "naming_spans"}


def _flatten(value: Any, prefix: str, row: dict[str, Any]) -> None:
    if isinstance(value, Mapping):
        for key, inner in value.items():
            _flatten(inner, f"{prefix}.{key}" if prefix else str(key), row)
    elif isinstance(value, list):
        # Lists of scalars (an interval) get indexed columns; lists of records are evidence.
        if all(not isinstance(v, (dict, list)) for v in value):
            for i, inner in enumerate(value):
                row[f"{prefix}.{i}"] = inner
    else:
        row[prefix] = value


def flat_row(record: Mapping[str, Any]) -> dict[str, Any]:
    """One article dict flattened with dotted names; evidence lists go to evidence tables."""
    row: dict[str, Any] = {}
    for key, value in record.items():
        if key not in _NOT_FLAT:
            _flatten(value, key, row)
    return row


def to_dataframe(scores: Iterable[ArticleScores]) -> pd.DataFrame:
    """One row per article with dotted column names (``sentiment.mean``, ``words``)."""
    import pandas as pd  # only here: scoring itself never needs pandas

    return pd.DataFrame([flat_row(article_to_dict(s)) for s in scores])


#: Columns of the evidence table: one row per span, whatever its kind.
EVIDENCE_COLUMNS = (
    "article",
    "outlet",
    "kind",
    "start",
    "end",
    "text",
    "category",
    "group",
    "variant",
    "speaker",
    "verb",
    "term",
    "reason",
    "alternative",
    "in_quote",
    "other_article",
)


def evidence_rows(record: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """One row per evidence span of an article dict, with the span's text cut from ``text``.

    Kinds: ``excluded`` (page furniture, with its reason), ``quote`` (speaker, group and verb
    when the voices section is there), ``attribution``, ``loaded`` (category, term, reason,
    neutral alternative) and ``naming`` (group, variant). Sections a dict lacks give no rows.
    """
    text = record.get("text") or ""
    base = {"article": record.get("id"), "outlet": record.get("outlet")}

    def row(kind: str, span: Mapping[str, Any], **fields: Any) -> dict[str, Any]:
        start, end = span["start"], span["end"]
        return {**base, "kind": kind, "start": start, "end": end, "text": text[start:end], **fields}

    for span in record.get("excluded") or ():
        yield row("excluded", span, reason=span.get("reason"))
    voices = record.get("voices") or {}
    if voices.get("quotes"):
        for span in voices["quotes"]:
            yield row(
                "quote",
                span,
                speaker=span.get("speaker"),
                group=span.get("speaker_group"),
                verb=span.get("verb"),
            )
    else:
        for span in record.get("quotes") or ():
            yield row("quote", span)
    for span in voices.get("attributions") or ():
        yield row("attribution", span, speaker=span.get("speaker"), verb=span.get("verb"))
    for span in (record.get("loaded") or {}).get("matches") or ():
        yield row(
            "loaded",
            span,
            category=span.get("category"),
            term=span.get("term"),
            reason=span.get("reason"),
            alternative=span.get("alternative"),
            in_quote=span.get("in_quote"),
        )
    for span in record.get("naming_spans") or ():
        yield row("naming", span, group=span.get("group"), variant=span.get("variant"))


def formula_safe(value: Any) -> Any:
    """Neutralise a cell a spreadsheet would run as a formula by prefixing an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


class EvidenceWriter:
    """Streams the evidence rows of each article to a formula-safe CSV as articles are scored."""

    def __init__(self, out: IO[str]) -> None:
        self._writer = csv.DictWriter(out, fieldnames=EVIDENCE_COLUMNS, lineterminator="\n")
        self._writer.writeheader()

    def write(self, record: Mapping[str, Any]) -> None:
        for row in evidence_rows(record):
            self._writer.writerow({k: formula_safe(v) for k, v in row.items()})


def write_json(records: Iterable[Mapping[str, Any]], out: IO[str]) -> int:
    """Stream a JSON list, one article at a time; returns how many were written.

    Each article is encoded whole by ``json.dumps`` (the C encoder) and written at once; the
    output is the same as ``json.dump`` would stream, at a fraction of the time.
    """
    count = 0
    out.write("[")
    for record in records:
        out.write(",\n" if count else "\n")
        out.write(json.dumps(record, ensure_ascii=False))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


def write_csv(rows: Iterable[Mapping[str, Any]], out: IO[str]) -> int:
    """Write rows as formula-safe CSV; the columns are every row's keys in first-seen order."""
    rows = list(rows)
    seen: dict[str, None] = {}
    for row in rows:
        seen.update(dict.fromkeys(row))
    columns = list(seen)
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: formula_safe(v) for k, v in row.items()})
    return len(rows)


def _fmt(value: Any, digits: int = 2) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def table_lines(records: Iterable[Mapping[str, Any]]) -> Iterator[str]:
    """A terminal summary: one line per article with the headline figures."""
    header = (
        f"{'id':<24} {'outlet':<18} {'words':>6} {'sent.':>5} {'tone':>6} {'narr.':>6} "
        f"{'quot.':>6} {'grade':>5}  title"
    )
    yield header
    yield "-" * len(header)
    for r in records:
        s, rd = r["sentiment"], r["readability"]
        yield (
            f"{str(r['id'])[:24]:<24} {str(r['outlet'] or '?')[:18]:<18} {r['words']:>6} "
            f"{r['sentences']:>5} {_fmt(s['mean']):>6} {_fmt(s['narrator_mean']):>6} "
            f"{_fmt(s['quoted_mean']):>6} {_fmt(rd['consensus_grade'], 0):>5}  "
            f"{str(r['title'])[:60]}"
        )
