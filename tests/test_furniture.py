"""analysis.text.furniture: each rule positive and negative, the seeds, robustness."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from texts import SEEDS

from analysis.text.furniture import BIO_ROLE_WORDS, FURNITURE_PATTERNS, find_furniture

HEADLINE = "Council approves new budget after a long debate"
BODY = (
    "The city council approved the budget on Tuesday after a debate that lasted most of the "
    "evening.\n\nMembers said the plan would repair roads and keep the libraries open on weekends, "
    "though two of them voted against it.\n\nThe mayor said the vote showed that the council could "
    "still agree on the things that matter to residents."
)


def middle(line: str) -> str:
    """An article with ``line`` as its own paragraph between body paragraphs."""
    return f"{HEADLINE}\n\n{BODY}\n\n{line}\n\n{BODY}"


def reasons(text: str, **kw: bool) -> list[tuple[str, str]]:
    return [(text[e.start : e.end], e.reason) for e in find_furniture(text, **kw)]


# (line, reason) - furniture wherever it stands in an article
FURNITURE = [
    ("You can share this story on social media:", "share prompt"),
    ("Share this article", "share prompt"),
    ("Click to share the story", "share prompt"),
    ("Share on Facebook", "share prompt"),
    ("share via Email", "share prompt"),
    ("Facebook Twitter Email", "share buttons"),
    ("Share | Tweet | Print", "share buttons"),
    ("Source link", "source link"),
    ("Original article: example.org/story", "source link"),
    ("Related Articles", "related links"),
    ("RELATED:", "related links"),
    ("Related: Council votes to close the old pool", "related links"),
    ("You may also like", "related links"),
    ("Read more: Council votes to close the old pool", "related links"),
    ("Read more about the budget »", "related links"),
    ("More from the Valley Times", "related links"),
    ("Leave a Reply", "comment form"),
    ("Post a comment", "comment form"),
    ("12 Comments", "comment form"),
    ("Your email address will not be published. Required fields are marked *", "comment form"),
    ("Required fields are marked *", "comment form"),
    ("Back to top button", "back to top"),
    ("Back to top ↑", "back to top"),
    ("Advertisement", "advertisement"),
    ("ADVERTISEMENT", "advertisement"),
    ("Story continues below advertisement", "advertisement"),
    ("Subscribe now!", "subscribe prompt"),
    ("Sign up for our daily newsletter", "subscribe prompt"),
    ("Get the latest headlines delivered to your inbox every morning.", "subscribe prompt"),
    ("© 2024 Valley Times Media Ltd.", "copyright line"),
    ("Copyright 2024 Valley Times. All rights reserved.", "copyright line"),
    ("Copyright © 2019 by the author", "copyright line"),
    ("Valley Times Media Ltd. All Rights Reserved.", "copyright line"),
    ("Photo: Jane Roe for the Valley Times", "image credit"),
    ("Image credit: city archive", "image credit"),
    ("The mayor speaks after the vote. (Photo by Jane Roe/Valley Times)", "image credit"),
    ("Jane Roe/Getty Images", "image credit"),
    ("The mayor after the vote. AFP via Getty Images", "image credit"),
    ("(AP Photo/John Doe)", "image credit"),
    (
        "Views expressed in this article are the opinions of the author and do not necessarily "
        "reflect the views of the Valley Times.",
        "opinion disclaimer",
    ),
    (
        "The views expressed here are the writer's own and not those of this publication.",
        "opinion disclaimer",
    ),
    ("Disclaimer: the author owns shares in a company mentioned.", "opinion disclaimer"),
    ("This column is the author's own opinion.", "opinion disclaimer"),
    ("By Jane Roe", "byline"),
    ("By JANE ROE", "byline"),
    ("By Jane Roe and John van der Berg, Valley Times", "byline"),
    ("Written by: Mary-Ann O'Neil | Staff", "byline"),
    ("By AP", "byline"),
    ("December 22, 2020 Updated: December 27, 2020", "timestamp"),
    ("Published 3 hours ago", "timestamp"),
    ("Updated 10:30 a.m. ET, Mon April 29, 2024", "timestamp"),
    ("2024-05-02T10:00:00Z", "timestamp"),
    ("12/22/2020 | 14:05 GMT", "timestamp"),
    ("Posted on 5th March 2017", "timestamp"),
]

# Lines that share words with the rules but are article text
NOT_FURNITURE = [
    "Investors share concerns about the market, and many share this story's pessimism about rates.",
    "Share prices fell 5 percent on Monday after the company warned on profits.",
    "Residents said they would share the article with their neighbours before the meeting.",
    "The source of the leak was never found, officials said.",
    "Related parties must disclose their holdings, the regulator said.",
    "Read more carefully, the rule says that councils must consult residents.",
    "More from the same family came to the hearing on Friday.",
    "Comments from residents were mostly positive, the council said.",
    "She went back to the top of the hill to look for the dog.",
    "Advertisement spending fell sharply last year, the industry body said.",
    "Millions subscribe to streaming services, and sign-ups rose again this year.",
    "Copyright law has not kept pace with the internet, the judge said.",
    "The photo was taken by a passer-by and shared widely.",
    "Getty Images said on Monday that it would merge with a rival.",
    "The views expressed by voters in the poll were mixed.",
    "By the end of the year the council expects to have repaired every road.",
    "By Monday, the river had risen by two metres.",
    "December 22, 2020 was a cold day in the city.",
    "The meeting ran until 10:30 p.m. on Tuesday, when the vote was finally held.",
    "2:11).",
    "248-250).",
    "March",
    "Jane Roe is a reporter who saw the crash and called the police.",
]


@pytest.mark.parametrize(("line", "reason"), FURNITURE)
def test_furniture_line(line: str, reason: str) -> None:
    assert reasons(middle(line)) == [(line, reason)]


@pytest.mark.parametrize("line", NOT_FURNITURE)
def test_article_text_is_not_furniture(line: str) -> None:
    assert reasons(middle(line)) == []


BIO = (
    "Jane Roe is a freelance writer and researcher focused on local government. She has covered "
    "the council since 2015."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(f"{HEADLINE}\n\n{BODY}\n\n{BIO}", [(BIO, "author bio")], id="bio at the end"),
        pytest.param(
            f"{HEADLINE}\n\n{BODY}\n\n*Jane Roe is the editor of the Valley Times.*\n\nBack to top",
            [
                ("*Jane Roe is the editor of the Valley Times.*", "author bio"),
                ("Back to top", "back to top"),
            ],
            id="bio before furniture",
        ),
        pytest.param(
            f"{HEADLINE}\n\n{BODY}\n\nJohn van der Berg is an award-winning columnist.",
            [("John van der Berg is an award-winning columnist.", "author bio")],
            id="bio with particles",
        ),
        pytest.param(f"{HEADLINE}\n\n{BIO}\n\n{BODY}\n\n{BODY}", [], id="bio-shaped opening"),
        pytest.param(
            f"{HEADLINE}\n\n{BODY}\n\nThe Valley Times is a newspaper founded by a writer.",
            [],
            id="not a person",
        ),
        pytest.param(
            f"{HEADLINE}\n\n{BODY}\n\nJane Roe is a nurse at the city hospital.",
            [],
            id="not a writing role",
        ),
    ],
)
def test_author_bio_only_in_the_final_part(text: str, expected: list) -> None:
    assert reasons(text) == expected


@pytest.mark.parametrize(
    ("text", "expected", "has_headline"),
    [
        pytest.param(f"{HEADLINE}\nJane Roe\n{BODY}", [("Jane Roe", "byline")], True, id="name"),
        pytest.param(
            f"{HEADLINE}\n\nDecember 22, 2020\n\nJane van Roe\n\n{BODY}",
            [("December 22, 2020", "timestamp"), ("Jane van Roe", "byline")],
            True,
            id="name after date line",
        ),
        pytest.param(f"{HEADLINE}\n{BODY}\n\nJane Roe\n\n{BODY}", [], True, id="name mid-text"),
        pytest.param(f"{HEADLINE}\nThe Long Road Home\n{BODY}", [], True, id="starts with The"),
        pytest.param(f"{HEADLINE}\nJane Roe reports.\n{BODY}", [], True, id="sentence punctuation"),
        pytest.param(f"{HEADLINE}\nJane\n{BODY}", [], True, id="one word"),
        pytest.param(f"Jane Roe\n\n{BODY}", [("Jane Roe", "byline")], False, id="no headline"),
        pytest.param(f"Jane Roe\n\n{BODY}", [], True, id="the headline is never furniture"),
    ],
)
def test_byline_directly_under_the_headline(text: str, expected: list, has_headline: bool) -> None:
    assert reasons(text, has_headline=has_headline) == expected


def seed_text(name: str) -> str:
    return next(SEEDS.glob(f"{name}_*.txt")).read_text(encoding="utf-8")


def test_seed_004_end_block() -> None:
    assert reasons(seed_text("004")) == [
        ("You can share this story on social media:", "share prompt"),
        ("Source link", "source link"),
        ("Related Articles", "related links"),
        ("Leave a Reply", "comment form"),
        ("Your email address will not be published. Required fields are marked *", "comment form"),
        ("Back to top button", "back to top"),
    ]


def test_seed_001_date_line_bio_and_disclaimer() -> None:
    found = reasons(seed_text("001"))
    assert [reason for _, reason in found] == ["timestamp", "author bio", "opinion disclaimer"]
    assert found[0][0] == "December 22, 2020 Updated: December 27, 2020"
    assert found[1][0].startswith("Zhong Yuan is a researcher focused on")
    assert found[1][0].endswith("in 2020.")
    assert found[2][0].startswith("Views expressed in this article are the opinions of the author")


def test_seed_003_byline_under_headline() -> None:
    assert reasons(seed_text("003")) == [("Virendra Pandit", "byline")]


@pytest.mark.parametrize("name", ["000", "002"])
def test_seeds_without_furniture(name: str) -> None:
    assert reasons(seed_text(name)) == []


def test_spans_are_trimmed_whole_lines() -> None:
    text = f"{HEADLINE}\n\n{BODY}\n  \tSource link \u00a0\r\n{BODY}"
    (span,) = find_furniture(text)
    assert text[span.start : span.end] == "Source link"
    assert text[span.start - 3 : span.start] == "\n  \t"[-3:]


def test_table_is_well_formed() -> None:
    for where, limit, hints, regex, reason in FURNITURE_PATTERNS:
        assert where in ("any", "top", "end") and limit > 0
        assert all(hint == hint.lower() for hint in hints)
        assert reason and reason == reason.lower()
        re.compile(regex)
    assert "writer" in BIO_ROLE_WORDS and "researcher" in BIO_ROLE_WORDS


def test_long_text_is_fast() -> None:
    text = "\n\n".join([HEADLINE, *([BODY, "By Jane Roe", "A" * 5000 + " is a writer"] * 200)])
    started = time.perf_counter()
    found = find_furniture(text)
    assert time.perf_counter() - started < 1.0
    assert len(found) == 200


def check_spans(text: str, has_headline: bool) -> None:
    spans = find_furniture(text, has_headline=has_headline)
    previous_end = 0
    for span in spans:
        assert previous_end <= span.start < span.end <= len(text)
        piece = text[span.start : span.end]
        assert piece == piece.strip() and "\n" not in piece
        assert span.reason
        previous_end = span.end


LINES = st.sampled_from([line for line, _ in FURNITURE] + NOT_FURNITURE + [HEADLINE, BODY, ""])


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=500), st.booleans())
def test_never_crashes_on_arbitrary_text(text: str, has_headline: bool) -> None:
    check_spans(text, has_headline)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(LINES, st.sampled_from(["\n", "\n\n", " \n", "\r\n"])), max_size=20))
def test_never_crashes_on_mixed_lines(parts: list[tuple[str, str]]) -> None:
    check_spans("".join(line + end for line, end in parts), True)
