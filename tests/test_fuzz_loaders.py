"""Fuzzing the loaders (analysis.io): hostile bytes in every format never escape as an exception.

Invariants: ``read_upload`` and ``iter_corpus`` return Articles and one-line Problems for any
bytes under any name; every article's text is non-empty, has no ``\\r`` and no lone surrogate;
a bad file in a folder is reported while the other files are still loaded. The "ci" profile
runs these briefly in `make test`; `make fuzz` runs the "fuzz" profile (tests/conftest.py).
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from fuzz_inputs import (
    article_texts,
    csv_files,
    encoded,
    html_files,
    jsonl_files,
    markdown_files,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.io.corpus import iter_corpus, load_corpus, read_upload
from analysis.text.model import Article, Problem

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".jsonl", ".csv", ".TXT", "", ".exe")
#: trafilatura parses HTML slowly: its properties try a fifth as many examples.
HTML_EXAMPLES = max(10, settings().max_examples // 5)


def check_result(articles: list[Article], problems: list[Problem]) -> None:
    for article in articles:
        assert isinstance(article, Article)
        assert article.text.strip() and "\r" not in article.text
        assert article.id and article.title
        assert not any("\ud800" <= c <= "\udfff" for c in article.text)
        article.text.encode("utf-8")  # every loaded text can be written back out
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.reason and "\n" not in problem.reason
        assert "Traceback" not in problem.reason
        assert problem.severity in ("error", "warning")


@given(name=st.sampled_from(SUFFIXES).map(lambda s: f"upload{s}"), data=st.binary(max_size=3000))
def test_any_bytes_under_any_name(name: str, data: bytes) -> None:
    check_result(*read_upload(name, data))


@given(text=article_texts(), suffix=st.sampled_from(SUFFIXES), data=st.data())
def test_hostile_text_in_any_encoding(text: str, suffix: str, data: st.DataObject) -> None:
    if suffix.lower() in (".html", ".htm"):
        suffix = ".txt"  # HTML has its own property below (trafilatura is slow)
    check_result(*read_upload(f"a{suffix}", encoded(text, data)))


@given(text=markdown_files(), data=st.data())
def test_broken_front_matter(text: str, data: st.DataObject) -> None:
    check_result(*read_upload("a.md", encoded(text, data)))


@given(text=csv_files(), data=st.data())
def test_broken_csv(text: str, data: st.DataObject) -> None:
    check_result(*read_upload("a.csv", encoded(text, data)))


@given(text=jsonl_files(), data=st.data())
def test_broken_jsonl(text: str, data: st.DataObject) -> None:
    check_result(*read_upload("a.jsonl", encoded(text, data)))


@given(text=jsonl_files())
def test_every_good_jsonl_row_is_loaded_whatever_the_bad_rows(text: str) -> None:
    articles, problems = read_upload("a.jsonl", text.encode("utf-8"))
    check_result(articles, problems)
    if any(p.source == "a.jsonl" for p in problems):
        return  # the whole file was refused (e.g. binary-looking), and said so
    good = [line for line in text.split("\n") if _is_good_row(line)]
    rejected = [p for p in problems if p.severity == "error"]
    assert len(articles) + len(rejected) >= len(good)
    loaded = {a.source for a in articles} | {p.source for p in rejected}
    for number, line in enumerate(text.split("\n"), start=1):
        if _is_good_row(line):
            assert f"a.jsonl:{number}" in loaded


def _is_good_row(line: str) -> bool:
    try:
        row = json.loads(line)
    except (ValueError, RecursionError):
        return False
    return isinstance(row, dict) and isinstance(row.get("text"), str) and bool(row["text"].strip())


@settings(max_examples=HTML_EXAMPLES)
@given(text=html_files(), data=st.data())
def test_broken_html(text: str, data: st.DataObject) -> None:
    check_result(*read_upload("a.html", encoded(text, data)))


GOOD = "The council met on Monday and approved the budget after a long debate.\n"


@settings(max_examples=max(10, settings().max_examples // 4))
@given(
    bad=st.binary(max_size=2000) | article_texts().map(lambda t: t.encode("utf-8", "replace")),
    suffix=st.sampled_from([".txt", ".md", ".jsonl", ".csv", ".parquet"]),
)
def test_a_bad_file_in_a_folder_is_reported_and_the_rest_loaded(
    bad: bytes, suffix: str, tmp_path_factory
) -> None:
    folder = Path(tmp_path_factory.mktemp("folder"))
    for k in range(3):
        (folder / f"good-{k}.txt").write_text(f"Story {k}\n\n{GOOD}", encoding="utf-8")
    (folder / f"bad{suffix}").write_bytes(bad)
    corpus = load_corpus([folder])
    check_result(list(corpus.articles), list(corpus.problems))
    ids = {a.id for a in corpus.articles}
    assert {"good-0", "good-1", "good-2"} <= ids
    from_bad = [a for a in corpus.articles if a.source.endswith(f"bad{suffix}")]
    reported = [p for p in corpus.problems if f"bad{suffix}" in p.source]
    assert from_bad or reported  # the bad file is loaded or reported, never silently lost


def _parquet_bytes() -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    sink = io.BytesIO()
    table = pa.table({"text": [f"Story {k}\n\n{GOOD}" for k in range(40)], "outlet": ["O"] * 40})
    pq.write_table(table, sink, row_group_size=8)
    return sink.getvalue()


PARQUET = _parquet_bytes()


@settings(max_examples=max(10, settings().max_examples // 2))
@given(
    cut=st.integers(0, len(PARQUET)),
    flips=st.lists(st.tuples(st.integers(0, len(PARQUET) - 1), st.integers(1, 255)), max_size=6),
)
def test_a_truncated_or_corrupted_parquet_file_never_raises(
    cut: int, flips: list[tuple[int, int]]
) -> None:
    data = bytearray(PARQUET)
    for at, mask in flips:
        data[at] ^= mask
    articles, problems = read_upload("rows.parquet", bytes(data[: max(cut, 1)]))
    check_result(articles, problems)
    assert articles or problems


def test_iter_corpus_reports_an_unreadable_file(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("Title\n\n" + GOOD, encoding="utf-8")
    locked = tmp_path / "locked.txt"
    locked.write_text("x", encoding="utf-8")
    locked.chmod(0)
    try:
        items = list(iter_corpus([tmp_path]))
    finally:
        locked.chmod(0o644)
    assert any(isinstance(i, Article) and i.id == "ok" for i in items)
    problems = [i for i in items if isinstance(i, Problem)]
    # Root can read a mode-0 file; then it simply loads (as an empty-looking "x" article).
    assert problems or any(isinstance(i, Article) and i.id == "locked" for i in items)
