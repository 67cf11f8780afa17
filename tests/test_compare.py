"""Comparison across articles: reuse on constructed pairs, log-odds with known answers, events."""

from __future__ import annotations

import csv
import math
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from texts import SEEDS, seed_paths

from analysis.compare.comparison import Comparison, compare_corpus
from analysis.compare.distinctive import log_odds_z
from analysis.compare.documents import Vocabulary, prepare_documents
from analysis.compare.reuse import MIN_PASSAGE_WORDS
from analysis.compare.similarity import neighbour_pairs, pair_similarity, tfidf_vectors
from analysis.text.model import Article, Excluded, Segmentation
from analysis.text.segmentation import segment

# Named texts for these tests. ORIGINAL and SAME_TOPIC are about the same story in different
# words; REWRITE is ORIGINAL lightly edited (words swapped, one sentence dropped, one added).
ORIGINAL = (
    "City council approves tram extension after long debate\n\n"
    "The city council voted on Tuesday to extend the northern tram line by six "
    "kilometres, ending a dispute that had divided residents of the harbour district for "
    "more than two years.\n\n"
    "The extension will cost about 240 million euros and is expected to open in the "
    "spring of 2028, according to a report presented by the transport department.\n\n"
    "Supporters said the new stops would cut commuting times for thousands of workers who "
    "now rely on crowded buses, while opponents warned that construction would close "
    "several streets for months.\n\n"
    "“This is the most important investment in public transport this city has made in a "
    "generation,” the deputy mayor told reporters after the vote.\n\n"
    "Shop owners on Canal Street have asked for compensation, arguing that the works will "
    "keep customers away during the busiest season of the year.\n"
)
REWRITE = (
    "Council backs tram extension after lengthy debate\n\n"
    "The city council voted on Tuesday to lengthen the northern tram line by six "
    "kilometres, ending a dispute that had split residents of the harbour district for "
    "more than two years.\n\n"
    "The extension will cost roughly 240 million euros and is expected to open in the "
    "spring of 2028, according to a report presented by the city transport department.\n\n"
    "“This is the most important investment in public transport this city has made in a "
    "generation,” the deputy mayor told journalists after the vote.\n\n"
    "Shop owners on Canal Street have asked for compensation, arguing that the works will "
    "keep customers away during the busiest months of the year. The council did not say "
    "whether it would agree.\n"
)
SAME_TOPIC = (
    "Tram plan splits harbour district as costs climb\n\n"
    "Residents of the harbour district remain divided over plans to run trams through "
    "their neighbourhood, with many fearing noise and months of roadworks.\n\n"
    "Transport officials estimate the project at close to a quarter of a billion euros, a "
    "figure critics call optimistic given rising prices for steel and labour.\n\n"
    "Bus drivers' unions support the plan but want guarantees that no jobs will be lost "
    "when the new line opens, a spokesperson for the union said.\n\n"
    "Several shopkeepers near the canal have started a petition demanding financial help "
    "during the construction period, which could last three years.\n\n"
    "The council is expected to publish a revised timetable for the tram works next "
    "month.\n"
)
BOILERPLATE = (
    "\n\nLeave a Reply\n\nYour email address will not be published. Required fields are marked "
    "with a star and every comment is moderated before it appears on the site.\n"
)


def _item(
    article_id: str, text: str, *, outlet: str = "Outlet", event: str | None = None
) -> tuple[Article, Segmentation]:
    title = text.split("\n", 1)[0]
    article = Article(article_id, text, title, "test", outlet=outlet, event=event)
    return article, segment(text, has_headline=True)


def _pair(comparison: Comparison, a: str, b: str):
    return next(p for p in comparison.pairs if {p.a, p.b} == {a, b})


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def test_verbatim_copy_is_reused_whole_with_aligned_passages() -> None:
    result = compare_corpus([_item("a", ORIGINAL), _item("b", ORIGINAL, outlet="Other")])
    pair = _pair(result, "a", "b")
    assert pair.reused_share_a == pytest.approx(1.0)
    assert pair.reused_share_b == pytest.approx(1.0)
    assert pair.similarity == pytest.approx(1.0)
    for p in pair.passages:
        assert ORIGINAL[p.a_start : p.a_end] == ORIGINAL[p.b_start : p.b_end]


def test_copied_paragraph_inside_other_text_is_found_exactly() -> None:
    paragraph = ORIGINAL.split("\n\n")[3]  # the "Supporters said ..." paragraph
    host = SAME_TOPIC.replace(
        "\n\nSeveral shopkeepers", "\n\n" + paragraph + "\n\nSeveral shopkeepers"
    )
    result = compare_corpus([_item("a", ORIGINAL), _item("b", host, outlet="Other")])
    pair = _pair(result, "a", "b")
    assert len(pair.passages) == 1
    p = pair.passages[0]
    assert ORIGINAL[p.a_start : p.a_end] == paragraph.rstrip(".\n")  # first to last word
    assert host[p.b_start : p.b_end] == ORIGINAL[p.a_start : p.a_end]
    words_b = len(_words(host))
    assert pair.reused_share_b == pytest.approx(len(_words(paragraph)) / words_b, abs=0.02)


def test_light_rewrite_shows_high_shares_and_sentence_alignment() -> None:
    result = compare_corpus([_item("a", ORIGINAL), _item("b", REWRITE, outlet="Other")])
    pair = _pair(result, "a", "b")
    assert pair.reused_share_a >= 0.6
    assert pair.reused_share_b >= 0.7
    for p in pair.passages:
        a_words, b_words = (
            set(_words(ORIGINAL[p.a_start : p.a_end])),
            set(_words(REWRITE[p.b_start : p.b_end])),
        )
        assert len(a_words & b_words) / len(a_words | b_words) >= 0.5  # aligned, not arbitrary
    # The dropped "Supporters said ..." sentence is not claimed as reused.
    dropped = ORIGINAL.index("Supporters said")
    assert all(not (p.a_start <= dropped < p.a_end) for p in pair.passages)


def test_unrelated_text_on_the_same_topic_shares_nothing() -> None:
    result = compare_corpus(
        [_item("a", ORIGINAL), _item("c", SAME_TOPIC, outlet="Other")], min_similarity=0.0
    )
    pair = _pair(result, "a", "c")
    assert pair.passages == ()
    assert pair.reused_share_a == pair.reused_share_b == 0.0
    assert 0.0 < pair.similarity < 0.5


def test_excluded_furniture_is_not_reuse() -> None:
    a_text, c_text = ORIGINAL + BOILERPLATE, SAME_TOPIC + BOILERPLATE
    items = [_item("a", a_text), _item("c", c_text, outlet="Other")]
    with_furniture = compare_corpus(items, min_similarity=0.0)
    assert _pair(with_furniture, "a", "c").passages  # the shared block is found ...
    excluded = {
        "a": [Excluded(a_text.index("Leave a Reply"), len(a_text), "comment form")],
        "c": [Excluded(c_text.index("Leave a Reply"), len(c_text), "comment form")],
    }
    without = compare_corpus(items, excluded=excluded, min_similarity=0.0)
    assert _pair(without, "a", "c").passages == ()  # ... and ignored once marked as furniture


def test_short_shared_phrases_are_not_passages() -> None:
    name = "Deputy Mayor Anna Keller of the harbour district"  # 8 words, below the minimum
    a = f"Headline one\n\n{name} opened the session with a speech about parking fees."
    b = f"Headline two\n\nResidents booed when {name} arrived late to the meeting."
    assert len(_words(name)) < MIN_PASSAGE_WORDS
    pair = _pair(compare_corpus([_item("a", a), _item("b", b)], min_similarity=0.0), "a", "b")
    assert pair.passages == ()


def _seed_items() -> list[tuple[Article, Segmentation]]:
    with (SEEDS / "catalog.csv").open(encoding="utf-8", newline="") as handle:
        outlets = {row["file"]: row["outlet"] for row in csv.DictReader(handle)}
    return [
        _item(path.stem[:3], path.read_text(encoding="utf-8"), outlet=outlets[path.name])
        for path in seed_paths()
    ]


def test_seed_copy_is_found_and_topic_sharing_is_not() -> None:
    items = _seed_items()
    result = compare_corpus(items, min_similarity=0.0)
    texts = {article.id: article.text for article, _ in items}
    top = result.pairs[0]
    assert {top.a, top.b} == {"002", "003"}  # the closest reuse in the corpus
    copy = _pair(result, "002", "003")
    shares = {copy.a: copy.reused_share_a, copy.b: copy.reused_share_b}
    assert shares["003"] >= 0.6  # most of the shorter article follows the longer one
    assert shares["002"] >= 0.25
    for p in copy.passages:  # passages to read side by side really correspond
        a_words = set(_words(texts[copy.a][p.a_start : p.a_end]))
        b_words = set(_words(texts[copy.b][p.b_start : p.b_end]))
        assert len(a_words & b_words) / min(len(a_words), len(b_words)) >= 0.5
    assert (
        max(_pair(result, "002", "004").reused_share_a, _pair(result, "002", "004").reused_share_b)
        < 0.1
    )
    for other in ("000", "001"):
        pair = _pair(result, other, "002")
        assert max(pair.reused_share_a, pair.reused_share_b) < 0.05
        assert pair.similarity < copy.similarity


def test_log_odds_known_answer() -> None:
    # Group: 10 of 100 words; corpus: 12 of 300. Prior = pooled counts (alpha = 12, alpha0 = 300).
    delta = math.log(22 / 378) - math.log(14 / 486)
    expected = delta / math.sqrt(1 / 22 + 1 / 14)
    z = log_odds_z(np.array([10.0]), np.array([12.0]), 100.0, 300.0)
    assert z[0] == pytest.approx(expected, rel=1e-12)
    assert z[0] == pytest.approx(2.0571, abs=1e-4)


def test_log_odds_proportional_use_is_zero_and_two_groups_are_mirror_images() -> None:
    assert log_odds_z(np.array([5.0]), np.array([15.0]), 100.0, 300.0)[0] == pytest.approx(0.0)
    z_a = log_odds_z(np.array([30.0, 2.0]), np.array([35.0, 20.0]), 400.0, 1000.0)
    z_b = log_odds_z(np.array([5.0, 18.0]), np.array([35.0, 20.0]), 600.0, 1000.0)
    np.testing.assert_allclose(z_a, -z_b)
    assert z_a[0] > 1.96 and z_a[1] < 0


def _toy(outlet: str, n: int, label: str, phrase: str) -> list[tuple[Article, Segmentation]]:
    items = []
    for i in range(n):
        text = (
            f"Story {outlet} {i}\n\n"
            f"The {label} announced new budget rules on Monday, and {phrase} members agreed. "
            f"Critics of the {label} said the budget was late. The {label} defended the budget "
            f"in parliament, and {phrase} supporters cheered. Officials said the budget would pass."
        )
        items.append(_item(f"{outlet}-{i}", text, outlet=outlet))
    return items


def test_distinctive_terms_on_a_toy_corpus() -> None:
    items = _toy("Alpha", 8, "regime", "ruling clique") + _toy("Beta", 8, "government", "loyal")
    terms = compare_corpus(items).distinctive_terms
    alpha = {t.term: t for t in terms["Alpha"]}
    beta = {t.term: t for t in terms["Beta"]}
    assert {"regime", "ruling clique"} <= set(alpha)
    assert alpha["regime"].count == 24 and alpha["regime"].z > 1.96
    assert alpha["ruling clique"].count == 16
    assert "government" in beta and "loyal" in beta
    shared = {"budget", "said", "officials", "announced"}
    assert not shared & (set(alpha) | set(beta))  # used alike by both outlets
    for term in [*alpha, *beta]:
        assert not set(term.split()) & {"the", "of", "and", "on", "in"}  # function words
    assert [t.z for t in terms["Alpha"]] == sorted((t.z for t in terms["Alpha"]), reverse=True)


def test_small_counts_do_not_make_a_term_distinctive() -> None:
    items = _toy("Alpha", 1, "regime", "ruling clique") + _toy("Beta", 1, "government", "loyal")
    terms = compare_corpus(items).distinctive_terms
    assert terms == {"Alpha": (), "Beta": ()}


def test_events_from_the_catalog_and_from_similarity() -> None:
    items = [
        _item("a", ORIGINAL, event="tram vote"),
        _item("b", REWRITE),  # no catalog event: joins "tram vote" through its reuse
        _item("d", "Weather\n\nSnow fell across the mountains overnight, closing two passes."),
    ]
    events = compare_corpus(items).events
    assert events == {"tram vote": ("a", "b"), "story 1": ("d",)}


def test_two_catalog_events_never_merge() -> None:
    items = [_item("a", ORIGINAL, event="tram vote"), _item("c", ORIGINAL, event="other story")]
    result = compare_corpus(items)
    assert result.events == {"tram vote": ("a",), "other story": ("c",)}
    assert _pair(result, "a", "c").reused_share_a == pytest.approx(1.0)


def test_to_dict_and_frames_follow_the_contract() -> None:
    result = compare_corpus(
        [_item("a", ORIGINAL, outlet="X"), _item("b", REWRITE, outlet="Y")], min_similarity=0.0
    )
    data = result.to_dict()
    assert set(data) == {"pairs", "distinctive_terms", "events"}
    pair = data["pairs"][0]
    assert set(pair) == {"a", "b", "similarity", "reused_share_a", "reused_share_b", "passages"}
    assert set(pair["passages"][0]) == {"a_start", "a_end", "b_start", "b_end"}
    frames = result.to_frames()
    assert set(frames) == {"pairs", "passages", "distinctive_terms", "events"}
    passages = frames["passages"]
    assert len(passages) == len(pair["passages"])
    row = passages.iloc[0]
    assert row["a_text"] == ORIGINAL[row["a_start"] : row["a_end"]]
    assert row["b_text"] == REWRITE[row["b_start"] : row["b_end"]]
    assert list(frames["distinctive_terms"].columns) == ["outlet", "term", "z", "count"]
    assert list(frames["events"].columns) == ["event", "id"]


def test_duplicate_ids_are_rejected_and_empty_input_is_fine() -> None:
    with pytest.raises(ValueError, match="appears twice"):
        compare_corpus([_item("a", ORIGINAL), _item("a", REWRITE)])
    empty = compare_corpus([])
    assert empty.to_dict() == {"pairs": [], "distinctive_terms": {}, "events": {}}
    single = compare_corpus([_item("a", "")])
    assert single.pairs == () and single.events == {"story 1": ("a",)}


# Sparse top-k neighbours against the all-pairs computation.

_WORDS = [f"w{i}" for i in range(30)] + ["the", "of", "and"]


def _random_corpus(texts: list[list[int]]):
    items = [
        _item(f"r{i}", "Title\n\n" + " ".join(_WORDS[w] for w in words) + ".")
        for i, words in enumerate(texts)
    ]
    vocabulary = Vocabulary()
    docs = prepare_documents(items, {}, vocabulary)
    return tfidf_vectors(docs, vocabulary.content_mask())[0]


def _dense_pairs(dense: np.ndarray, k: int, floor: float) -> dict[tuple[int, int], float]:
    """The reference: every row's k best (ties: lower index) of the full matrix, at >= floor."""
    n = len(dense)
    found = {}
    for i in range(n):
        others = [j for j in range(n) if j != i and dense[i, j] > 0 and dense[i, j] >= floor]
        for j in sorted(others, key=lambda j: (-dense[i, j], j))[:k]:
            found[(min(i, j), max(i, j))] = dense[i, j]
    return found


def _ambiguous(pair: tuple[int, int], dense: np.ndarray, k: int, floor: float) -> bool:
    """Within rounding of the threshold or of a row's k-th value (either choice is right)."""
    value = dense[pair]
    if abs(value - floor) < 1e-9:
        return True
    for row in pair:
        others = np.sort(np.delete(dense[row], row))[::-1]
        if len(others) > k - 1 and abs(others[k - 1] - value) < 1e-9:
            return True
    return False


@settings(max_examples=60, deadline=None)
@given(
    texts=st.lists(
        st.lists(st.integers(0, len(_WORDS) - 1), min_size=0, max_size=25), min_size=1, max_size=12
    ),
    k=st.integers(1, 5),
    floor=st.sampled_from([0.0, 0.05, 0.1, 0.3]),
    candidate_df=st.sampled_from([2, 4, 1000]),
)
def test_sparse_top_k_pairs_equal_the_dense_computation(
    texts: list[list[int]], k: int, floor: float, candidate_df: int
) -> None:
    vectors = _random_corpus(texts)
    dense = (vectors.toarray() @ vectors.toarray().T).astype(np.float64)
    expected = _dense_pairs(dense, k, floor)
    found = neighbour_pairs(vectors, k=k, min_similarity=floor, candidate_df=candidate_df)
    for pair, value in found.items():  # every listed value is the exact cosine
        assert value == pytest.approx(dense[pair], abs=1e-12)
    if candidate_df >= len(texts):  # no word left out of the search: exactly the dense pairs
        differ = set(found) ^ set(expected)
        assert all(_ambiguous(p, dense, k, floor) for p in differ), differ


def test_pruned_search_still_finds_neighbours_through_rarer_words() -> None:
    # 30 articles share two very common words; pairs (2i, 2i+1) also share a rare word. With
    # the common words left out of the search, each article still finds its partner.
    texts = [[0, 1, 2 + i // 2] for i in range(30)]
    vectors = _random_corpus(texts)
    found = neighbour_pairs(vectors, k=1, min_similarity=0.1, candidate_df=5)
    assert set(found) == {(2 * i, 2 * i + 1) for i in range(15)}


def test_large_corpus_lists_at_most_k_neighbours_per_article() -> None:
    texts = [[i % 7, 7 + i % 5, 12 + i % 3] for i in range(60)]
    vectors = _random_corpus(texts)
    found = neighbour_pairs(vectors, k=4, min_similarity=0.0)
    degree = np.bincount(np.array(list(found)).ravel(), minlength=60)
    assert degree.max() <= 2 * 4  # its own 4 plus being chosen by others, never all 59
    assert len(found) <= 60 * 4
    pairs = pair_similarity(vectors, [(0, 7), (0, 1)])
    dense = vectors.toarray() @ vectors.toarray().T
    assert pairs[(0, 7)] == pytest.approx(dense[0, 7]) and pairs[(0, 1)] == pytest.approx(
        dense[0, 1]
    )
