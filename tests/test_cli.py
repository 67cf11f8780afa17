"""`python -m analysis score`: every format, every exit status, bad input without tracebacks."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from texts import ROOT, SEEDS, seed_paths

from analysis.cli import main
from analysis.io.corpus import load_corpus
from analysis.text.model import Problem


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_json_on_seeds(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "score", str(SEEDS), "--workers", "1")
    assert status == 0, err
    records = json.loads(out)
    assert [r["id"] for r in records] == [p.stem for p in seed_paths()]
    for record, path in zip(records, seed_paths(), strict=True):
        assert record["text"] == path.read_text(encoding="utf-8")
        assert record["outlet"] and record["title"] and record["event"]
        assert record["words"] > 200 and record["sentences"] > 5
        for key in ("excluded", "quotes", "sentence_scores"):
            for span in record[key]:
                assert 0 <= span["start"] < span["end"] <= len(record["text"])
        assert set(record["sentiment"]) >= {
            "mean",
            "narrator_mean",
            "quoted_mean",
            "share_negative",
            "share_neutral",
            "share_positive",
        }
        assert record["readability"]["flesch_kincaid_grade"] is not None


def test_csv_one_row_per_article(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out_file = tmp_path / "scores.csv"
    status, out, _ = run(capsys, "score", str(SEEDS), "--format", "csv", "--out", str(out_file))
    assert status == 0 and out == ""
    rows = list(csv.DictReader(out_file.open(encoding="utf-8")))
    assert len(rows) == 5
    assert {"id", "sentiment.mean", "readability.smog_index", "words"} <= set(rows[0])
    assert "text" not in rows[0]


def test_csv_neutralises_a_hostile_title(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    article = tmp_path / "evil.jsonl"
    article.write_text(
        json.dumps(
            {"id": "x", "title": '=HYPERLINK("http://e.vil","click")', "text": "A plain story."}
        )
        + "\n",
        encoding="utf-8",
    )
    status, out, _ = run(capsys, "score", str(article), "--format", "csv")
    assert status == 0
    (row,) = csv.DictReader(io.StringIO(out))
    assert row["title"].startswith("'=HYPERLINK")


def test_table_lists_every_article(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "score", str(SEEDS), "--format", "table")
    assert status == 0
    for path in seed_paths():
        assert path.stem[:24] in out


def test_bad_file_among_good_exits_1_and_scores_the_rest(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "good.txt").write_text("Headline\n\nThe council met on Monday.\n", encoding="utf-8")
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    status, out, err = run(capsys, "score", str(tmp_path))
    assert status == 1
    assert [r["id"] for r in json.loads(out)] == ["good"]
    lines = [line for line in err.splitlines() if line.startswith("rejected:")]
    assert len(lines) == 1 and "broken.txt" in lines[0]
    assert "Traceback" not in err


def test_missing_path_is_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, err = run(capsys, "score", str(tmp_path / "nope.txt"))
    assert status == 2 and out == ""
    assert "nope.txt" in err


def test_nothing_to_score_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    status, _, err = run(capsys, "score", str(tmp_path))
    assert status == 2
    assert "nothing to score" in err and "empty.txt" in err


def test_quiet_in_pipes(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "score", str(SEEDS), "--format", "table")
    assert status == 0 and err == ""


def test_module_entry_point_has_no_traceback_for_user_errors(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "score", str(tmp_path / "missing")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "missing" in result.stderr


def test_unknown_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["score", str(SEEDS), "--format", "xml"])
    assert exit_info.value.code == 2


def test_evidence_table_lists_every_span(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    evidence = tmp_path / "evidence.csv"
    status, out, _ = run(capsys, "score", str(SEEDS), "--evidence", str(evidence))
    assert status == 0
    records = {r["id"]: r for r in json.loads(out)}
    rows = list(csv.DictReader(evidence.open(encoding="utf-8")))
    kinds = {row["kind"] for row in rows}
    assert {"excluded", "quote", "loaded", "naming"} <= kinds
    for row in rows:
        text = records[row["article"]]["text"]
        cut = text[int(row["start"]) : int(row["end"])]
        assert row["text"] in (cut, "'" + cut)  # formula-safe cells may gain an apostrophe
    loaded = [r for r in rows if r["kind"] == "loaded"]
    assert len(loaded) == sum(len(r["loaded"]["matches"]) for r in records.values())


def test_evaluate_needs_a_data_set(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "evaluate")
    assert status == 2 and "--basil" in err


def test_evaluate_json_on_the_tiny_fixture(capsys: pytest.CaptureFixture[str]) -> None:
    tiny = ROOT / "tests" / "fixtures" / "eval_tiny"
    status, out, _ = run(capsys, "evaluate", "--babe", str(tiny / "babe.csv"), "--json")
    assert status == 0
    result = json.loads(out)
    assert set(result) == {"babe"}
    assert {"auc", "auc_outlet_mean", "n"} <= set(result["babe"])


def test_compare_json_shows_the_rewritten_copy(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "compare", str(SEEDS), "--workers", "1")
    assert status == 0
    result = json.loads(out)
    assert set(result) >= {"pairs", "distinctive_terms", "events"}
    top = result["pairs"][0]
    assert max(top["reused_share_a"], top["reused_share_b"]) > 0.5
    assert top["passages"]
    assert set(result["distinctive_terms"]) == {
        "The Epoch Times",
        "CNN",
        "RT",
        "Indian outlet (unnamed)",
    }


def test_compare_csv_is_one_long_table(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "compare", str(SEEDS), "--format", "csv")
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["table"] for r in rows} == {"pairs", "passages", "distinctive_terms", "events"}


def test_compare_needs_two_articles(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "compare", str(seed_paths()[0]))
    assert status == 2 and "at least two" in err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal_and_not_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    from analysis.cli import _Reporter

    monkeypatch.delenv("CI", raising=False)
    terminal = _Terminal()
    reporter = _Reporter(terminal)
    for _ in range(50):
        reporter.tick()
    reporter.problem(Problem("x.txt", "cannot be read"))
    reporter.done()
    shown = terminal.getvalue()
    assert "scored" in shown and "50" in shown and "articles" in shown
    assert "rejected: x.txt: cannot be read" in shown

    monkeypatch.setenv("CI", "true")
    quiet = _Terminal()
    reporter = _Reporter(quiet)
    for _ in range(50):
        reporter.tick()
    reporter.done()
    assert quiet.getvalue() == ""


def test_store_gives_the_same_bytes_and_scores_stored_articles_no_more(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = tmp_path / "store"
    formats = (["--format", "json"], ["--format", "csv"], ["--format", "table"])
    plain = [run(capsys, "score", str(SEEDS), "--workers", "1", *f)[1] for f in formats]
    status, first, err = run(capsys, "score", str(SEEDS), "--store", str(store), "--workers", "1")
    assert status == 0 and err == "" and first == plain[0]
    assert list((store / "articles").glob("part-*.parquet"))

    def no_scoring(article: object) -> None:
        raise AssertionError("a stored article was scored again")

    monkeypatch.setattr("analysis.stored.score_article", no_scoring)
    for argv, expected in zip(formats, plain, strict=True):
        status, again, err = run(
            capsys, "score", str(SEEDS), "--store", str(store), "--workers", "1", *argv
        )
        assert status == 0 and err == "" and again == expected


def test_store_with_two_workers_scores_only_the_new_article(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from analysis.stored import open_store

    store = tmp_path / "store"
    first = seed_paths()[:2]
    run(capsys, "score", *map(str, first), "--store", str(store), "--workers", "2")
    status, out, _ = run(capsys, "score", str(SEEDS), "--store", str(store), "--workers", "2")
    _, plain, _ = run(capsys, "score", str(SEEDS), "--workers", "2")
    assert status == 0 and out == plain
    assert len(open_store(store).keys()) == 5
    assert len(list((store / "articles").glob("part-*.parquet"))) == 2  # 2, then the other 3


def test_a_store_from_an_older_method_is_rescored_not_misread(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from analysis.io.store import ScoreStore
    from analysis.stored import METHOD_VERSION, article_key, open_store

    articles = load_corpus(seed_paths()).articles
    stale = {"id": "stale", "words": -1, "text": ""}
    ScoreStore(tmp_path, method="0.0+old").write([(article_key(a), stale) for a in articles])
    _, plain, _ = run(capsys, "score", str(SEEDS), "--workers", "1")
    status, out, _ = run(capsys, "score", str(SEEDS), "--store", str(tmp_path), "--workers", "1")
    assert status == 0 and out == plain
    current = open_store(tmp_path)
    assert current.method.startswith(METHOD_VERSION + "+")
    assert len(current.keys()) == 5
    assert len(ScoreStore(tmp_path, method="0.0+old").keys()) == 5  # the old rows are kept


def test_an_unwritable_store_warns_and_still_writes_everything(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    _, plain, _ = run(capsys, "score", str(SEEDS), "--workers", "1")
    status, out, err = run(capsys, "score", str(SEEDS), "--store", str(blocker), "--workers", "1")
    assert status == 0 and out == plain
    assert "score store" in err and "not stored" in err and "Traceback" not in err


def test_score_imports_neither_numpy_nor_pandas(tmp_path: Path) -> None:
    code = (
        "import contextlib, io, sys\n"
        "from analysis.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    status = main(['score', {str(seed_paths()[0])!r}, '--workers', '1'])\n"
        "heavy = sorted(m for m in ('numpy', 'pandas') if m in sys.modules)\n"
        "print(status, heavy)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.stdout.strip() == "0 []", result.stderr


def test_a_damaged_store_part_is_a_warning_and_the_output_is_complete(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    store = tmp_path / "store"
    run(capsys, "score", str(SEEDS), "--store", str(store), "--workers", "1")
    damaged = store / "articles" / "part-00000000000000000000-damaged.parquet"
    damaged.write_bytes(b"not parquet")
    _, plain, _ = run(capsys, "score", str(SEEDS), "--workers", "1")
    status, out, err = run(capsys, "score", str(SEEDS), "--store", str(store), "--workers", "1")
    assert status == 0 and out == plain
    assert "damaged.parquet" in err and "cannot be read" in err and "Traceback" not in err
    assert damaged.exists()


def test_evidence_from_stored_articles_is_the_same(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    store, first, again = tmp_path / "store", tmp_path / "first.csv", tmp_path / "again.csv"
    run(capsys, "score", str(SEEDS), "--store", str(store), "--evidence", str(first))
    run(capsys, "score", str(SEEDS), "--store", str(store), "--evidence", str(again))
    assert first.read_bytes() == again.read_bytes() and len(first.read_bytes()) > 1000


def test_a_malformed_user_lexicon_is_a_usage_error_without_traceback(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from analysis.pipeline import default_resources

    bad = tmp_path / "user_lexicon.csv"
    bad.write_text("term,category\nx,y\n", encoding="utf-8")
    monkeypatch.setenv("FRAMING_USER_LEXICON", str(bad))
    default_resources.cache_clear()
    try:
        for extra in ([], ["--store", str(tmp_path / "store")]):
            status, out, err = run(capsys, "score", str(SEEDS), "--workers", "1", *extra)
            assert status == 2 and out == ""
            assert "user_lexicon.csv" in err and "Traceback" not in err
    finally:
        monkeypatch.undo()
        default_resources.cache_clear()
