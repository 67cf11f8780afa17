"""Speaker groups that hold off the seed topic: offices, the article's country, bodies, people.

Every text here is made up for the test (no evaluation or seed text is copied).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.measures.voices import find_voices, load_speaker_groups
from analysis.measures.voices.groups import SPEAKER_GROUPS_FILE, read_group_rules
from analysis.measures.voices.verbs import VoicesLexiconError
from analysis.text.segmentation import segment

GROUPS = load_speaker_groups([SPEAKER_GROUPS_FILE])
#: A paragraph that names the United States three times, so the article has a country.
US_STORY = "The U.S. economy slowed in Ohio and Texas this spring, and U.S. markets fell.\n\n"


def _voices(text: str) -> list[tuple[str | None, str | None]]:
    return [(q.speaker, q.speaker_group) for q in find_voices(segment(text), groups=GROUPS).quotes]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # One-word organisations are bodies, not people.
        ("“We take privacy seriously,” Facebook said.", [("Facebook", "organisation")]),
        ("Facebook said it was “deeply troubled” by the leak.", [("Facebook", "organisation")]),
        ("“We did nothing wrong,” SCL, the firm, said.", [("SCL", "organisation")]),
        # ... unless a title or "he"/"she" shows a person.
        ("“We will go,” Mr. Vale said.", [("Vale", "person")]),
        ("“We will go,” Vale said. “Soon,” he added.", [("Vale", "person"), ("Vale", "person")]),
        # "the National Anthem" names no one, so "he" has no antecedent.
        ("The National Anthem played. “I will kneel,” he said.", [(None, None)]),
        (
            "Ann Lee sang the National Anthem. “It was an honour,” she said.",
            [("Ann Lee", "person")],
        ),
    ],
)
def test_one_word_bodies_and_names_that_are_no_people(
    text: str, expected: list[tuple[str | None, str | None]]
) -> None:
    assert _voices(text) == expected


@pytest.mark.parametrize(
    ("text", "group"),
    [
        # An office named without a country is one of the article's country ...
        (US_STORY + "“We will build it,” President Trump said.", "US government"),
        (US_STORY + "“We will act,” said Representative Tom Vale.", "US government"),
        # ... and stays of no stated country when the article has none.
        ("“We will build it,” President Trump said.", "officials, country not stated"),
        # Two countries named about as often: no single country.
        (
            "France and Germany met. French and German ministers spoke. France, Germany agreed.\n\n"
            "“We will act,” President Tom Vale said.",
            "officials, country not stated",
        ),
        # A country named most in the article places its offices.
        (
            "France voted. French voters and French unions marched.\n\n"
            "“We will act,” the prime minister said.",
            "officials of France",
        ),
    ],
)
def test_offices_of_the_articles_country(text: str, group: str) -> None:
    assert _voices(text)[-1][1] == group


@pytest.mark.parametrize(
    ("text", "group"),
    [
        # The office held outranks the party (the lexicon's "office" rows).
        ("Ohio Sen. Ann Lee, a Republican, spoke first. “We will win,” Lee said.", "US government"),
        # A past office places nobody in a government.
        ("Former Ohio Sen. Ann Lee spoke first. “We will win,” Lee said.", "person"),
        # Officers of bodies no rule knows speak for an organisation.
        ("“We will strike,” said union President Ann Lee.", "organisation"),
        ("“It is a bad deal,” said Tom Vale, president of Clear Path.", "organisation"),
        ("“It is a bad deal,” said Tom Vale, head of the Roe Fund.", "organisation"),
        # ... but a name after "of" that a rule knows is no private body.
        (
            US_STORY + "“It is a bad deal,” said Tom Vale, director of the Office of Budget.",
            "US government",
        ),
        # A person described only by role is unnamed.
        ("“We will strike,” one union official said.", "unnamed"),
        ("“Stand back,” the officer said.", "unnamed"),
    ],
)
def test_offices_parties_officers_and_roles(text: str, group: str) -> None:
    assert _voices(text)[-1][1] == group


def test_article_country_needs_enough_mentions_and_a_margin() -> None:
    assert GROUPS.article_country("Ohio and Texas; the U.S. said so; U.S. firms agreed.") == "U.S."
    assert GROUPS.article_country("Ohio voted.") is None
    # Two mentions are enough when no other country is named at all.
    assert GROUPS.article_country("Ohio voted; the Ohio count ended.") == "Ohio"
    assert GROUPS.article_country("Ohio voted; the Ohio count ended; France watched.") is None
    assert GROUPS.article_country("China, China, China; U.S., U.S., U.S.") is None


def test_the_office_column_is_yes_or_no(tmp_path: Path) -> None:
    path = tmp_path / "groups.csv"
    path.write_text(
        "group,kind,cues,requires,office\nUS government,person,mayor,,maybe\n", encoding="utf-8"
    )
    with pytest.raises(VoicesLexiconError, match="office"):
        read_group_rules(path)
    path.write_text("group,kind,cues,requires\nmedia,person,host,\n", encoding="utf-8")
    assert [r.office for r in read_group_rules(path)] == [False]
