"""No data lost: writers SIGKILLed at random moments leave every file old or new, never partial,
and two writers at once never lose what either added.

Covered writers: the article library (``dashboard.library.save_articles``), the user lexicon
(``analysis.text.lexicon.add_user_term``) and the user's outlet file
(``analysis.io.outlets.add_user_outlet``) and the score store (``analysis.io.store.ScoreStore``,
including its compaction of part files).

A child process writes in a loop; the parent kills it with SIGKILL after a random delay (at least
30 trials per writer, seeded), then checks every file. Articles are large (200 KB) so that a kill
often lands during a write.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from analysis.io.corpus import load_corpus
from analysis.io.outlets import read_outlets
from analysis.text.lexicon import load_lexicon
from dashboard.library import library_files

ROOT = Path(__file__).resolve().parent.parent
TRIALS = 30
ARTICLE_CHARS = 200_000

LIBRARY_WRITER = """
import sys
from pathlib import Path
from analysis.text.model import Article
from dashboard.library import save_articles

library, tag, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
for k in range(count):
    body = (f"Article {{tag}}-{{k}} body. " * ({chars} // 10))[:{chars}]
    article = Article(id=f"{{tag}}-{{k}}", text=f"Title {{tag}} {{k}}\\n\\n{{body}}", title="t",
                      source="x")
    save_articles(library, [article, article], name="story")
    print(k, flush=True)
"""

LEXICON_WRITER = """
import sys
from analysis.text.lexicon import add_user_term

path, tag, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
for k in range(count):
    add_user_term(f"zqx{{tag}}term{{k}}", "emotive", weight=1.0, reason="r" * 5000, path=path)
    print(k, flush=True)
"""

OUTLETS_WRITER = """
import sys
from analysis.io.outlets import OutletProfile, add_user_outlet

path, tag, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
for k in range(count):
    add_user_outlet(OutletProfile(f"Zqx {{tag}} Gazette {{k}}", description="d" * 5000), path)
    print(k, flush=True)
"""

STORE_WRITER = """
import sys
from analysis.io.store import ScoreStore

root, tag, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
store = ScoreStore(root, method="m1")
for k in range(count):
    record = {{"id": f"{{tag}}-{{k}}", "text": "", "title": "t", "words": k, "pad": "p" * 50000}}
    store.write([(f"{{tag}}-{{k}}", record)])
    print(k, flush=True)
"""


def _start(script: str, *args: object) -> subprocess.Popen:
    code = textwrap.dedent(script).format(chars=ARTICLE_CHARS)
    return subprocess.Popen(
        [sys.executable, "-c", code, *map(str, args)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _kill_at_random(script: str, target: Path, tag: str, rng: random.Random) -> None:
    child = _start(script, target, tag, 10_000)
    # Wait until the child has imported everything and written at least once, then kill it at a
    # random moment of a later write.
    first = child.stdout.readline()
    assert first, child.stderr.read()
    time.sleep(rng.uniform(0, 0.25))
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)


def _check_library(library: Path, before: dict[str, bytes]) -> dict[str, bytes]:
    now = {p.name: p.read_bytes() for p in library_files(library)}
    for name, data in before.items():
        assert now[name] == data, f"{name} changed after it was written"
    for name, data in now.items():
        lines = data.decode("utf-8").splitlines()
        assert data.endswith(b"\n") and len(lines) == 2, f"{name} is partial"
        rows = [json.loads(line) for line in lines]
        assert rows[0] == rows[1]
        tag = rows[0]["id"]
        assert rows[0]["text"].startswith(f"Title {tag.replace('-', ' ')}\n\n")
        assert len(rows[0]["text"]) == len(f"Title {tag.replace('-', ' ')}\n\n") + ARTICLE_CHARS
    corpus = load_corpus([library])
    assert [p for p in corpus.problems if p.severity == "error"] == []
    return now


def test_library_files_are_old_or_new_after_sigkill(tmp_path: Path) -> None:
    library = tmp_path / "library"
    rng = random.Random(20240601)
    seen: dict[str, bytes] = {}
    for trial in range(TRIALS):
        _kill_at_random(LIBRARY_WRITER, library, f"t{trial}", rng)
        seen = _check_library(library, seen)
    assert len(seen) >= TRIALS  # every trial saved at least its first file


def _terms(path: Path) -> list[str]:
    return [e.term for e in load_lexicon(user_path=path).entries if e.user]


def test_user_lexicon_is_old_or_new_after_sigkill(tmp_path: Path) -> None:
    path = tmp_path / "user_lexicon.csv"
    rng = random.Random(7)
    previous: list[str] = []
    for trial in range(TRIALS):
        _kill_at_random(LEXICON_WRITER, path, f"t{trial}", rng)
        text = path.read_text(encoding="utf-8")
        assert text.endswith("\n")
        terms = _terms(path)  # raises on a partial row
        assert terms[: len(previous)] == previous  # nothing written before was lost
        assert all(line.endswith("r" * 5000 + ",") for line in text.splitlines()[1:])
        previous = terms
    assert len(previous) >= TRIALS


def test_user_outlets_are_old_or_new_after_sigkill(tmp_path: Path) -> None:
    path = tmp_path / "outlets.csv"
    rng = random.Random(11)
    previous: list[str] = []
    for trial in range(TRIALS):
        _kill_at_random(OUTLETS_WRITER, path, f"t{trial}", rng)
        profiles = read_outlets(path)
        names = [p.name for p in profiles]
        assert names[: len(previous)] == previous
        assert all(p.description == "d" * 5000 for p in profiles)
        previous = names
    assert len(previous) >= TRIALS


@pytest.mark.parametrize(
    ("script", "name", "count"),
    [
        (LIBRARY_WRITER, "library", 15),
        (LEXICON_WRITER, "lexicon.csv", 40),
        (OUTLETS_WRITER, "outlets.csv", 40),
    ],
    ids=["library", "lexicon", "outlets"],
)
def test_two_writers_at_once_lose_nothing(tmp_path: Path, script: str, name: str, count: int):
    target = tmp_path / name
    writers = [_start(script, target, tag, count) for tag in ("a", "b")]
    for writer in writers:
        _, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err
    if name == "library":
        ids = {a.id for a in load_corpus([target]).articles}
        assert ids >= {f"{tag}-{k}" for tag in "ab" for k in range(count)}
        assert len(library_files(target)) == 2 * count
    elif name == "lexicon.csv":
        assert sorted(_terms(target)) == sorted(
            f"zqx{tag}term{k}" for tag in "ab" for k in range(count)
        )
    else:
        assert sorted(p.name for p in read_outlets(target)) == sorted(
            f"Zqx {tag} Gazette {k}" for tag in "ab" for k in range(count)
        )


def test_score_store_reads_whole_rows_only_after_sigkill(tmp_path: Path) -> None:
    from analysis.io.store import ScoreStore

    root = tmp_path / "store"
    rng = random.Random(3)
    previous: set[str] = set()
    for trial in range(TRIALS):
        _kill_at_random(STORE_WRITER, root, f"t{trial}", rng)
        store = ScoreStore(root, method="m1")
        rows = store.load()
        assert store.problems == []
        assert previous <= set(rows)  # rows written before the kill were not lost
        for key, record in rows.items():
            assert record["id"] == key and record["pad"] == "p" * 50_000
            assert record["words"] == int(key.rsplit("-", 1)[1])
        previous = set(rows)
    assert len(previous) >= TRIALS
