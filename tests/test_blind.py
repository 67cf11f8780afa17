"""Blind reading: no outlet name, alias, domain, byline or author survives anywhere, and every
offset stays valid (fixture articles from two invented outlets, plus the seeds)."""

from __future__ import annotations

import io
import json
import re

import pypdf
import pytest
from hypothesis import given
from hypothesis import strategies as st
from texts import seed_paths

from analysis.classroom.blind import (
    MASK,
    Blinder,
    apply_masks,
    assign_letters,
    blind_comparison,
    blind_records,
    giveaway_spans,
    giveaways,
    letter_labels,
    reveal_table,
)
from analysis.io.corpus import load_corpus
from analysis.io.outlets import load_outlets
from analysis.io.output import article_to_dict
from analysis.pipeline import compare_records, score_article
from analysis.text.model import Article
from dashboard.export import evidence_frame, scores_frame, table_bytes
from dashboard.worksheet.html import answer_key_html, worksheet_html
from dashboard.worksheet.pdf import worksheet_pdf

OUTLETS_CSV = (
    "# test outlets\n"
    "name,aliases,country,ownership,description,website\n"
    "The Daily Planet,DP News|Planet Online,Nowhere,Private,An invented paper,dailyplanet.example\n"
    "Globe Wire,GW|Globe Wire Service,Nowhere,Cooperative,An invented agency,globewire.example\n"
)
PLANET = Article(
    id="planet-1",
    title="Council approves harbour plan | DP News",
    source="fixtures/planet-1.txt",
    outlet="The Daily Planet",
    author="Lois Lane",
    url="https://www.dailyplanet.example/2024/harbour",
    event="Harbour plan vote",
    text=(
        "Council approves harbour plan | DP News\n"
        "By Lois Lane\n"
        "METROPOLIS, May 3 (Daily Planet) — The city council approved the shameful harbour plan "
        "on Tuesday, a reckless move critics called a disaster.\n\n"
        "“This is a terrible, dangerous idea,” the mayor’s rival Jane Roe told the Daily Planet. "
        "Lane has covered the council since 2019. More at dailyplanet.example/harbour and "
        "www.dailyplanet.example.\n\n"
        "Residents said the vote was rushed. Planet Online readers disagreed, and Globe Wire "
        "reported the same vote.\n\n"
        "Lois Lane is a reporter for The Daily Planet."
    ),
)
GLOBE = Article(
    id="globe-7",
    title="Harbour plan passes after long debate",
    source="fixtures/globe-7.txt",
    outlet="Globe Wire",
    author="Perry White and Jimmy Olsen",
    event="Harbour plan vote",
    text=(
        "Harbour plan passes after long debate\n"
        "(GW) - Members of the city council voted on Tuesday to approve the harbour plan, "
        "according to Globe Wire Service records.\n\n"
        "“We listened to every resident,” council chair Sam Poe said. White and Olsen "
        "attended the meeting. A spokesman for GW said the agency’s figures were checked.\n\n"
        "Critics claimed the plan was an outrageous giveaway, while supporters insisted it "
        "would create jobs. The Daily Planet reported that the vote was rushed."
    ),
)
FIXTURE_NAMES = (
    "Daily Planet",
    "DP News",
    "Planet Online",
    "dailyplanet",
    "Lois",
    "Lane",
    "METROPOLIS",
    "Globe Wire",
    "GW",
    "globewire",
    "Perry",
    "White",
    "Jimmy",
    "Olsen",
)
SEED_NAMES = (
    "Epoch Times",
    "CNN",
    "RT",
    "Russia Today",
    "Zhong Yuan",
    "Pandit",
    "New Delhi",
    "大紀元",
    "cnn.com",
    "rt.com",
)


def leaks(text: str, names: tuple[str, ...]) -> list[str]:
    """The names found in ``text`` as whole words: in any case for names of several words and
    domains, as written or in capitals for single words (so "white-space" is not "White")."""
    found = []
    for name in names:
        flags = re.IGNORECASE if " " in name or name.islower() else 0
        forms = {name, name.upper()}
        if any(re.search(rf"(?<!\w){re.escape(f)}(?!\w)", text, flags) for f in forms):
            found.append(name)
    return found


@pytest.fixture
def outlets_file(tmp_path, monkeypatch):
    path = tmp_path / "outlets.csv"
    path.write_text(OUTLETS_CSV, encoding="utf-8")
    monkeypatch.setenv("FRAMING_OUTLETS", str(path))
    return path


@pytest.fixture
def records():
    return [article_to_dict(score_article(a)) for a in (PLANET, GLOBE)]


@pytest.fixture(scope="module")
def seed_records():
    return [article_to_dict(score_article(a)) for a in load_corpus(seed_paths()).articles]


def every_string(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def test_fixture_records_leak_nothing_and_keep_offsets(records, outlets_file):
    assert leaks(every_string(records), FIXTURE_NAMES)  # the fixture does contain them
    blinded, mapping = blind_records(records)
    assert leaks(every_string(blinded), FIXTURE_NAMES) == []
    assert mapping == {"Article A": "planet-1", "Article B": "globe-7"}
    for before, after in zip(records, blinded, strict=True):
        assert after["id"] == after["outlet"] == after["source"]
        assert after["author"] is None and after["url"] is None
        assert len(after["text"]) == len(before["text"])
        assert after["text"].count("\n") == before["text"].count("\n")
        for match in after["loaded"]["matches"]:
            assert match["text"] == after["text"][match["start"] : match["end"]]
        for quote in after["voices"]["quotes"]:
            assert quote["text"] == after["text"][quote["start"] : quote["end"]]
        # the evidence itself survives: the loaded words are still there to read
        assert any(MASK not in m["text"] for m in after["loaded"]["matches"])


def test_dateline_byline_tag_and_bio_are_masked(records, outlets_file):
    blinded, _ = blind_records(records)
    planet, globe = (r["text"] for r in blinded)
    first_body = planet.split("\n")[2]
    assert first_body.startswith(MASK * len("METROPOLIS, May 3 (Daily Planet) —"))
    assert first_body[len("METROPOLIS, May 3 (Daily Planet) —") :].startswith(" The city council")
    assert planet.split("\n")[1] == MASK * len("By Lois Lane")
    assert planet.split("\n")[0] == "Council approves harbour plan" + MASK * len(" | DP News")
    assert blinded[0]["title"] == planet.split("\n")[0]
    assert planet.rstrip().endswith(MASK * 10)  # the author bio line
    assert globe.split("\n")[1].startswith(MASK * len("(GW) -") + " Members")
    assert "Sam Poe" in globe and "Jane Roe" in planet  # people quoted are not giveaways


def test_names_inside_words_and_common_words_stay(outlets_file):
    record = {
        "id": "x",
        "title": "t",
        "outlet": "The Times",
        "author": "Mark Long",
        "text": "t\nAt times the long debate stalled, Long wrote in The Times. Timesheets too.",
    }
    blinded, _ = blind_records([record])
    text = blinded[0]["text"]
    assert "At times the long debate" in text and "Timesheets" in text
    assert "Long wrote" not in text and "The Times" not in text


def test_reveal_keeps_letters_and_text(records, outlets_file):
    revealed, mapping = blind_records(records, reveal=True)
    assert [r["id"] for r in revealed] == list(mapping)
    assert revealed[0]["outlet"] == "Article A: The Daily Planet"
    assert revealed[0]["text"] == records[0]["text"]
    rows = reveal_table(records, mapping)
    assert rows[1]["label"] == "Article B" and rows[1]["outlet"] == "Globe Wire"
    assert rows[1]["author"] == "Perry White and Jimmy Olsen"


def test_comparison_is_relabelled_without_giveaway_terms(records, outlets_file):
    comparison = compare_records(records).to_dict()
    comparison["distinctive_terms"]["Globe Wire"].append({"term": "gw", "z": 9.0, "count": 3})
    blinded = blind_comparison(comparison, records)
    assert leaks(every_string(blinded), FIXTURE_NAMES) == []
    assert set(blinded["distinctive_terms"]) <= {"Article A", "Article B"}
    assert all(p["a"].startswith("Article ") for p in blinded["pairs"])
    assert blinded["events"] == {"Harbour plan vote": ["Article A", "Article B"]}
    # comparing the blinded records directly gives per-article terms free of names too
    direct = compare_records(blind_records(records)[0]).to_dict()
    assert leaks(every_string(direct), FIXTURE_NAMES) == []


def test_exports_built_from_blinded_records_leak_nothing(records, outlets_file):
    blinded, _ = blind_records(records)
    comparison = compare_records(blinded).to_dict()
    for frame in (scores_frame(blinded), evidence_frame(blinded, comparison=comparison)):
        for fmt in ("csv", "json"):
            assert leaks(table_bytes(frame, fmt).decode("utf-8"), FIXTURE_NAMES) == []


def test_worksheets_leak_nothing(records, outlets_file):
    page = worksheet_html(records, blind=True)
    assert leaks(page, FIXTURE_NAMES) == []
    assert "Article A" in page and "Article B" in page
    pdf = worksheet_pdf(records, blind=True)
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert "Article A" in text
    assert leaks(text, FIXTURE_NAMES) == []
    # the teacher's key reveals them, on purpose
    assert "Globe Wire" in answer_key_html(records, blind=True)


def test_session_letters_are_kept_and_only_grow():
    first = assign_letters(["b", "a"])
    assert first == {"b": "Article A", "a": "Article B"}
    grown = assign_letters(["a", "c", "b", "c"], first)
    assert grown == {"b": "Article A", "a": "Article B", "c": "Article C"}
    # a deleted article leaves its letter unused: a new one never takes it
    assert assign_letters(["a", "d"], {"a": "Article B"}) == {"a": "Article B", "d": "Article A"}
    assert assign_letters(["x"], {"z": "Article A", "y": "Article C"})["x"] == "Article B"


@given(st.lists(st.text("abcdef", min_size=1, max_size=3), max_size=40), st.randoms())
def test_letters_are_unique_and_stable_whatever_the_order(ids, random):
    letters = assign_letters(ids)
    assert len(set(letters.values())) == len(letters) == len(set(ids))
    shuffled = list(ids)
    random.shuffle(shuffled)
    again = assign_letters([*shuffled, "new"], letters)
    assert {k: again[k] for k in letters} == letters
    assert again["new"] not in letters.values() or "new" in letters


def test_blinder_uses_the_sessions_letters(records, outlets_file):
    labels = {"globe-7": "Article A", "planet-1": "Article C"}
    blinder = Blinder(records, labels=labels)
    out = {r["id"]: blinder.record(r) for r in records}
    assert set(out) == {"planet-1", "globe-7"}
    assert out["globe-7"]["id"] == "Article A" and out["planet-1"]["outlet"] == "Article C"
    assert blinder.mapping == {"Article A": "globe-7", "Article C": "planet-1"}
    revealed, _ = blind_records(records, reveal=True, labels=labels)
    assert {r["id"]: r["outlet"] for r in revealed}["Article C"] == "Article C: The Daily Planet"
    worksheet = worksheet_html(records, blind=True, letters=labels)
    assert "Article C" in worksheet and "Article B" not in worksheet


def test_seeds_blinded_everywhere(seed_records):
    assert leaks(every_string(seed_records), SEED_NAMES)
    blinded, mapping = blind_records(seed_records)
    assert len(mapping) == 5
    assert leaks(every_string(blinded), SEED_NAMES) == []
    page = worksheet_html(seed_records, blind=True)
    assert leaks(page, SEED_NAMES) == []
    pdf = worksheet_pdf(seed_records, blind=True, paper="Letter")
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert leaks(text, SEED_NAMES) == []
    comparison = compare_records(seed_records).to_dict()
    assert leaks(every_string(blind_comparison(comparison, seed_records)), SEED_NAMES) == []


def test_giveaways_come_from_metadata_and_profiles(records, tmp_path):
    path = tmp_path / "o.csv"
    path.write_text(OUTLETS_CSV, encoding="utf-8")
    found = giveaways(records, profiles=load_outlets([path]))
    assert {"The Daily Planet", "Daily Planet", "DP News", "Lois Lane", "Lane"} <= set(found.names)
    assert {"Olsen", "Jimmy Olsen", "White", "GW", "Globe Wire Service"} <= set(found.names)
    assert found.domains == ("dailyplanet.example", "globewire.example")
    nothing = giveaways([{"id": "a", "text": "x"}], profiles={})
    assert nothing.pattern() is None
    assert giveaway_spans({"text": "CNN said", "excluded": []}, nothing.pattern()) == []


def test_letter_labels_go_past_z():
    labels = letter_labels(28)
    assert labels[:2] == ["Article A", "Article B"]
    assert labels[25:] == ["Article Z", "Article AA", "Article AB"]


@given(
    st.text(alphabet="ab \n.“”", max_size=60),
    st.lists(st.tuples(st.integers(-5, 70), st.integers(-5, 70)), max_size=6),
)
def test_masks_keep_length_lines_and_everything_outside(text, spans):
    masked = apply_masks(text, spans)
    assert len(masked) == len(text)
    inside = {i for s, e in spans for i in range(max(0, s), min(len(text), e))}
    for i, (a, b) in enumerate(zip(text, masked, strict=True)):
        if a == "\n" or i not in inside:
            assert a == b
        else:
            assert b == MASK
