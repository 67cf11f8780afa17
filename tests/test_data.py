"""dashboard.data: configuration, the library (atomic, never overwriting, delete, read-only)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from analysis.io.corpus import load_corpus, read_upload
from analysis.text.model import Article
from dashboard import data
from dashboard.config import SEEDS, Config, default_library, load_config
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


def article(aid: str = "a1", text: str = "Headline\n\nThe body says something.", **meta) -> Article:
    return Article(id=aid, text=text, title=meta.pop("title", "Headline"), source="test", **meta)


@pytest.mark.parametrize(
    ("env", "corpus", "library", "readonly"),
    [
        ({}, None, None, False),
        ({"FRAMING_LIBRARY": "/tmp/lib"}, None, "/tmp/lib", False),
        ({"FRAMING_CORPUS": "/a:/b/c::"}, ("/a", "/b/c"), None, False),
        ({"FRAMING_CORPUS": "/a", "FRAMING_LIBRARY": "/a/lib"}, ("/a",), "/a/lib", False),
        ({"FRAMING_READONLY": "1"}, None, None, True),
        ({"FRAMING_READONLY": "true"}, None, None, True),
        ({"FRAMING_READONLY": "0"}, None, None, False),
    ],
)
def test_load_config(env, corpus, library, readonly):
    config = load_config(env)
    expected_library = Path(library) if library else default_library()
    assert config.library == expected_library
    given = tuple(Path(p) for p in corpus) if corpus else (SEEDS,)
    inside = any(p in expected_library.parents for p in given)
    assert config.corpus == (given if inside else (*given, expected_library))
    assert config.readonly is readonly


def test_default_library_is_outside_the_repository():
    assert ROOT not in default_library().parents
    assert default_library().name == "library"


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


def test_content_key_and_scoring_cache():
    a = article()
    assert data.content_key(a) == data.content_key(article())
    assert data.content_key(a) != data.content_key(article(outlet="Other"))
    first = data.score_records([a])
    assert first == data.score_records([a])
    assert first[0]["id"] == "a1" and first[0]["text"] == a.text
    assert data.record_key(first[0]) == data.content_key(a)


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
