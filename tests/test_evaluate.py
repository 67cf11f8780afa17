"""The evaluate command's figures: tiny hand-made fixtures with known answers, and the dev sets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_stories import STORIES

from analysis.evaluate import BASELINES, GOALS, format_report, roc_auc, run_evaluation
from analysis.evaluate.stories import evaluate_stories, load_basil

TINY = Path(__file__).resolve().parent / "fixtures" / "eval_tiny"


@pytest.mark.parametrize(
    ("scores", "labels", "expected"),
    [
        ([0.9, 0.1], [True, False], 1.0),
        ([0.1, 0.9], [True, False], 0.0),
        ([0.5, 0.5], [True, False], 0.5),
        ([0.8, 0.0, 0.0, 0.3, 0.0], [True, True, False, False, False], (3 + 0.5 * 2) / 6),
        ([0.1, 0.2], [True, True], None),
        ([], [], None),
    ],
)
def test_roc_auc(scores: list[float], labels: list[bool], expected: float | None) -> None:
    assert roc_auc(scores, labels) == (pytest.approx(expected) if expected is not None else None)


def test_tiny_babe() -> None:
    # Sentences 1 and 3 carry loaded words and are biased; 2 and 4 are plain and unbiased; 5 is
    # biased without a loaded word, so it ties with the two unbiased ones (0 score).
    # All: positives {1, 3, 5} x negatives {2, 4}: 1 and 3 win both pairs, 5 ties both: 5/6.
    # Outlet a: 1 vs 2 -> 1.0. Outlet b: {3, 5} x {4}: 1 + 0.5 -> 0.75. Mean 0.875.
    result = run_evaluation(babe=TINY / "babe.csv")
    assert result == {"babe": {"auc": pytest.approx(5 / 6), "auc_outlet_mean": 0.875, "n": 5}}


def test_tiny_basil() -> None:
    # Article a: "reckless plan" (the adjective takes its noun; "reckless" gold) and "sham" (not
    # gold) flagged; c: "outrageous plan" flagged ("outrageous" gold), "disgraceful sham" inside a
    # quotation (not counted); d: gold "badly" is missed.
    # Tokens: TP 2 (reckless, outrageous), FP 3 (plan, sham, plan), FN 1 (badly): P = 2/5,
    # R = 2/3, F1 = 1/2.
    # Sentences: positives a1 (high), c2 (0.9/2), d1 (0); negatives a2, b1, b2, d2 (0) and c1
    # (two quoted words, a quarter weight): a1 and c2 beat all five, d1 ties four -> 12/15.
    # Pairs: event e1, a (1 span / 11 words) > b (0), product agrees; event e2, c (1 / 12) < d
    # (1 / 6) but the product finds c's "outrageous" and nothing in d: 1 of 2 pairs agree.
    result = run_evaluation(basil=TINY / "basil.jsonl")["basil"]
    main = ("sentence_auc", "token_precision", "token_recall", "token_f1")
    assert {k: result[k] for k in (*main, "article_pair_agreement", "n")} == {
        "sentence_auc": pytest.approx(0.8),
        "token_precision": pytest.approx(2 / 5),
        "token_recall": pytest.approx(2 / 3),
        "token_f1": pytest.approx(1 / 2),
        "article_pair_agreement": 0.5,
        "n": 4,
    }


def test_tiny_basil_article_figure_is_the_own_voice_rate() -> None:
    # c's flagged words: "disgraceful sham" is quoted and "outrageous plan" is own voice; d has
    # none, so the own-voice rate orders c above d against the gold (one pair of two agrees).
    result = run_evaluation(basil=TINY / "basil.jsonl")["basil"]
    assert result["article_pair_agreement"] == result["pairs_own"] == 0.5
    assert result["article_pair_agreement_low"] <= 0.5 <= result["article_pair_agreement_high"]
    for name in ("narrator", "all", "share", "quantile", "own", "model"):
        assert f"pairs_{name}" in result and f"rho_{name}" in result


def _figures(event: str, gold: float, own: float, features: tuple[float, ...]):
    from analysis.evaluate.ordering import ArticleFigures

    candidates = {"narrator": -gold, "all": 0.0, "share": 0.0, "quantile": 0.0, "own": own}
    return ArticleFigures(event=event, gold=gold, candidates=candidates, features=features)


def test_ordering_candidates_perfect_reversed_and_tied() -> None:
    from analysis.evaluate.ordering import CATEGORIES, ordering_figures

    zero = (0.0,) * len(CATEGORIES)
    articles = [
        _figures(f"e{k}", gold, 2 * gold, (gold, *zero[1:]))
        for k in range(10)
        for gold in (1.0, 2.0, 3.0)
    ]
    out = ordering_figures(articles)
    # "own" follows the gold exactly: every pair agrees and every resample gives 1.
    assert out["pairs_own"] == out["pairs_own_low"] == out["pairs_own_high"] == 1.0
    assert out["rho_own"] == pytest.approx(1.0)
    assert out["pairs_narrator"] == 0.0 and out["rho_narrator"] == pytest.approx(-1.0)
    assert out["pairs_all"] == 0.5 and out["rho_all"] is None  # constant: every pair ties
    # The first feature carries the gold, so the model learns it out of sample.
    assert out["pairs_model"] == 1.0


def test_report_folds_the_interval_into_its_figure() -> None:
    report = format_report(
        {
            "basil": {
                "article_pair_agreement": 0.66,
                "article_pair_agreement_low": 0.58,
                "article_pair_agreement_high": 0.72,
            }
        }
    )
    assert "0.660 [0.580, 0.720]" in report and "_low" not in report


def test_tiny_ptc() -> None:
    # Article 1: thugs, disgraceful, stunt all flagged and gold (the Doubt span is ignored).
    # Article 2: "brutal cold" flagged (the adjective takes the next word) but not gold; gold
    # "a farce": "farce" found, "a" missed. TP 4, FP 2, FN 1: P = 2/3, R = 0.8, F1 = 8/11.
    result = run_evaluation(ptc=TINY / "ptc.jsonl")
    assert result == {
        "ptc": {
            "token_precision": pytest.approx(2 / 3),
            "token_recall": pytest.approx(0.8),
            "token_f1": pytest.approx(8 / 11),
            "n": 2,
        }
    }


def test_sections_only_for_the_sets_given() -> None:
    assert run_evaluation() == {}
    both = run_evaluation(babe=TINY / "babe.csv", ptc=TINY / "ptc.jsonl")
    assert set(both) == {"babe", "ptc"}


def test_report_shows_goal_and_baseline() -> None:
    results = run_evaluation(
        basil=TINY / "basil.jsonl", babe=TINY / "babe.csv", ptc=TINY / "ptc.jsonl"
    )
    report = format_report(results)
    lines = report.splitlines()
    assert lines[0].split() == ["set", "figure", "value", "goal", "baseline"]
    pair = next(line for line in lines if "pair agreement" in line)
    assert "0.500" in pair and "0.650" in pair and "chance" in pair and "below goal" in pair
    babe = next(line for line in lines if line.startswith("BABE") and "ROC-AUC " in line)
    assert "0.833" in babe and "0.750" in babe and "0.650" in babe and "meets goal" in babe
    assert set(GOALS) == set(BASELINES)


# Floors a little below what the built-in lexicon reaches on the development sets (measured
# figures in the comments); held-out data will be scored separately.
FLOORS = {
    ("babe", "auc"): 0.765,  # measured 0.781
    ("babe", "auc_outlet_mean"): 0.735,  # 0.750
    ("basil", "sentence_auc"): 0.68,  # 0.694
    ("basil", "token_f1"): 0.105,  # 0.113
    ("basil", "article_pair_agreement"): 0.63,  # own_per_1k 0.654 [0.581, 0.720] (was 0.596)
    ("basil", "article_pair_agreement_low"): 0.52,  # the interval excludes chance
    ("ptc", "token_f1"): 0.21,  # 0.221, below the 0.30 goal
}


@pytest.mark.eval
def test_dev_sets(eval_dir: Path) -> None:
    results = run_evaluation(
        basil=eval_dir / "basil_dev.jsonl",
        babe=eval_dir / "babe_dev.csv",
        ptc=eval_dir / "ptc_train.jsonl",
    )
    assert results["babe"]["n"] == 1546
    assert results["basil"]["n"] == 150
    assert results["ptc"]["n"] == 371
    for (name, key), floor in FLOORS.items():
        assert results[name][key] >= floor, (name, key, results[name][key])


def _basil_file(path: Path, stories: dict[str, list[str]], dates: dict[str, str]) -> Path:
    rows = []
    for event, texts in stories.items():
        for i, text in enumerate(texts):
            title, body = text.split("\n\n", 1)
            rows.append(
                {
                    "id": f"{event}-{i}",
                    "event_id": event,
                    "outlet": f"Outlet {i}",
                    "date": dates.get(event),
                    "title": title,
                    "text": body,
                }
            )
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_story_grouping_known_answer(tmp_path: Path) -> None:
    # Three events, three articles each in their own words: grouped exactly (ARI 1), with and
    # without dates; the event labels never reach the grouping (the ids do not give it away).
    path = _basil_file(tmp_path / "basil.jsonl", STORIES, {"tram": "2024-05-01"})
    figures = evaluate_stories(path)
    assert figures["n"] == 9 and figures["events"] == 3
    assert figures["ari"] == pytest.approx(1.0)
    assert figures["ari_no_dates"] == pytest.approx(1.0)
    items, truth = load_basil(path)
    assert all(article.event is None for article, _ in items)
    assert truth == [e for e in STORIES for _ in STORIES[e]]


def test_story_grouping_that_merges_everything_scores_zero(tmp_path: Path) -> None:
    # One article per event, all on the same event really: ARI of putting them together is 0.
    same = {f"e{i}": [text] for i, text in enumerate(STORIES["fire"])}
    figures = evaluate_stories(_basil_file(tmp_path / "basil.jsonl", same, {}))
    assert figures["ari"] == pytest.approx(0.0)


def test_report_shows_story_ari_with_its_goal() -> None:
    results = run_evaluation(basil=TINY / "basil.jsonl")
    assert {"basil", "basil_stories"} <= set(results)
    assert results["basil_stories"]["n"] == 4 and results["basil_stories"]["events"] == 2
    line = next(x for x in format_report(results).splitlines() if "story ARI (event" in x)
    assert line.startswith("BASIL_STORIES") and "0.900" in line and "chance" in line


@pytest.mark.eval
def test_story_grouping_on_basil(eval_dir: Path) -> None:
    figures = evaluate_stories(eval_dir / "basil_dev.jsonl")
    assert figures["n"] == 150 and figures["events"] == 50
    # Measured: 0.993 with dates, 0.936 without, 0.986 cross-validated (goal 0.90).
    assert figures["ari"] >= GOALS[("basil_stories", "ari")]
    assert figures["ari_cross_validated"] >= 0.95
    assert figures["ari_no_dates"] >= 0.90


# ---- voices: quotation and speaker figures against the BASIL quotation gold set


@pytest.mark.parametrize(
    ("predicted", "gold", "same"),
    [
        ("Michael Steele", "Michael Steele", True),
        ("Mr. Steele", "Michael Steele", True),  # the surname alone names the same person
        ("Sen. Jane Roe", "Jane Roe", True),
        ("the White House", "White House", True),
        ("Jane Roe", "John Roe", False),
        ("Roe's aide", "Jane Roe", False),
        ("Eric Holder", "Eric H. Holder Jr.", True),
        ("Todd Jealous", "Benjamin Todd Jealous", True),
        ("Jane Roe", "Jane Ross", False),
        (None, "Jane Roe", False),
        (None, "unnamed", True),
        ("one union official", "unnamed", True),
        ("the aide", "unnamed", True),
        ("a Lee spokesman", "unnamed", False),
        ("Jane Roe", "unnamed", False),
    ],
)
def test_same_speaker_rule(predicted: str | None, gold: str, same: bool) -> None:
    from analysis.evaluate.voices import same_speaker

    assert same_speaker(predicted, gold) is same


def test_quotes_match_one_to_one_by_jaccard_overlap() -> None:
    from analysis.evaluate.voices import match_quotes

    gold = [(0, 10), (20, 30)]
    # (0, 9): 9/10 with the first; (0, 30) swallows both (10/30 and 10/30): no match;
    # (22, 30) overlaps the second 8/10; (21, 29) is second best for it and stays unmatched.
    assert match_quotes([(0, 9), (0, 30), (22, 30), (21, 29)], gold) == [(0, 0), (2, 1)]
    assert match_quotes([], gold) == []


def test_voices_figures_on_an_invented_article(tmp_path: Path) -> None:
    import hashlib
    import json

    from analysis.evaluate.voices import evaluate_voices

    text = (
        "“We will win,” Jane Roe said on Monday.\n\n"
        "“It is over,” said the mayor, John Doe.\n\n"
        "The so-called “plan” was dropped. “Nobody knew,” one resident said."
    )

    def quote(words: str, speaker: str, group: str) -> dict[str, object]:
        start = text.index(words)
        return {
            "start": start,
            "end": start + len(words),
            "sha1": hashlib.sha1(words.encode()).hexdigest(),
            "speaker": speaker,
            "speaker_kind": "person",
            "group": group,
        }

    gold = {
        "id": "x1",
        "split": "dev",
        "quotes": [
            quote("“We will win,”", "Jane Roe", "person"),
            quote("“It is over,”", "John Doe", "US government"),
            quote("“Nobody knew,”", "unnamed", "unnamed"),
        ],
    }
    (tmp_path / "gold.jsonl").write_text(json.dumps(gold) + "\n", encoding="utf-8")
    (tmp_path / "basil.jsonl").write_text(json.dumps({"id": "x1", "text": text}) + "\n")
    out = evaluate_voices(tmp_path / "basil.jsonl", gold=tmp_path / "gold.jsonl")["voices_dev"]
    # The product also lists "plan" (scare quotes): 3 of 4 predictions match, all gold found.
    assert out["quote_recall"] == 1.0 and out["n"] == 1 and out["quotes"] == 3
    assert out["quote_precision"] == pytest.approx(3 / len(text.split("“")[1:]))
    assert 0.0 <= out["wrong_attribution"] <= 1.0 - out["speaker_accuracy"]


def test_voices_article_with_changed_text_is_skipped(tmp_path: Path) -> None:
    import json

    from analysis.evaluate.voices import evaluate_voices

    gold = {"id": "x1", "split": "heldout", "quotes": [{"start": 0, "end": 4, "sha1": "0" * 40}]}
    (tmp_path / "gold.jsonl").write_text(json.dumps(gold) + "\n", encoding="utf-8")
    (tmp_path / "basil.jsonl").write_text(json.dumps({"id": "x1", "text": "“Hi” he said"}) + "\n")
    out = evaluate_voices(tmp_path / "basil.jsonl", gold=tmp_path / "gold.jsonl")
    assert out["voices_heldout"]["n"] == 0 and out["voices_heldout"]["skipped"] == 1


VOICE_FLOORS = {"quote_f1": 0.85}


@pytest.mark.eval
def test_voices_on_the_gold_set(eval_dir: Path) -> None:
    from analysis.evaluate.voices import GOLD_FILE, evaluate_voices

    if not GOLD_FILE.is_file():
        pytest.skip(f"quotation gold set {GOLD_FILE} absent")
    results = evaluate_voices(eval_dir / "basil_dev.jsonl")
    for split in ("voices_dev", "voices_heldout"):
        assert results[split]["n"] > 0 and "skipped" not in results[split], split
        for key, floor in VOICE_FLOORS.items():
            assert results[split][key] >= floor, (split, key, results[split][key])
