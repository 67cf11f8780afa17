"""analysis.io.story_edits: rename, merge, split as overrides; applied to records; the file."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.io.corpus import load_corpus
from analysis.io.output import article_to_dict
from analysis.io.story_edits import (
    StoryEditError,
    apply_story_edits,
    merge_stories,
    parse_story_edits,
    rename_story,
    split_story,
    story_edits_json,
)
from analysis.pipeline import compare_records, score_article

EVENTS = {"Harbour": ("a", "b", "c"), "story 1": ("d",), "Budget": ("e", "f")}


def test_rename_pins_every_article_of_the_story():
    assert rename_story(EVENTS, "story 1", "  Rail   strike ") == {"d": "Rail strike"}


def test_merge_puts_every_article_in_one_story():
    got = merge_stories(EVENTS, ["Harbour", "Budget"], "Town news")
    assert got == dict.fromkeys("abcef", "Town news")


def test_split_moves_the_chosen_and_pins_the_rest():
    got = split_story(EVENTS, "Harbour", ["b"], "Harbour fire")
    assert got == {"a": "Harbour", "b": "Harbour fire", "c": "Harbour"}


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda: rename_story(EVENTS, "Nope", "X"), "no story called 'Nope'"),
        (lambda: rename_story(EVENTS, "Harbour", "   "), "give the story a name"),
        (lambda: rename_story(EVENTS, "Harbour", "a\x00b"), "control characters"),
        (lambda: rename_story(EVENTS, "Harbour", "x" * 201), "at most 200"),
        (lambda: merge_stories(EVENTS, ["Harbour"], "X"), "at least two"),
        (lambda: merge_stories(EVENTS, ["Harbour", "Harbour"], "X"), "at least two"),
        (lambda: split_story(EVENTS, "Harbour", [], "X"), "choose the articles"),
        (lambda: split_story(EVENTS, "Harbour", ["e"], "X"), "only articles of 'Harbour'"),
        (lambda: split_story(EVENTS, "Harbour", ["a", "b", "c"], "X"), "leave at least one"),
        (lambda: split_story(EVENTS, "Harbour", ["a"], "Harbour"), "a name of its own"),
    ],
)
def test_edits_that_cannot_be_done_say_why(edit, message):
    with pytest.raises(StoryEditError, match=message):
        edit()


def test_apply_changes_only_the_event_of_overridden_records():
    records = [{"id": "a", "event": "Harbour", "x": [1]}, {"id": "d", "event": None}]
    edited = apply_story_edits(records, {"d": "Rail", "zzz": "gone"})
    assert edited[0] is records[0]
    assert edited[1] == {"id": "d", "event": "Rail"} and records[1]["event"] is None


def test_file_round_trip_and_bad_files():
    overrides = {"b": "Ünïcode story", "a": "Harbour"}
    text = story_edits_json(overrides)
    assert parse_story_edits(text) == overrides
    assert list(parse_story_edits(text)) == ["a", "b"]
    assert parse_story_edits("") == {}
    for bad, message in [
        ("{", "not valid JSON"),
        ("[]", "expected"),
        ('{"version": 2, "stories": {}}', "expected"),
        ('{"version": 1, "stories": {"a": 3}}', "not text"),
        ('{"version": 1, "stories": {"a": " "}}', "article 'a': give the story a name"),
    ]:
        with pytest.raises(StoryEditError, match=message):
            parse_story_edits(bad, source="s.json")


@given(st.dictionaries(st.text(max_size=8), st.text(max_size=30)))
def test_parse_never_crashes_on_any_mapping(stories):
    import json

    try:
        got = parse_story_edits(json.dumps({"version": 1, "stories": stories}))
    except StoryEditError:
        return
    assert set(got) == set(stories)


def test_the_comparison_follows_a_split_and_a_merge(seeds_dir):
    records = [article_to_dict(score_article(a)) for a in load_corpus([seeds_dir]).articles]
    events = compare_records(records).to_dict()["events"]
    story = max(events, key=lambda name: len(events[name]))
    first, *rest = events[story]
    overrides = split_story(events, story, [first], "Split off")
    after = compare_records(apply_story_edits(records, overrides)).to_dict()["events"]
    assert after["Split off"] == [first] and after[story] == rest
    merged = merge_stories(after, list(after), "Everything")
    final = compare_records(apply_story_edits(records, merged)).to_dict()["events"]
    assert list(final) == ["Everything"] and len(final["Everything"]) == len(records)
