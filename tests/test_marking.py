"""Mark then reveal: a student's marks against the tool's flagged loaded words."""

from __future__ import annotations

import pytest

from analysis.classroom.marking import (
    answer_forms,
    compare_marks,
    flagged_matches,
    gives_away,
    inflections,
    passage_answers,
    passage_tokens,
)

TEXT = "Head\n\nThe reckless plan was a disaster, said Ann. “A shameful mess,” she said. Fine."


def match(word: str, *, weight: float = 0.8, in_quote: bool = False, category: str = "emotive"):
    start = TEXT.index(word)
    return {
        "start": start,
        "end": start + len(word),
        "text": word,
        "term": word,
        "category": category,
        "weight": weight,
        "in_quote": in_quote,
        "reason": f"why {word}",
        "alternative": "plain",
    }


RECORD = {
    "id": "x",
    "text": TEXT,
    "loaded": {
        "matches": [
            match("reckless"),
            match("disaster"),
            match("shameful", in_quote=True),
            match("plan", weight=0.2),  # below the flag weight: not one of the tool's words
        ]
    },
}
START, END = TEXT.index("The"), TEXT.index(" Fine.")


def span(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


def test_tokens_of_the_passage_only():
    tokens = passage_tokens(TEXT, START, END)
    assert tokens[0].text == "The" and tokens[-1].text == "said"
    assert all(TEXT[t.start : t.end] == t.text for t in tokens)
    assert "Head" not in [t.text for t in tokens] and "Fine" not in [t.text for t in tokens]


def test_flagged_words_skip_light_matches_and_other_places():
    words = [m["text"] for m in flagged_matches(RECORD, START, END)]
    assert words == ["reckless", "disaster", "shameful"]
    assert flagged_matches(RECORD, 0, START) == []


def test_agree_only_student_only_tool_with_reasons():
    result = compare_marks(
        RECORD, [span("reckless"), span("mess"), span("mess")], start=START, end=END
    )
    assert [(w.text, w.status) for w in result.words] == [
        ("reckless", "agree"),
        ("disaster", "tool"),
        ("shameful", "tool"),
        ("mess", "student"),
    ]
    tool_only = result.of("tool")
    assert tool_only[0].reason == "why disaster" and tool_only[0].alternative == "plain"
    assert tool_only[1].in_quote
    assert result.of("student")[0].category == ""
    assert result.found_share == pytest.approx(1 / 3)
    assert result.shared_share == pytest.approx(1 / 2)


def test_a_word_inside_a_tool_phrase_agrees():
    record = {"text": TEXT, "loaded": {"matches": [match("reckless plan")]}}
    result = compare_marks(record, [span("plan")], start=START, end=END)
    assert [(w.text, w.status) for w in result.words] == [("reckless plan", "agree")]
    assert result.found_share == result.shared_share == 1.0


def test_nothing_marked_and_nothing_flagged():
    empty = compare_marks({"text": TEXT}, [], start=START, end=END)
    assert empty.words == () and empty.found_share is None and empty.shared_share is None
    outside = compare_marks(RECORD, [span("Head"), span("Fine")], start=START, end=END)
    assert outside.shared_share is None and outside.found_share == 0.0


def test_the_match_s_own_flag_wins_when_present():
    light = {**match("plan", weight=0.2), "flagged": True}
    heavy = {**match("reckless"), "flagged": False}
    record = {"text": TEXT, "loaded": {"matches": [heavy, light]}}
    assert [m["text"] for m in flagged_matches(record, START, END)] == ["plan"]


@pytest.mark.parametrize(
    ("word", "forms"),
    [
        ("gaffe", {"gaffe", "gaffes"}),
        ("deny", {"denies", "denied", "denying"}),
        ("denied", {"deny", "denies", "denying"}),
        ("blurted", {"blurt", "blurts", "blurting"}),
        ("stop", {"stops", "stopped", "stopping"}),
        ("stopped", {"stop", "stopping"}),
        ("crush", {"crushes", "crushed", "crushing"}),
        ("Slams", {"slam", "slammed", "slamming"}),
    ],
)
def test_inflections_cover_regular_forms(word, forms):
    assert forms <= inflections(word)


def test_answer_forms_keep_content_words_and_find_them_in_any_case():
    forms = answer_forms(["overly zealous denial", "blurted out", "gaffe"])
    assert {"overly", "zealous", "denial", "denials", "blurt", "gaffes"} <= forms
    assert "out" not in forms and "the" not in forms  # function words never withheld
    assert gives_away("Which GAFFES did he make?", forms)
    assert gives_away("Was the denial “overly” strong?", forms)
    assert not gives_away("Who said it out loud, and why?", forms)
    assert not gives_away("Anything at all", frozenset())
    assert not gives_away("A gaffer tapes the cables.", forms)  # another word, not a form


def test_passage_answers_are_the_flagged_words_inside_the_passage():
    assert passage_answers(RECORD, START, END) == ("reckless", "disaster", "shameful")
    assert passage_answers(RECORD, TEXT.index("plan"), TEXT.index(" a ")) == ()  # "plan" is light
