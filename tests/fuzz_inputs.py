"""Hypothesis strategies for hostile article input, shared by the tests/test_fuzz_*.py modules.

Text is built from fragments a real corpus can hold (words, curly and straight quotes, bidi
controls, C0/C1 controls, combining marks, emoji, astral characters, long runs without
punctuation) mixed with arbitrary Unicode; files wrap it in broken front matter, CSV with
unbalanced quotes, JSON Lines with broken lines, unclosed HTML, and mixed byte encodings.
"""

from __future__ import annotations

import json

from hypothesis import strategies as st

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
CONTROLS = "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\x9b\u2028\u2029\ufeff\ufffe"
QUOTES = "\"'“”‘’«»„‟‹›「」"
_WORD_LIST = (
    "the council said budget plan residents mayor vote disaster fair terrorist regime "
    "Mr. U.S. Dr. e.g. 2.5 I. it's don't no not never but very extremely"
)
WORDS = _WORD_LIST.split()
FRAGMENTS = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(list(QUOTES + BIDI + CONTROLS)),
    st.sampled_from([" ", "  ", "\n", "\n\n", "\r\n", "\r", "\t", ". ", "? ", "! ", "...", "—"]),
    st.sampled_from(["e\u0301", "\U0001f600", "\U0001d400", "ﬁ", "İ", "ß", "\u0640", "ǅ"]),
    st.sampled_from(["<b>", "</p>", "<script>", "&amp;", "&#0;", "---", "# ", ":red[x]", "$$"]),
    st.text(max_size=12),
)


@st.composite
def article_texts(draw: st.DrawFn, *, max_fragments: int = 120) -> str:
    """Text from hostile fragments (some examples are one long unpunctuated run of words)."""
    parts = draw(st.lists(FRAGMENTS, max_size=max_fragments))
    if draw(st.booleans()):
        parts = [*parts, " ".join(draw(st.lists(st.sampled_from(WORDS), max_size=300)))]
    return "".join(parts)


def encoded(text: str, data: st.DataObject) -> bytes:
    """The text as bytes in one of several encodings, sometimes with foreign bytes spliced in."""
    encoding = data.draw(
        st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1", "mixed"])
    )
    if encoding == "mixed":
        half = len(text) // 2
        raw = text[:half].encode("utf-8", "replace") + text[half:].encode("cp1252", "replace")
    else:
        raw = text.encode(encoding, "replace")
    if data.draw(st.booleans()):
        at = data.draw(st.integers(0, len(raw)))
        raw = raw[:at] + data.draw(st.binary(max_size=16)) + raw[at:]
    return raw


@st.composite
def markdown_files(draw: st.DrawFn) -> str:
    """Markdown with front matter that may be valid, broken YAML, unterminated or not a mapping."""
    yaml_lines = draw(
        st.lists(
            st.one_of(
                st.sampled_from(
                    [
                        "title: A title",
                        "outlet: [unclosed",
                        "date: 2024-13-45",
                        "author: {a: 1}",
                        "- a list item",
                        "title: &anchor x",
                        "x: *missing",
                        "\tbad: tab",
                        "? complex key",
                        "title: !!python/object:os.system ls",
                        "id: ../../etc/passwd",
                    ]
                ),
                st.text(max_size=30).map(lambda s: s.replace("\n", " ")),
            ),
            max_size=6,
        )
    )
    close = draw(st.sampled_from(["---\n", "...\n", "", "--\n"]))
    body = draw(article_texts())
    return "---\n" + "\n".join(yaml_lines) + "\n" + close + body


def _csv_cell(text: str) -> str:
    return text if "," not in text else f'"{text}'  # an unbalanced quote when it has a comma


@st.composite
def csv_files(draw: st.DrawFn) -> str:
    """CSV with a text column (or not), unbalanced quotes, ragged rows and embedded newlines."""
    header = draw(st.sampled_from(["text", "id,title,text", "title,outlet", "text,text", ""]))
    rows = draw(
        st.lists(
            st.lists(article_texts(max_fragments=20).map(_csv_cell), min_size=0, max_size=4),
            max_size=5,
        )
    )
    return header + "\n" + "\n".join(",".join(row) for row in rows)


@st.composite
def jsonl_files(draw: st.DrawFn) -> str:
    """JSON Lines mixing good rows, rows of the wrong type, broken JSON and deep nesting."""
    value = st.one_of(st.none(), st.integers(), st.floats(), article_texts(max_fragments=15))
    lines = draw(
        st.lists(
            st.one_of(
                st.fixed_dictionaries(
                    {"text": article_texts(max_fragments=30)},
                    optional={"id": value, "title": value, "outlet": value, "author": value},
                ).map(lambda row: json.dumps(row, ensure_ascii=draw(st.booleans()))),
                st.sampled_from(['{"text": "unterminated', "[1, 2]", '"a string"', "{}", "nan"]),
                st.integers(1, 5_000).map(lambda n: "[" * n),
                st.text(max_size=40),
            ),
            max_size=6,
        )
    )
    return "\n".join(lines)


@st.composite
def html_files(draw: st.DrawFn) -> str:
    """HTML with unclosed and deeply nested tags, scripts, entities and a hostile title."""
    body = draw(article_texts(max_fragments=40))
    depth = draw(st.integers(0, 300))
    parts = [
        draw(st.sampled_from(["<!doctype html>", "<html>", "", "<HTML lang=en>"])),
        "<head><title>" + draw(st.text(max_size=30)) + draw(st.sampled_from(["</title>", ""])),
        draw(st.sampled_from(["</head>", "", "<meta charset=x>"])),
        "<body>" + "<div>" * depth,
        draw(st.sampled_from(["<article><p>", "<p>", "<script>", "<!--", "<![CDATA["])),
        body,
        draw(st.sampled_from(["</p></article>", "", "</script>", "-->"])),
        "</div>" * draw(st.integers(0, depth)),
    ]
    return "".join(parts)
