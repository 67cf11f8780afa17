"""Output shapes: formula-safe cells, flattening, streaming JSON."""

from __future__ import annotations

import io
import json

import pytest

from analysis.io.output import flat_row, formula_safe, write_csv, write_json


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+2", "'=1+2"),
        ("+cmd", "'+cmd"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("plain", "plain"),
        ("a=b", "a=b"),
        (-2.5, -2.5),
        (None, None),
    ],
)
def test_formula_safe(cell: object, expected: object) -> None:
    assert formula_safe(cell) == expected


def test_flat_row_uses_dotted_names_and_skips_evidence() -> None:
    record = {
        "id": "a",
        "text": "long text",
        "quotes": [{"start": 0, "end": 1}],
        "sentiment": {"mean": 0.1, "toward": {"China": {"mean": -0.2, "sentences": 3}}},
        "loaded": {"per_1k_ci": [1.0, 2.0], "matches": [{"start": 0}]},
    }
    assert flat_row(record) == {
        "id": "a",
        "sentiment.mean": 0.1,
        "sentiment.toward.China.mean": -0.2,
        "sentiment.toward.China.sentences": 3,
        "loaded.per_1k_ci.0": 1.0,
        "loaded.per_1k_ci.1": 2.0,
    }


def test_write_json_streams_a_valid_list() -> None:
    for records in ([], [{"a": 1}], [{"a": 1}, {"b": "“x”"}]):
        out = io.StringIO()
        assert write_json(iter(records), out) == len(records)
        assert json.loads(out.getvalue()) == records


def test_write_csv_neutralises_formulas_and_unions_columns() -> None:
    out = io.StringIO()
    write_csv([{"id": "=cmd()", "x": 1}, {"id": "b", "y": 2}], out)
    lines = out.getvalue().splitlines()
    assert lines == ["id,x,y", "'=cmd(),1,", "b,,2"]
