"""Loaded-vocabulary matching: categories, inflections, phrases, quotes, negation, rates, speed."""

from __future__ import annotations

import pytest
from texts import EMPTY, ONE_SENTENCE, QUOTED, seed_paths

from analysis.measures import loaded
from analysis.measures.loaded import (
    SCARE_QUOTES,
    find_loaded,
    garwood_interval,
    sentence_loaded,
)
from analysis.text.lexicon import builtin_lexicon
from analysis.text.model import Excluded, LoadedResult, Span
from analysis.text.segmentation import segment

# The same sentence in neutral and in loaded wording, one pair per category.
PAIRS = [
    ("name_calling", "The government rejected the proposal.", "The regime rejected the proposal."),
    ("name_calling", "Protesters gathered outside.", "Thugs gathered outside."),
    ("emotive", "The storm damaged homes.", "The storm caused carnage in homes."),
    ("emotive", "Lawmakers cut the budget.", "Lawmakers slashed the budget."),
    ("subjective", "The plan has critics.", "The plan is misguided."),
    ("subjective", "Officials disputed the claim.", "Officials called the claim baseless."),
    ("intensifier", "The vote was close.", "The vote was incredibly close."),
    ("exaggeration", "Prices rose last year.", "Prices rose at an unprecedented pace."),
    ("exaggeration", "Some voters left.", "Everyone left, every single voter."),
    ("hedge", "The group held a vote.", "The so-called group held a vote."),
    ("hedge", "He met the donors.", "He supposedly met the donors."),
    ("loaded_verb", "The mayor said the plan works.", "The mayor insisted the plan works."),
    ("loaded_verb", "The senator criticised the bill.", "The senator slammed the bill."),
    ("certainty", "The data show a rise.", "The data clearly show a rise."),
    ("certainty", "Taxes went up.", "Of course, taxes went up."),
]


def _find(text: str, **kwargs: object) -> LoadedResult:
    return find_loaded(segment(text), lexicon=builtin_lexicon(), **kwargs)


def _terms(result: LoadedResult) -> list[tuple[str, str]]:
    return [(m.text, m.category) for m in result.matches]


@pytest.mark.parametrize(("category", "neutral", "charged"), PAIRS)
def test_neutral_and_loaded_wording(category: str, neutral: str, charged: str) -> None:
    plain = _find(neutral)
    marked = _find(charged)
    assert plain.matches == ()
    assert category in {m.category for m in marked.matches}
    seg = segment(charged)
    assert sentence_loaded(marked, seg, seg.sentences)[0] > 0
    seg0 = segment(neutral)
    assert sentence_loaded(plain, seg0, seg0.sentences) == [0.0]


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("She slams the plan.", "slam"),
        ("She slammed the plan.", "slam"),
        ("She is slamming the plan.", "slam"),
        ("He claims it works.", "claim"),
        ("He claimed it works.", "claim"),
        ("Several thugs arrived.", "thug"),
        ("They acted brutally.", "brutal"),
        ("He lied about it.", "lie"),
        ("The aide decried the move.", "decry"),
        ("The firm’s henchmen waited.", "henchman"),
    ],
)
def test_inflections(text: str, term: str) -> None:
    assert term in [m.term for m in _find(text).matches]


@pytest.mark.parametrize(
    ("text", "matched", "term"),
    [
        ("They called it a witch hunt today.", "witch hunt", "witch hunt"),
        ("The chair lashed out at reporters.", "lashed out", "lash out"),
        ("Leaders rammed through the bill.", "rammed through", "ram through"),
        ("It was, make no mistake, a loss.", "make no mistake", "make no mistake"),
        ("The SO-CALLED reform passed.", "SO-CALLED", "so-called"),
    ],
)
def test_phrases_match_longest_first(text: str, matched: str, term: str) -> None:
    result = _find(text)
    assert (matched, term) in [(m.text, m.term) for m in result.matches]


def test_phrase_words_must_be_adjacent() -> None:
    assert "witch hunt" not in [m.term for m in _find("A witch, hunt was on.").matches]


def test_quoted_versus_narrator() -> None:
    result = _find(QUOTED)
    by_term = {m.term: m for m in result.matches}
    assert by_term["terrible"].in_quote and by_term["disastrous"].in_quote
    assert by_term["wonderful"].in_quote
    assert not any(m.category == "hedge" and m.term == "scare quotes" for m in result.matches)
    narrator = [m for m in result.matches if not m.in_quote]
    assert narrator == []
    assert result.per_1k == 0.0
    assert result.per_1k_all is not None and result.per_1k_all > 0


def test_quotes_weigh_less_in_the_sentence_score() -> None:
    narrator = "The plan is a disgraceful sham, critics said."
    quoted = "“The plan is a disgraceful sham,” critics said."
    scores = []
    for text in (narrator, quoted):
        seg = segment(text)
        scores.append(sentence_loaded(_find(text), seg, seg.sentences)[0])
    assert scores[0] > scores[1] > 0


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("The plan is not a disaster.", True),
        ("This wasn't outrageous at all.", True),
        ("It was never reckless.", True),
        ("The plan is a disaster.", False),
        ("Not today. The plan is a disaster.", False),
        ("No one said it, but the plan is a disaster.", False),
    ],
)
def test_negation_is_recorded(text: str, negated: bool) -> None:
    matches = [m for m in _find(text).matches if m.category != "exaggeration"]
    assert matches[-1].negated is negated


@pytest.mark.parametrize(
    ("text", "scare"),
    [
        ("The government's “reforms” will cut benefits.", True),
        ('The "experts" were wrong again.', True),
        ("The senator called the plan a “disaster” on Monday.", False),
        ("“Reckless,” the senator said of the plan.", False),
        ("According to the mayor, it was “a mistake” to wait.", False),
        ("He read “War and Peace” twice.", False),
        ("The aide replied: “never again” and left.", False),
        ("She said “we will win this fight together, you and I” loudly.", False),
        ("Critics painted the plan as “reckless” on Monday.", False),  # "as": someone's words
    ],
)
def test_scare_quotes(text: str, scare: bool) -> None:
    found = [m for m in _find(text).matches if m.term == SCARE_QUOTES.term]
    assert bool(found) is scare
    if scare:
        (match,) = found
        assert match.category == "hedge" and not match.in_quote
        assert match.text[0] in '“"' and match.text[-1] in '”"'


def test_capitalised_words_inside_names_are_not_loaded() -> None:
    result = _find("Officials of the Chinese Communist Party met the Patriot Front leaders.")
    assert result.matches == ()
    # the same words in running text are
    assert {m.term for m in _find("They are communist zealots.").matches} == {"communist", "zealot"}
    # and at the start of a sentence
    assert _find("Communist officials met.").matches


def test_headline_words_are_not_taken_for_names() -> None:
    seg = segment("Senator Slams Reckless Plan\n\nThe vote is today.", has_headline=True)
    terms = {m.term for m in find_loaded(seg, lexicon=builtin_lexicon()).matches}
    assert {"slam", "reckless"} <= terms


def test_excluded_spans_drop_matches_and_words() -> None:
    text = "The plan is reckless.\n\nShare this outrageous story!"
    start = text.index("Share")
    result = _find(text, excluded=(Excluded(start, len(text), "share prompt"),))
    assert [m.text for m in result.matches] == ["reckless"]
    assert result.words == 4


def test_possessive_matches_one_word_terms() -> None:
    assert [m.term for m in _find("The regime’s army moved.").matches] == ["regime"]


def test_offsets_index_the_text() -> None:
    for path in seed_paths():
        text = path.read_text(encoding="utf-8")
        for m in _find(text).matches:
            assert text[m.start : m.end] == m.text
            assert m.reason and m.category in {*loaded.CATEGORY_FACTOR}


def test_rates_and_interval() -> None:
    text = "The reckless plan was a sham. The vote is on Friday, and it was open."
    result = _find(text)
    assert result.words == result.narrator_words == 15
    assert result.per_1k == pytest.approx(2000 / 15)
    low, high = result.per_1k_ci
    assert low < result.per_1k < high
    assert (low, high) == pytest.approx(tuple(1000 * x / 15 for x in garwood_interval(2)), rel=1e-9)
    assert result.by_category == {"subjective": 1, "emotive": 1}


@pytest.mark.parametrize("text", [EMPTY, ONE_SENTENCE])
def test_no_loaded_words(text: str) -> None:
    result = _find(text)
    assert result.matches == ()
    if text:
        assert result.per_1k == 0.0 and result.per_1k_ci[0] == 0.0
    else:
        assert result.per_1k is None and result.per_1k_ci is None and result.per_1k_all is None


@pytest.mark.parametrize(
    ("count", "low", "high"),
    # Reference values: Garwood (1936) limits as tabulated by Ulm (1990) / chi-square quantiles.
    [(0, 0.0, 3.6889), (1, 0.02532, 5.5716), (2, 0.2422, 7.2247), (10, 4.7954, 18.3904)],
)
def test_garwood_interval(count: int, low: float, high: float) -> None:
    assert garwood_interval(count) == pytest.approx((low, high), abs=2e-4)


def test_garwood_rejects_negative_counts() -> None:
    with pytest.raises(ValueError):
        garwood_interval(-1)


def test_sentence_scores_rank_dense_loaded_sentences_higher() -> None:
    text = (
        "The committee met on Tuesday. The plan is reckless. "
        "This outrageous, disgraceful sham is a reckless fiasco."
    )
    seg = segment(text)
    scores = sentence_loaded(_find(text), seg, seg.sentences)
    assert scores[0] == 0.0 < scores[1] < scores[2]


def test_negated_matches_weigh_less() -> None:
    scores = []
    for text in ("The plan is reckless.", "The plan is not reckless."):
        seg = segment(text)
        scores.append(sentence_loaded(_find(text), seg, seg.sentences)[0])
    assert scores[0] > scores[1] > 0


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("It was a disgraceful decision.", "disgraceful decision"),  # the adjective takes its noun
        ("The reckless plan failed.", "reckless plan"),
        ("The plan was reckless and costly.", "reckless"),  # a function word stops the phrase
        ("The plan was reckless.", "reckless"),  # nothing after it
        ("He acted recklessly today.", "recklessly"),  # an adverb takes nothing
        ("The plan is reckless Tuesday.", "reckless"),  # a capitalised word is a name
        ("It was a very disgraceful decision.", "very disgraceful decision"),  # a booster joins
        ("The thugs gathered.", "thugs"),  # a noun takes nothing
    ],
)
def test_flagged_words_widen_to_their_phrase(text: str, span: str) -> None:
    flagged = [m for m in _find(text).matches if m.flagged]
    assert [m.text for m in flagged] == [span]
    assert text[flagged[0].start : flagged[0].end] == span


def test_a_widened_phrase_counts_once() -> None:
    result = _find("It was a very disgraceful decision.")
    assert len(result.matches) == 1 and result.by_category == {"emotive": 1}


def test_mild_terms_are_evidence_but_not_flagged() -> None:
    # "very" (0.3) alone and "angry" (0.5) are below the flag threshold: kept, not counted.
    result = _find("The angry crowd was very large.")
    assert {m.term for m in result.matches} == {"angry", "very"}
    assert not any(m.flagged for m in result.matches)
    assert result.per_1k == 0.0 and result.by_category == {}


def test_to_dict_is_the_contract() -> None:
    result = _find("Critics slammed the “reforms” as reckless.")
    out = result.to_dict()
    assert set(out) == {
        "matches",
        "per_1k",
        "per_1k_ci",
        "per_1k_all",
        "by_category",
        "own_words",
        "own_per_1k",
        "own_per_1k_ci",
        "own_sentences",
    }
    assert set(out["matches"][0]) == {
        "start",
        "end",
        "text",
        "term",
        "category",
        "weight",
        "in_quote",
        "negated",
        "flagged",
        "reason",
        "alternative",
        "user",
    }
    assert isinstance(out["per_1k_ci"], list)


@pytest.mark.parametrize(
    ("text", "negated"),
    [("The plan is reckless.", True), ("The plan is not reckless.", True)],
    ids=["plain", "negated"],
)
def test_to_dict_records_negation(text: str, negated: bool) -> None:
    (match,) = [m for m in _find(text).to_dict()["matches"] if m["term"] == "reckless"]
    assert match["negated"] is ("not" in text.split())


def test_sentence_loaded_accepts_any_spans() -> None:
    text = "The plan is reckless. It failed."
    seg = segment(text)
    result = _find(text)
    assert sentence_loaded(result, seg, []) == []
    whole = sentence_loaded(result, seg, [Span(0, len(text))])[0]
    assert whole > 0


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # A sentence-style headline: "Communist" is part of a name, as it would be in the body.
        ("Officials: Chinese Communist Party interfered in the vote\n\nThe body.", False),
        # A title-case headline: capitals mark nothing, so the word is judged on its own.
        ("Why Thugs Rule the Streets\n\nThe body.", True),
    ],
)
def test_headline_names_follow_the_headline_style(text: str, flagged: bool) -> None:
    seg = segment(text, has_headline=True)
    result = find_loaded(seg, lexicon=builtin_lexicon())
    headline_flags = [m for m in result.matches if m.start < seg.headline.end and m.flagged]
    assert bool(headline_flags) == flagged


# The writer's own voice: sentences with no quotation and no reporting word.
OWN_VOICE = (
    "The reckless plan collapsed on Friday. "  # own voice: counted
    "Critics said the plan was a disastrous gamble. "  # indirect speech: left out
    "“It is a disgraceful betrayal,” one member wrote. "  # quotation: left out
    "The United States delegation left the shameful talks early."  # "States" is a name
)


def test_own_voice_rate_counts_only_unattributed_narration() -> None:
    result = _find(OWN_VOICE)
    seg = segment(OWN_VOICE)
    own = [s for s in seg.sentences if OWN_VOICE[s.start : s.end].startswith(("The r", "The U"))]
    words = sum(len(OWN_VOICE[s.start : s.end].split()) for s in own)
    assert result.own_words == words
    assert list(result.own_sentences) == own
    assert result.own_per_1k == pytest.approx(1000.0 * 2 / words)  # "reckless", "shameful"
    low, high = result.own_per_1k_ci
    assert low < result.own_per_1k < high
    # The plain narrator rate also counts the indirect speech of the critics.
    assert result.per_1k is not None and result.per_1k != result.own_per_1k


def test_own_voice_is_none_when_every_sentence_reports_speech() -> None:
    result = _find("Officials said the plan was reckless. “No,” she said.")
    assert result.own_words == 0
    assert result.own_per_1k is None and result.own_per_1k_ci is None
