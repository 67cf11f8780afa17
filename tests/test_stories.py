"""Story grouping: dates, names, average-link with known answers, catalog events, real texts."""

from __future__ import annotations

import pytest

from analysis.compare.comparison import compare_corpus
from analysis.compare.documents import Vocabulary, prepare_documents
from analysis.compare.names import _names, mid_sentence_names
from analysis.compare.stories import (
    DATE_HALF_LIFE,
    DATE_WINDOW,
    EVENT_REUSE,
    STORY_NEIGHBOURS,
    STORY_THRESHOLD,
    date_factor,
    group_stories,
    parse_date,
)
from analysis.text.model import Article, Segmentation
from analysis.text.segmentation import segment


def _item(
    article_id: str, text: str, *, event: str | None = None, date: str | None = None
) -> tuple[Article, Segmentation]:
    title = text.split("\n", 1)[0]
    article = Article(article_id, text, title, "test", outlet="Outlet", event=event, date=date)
    return article, segment(text, has_headline=True)


def _docs(n: int, events: dict[int, str] | None = None):
    items = [
        _item(f"d{i}", f"Title {i}\n\nText number {i}.", event=(events or {}).get(i))
        for i in range(n)
    ]
    return prepare_documents(items, {}, Vocabulary())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2010-07-02", (733955, 0)),
        ("2024-04", (738991, 15)),  # 15 April 2024, give or take 15 days
        ("2021", (737972, 183)),
        ("2010-07-02T10:00:00Z", (733955, 0)),
        ("2024-13-40", None),
        ("yesterday", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_date(text: str | None, expected: tuple[int, int] | None) -> None:
    assert parse_date(text) == expected


def test_date_factor_is_one_in_the_window_then_halves() -> None:
    day = (733955, 0)
    assert date_factor(day, None) == 1.0
    assert date_factor(day, (day[0] + DATE_WINDOW, 0)) == 1.0
    assert date_factor(day, (day[0] + DATE_WINDOW + DATE_HALF_LIFE, 0)) == pytest.approx(0.5)
    assert date_factor((day[0] - 30, 0), day) == pytest.approx(
        0.5 ** ((30 - DATE_WINDOW) / DATE_HALF_LIFE)
    )
    # A month-only date is uncertain by 15 days: the 20th of the month is "within" it.
    assert date_factor((738996, 0), parse_date("2024-04")) == 1.0


def test_names_are_capitalised_runs_not_sentence_starts_or_headlines() -> None:
    text = (
        "Council Backs Tram Extension After Long Debate\n\n"
        "Officials said Michael Steele met the Harbour Board in Oslo. "
        "Steele left early. Oslo was cold."
    )
    items = [_item("a", text)]
    vocabulary = Vocabulary()
    doc = prepare_documents(items, {}, vocabulary)[0]
    content = vocabulary.content_mask()
    runs = [
        " ".join(vocabulary.words[i] for i in run)
        for run in _names(doc, content, mid_sentence_names([doc], content))
    ]
    # "Officials" starts a sentence and is never capitalised elsewhere; "Oslo" and "Steele" are
    # (so their sentence-initial uses count); the title-case headline gives no names.
    assert runs == ["michael steele", "harbour board", "oslo", "steele", "oslo"]


def test_average_link_known_answer() -> None:
    docs = _docs(4)
    similarity = {(0, 1): 0.9, (2, 3): 0.8, (1, 2): 0.3}
    # {0,1} and {2,3} form first; their mean link is 0.3 / 4 = 0.075 (absent pairs count 0).
    assert group_stories(docs, similarity, {}, threshold=0.2) == {
        "story 1": ("d0", "d1"),
        "story 2": ("d2", "d3"),
    }
    assert group_stories(docs, similarity, {}, threshold=0.07) == {
        "story 1": ("d0", "d1", "d2", "d3")
    }
    assert group_stories(docs, similarity, {}, threshold=0.95) == {
        f"story {i + 1}": (f"d{i}",) for i in range(4)
    }


def test_average_link_is_not_single_link() -> None:
    # A chain 0-1-2-3-4 of strong links: single link would make one story; average link stops
    # once a group's mean over all its pairs falls below the threshold.
    docs = _docs(5)
    chain = {(i, i + 1): 0.5 for i in range(4)}
    events = group_stories(docs, chain, {}, threshold=0.3)
    assert len(events) > 1
    assert sorted(len(ids) for ids in events.values()) == [1, 2, 2]


def test_catalog_events_never_merge_but_absorb_similar_articles() -> None:
    docs = _docs(3, events={0: "tram vote", 1: "budget"})
    similarity = {(0, 1): 0.99, (0, 2): 0.6, (1, 2): 0.1}
    assert group_stories(docs, similarity, {}) == {"tram vote": ("d0", "d2"), "budget": ("d1",)}


def test_reuse_joins_articles_before_similarity() -> None:
    docs = _docs(3)
    assert group_stories(docs, {}, {(0, 2): EVENT_REUSE}) == {
        "story 1": ("d0", "d2"),
        "story 2": ("d1",),
    }
    assert group_stories(docs, {}, {(0, 2): EVENT_REUSE / 2}) == {
        f"story {i + 1}": (f"d{i}",) for i in range(3)
    }


# Three events, each reported by three "outlets" in their own words (no copying), written for
# this test: a tram vote, a wildfire, a football transfer.
STORIES = {
    "tram": [
        "Council approves tram extension\n\nThe city council voted on Tuesday to extend the "
        "northern tram line by six kilometres. Mayor Anna Keller said the line would serve the "
        "harbour district. The extension will cost 240 million euros.",
        "Tram line to grow after council vote\n\nCouncillors backed a longer northern tram "
        "route, ending a two-year dispute in the harbour district. Anna Keller called the "
        "decision historic. Critics warned about the 240 million euro cost.",
        "Harbour district divided over tram plan\n\nResidents of the harbour district reacted "
        "with anger and relief to the council's tram decision. Keller promised the northern "
        "line would open by 2028 despite concerns about cost.",
    ],
    "fire": [
        "Wildfire forces evacuations near Pine Valley\n\nA wildfire spread across dry hills "
        "near Pine Valley on Monday, forcing hundreds of families to leave their homes. "
        "Firefighters from three counties battled the flames through the night.",
        "Hundreds flee as fire nears Pine Valley\n\nFlames driven by strong winds reached the "
        "edge of Pine Valley, and fire crews ordered evacuations. Chief Luis Romero said the "
        "blaze had burned 4,000 acres of hills.",
        "Firefighters battle blaze in drought-hit hills\n\nChief Luis Romero said crews were "
        "making progress against the wildfire threatening Pine Valley, where evacuated "
        "families waited in school gyms for news of their homes.",
    ],
    "transfer": [
        "Striker Tomas Berg joins Rovers\n\nRovers have signed striker Tomas Berg for a club "
        "record fee, the club announced on Friday. Berg scored 31 goals last season.",
        "Rovers break transfer record for Berg\n\nTomas Berg has completed his move to Rovers "
        "after a medical on Thursday. The forward signed a five-year contract.",
        "Berg move delights Rovers fans\n\nFans gathered outside the stadium as Rovers "
        "unveiled Tomas Berg, the striker whose goals fired his old club to promotion.",
    ],
}


def test_articles_without_labels_are_grouped_by_what_they_report() -> None:
    items = [
        _item(f"{story}-{i}", text)
        for story, texts in STORIES.items()
        for i, text in enumerate(texts)
    ]
    groups = sorted(sorted(ids) for ids in compare_corpus(items).events.values())
    assert groups == [[f"{story}-{i}" for i in range(3)] for story in sorted(STORIES)]


def test_dates_months_apart_keep_similar_articles_apart() -> None:
    texts = STORIES["tram"]
    same_week = [_item(f"t{i}", t, date=f"2024-05-0{i + 1}") for i, t in enumerate(texts)]
    assert len(compare_corpus(same_week).events) == 1
    far = [
        _item(f"t{i}", t, date=d)
        for i, (t, d) in enumerate(
            zip(texts, ["2020-01-10", "2022-06-01", "2024-09-20"], strict=True)
        )
    ]
    assert len(compare_corpus(far).events) == 3


def test_a_large_story_is_not_split_by_the_neighbour_limit() -> None:
    # 40 articles of one story, and a 41st whose 30 listed neighbours (the graph's limit) are
    # all in it at 0.25: over all 40 pairs that would average 0.19, below the threshold, but the
    # graph can hold only 30 of them, so the mean is taken over 30 (0.25) and it joins.
    docs = _docs(41)
    similarity = {(i, j): 0.5 for i in range(40) for j in range(i + 1, 40)}
    similarity.update({(i, 40): 0.25 for i in range(STORY_NEIGHBOURS)})
    assert 0.25 * STORY_NEIGHBOURS / 40 < STORY_THRESHOLD <= 0.25
    assert group_stories(docs, similarity, {}) == {"story 1": tuple(f"d{i}" for i in range(41))}
    # Small groups still use every pair: one strong link is not enough to join a pair of pairs.
    assert len(group_stories(_docs(4), {(0, 1): 0.9, (2, 3): 0.9, (1, 2): 0.7}, {})) == 2
