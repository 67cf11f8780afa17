"""Naming choices: counts per actor group and variant, spans, case, longest match, user rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.measures.naming import (
    find_naming,
    groups_in,
    load_naming_groups,
    user_naming_path,
)
from analysis.text.lexicon import LexiconError, read_table
from analysis.text.model import Excluded, NamingResult
from analysis.text.segmentation import segment

NAMING_TEXT = (
    "Beijing rejected the claims. The Chinese Communist Party said China's envoy spoke for "
    "the Party, and the CCP regime was not named.\n\n"
    "US officials said the U.S. would respond; Washington gave no date. Let us wait, "
    "said one of us. The Kremlin and Moscow were silent."
)
BUILTIN = Path(__file__).resolve().parent.parent / "analysis" / "lexicons" / "naming_groups.csv"


def _naming(text: str, **kwargs: object) -> NamingResult:
    groups = load_naming_groups(user_path=Path("/nonexistent/naming.csv"))
    return find_naming(segment(text), groups=groups, **kwargs)


def test_naming_counts() -> None:
    result = _naming(NAMING_TEXT)
    assert result.counts == {
        "china_state": {"Beijing": 1, "the CCP": 1, "China": 1, "the Party": 1, "the regime": 1},
        "us_government": {"US officials": 1, "the US": 1, "Washington": 1},
        "russia_state": {"the Kremlin": 1, "Moscow": 1},
    }
    for span in result.spans:
        assert NAMING_TEXT[span.start : span.end]
    texts = [NAMING_TEXT[s.start : s.end] for s in result.spans]
    assert texts[:5] == ["Beijing", "Chinese Communist Party", "China's", "the Party", "CCP regime"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Let us go.", {}),
        ("The US and US officials met.", {"us_government": {"the US": 1, "US officials": 1}}),
        ("He joined the party.", {}),
        ("The White House said so.", {"us_government": {"the White House": 1}}),
        (
            "Illegal aliens and undocumented immigrants",
            {"immigrants": {"illegal aliens": 1, "undocumented immigrants": 1}},
        ),
    ],
)
def test_case_and_longest_match(text: str, expected: dict) -> None:
    assert _naming(text).counts == expected


def test_quoted_namings_are_counted_and_marked() -> None:
    result = _naming("“The regime in Beijing lies,” he said of China.")
    assert result.counts == {"china_state": {"the regime": 1, "China": 1}}
    assert [s.in_quote for s in result.spans] == [True, False]


def test_excluded_spans_are_not_counted() -> None:
    text = "China spoke.\n\nRelated: Russia news"
    start = text.index("Related")
    result = _naming(text, excluded=(Excluded(start, len(text), "related links"),))
    assert result.counts == {"china_state": {"China": 1}}


def test_groups_in_a_sentence() -> None:
    result = _naming(NAMING_TEXT)
    seg = segment(NAMING_TEXT)
    first, second = seg.sentences[0], seg.sentences[1]
    assert groups_in(result, first.start, first.end) == {"china_state"}
    assert groups_in(result, second.start, second.end) == {"china_state"}
    assert groups_in(result, 0, len(NAMING_TEXT)) == {
        "china_state",
        "us_government",
        "russia_state",
    }
    assert groups_in(result, 0, 0) == set()


def test_to_dict() -> None:
    out = _naming("Moscow and the Kremlin.").to_dict()
    assert out["naming"] == {"russia_state": {"Moscow": 1, "the Kremlin": 1}}
    assert out["naming_spans"][0] == {
        "start": 0,
        "end": 6,
        "group": "russia_state",
        "variant": "Moscow",
    }


def test_builtin_file_has_header_and_groups() -> None:
    header, rows = read_table(BUILTIN.read_text(encoding="utf-8"), source=BUILTIN.name)
    assert {"name", "what", "source", "columns", "licence"} <= set(header)
    groups = {row["group"] for row in rows}
    assert {"china_state", "us_government", "russia_state"} <= groups
    assert len(groups) >= 6
    terms = [(row["term"].lower(), row["case"]) for row in rows]
    assert len(terms) == len(set(terms)), "a term is listed twice"
    readme = (BUILTIN.parent / "README.md").read_text(encoding="utf-8")
    for group in groups:
        assert f"`{group}`" in readme


def test_user_rows_merge(tmp_path: Path) -> None:
    path = tmp_path / "naming.csv"
    path.write_text(
        "group,variant,term,case\n"
        "china_state,the Dragon,the Dragon,yes\n"
        "china_state,the CCP,Chinese Communist Party,no\n",
        encoding="utf-8",
    )
    groups = load_naming_groups(user_path=path)
    assert "the Dragon" in groups.variants["china_state"]
    result = find_naming(
        segment("Critics of the Dragon spoke. The Chinese Communist Party replied."), groups=groups
    )
    assert result.counts == {"china_state": {"the Dragon": 1, "the CCP": 1}}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("group,variant,term,case\nchina_state,,China,no\n", "required"),
        ("group,variant,term,case\nchina_state,China,China,maybe\n", "case must be"),
        ("group,variant,case\nchina_state,China,no\n", "'term' column"),
    ],
)
def test_malformed_user_naming_file(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "naming.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError, match=message):
        load_naming_groups(user_path=path)


def test_user_naming_path_follows_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FRAMING_USER_NAMING", str(tmp_path / "n.csv"))
    assert user_naming_path() == tmp_path / "n.csv"
