"""analysis.io.store (with the keys and read-back of analysis.stored): exact round trips,
method versions, atomic parts, concurrent writers."""

from __future__ import annotations

import dataclasses
import json
import tempfile
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from texts import seed_paths

from analysis.io import store as store_module
from analysis.io.corpus import load_corpus
from analysis.io.output import article_to_dict, evidence_rows
from analysis.io.store import ScoreStore, StoreError
from analysis.pipeline import score_article
from analysis.stored import article_key, stored_records
from analysis.text.model import Article

METHOD = "test+1"


@pytest.fixture(scope="module")
def seeds() -> list[tuple[Article, dict]]:
    articles = load_corpus(seed_paths()).articles
    return [(a, article_to_dict(score_article(a))) for a in articles]


def _write(root: Path, pairs: list[tuple[Article, dict]], method: str = METHOD) -> ScoreStore:
    store = ScoreStore(root, method=method)
    store.write([(article_key(a), r) for a, r in pairs])
    return store


def test_seeds_round_trip_exactly_with_the_same_key_order(tmp_path, seeds):
    _write(tmp_path, seeds)
    articles = [a for a, _ in seeds]
    back = stored_records(ScoreStore(tmp_path, method=METHOD), articles)
    for (_, expected), got in zip(seeds, back, strict=True):
        assert got == expected
        assert json.dumps(got, ensure_ascii=False) == json.dumps(expected, ensure_ascii=False)


_optional = st.none() | st.text(max_size=30)
_articles = st.builds(
    Article,
    id=st.text(min_size=1, max_size=20),
    text=st.text(max_size=300) | st.text(alphabet='Ab. “”"\n,’!?', max_size=300),
    title=st.text(max_size=40),
    source=st.text(max_size=20),
    outlet=_optional,
    date=_optional,
    event=_optional,
    url=_optional,
    author=_optional,
    genre=_optional,
    warnings=st.lists(st.text(max_size=20), max_size=2).map(tuple),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_articles, min_size=1, max_size=4))
def test_any_articles_round_trip_exactly(articles):
    expected = [article_to_dict(score_article(a)) for a in articles]
    with tempfile.TemporaryDirectory() as root:
        _write(Path(root), list(zip(articles, expected, strict=True)))
        store = ScoreStore(root, method=METHOD)
        assert stored_records(store, articles) == expected
        assert store.keys() == {article_key(a) for a in articles}


def test_lone_surrogates_survive_in_the_record(tmp_path):
    article = Article(
        id="s", text="Odd \ud800 text.\n\nA said “no \udfff way”.", title="T\ud800", source="x"
    )
    record = article_to_dict(score_article(article))
    store = _write(tmp_path, [(article, record)])
    assert stored_records(store, [article]) == [record]
    assert store.evidence().num_rows == sum(1 for _ in evidence_rows(record))


@pytest.mark.parametrize("field", [f.name for f in dataclasses.fields(Article)])
def test_the_key_changes_with_what_scoring_reads_only(field):
    base = Article(id="a", text="t", title="x", source="s", warnings=("w",))
    value = ("other",) if field == "warnings" else "other"
    changed = article_key(dataclasses.replace(base, **{field: value})) != article_key(base)
    assert changed is (field in {"text", "title"})


def test_the_same_story_under_other_metadata_is_read_back_with_its_own(tmp_path, seeds):
    article, record = seeds[0]
    _write(tmp_path, [(article, record)])
    syndicated = dataclasses.replace(
        article, id="copy", outlet="Other Outlet", source="elsewhere.txt", url="https://x.example/a"
    )
    (back,) = stored_records(ScoreStore(tmp_path, method=METHOD), [syndicated])
    assert back == article_to_dict(score_article(syndicated))
    assert back["outlet"] == "Other Outlet" and back["id"] == "copy"


def test_another_methods_rows_are_rescored_not_misread_and_kept(tmp_path, seeds):
    _write(tmp_path, seeds, method="old")
    current = ScoreStore(tmp_path, method="new")
    assert current.keys() == set() and stored_records(current, [seeds[0][0]]) == [None]
    _write(tmp_path, seeds[:2], method="new")
    assert len(ScoreStore(tmp_path, method="new").keys()) == 2
    assert len(ScoreStore(tmp_path, method="old").keys()) == len(seeds)  # nothing lost


def test_unwanted_keys_are_left_out(tmp_path, seeds):
    store = _write(tmp_path, seeds)
    key = article_key(seeds[0][0])
    assert set(store.load([key, "no-such-key"])) == {key}


def test_evidence_table_holds_every_span_of_every_article(tmp_path, seeds):
    store = _write(tmp_path, seeds)
    table = store.evidence().to_pylist()
    for article, record in seeds:
        key = article_key(article)
        rows = [{k: v for k, v in r.items() if k not in {"key", "method"}} for r in table]
        mine = [r for r, full in zip(rows, table, strict=True) if full["key"] == key]
        expected = [
            {c: row.get(c) for c in store_module.EVIDENCE_COLUMNS} for row in evidence_rows(record)
        ]
        assert mine == expected
    one = article_key(seeds[0][0])
    assert set(store.evidence([one]).column("key").to_pylist()) == {one}


def test_a_killed_writer_leaves_nothing_that_is_read(tmp_path, seeds):
    store = _write(tmp_path, seeds[:2])
    (tmp_path / "articles" / ".tmp-abc.parquet").write_bytes(b"PAR1 half written")
    (tmp_path / "evidence" / "part-99999999999999999999-orphan.parquet").write_bytes(b"x")
    assert len(ScoreStore(tmp_path, method=METHOD).keys()) == 2
    assert store.evidence().num_rows == sum(len(list(evidence_rows(r))) for _, r in seeds[:2])


def test_a_damaged_part_is_reported_and_the_rest_still_read(tmp_path, seeds):
    _write(tmp_path, seeds[:2])
    damaged = tmp_path / "articles" / "part-00000000000000000001-damaged.parquet"
    damaged.write_bytes(b"not parquet at all")
    store = ScoreStore(tmp_path, method=METHOD)
    assert len(store.keys()) == 2
    assert len(store.problems) == 1 and "damaged" in store.problems[0]
    assert damaged.exists()


def test_a_write_that_fails_leaves_no_temp_file(tmp_path, seeds, monkeypatch):
    _write(tmp_path, seeds[:1])
    before = sorted(p.name for p in tmp_path.rglob("*"))

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store_module.os, "fsync", broken)
    with pytest.raises(StoreError, match="No space left"):
        _write(tmp_path, seeds[1:2])
    assert sorted(p.name for p in tmp_path.rglob("*")) == before
    assert len(ScoreStore(tmp_path, method=METHOD).keys()) == 1


def test_a_file_in_the_way_is_a_store_error(tmp_path, seeds):
    blocker = tmp_path / "store"
    blocker.write_text("a file")
    with pytest.raises(StoreError, match="cannot be written"):
        _write(blocker, seeds[:1])
    assert ScoreStore(blocker, method=METHOD).keys() == set()


def test_compaction_keeps_every_row_of_every_method(tmp_path, seeds):
    for pair in seeds:
        _write(tmp_path, [pair])
        _write(tmp_path, [pair], method="old")
    _write(tmp_path, seeds[:1])  # a duplicate
    store = ScoreStore(tmp_path, method=METHOD)
    before, evidence_before = store.load(), store.evidence().num_rows
    store.compact()
    assert len(list((tmp_path / "articles").iterdir())) == 1
    assert len(list((tmp_path / "evidence").iterdir())) == 1
    assert store.load() == before and store.evidence().num_rows == evidence_before
    assert len(ScoreStore(tmp_path, method="old").keys()) == len(seeds)


def test_two_writers_lose_no_rows_while_compacting(tmp_path, monkeypatch):
    monkeypatch.setattr(store_module, "COMPACT_AT", 3)
    articles = [Article(id=f"a{i}", text=f"Story {i}.", title="", source="t") for i in range(40)]
    records = [article_to_dict(score_article(a)) for a in articles]
    errors: list[BaseException] = []

    def writer(start: int) -> None:
        store = ScoreStore(tmp_path, method=METHOD)
        try:
            for i in range(start, len(articles), 2):
                store.write([(article_key(articles[i]), records[i])])
                store.keys()  # reading while the other one compacts
        except BaseException as error:  # surfaced below
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(n,)) for n in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    store = ScoreStore(tmp_path, method=METHOD)
    assert stored_records(store, articles) == records
    assert len(list((tmp_path / "articles").iterdir())) <= store_module.COMPACT_AT + 2
