"""dashboard.library: edits and story edits under the lock, and two writers at once never lose
an article or an edit (real processes)."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

import pytest

from analysis.io.corpus import load_corpus
from analysis.text.model import Article
from dashboard import library
from dashboard.config import Config

ROUNDS = 40


def article(i: int, who: str = "w") -> Article:
    text = f"Headline {who} {i}\n\nBody of article {i} written by {who}."
    return Article(id=f"{who}-{i}", text=text, title=f"Headline {who} {i}", source="test")


def config(folder: Path, *, readonly: bool = False) -> Config:
    return Config(corpus=(folder,), library=folder, readonly=readonly)


def _saver(folder: str, who: str, start) -> None:
    start.wait()
    for i in range(ROUNDS):
        library.save_articles(Path(folder), [article(i, who), article(i + 1000, who)], name="same")


def _row_editor(folder: str, name: str, rows: range, who: str, start) -> None:
    start.wait()
    for n in rows:
        library.update_rows(Path(folder), name, {n: {"outlet": who}})


def _story_editor(folder: str, who: str, start) -> None:
    start.wait()
    for i in range(ROUNDS):
        library.save_story_edits(config(Path(folder)), {f"{who}-{i}": who}, session={})


def run_two(target, *args_per_process) -> None:
    ctx = multiprocessing.get_context("fork")
    start = ctx.Barrier(len(args_per_process))
    procs = [ctx.Process(target=target, args=(*args, start)) for args in args_per_process]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0


def test_two_savers_at_once_never_lose_an_article(tmp_path):
    run_two(_saver, (str(tmp_path), "a"), (str(tmp_path), "b"))
    files = library.library_files(tmp_path)
    assert len(files) == 2 * ROUNDS
    ids = {a.id for a in load_corpus([tmp_path]).articles}
    assert ids == {f"{w}-{i}" for w in "ab" for i in [*range(ROUNDS), *range(1000, 1000 + ROUNDS)]}
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".tmp-")]


def test_two_editors_of_one_file_at_once_keep_both_edits(tmp_path):
    path = library.save_articles(tmp_path, [article(i) for i in range(2 * ROUNDS)], name="rows")
    run_two(
        _row_editor,
        (str(tmp_path), path.name, range(1, ROUNDS + 1), "A"),
        (str(tmp_path), path.name, range(ROUNDS + 1, 2 * ROUNDS + 1), "B"),
    )
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [r["outlet"] for r in rows] == ["A"] * ROUNDS + ["B"] * ROUNDS
    assert [r["id"] for r in rows] == [f"w-{i}" for i in range(2 * ROUNDS)]


def test_two_story_editors_at_once_keep_both_edits(tmp_path):
    run_two(_story_editor, (str(tmp_path), "a"), (str(tmp_path), "b"))
    edits = library.read_story_edits(config(tmp_path), {})
    assert edits == {f"{w}-{i}": w for w in "ab" for i in range(ROUNDS)}


def test_update_rows_changes_only_what_was_asked(tmp_path):
    saved = Article(
        id="x", text="Head\n\nBody.", title="Head", source="t", outlet="O", extra=(("lean", "l"),)
    )
    path = library.save_articles(tmp_path, [saved, article(2)], name="x")
    assert library.update_rows(tmp_path, path.name, {1: {"date": "24 September 2017"}}) == 1
    assert library.update_rows(tmp_path, path.name, {1: {"outlet": "  ", "id": "evil"}}) == 1
    first, second = load_corpus([path]).articles
    assert (first.id, first.outlet, first.date, first.extra) == (
        "x",
        None,
        "2017-09-24",
        saved.extra,
    )
    assert second.title == "Headline w 2"


@pytest.mark.parametrize(
    ("name", "rows", "message"),
    [
        ("../x.jsonl", {1: {}}, "not a library file name"),
        ("none.jsonl", {1: {}}, "no such library file"),
        ("x.jsonl", {9: {"outlet": "O"}}, "x.jsonl:9 is not an article row"),
        ("x.jsonl", {1: {"date": "03/04/2017"}}, "ambiguous"),
    ],
)
def test_update_rows_refuses_and_leaves_the_file_alone(tmp_path, name, rows, message):
    path = library.save_articles(tmp_path, [article(1)], name="x")
    before = path.read_bytes()
    with pytest.raises(library.LibraryError, match=message):
        library.update_rows(tmp_path, name, rows)
    assert path.read_bytes() == before


def test_edited_checks_dates_and_keeps_a_title():
    changed = library.edited(article(1), {"title": " ", "date": "2017/9/24", "outlet": " X "})
    assert (changed.title, changed.date, changed.outlet) == ("Headline w 1", "2017-09-24", "X")
    with pytest.raises(library.LibraryError, match="no such day"):
        library.edited(article(1), {"date": "31/02/2017"})


def test_session_edits_and_read_only_story_edits(tmp_path):
    session: dict = {}
    cfg = config(tmp_path / "lib", readonly=True)
    library.add_articles(cfg, [article(1)], name="n", session=session)
    library.edit_session_article(session, "w-1", {"outlet": "Session Outlet"})
    assert library.session_articles(session)[0].outlet == "Session Outlet"
    library.save_story_edits(cfg, {"w-1": "S"}, session=session)
    assert library.read_story_edits(cfg, session) == {"w-1": "S"}
    library.save_story_edits(cfg, {"w-1": None}, session=session)
    assert library.read_story_edits(cfg, session) == {}
    assert not (tmp_path / "lib").exists()


def test_a_bad_stories_file_is_a_library_error(tmp_path):
    (tmp_path / library.STORIES_FILE).write_bytes(b"\xff\xfe not text")
    with pytest.raises(library.LibraryError, match="cannot be read"):
        library.read_story_edits(config(tmp_path), {})
    (tmp_path / library.STORIES_FILE).write_text('{"version": 1, "stories": []}')
    with pytest.raises(library.LibraryError, match="expected"):
        library.read_story_edits(config(tmp_path), {})


def test_the_stories_file_and_lock_are_not_articles(tmp_path):
    library.save_articles(tmp_path, [article(1)], name="a")
    library.save_story_edits(config(tmp_path), {"w-1": "S"}, session={})
    corpus = load_corpus([tmp_path])
    assert [a.id for a in corpus.articles] == ["w-1"] and corpus.problems == ()
