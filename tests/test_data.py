"""dashboard.data: configuration, the library (atomic, never overwriting, delete, read-only),
scores kept in memory over the score store."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from analysis.io.corpus import load_corpus, read_upload
from analysis.io.store import ScoreStore
from analysis.stored import article_key, method_version
from analysis.text.model import Article
from dashboard import data
from dashboard.config import SEEDS, Config, default_library, default_store, load_config
from dashboard.library import (
    LibraryError,
    add_articles,
    delete_from_library,
    library_files,
    save_articles,
    session_articles,
)

ROOT = Path(__file__).resolve().parent.parent
HOSTILE_TEXT = "Evil <script>alert(1)</script> headline\n\nBody text of the article, said nobody."


@pytest.fixture(autouse=True)
def store_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test scores into its own store folder, with no scores cached in memory."""
    monkeypatch.setenv("FRAMING_STORE", str(tmp_path / "store"))
    monkeypatch.delenv("FRAMING_READONLY", raising=False)
    data.clear_scores()
    yield tmp_path / "store"
    data.clear_scores()


def article(aid: str = "a1", text: str = "Headline\n\nThe body says something.", **meta) -> Article:
    return Article(id=aid, text=text, title=meta.pop("title", "Headline"), source="test", **meta)


@pytest.mark.parametrize(
    ("env", "corpus", "library", "readonly", "store"),
    [
        ({}, None, None, False, None),
        ({"FRAMING_LIBRARY": "/tmp/lib"}, None, "/tmp/lib", False, None),
        ({"FRAMING_CORPUS": "/a:/b/c::"}, ("/a", "/b/c"), None, False, None),
        ({"FRAMING_CORPUS": "/a", "FRAMING_LIBRARY": "/a/lib"}, ("/a",), "/a/lib", False, None),
        ({"FRAMING_READONLY": "1"}, None, None, True, None),
        ({"FRAMING_READONLY": "true"}, None, None, True, None),
        ({"FRAMING_READONLY": "0"}, None, None, False, None),
        ({"FRAMING_STORE": "/tmp/scores"}, None, None, False, "/tmp/scores"),
    ],
)
def test_load_config(env, corpus, library, readonly, store):
    config = load_config(env)
    expected_library = Path(library) if library else default_library()
    assert config.library == expected_library
    given = tuple(Path(p) for p in corpus) if corpus else (SEEDS,)
    inside = any(p in expected_library.parents for p in given)
    assert config.corpus == (given if inside else (*given, expected_library))
    assert config.readonly is readonly
    assert config.store == (Path(store) if store else default_store())


def test_default_folders_are_outside_the_repository():
    for folder, name in ((default_library(), "library"), (default_store(), "store")):
        assert ROOT not in folder.parents
        assert folder.name == name


def test_save_round_trips_through_the_corpus_loader(tmp_path):
    saved = article(
        text=HOSTILE_TEXT, title="Evil <script>", outlet="O", date="2024-01-02", event="E"
    )
    path = save_articles(tmp_path / "lib", [saved], name="My article!")
    assert path.name == "my-article.jsonl"
    corpus = load_corpus([tmp_path / "lib"])
    assert corpus.problems == ()
    (loaded,) = corpus.articles
    assert (loaded.text, loaded.title, loaded.outlet, loaded.date, loaded.event) == (
        HOSTILE_TEXT,
        "Evil <script>",
        "O",
        "2024-01-02",
        "E",
    )


def test_save_never_overwrites_and_leaves_no_temp_files(tmp_path):
    first = save_articles(tmp_path, [article("a")], name="same")
    before = first.read_bytes()
    second = save_articles(tmp_path, [article("b", text="Other\n\nOther text.")], name="same")
    third = save_articles(tmp_path, [article("c")], name="same")
    assert [p.name for p in (first, second, third)] == [
        "same.jsonl",
        "same-2.jsonl",
        "same-3.jsonl",
    ]
    assert first.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["same-2.jsonl", "same-3.jsonl", "same.jsonl"]
    assert library_files(tmp_path) == sorted([first, second, third])


def test_save_refuses_nothing(tmp_path):
    with pytest.raises(LibraryError):
        save_articles(tmp_path, [], name="x")


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("../../etc/passwd", "etc-passwd"),
        ("..", "article"),
        ("C:\\Windows\\system32", "c-windows-system32"),
        ("Über café", "ber-caf"),
        ("x" * 300, "x" * 60),
    ],
)
def test_hostile_names_stay_inside_the_library(tmp_path, name, stem):
    lib = tmp_path / "lib"
    path = save_articles(lib, [article()], name=name)
    assert path.parent == lib and path.name == f"{stem}.jsonl"


def test_upload_with_hostile_name_saved_inside_library(tmp_path):
    articles, problems = read_upload("../../evil.txt", HOSTILE_TEXT.encode(), outlet="X")
    assert articles and not [p for p in problems if p.severity == "error"]
    path = save_articles(tmp_path, articles, name="../../evil")
    assert path.parent == tmp_path


def test_delete(tmp_path):
    path = save_articles(tmp_path, [article()], name="gone")
    delete_from_library(tmp_path, path.name)
    assert not path.exists()
    for bad in ("gone.jsonl", "../gone.jsonl", "/etc/passwd", ".hidden.jsonl", "x.txt"):
        with pytest.raises(LibraryError):
            delete_from_library(tmp_path, bad)


def test_library_files_ignores_other_files(tmp_path):
    assert library_files(tmp_path / "missing") == []
    (tmp_path / ".tmp-123.part").write_text("x")
    (tmp_path / "notes.txt").write_text("x")
    kept = save_articles(tmp_path, [article()], name="kept")
    assert library_files(tmp_path) == [kept]


def test_read_only_additions_live_in_the_session(tmp_path):
    config = Config(corpus=(), library=tmp_path / "lib", readonly=True)
    session: dict = {}
    message = add_articles(config, [article("a"), article("a")], name="x", session=session)
    assert "session only" in message
    assert not (tmp_path / "lib").exists()
    kept = session_articles(session)
    assert [a.id for a in kept] == ["a", "a-2"]
    assert all(a.source.startswith("session:") for a in kept)
    add_articles(config, [article("a")], name="x", session=session)
    assert [a.id for a in session_articles(session)] == ["a", "a-2", "a-3"]


def test_writable_additions_go_to_the_library(tmp_path):
    config = Config(corpus=(), library=tmp_path / "lib", readonly=False)
    session: dict = {}
    message = add_articles(config, [article()], name="Mine", session=session)
    assert message.endswith("mine.jsonl.")
    assert session == {}
    assert [p.name for p in library_files(tmp_path / "lib")] == ["mine.jsonl"]


def test_fingerprint_changes_when_the_library_changes(tmp_path):
    before = data.fingerprint([tmp_path])
    save_articles(tmp_path, [article()], name="new")
    assert data.fingerprint([tmp_path]) != before


def test_load_articles_skips_missing_folders_and_sees_additions(tmp_path):
    lib = tmp_path / "lib"
    config = Config(corpus=(SEEDS, lib), library=lib, readonly=False)
    seeds, problems = data.load_articles(config)
    assert len(seeds) == 5 and problems == []
    save_articles(lib, [article("mine")], name="mine")
    after, _ = data.load_articles(config)
    assert [a.id for a in after][-1] == "mine"


def test_scores_are_cached_and_keyed_by_content():
    a = article()
    first = data.score_records([a])
    assert first == data.score_records([article()])
    assert first[0]["id"] == "a1" and first[0]["text"] == a.text
    assert data.record_key(first[0]) == data.record_key(data.score_records([a])[0])
    other = data.score_records([article(outlet="Other")])
    assert other[0]["outlet"] == "Other"


def _no_scoring(article: Article) -> None:
    raise AssertionError(f"{article.id} was scored again")


def test_a_new_process_reads_the_store_instead_of_scoring(store_dir, monkeypatch):
    articles = [article("a"), article("b", text="Other\n\nA second story.")]
    first = data.score_records(articles)
    stored = ScoreStore(store_dir, method=method_version())
    assert stored.keys() == {article_key(a) for a in articles}
    data._scores.clear()  # as after a server restart: nothing in memory
    monkeypatch.setattr(data, "score_article", _no_scoring)
    assert data.score_records(articles) == first


def test_only_unstored_articles_are_scored_with_a_progress_bar(store_dir, monkeypatch):
    data.score_records([article("old")])
    data._scores.clear()
    shown: list[tuple[float, str]] = []

    class Bar:
        def progress(self, value: float, *, text: str) -> None:
            shown.append((value, text))

        def empty(self) -> None:
            shown.append((-1.0, "gone"))

    monkeypatch.setattr(data.st, "progress", lambda value, *, text: Bar())
    scored: list[str] = []
    score = data.score_article

    def counting(a: Article):
        scored.append(a.id)
        return score(a)

    monkeypatch.setattr(data, "score_article", counting)
    new = [article(f"n{i}", text=f"Story {i}\n\nBody {i}.") for i in range(5)]
    records = data.score_records([article("old"), *new])
    assert scored == [a.id for a in new]
    assert [r["id"] for r in records] == ["old", *(a.id for a in new)]
    assert shown[-2][0] == 1.0 and "Scored 5 of 5" in shown[-2][1] and "left" in shown[-2][1]
    assert shown[-1] == (-1.0, "gone")


def test_a_few_missing_articles_show_no_progress_bar(monkeypatch):
    monkeypatch.setattr(data.st, "progress", _no_scoring)
    assert len(data.score_records([article("x"), article("y", text="Y\n\nWhy.")])) == 2


def test_read_only_reads_the_store_and_writes_nothing(store_dir, monkeypatch):
    data.score_records([article("kept")])
    parts = sorted(store_dir.rglob("*"))
    data._scores.clear()
    monkeypatch.setenv("FRAMING_READONLY", "1")
    new = article("new", text="New\n\nNew story.")
    records = data.score_records([article("kept"), new])
    assert [r["id"] for r in records] == ["kept", "new"]
    assert sorted(store_dir.rglob("*")) == parts


def test_read_only_without_a_store_creates_no_folder(store_dir, monkeypatch):
    monkeypatch.setenv("FRAMING_READONLY", "1")
    assert data.score_records([article()])[0]["id"] == "a1"
    assert not store_dir.exists()


def test_an_unwritable_store_falls_back_to_memory_with_a_warning(tmp_path, monkeypatch):
    blocker = tmp_path / "blocked"
    blocker.write_text("a file, not a folder")
    monkeypatch.setenv("FRAMING_STORE", str(blocker))
    warnings: list[str] = []
    monkeypatch.setattr(data.st, "warning", lambda text, **_: warnings.append(text))
    (record,) = data.score_records([article()])
    assert record["id"] == "a1"
    assert warnings and "memory only" in warnings[0] and "FRAMING_STORE" in warnings[0]
    monkeypatch.setattr(data, "score_article", _no_scoring)
    assert data.score_records([article()]) == [record]  # still kept in memory


def test_a_new_user_term_counts_after_clear_scores(tmp_path, monkeypatch):
    from analysis.text.lexicon import add_user_term

    monkeypatch.setenv("FRAMING_USER_LEXICON", str(tmp_path / "user_lexicon.csv"))
    data.clear_scores()
    article = Article(
        id="t", text="Storm\n\nCritics called the warning fearbait.", title="Storm", source="t"
    )

    def terms() -> list[str]:
        (record,) = data.score_records([article])
        return [m["term"] for m in record["loaded"]["matches"]]

    assert "fearbait" not in terms()
    add_user_term("fearbait", "name_calling", weight=0.8, reason="labels a warning as fear")
    data.clear_scores()
    assert "fearbait" in terms()
    data.clear_scores()


APP = str(ROOT / "dashboard" / "app.py")


def test_the_page_warns_when_the_store_cannot_be_written(app_env, monkeypatch):
    from streamlit.testing.v1 import AppTest

    blocker = app_env / "blocked"
    blocker.write_text("a file, not a folder")
    monkeypatch.setenv("FRAMING_STORE", str(blocker))
    data.clear_scores()
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert any("memory only" in w.value for w in at.warning)
    assert at.get("plotly_chart"), "the page still draws its charts"


def test_the_page_reads_a_filled_store_and_writes_no_new_part(app_env):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    parts = sorted((app_env / "store").rglob("part-*"))
    assert parts, "the seeds were stored"
    data.clear_scores()  # a restarted server
    again = AppTest.from_file(APP, default_timeout=120)
    again.run()
    assert not again.exception and not again.warning
    assert sorted((app_env / "store").rglob("part-*")) == parts


def test_the_same_story_in_two_outlets_is_scored_once_and_keeps_each_outlet(monkeypatch):
    one = article("wire-1", outlet="Outlet One")
    two = article("wire-2", outlet="Outlet Two")
    scored: list[str] = []
    score = data.score_article

    def counting(a: Article):
        scored.append(a.id)
        return score(a)

    monkeypatch.setattr(data, "score_article", counting)
    first, second = data.score_records([one, two])
    assert scored == ["wire-1"]
    assert (first["id"], first["outlet"]) == ("wire-1", "Outlet One")
    assert (second["id"], second["outlet"]) == ("wire-2", "Outlet Two")
    assert first["sentence_scores"] == second["sentence_scores"]


def test_the_dashboard_reads_what_the_command_line_stored(store_dir, monkeypatch, capsys):
    from analysis.cli import main

    monkeypatch.chdir(ROOT)  # the command line is given a relative path, the dashboard not
    assert main(["score", "seeds", "--store", str(store_dir), "--workers", "1"]) == 0
    capsys.readouterr()
    config = Config(corpus=(SEEDS,), library=store_dir / "lib", readonly=False, store=store_dir)
    articles, _ = data.load_articles(config)
    assert articles and not articles[0].source.startswith("seeds/")
    monkeypatch.setattr(data, "score_article", _no_scoring)
    records = data.score_records(articles)
    assert [r["source"] for r in records] == [a.source for a in articles]
