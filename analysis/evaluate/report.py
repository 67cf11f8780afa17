"""Run every evaluation that has its data, and report each figure beside its goal and baseline."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from analysis.evaluate.loaded import evaluate_babe, evaluate_basil, evaluate_ptc
from analysis.evaluate.stories import evaluate_stories
from analysis.evaluate.voices import GOLD_FILE, evaluate_voices
from analysis.text.lexicon import Lexicon, builtin_lexicon

#: Development-set goals for each figure (issue 3).
GOALS: dict[tuple[str, str], float] = {
    ("babe", "auc"): 0.75,
    ("basil", "sentence_auc"): 0.68,
    ("basil", "token_f1"): 0.10,
    ("ptc", "token_f1"): 0.30,
    ("basil", "article_pair_agreement"): 0.65,
    ("basil_stories", "ari"): 0.90,  # issue 10
    ("voices_dev", "quote_f1"): 0.85,
    ("voices_dev", "speaker_accuracy"): 0.85,
    ("voices_heldout", "quote_f1"): 0.85,
    ("voices_heldout", "speaker_accuracy"): 0.85,
}
#: Goals that are ceilings: the figure should stay at or below them.
CEILINGS: dict[tuple[str, str], float] = {
    ("voices_dev", "wrong_attribution"): 0.05,
    ("voices_heldout", "wrong_attribution"): 0.05,
}
#: What simple published lexicons score on the same sets (evaluation README); 0.5 is chance.
BASELINES: dict[tuple[str, str], float] = {
    ("babe", "auc"): 0.65,
    ("basil", "sentence_auc"): 0.61,
    ("basil", "token_f1"): 0.05,
    ("ptc", "token_f1"): 0.16,
    ("basil", "article_pair_agreement"): 0.5,
    ("basil_stories", "ari"): 0.0,  # random grouping
    # A rule-and-parser quotation extractor as published (issue 13): quote F1 0.84, speaker 0.86.
    ("voices_dev", "quote_f1"): 0.84,
    ("voices_dev", "speaker_accuracy"): 0.86,
    ("voices_heldout", "quote_f1"): 0.84,
    ("voices_heldout", "speaker_accuracy"): 0.86,
}
_LABELS = {
    "auc": "sentence ROC-AUC",
    "auc_outlet_mean": "sentence ROC-AUC, mean over outlets",
    "sentence_auc": "sentence ROC-AUC",
    "token_precision": "token precision",
    "token_recall": "token recall",
    "token_f1": "token F1",
    "article_pair_agreement": "article pair agreement (own_per_1k)",
    "ari": "story ARI (event labels removed)",
    "ari_no_dates": "story ARI, dates removed too",
    "ari_cross_validated": "story ARI, 2-fold CV over events",
    "events": "events",
    "n": "items",
    "quote_precision": "quotation precision (Jaccard >= 0.5)",
    "quote_recall": "quotation recall",
    "quote_f1": "quotation F1",
    "speaker_accuracy": "speaker accuracy, matched quotations",
    "wrong_attribution": "wrong speaker given",
    "unattributed": "named speaker left unattributed",
    "group_accuracy": "speaker group accuracy",
    "quotes": "gold quotations",
    "skipped": "articles skipped (text changed)",
}
#: Names of the article-ordering candidates (:mod:`analysis.evaluate.ordering`) in the report.
_CANDIDATES = {
    "narrator": "narrator per_1k",
    "all": "per_1k_all, quotations too",
    "share": "share of sentences >= 0.1",
    "quantile": "upper quartile of sentences",
    "own": "own voice own_per_1k",
    "model": "category model, 5-fold CV",
}
for _key, _name in _CANDIDATES.items():
    _LABELS[f"pairs_{_key}"] = f"pair agreement: {_name}"
    _LABELS[f"rho_{_key}"] = f"Spearman rho: {_name}"


def run_evaluation(
    *,
    basil: str | os.PathLike[str] | None = None,
    babe: str | os.PathLike[str] | None = None,
    ptc: str | os.PathLike[str] | None = None,
    lexicon: Lexicon | None = None,
    voices_gold: str | os.PathLike[str] = GOLD_FILE,
) -> dict[str, dict[str, Any]]:
    """Evaluate on the given annotated files; a section appears only for the sets given.

    Args:
        basil: BASIL-format JSONL file.
        babe: BABE-format CSV file.
        ptc: PTC-format JSONL file.
        lexicon: the lexicon to evaluate; default the built-in one (user terms left out, so the
            figures are reproducible).
        voices_gold: the quotation gold set over BASIL texts; with ``basil`` given, adds the
            ``voices_dev`` and ``voices_heldout`` sections (:mod:`analysis.evaluate.voices`).

    Returns:
        ``{"babe": {"auc", "auc_outlet_mean", "n"}, "basil": {"sentence_auc",
        "token_precision", "token_recall", "token_f1", "article_pair_agreement", "n"},
        "ptc": {"token_precision", "token_recall", "token_f1", "n"}, "voices_dev": {...},
        "voices_heldout": {...}, "basil_stories": {"ari",
        "ari_no_dates", "ari_cross_validated", "events", "n"}}`` (story grouping on the BASIL
        file, see :mod:`analysis.evaluate.stories`).
    """
    lex = lexicon if lexicon is not None else builtin_lexicon()
    results: dict[str, dict[str, Any]] = {}
    if babe is not None:
        results["babe"] = evaluate_babe(Path(babe), lexicon=lex)
    if basil is not None:
        results["basil"] = evaluate_basil(Path(basil), lexicon=lex)
        results["basil_stories"] = evaluate_stories(Path(basil))
    if ptc is not None:
        results["ptc"] = evaluate_ptc(Path(ptc), lexicon=lex)
    if basil is not None and Path(voices_gold).is_file():
        results.update(evaluate_voices(Path(basil), gold=Path(voices_gold)))
    return results


def _fmt(value: Any) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, int):
        return str(value)
    return f"{value:.3f}"


def format_report(results: dict[str, dict[str, Any]]) -> str:
    """A readable table of the figures with the goal and the baseline for each one."""
    rows = [("set", "figure", "value", "goal", "baseline", "")]
    for name, figures in results.items():
        for key, value in figures.items():
            if key.endswith(("_low", "_high")):
                continue  # shown with its figure
            low, high = figures.get(f"{key}_low"), figures.get(f"{key}_high")
            goal = GOALS.get((name, key))
            ceiling = CEILINGS.get((name, key))
            base = BASELINES.get((name, key))
            verdict = ""
            if goal is not None and value is not None:
                verdict = "meets goal" if value >= goal else "below goal"
            if ceiling is not None and value is not None:
                goal = ceiling
                verdict = "meets goal" if value <= ceiling else "above goal"
            chance = key == "article_pair_agreement" or name == "basil_stories"
            base_text = "chance" if chance else _fmt(base)
            rows.append(
                (
                    name.upper(),
                    _LABELS.get(key, key),
                    _fmt(value) + (f" [{_fmt(low)}, {_fmt(high)}]" if low is not None else ""),
                    _fmt(goal) if goal is not None else "",
                    base_text if base is not None else "",
                    verdict,
                )
            )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in lines)
