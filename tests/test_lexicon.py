"""Lexicon files (headers, columns, no duplicates, categories documented) and user-term merging."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.text import lexicon as lx
from analysis.text.lexicon import (
    CATEGORIES,
    COLUMNS,
    LexiconError,
    add_user_term,
    builtin_entries,
    inflect,
    load_lexicon,
    read_table,
    term_tokens,
    user_lexicon_path,
)
from analysis.text.model import Span
from analysis.text.segmentation import WORD_RE, segment

LEXICONS = lx.LEXICON_DIR
LOADED_FILES = sorted(LEXICONS.glob("loaded_*.csv"))
README = (LEXICONS / "README.md").read_text(encoding="utf-8")


def test_there_are_loaded_files_for_every_category() -> None:
    assert {e.category for e in builtin_entries()} == set(CATEGORIES)
    assert len(builtin_entries()) >= 1500


@pytest.mark.parametrize("path", LOADED_FILES, ids=lambda p: p.name)
def test_loaded_file_has_header_and_columns(path: Path) -> None:
    header, rows = read_table(path.read_text(encoding="utf-8"), source=path.name)
    for key in lx.HEADER_KEYS:
        assert header[key], f"{path.name} lacks a {key} header"
    assert "CC0" in header["licence"]
    table = path.read_text(encoding="utf-8").splitlines()
    first_row = next(line for line in table if not line.startswith("#"))
    assert tuple(first_row.split(",")) == COLUMNS
    for row in rows:
        assert None not in row, f"{path.name}: extra cells in {row}"
        assert row["reason"].strip(), f"{path.name}: {row['term']} has no reason"
        assert 0 < float(row["weight"]) <= 1
        assert row["pos"] in {"n", "v", "a", "x"}
        assert row["category"] in CATEGORIES


@pytest.mark.parametrize("path", LOADED_FILES, ids=lambda p: p.name)
def test_loaded_file_is_one_category_and_documented(path: Path) -> None:
    _, rows = read_table(path.read_text(encoding="utf-8"), source=path.name)
    (category,) = {row["category"] for row in rows}
    assert f"| `{category}` | `{path.name}` |" in README


def test_every_category_is_documented_in_the_readme() -> None:
    for category in CATEGORIES:
        assert re.search(rf"^\| `{category}` \|", README, flags=re.MULTILINE), category
    assert "scare quotes" in README.lower()


def test_no_term_is_listed_twice_across_files() -> None:
    seen: dict[tuple[str, ...], str] = {}
    for path in LOADED_FILES:
        _, rows = read_table(path.read_text(encoding="utf-8"), source=path.name)
        for row in rows:
            forms = [row["term"], *filter(None, row["forms"].split("|"))]
            for form in forms:
                key = term_tokens(form)
                assert key not in seen, f"{form!r} in {path.name} and {seen[key]}"
                seen[key] = path.name


def test_duplicate_terms_are_rejected() -> None:
    text = (
        "term,category,weight,reason,alternative\nbogus,subjective,0.5,a,\nBogus,emotive,0.5,b,\n"
    )
    with pytest.raises(LexiconError, match="duplicate term"):
        lx._check_duplicates(lx._entries(text, source="t", user=True))


@pytest.mark.parametrize(
    ("term", "pos", "expected"),
    [
        ("claim", "v", {"claims", "claimed", "claiming"}),
        ("slam", "v", {"slams", "slammed", "slamming"}),
        ("lie", "v", {"lies", "lied", "lying"}),
        ("decry", "v", {"decries", "decried", "decrying"}),
        ("lash out", "v", {"lashes out", "lashed out", "lashing out"}),
        ("thug", "n", {"thugs"}),
        ("witch hunt", "n", {"witch hunts"}),
        ("bully", "n", {"bullies"}),
        ("brutal", "a", {"brutally"}),
        ("angry", "a", {"angrily"}),
        ("horrible", "a", {"horribly"}),
        ("tragic", "a", {"tragically", "tragicly"}),
        ("so-called", "x", set()),
    ],
)
def test_inflect(term: str, pos: str, expected: set[str]) -> None:
    assert expected <= inflect(term, pos)
    assert term not in inflect(term, pos)
    if pos == "x":
        assert inflect(term, pos) == set()


def _write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([list(lx.USER_COLUMNS), *rows])
    return path


def test_missing_user_file_means_builtins_only(tmp_path: Path) -> None:
    lexicon = load_lexicon(user_path=tmp_path / "absent.csv")
    assert lexicon is lx.builtin_lexicon()
    assert not any(e.user for e in lexicon.entries)


def test_user_terms_merge_and_are_marked(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "user.csv",
        [
            ["gizmo-mongering", "emotive", "0.7", "our house term", "promotion"],
            ["slam", "loaded_verb", "0.3", "we think it mild", "criticise"],
        ],
    )
    lexicon = load_lexicon(user_path=path)
    assert len(lexicon) == len(builtin_entries()) + 2
    (first,) = [e for e in lexicon.entries if e.term == "gizmo-mongering"]
    assert first.user and first.pos == "*"
    # The user term wins over the built-in "slam" for every form.
    for form in ("slam", "slammed"):
        entry = lexicon.index[form][""]
        assert entry.user and entry.weight == 0.3


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("term,category,weight,reason,alternative\nfoo,nonsense,0.5,r,\n", "unknown category"),
        ("term,category,weight,reason,alternative\nfoo,emotive,heavy,r,\n", "not a number"),
        ("term,category,weight,reason,alternative\nfoo,emotive,1.5,r,\n", "weight must"),
        ("term,category,weight,reason,alternative\nfoo,emotive,0.5,,\n", "needs a reason"),
        ("word,kind\nfoo,bar\n", "'term' column"),
        ("term,kind\nfoo,bar\n", "needs the columns"),
    ],
)
def test_malformed_user_file_raises_one_line(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "user.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError, match=message) as info:
        load_lexicon(user_path=path)
    assert "\n" not in str(info.value)


def test_user_lexicon_path_follows_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(lx.ENV_USER_LEXICON, str(tmp_path / "mine.csv"))
    assert user_lexicon_path() == tmp_path / "mine.csv"
    monkeypatch.delenv(lx.ENV_USER_LEXICON)
    assert user_lexicon_path().name == "user_lexicon.csv"
    assert "framing-dashboard" in str(user_lexicon_path())


def test_add_user_term_appends_atomically(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "user.csv"
    entry = add_user_term("doom-laden", "emotive", weight=0.8, reason="dramatises", path=path)
    assert entry.user and entry.term == "doom-laden"
    add_user_term(
        "spin doctor",
        "name_calling",
        weight=0.6,
        reason="dismissive",
        alternative="aide",
        path=path,
    )
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert [r["term"] for r in rows] == ["doom-laden", "spin doctor"]
    assert rows[1]["alternative"] == "aide"
    assert [p.name for p in path.parent.iterdir()] == ["user.csv"]  # no temporary file left
    terms = {e.term for e in load_lexicon(user_path=path).entries if e.user}
    assert terms == {"doom-laden", "spin doctor"}


@pytest.mark.parametrize(
    ("term", "category", "message"),
    [
        ("slam", "loaded_verb", "already in the built-in lexicon"),
        ("Witch Hunt", "emotive", "already in the built-in lexicon"),
        ("doom-laden", "emotive", "already in your lexicon"),
        ("new word", "gossip", "unknown category"),
    ],
)
def test_add_user_term_refuses(tmp_path: Path, term: str, category: str, message: str) -> None:
    path = tmp_path / "user.csv"
    add_user_term("doom-laden", "emotive", weight=0.8, reason="dramatises", path=path)
    before = path.read_text(encoding="utf-8")
    with pytest.raises(LexiconError, match=message):
        add_user_term(term, category, weight=0.5, reason="r", path=path)
    assert path.read_text(encoding="utf-8") == before


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a witch hunt now", (1, 2, "witch hunt")),
        ("a witch, hunt now", (2, 2, "hunt")),
        ("the witch hunt's end", (1, 2, "witch hunt")),
        ("witch doctors", None),
        ("the witch-hunt", (1, 1, "witch-hunt")),
    ],
)
def test_longest_match_in_a_trie(text: str, expected: tuple[int, int, str] | None) -> None:
    trie = lx.build_trie(
        [(("witch", "hunt"), "witch hunt"), (("witch-hunt",), "witch-hunt"), (("hunt",), "hunt")]
    )
    tokens = [Span(*m.span()) for m in WORD_RE.finditer(text)]
    words = [lx.normalize_token(text[t.start : t.end]) for t in tokens]
    found = None
    for i in range(len(words)):
        hit = lx.longest_match(trie, words, i, text, tokens)
        if hit is not None:
            found = (i, hit[0], hit[1])
            break
    assert found == expected


@given(
    st.lists(
        st.sampled_from(["the", "witch", "hunt", "hunt's", "witch's", "doctors", "a", ",", "’s"]),
        max_size=12,
    )
)
def test_phrase_openers_list_every_index_where_a_phrase_starts(parts: list[str]) -> None:
    trie = lx.build_trie(
        [
            (("witch", "hunt"), "witch hunt"),
            (("the", "witch", "doctors"), "the witch doctors"),
            (("hunt",), "hunt"),
        ]
    )
    text = " ".join(parts)
    tokens = [Span(*m.span()) for m in WORD_RE.finditer(text)]
    words = [lx.normalize_token(text[t.start : t.end]) for t in tokens]
    matching = [i for i in range(len(words)) if lx.longest_match(trie, words, i, text, tokens)]
    starts = lx.phrase_openers(trie).starts(words)
    assert set(matching) <= set(starts)
    assert starts == sorted(set(starts))


def test_normalized_tokens_follow_the_segmentation() -> None:
    seg = segment("The Witch’s HUNT — a witch‐hunt.")
    assert lx.normalized_tokens(seg) == ("the", "witch's", "hunt", "a", "witch-hunt")
    assert lx.normalized_tokens(seg) is lx.normalized_tokens(seg)
    other = segment("İstanbul’s mayor")
    assert lx.normalized_tokens(other) == tuple(
        lx.normalize_token(other.text[t.start : t.end]) for t in other.tokens
    )


# Issue 13, part 3: general-English factive and discrediting words and their inflections are
# flagged (Recasens et al. 2013 cue classes: factive verbs, hedges, subjective/label nouns).
DISCREDITING = [
    ("debunked", "certainty"),
    ("debunks", "certainty"),
    ("debunking", "certainty"),
    ("so-called", "hedge"),
    ("so called", "hedge"),
    ("self-styled", "hedge"),
    ("purportedly", "hedge"),
    ("propaganda", "name_calling"),
    ("propagandists", "name_calling"),
    ("conspiracy theory", "name_calling"),
    ("conspiracy theories", "name_calling"),
    ("conspiracy theorists", "name_calling"),
    ("hoax", "name_calling"),
    ("smear", "name_calling"),
    ("discredited", "subjective"),
    ("bogus", "subjective"),
]


@pytest.mark.parametrize(("words", "category"), DISCREDITING)
def test_discrediting_words_and_inflections_are_flagged(words: str, category: str) -> None:
    from analysis.measures.loaded import find_loaded
    from analysis.text.segmentation import segment

    text = f"Then the group cited {words} in its defence."
    result = find_loaded(segment(text), lexicon=lx.builtin_lexicon())
    hits = [m for m in result.matches if words in m.text.lower()]
    assert hits and hits[0].category == category and hits[0].flagged, result.matches
