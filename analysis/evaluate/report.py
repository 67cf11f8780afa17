"""Run every evaluation that has its data, and report each figure beside its goal and baseline."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from analysis.evaluate.loaded import evaluate_babe, evaluate_basil, evaluate_ptc
from analysis.evaluate.stories import evaluate_stories
from analysis.text.lexicon import Lexicon, builtin_lexicon

#: Development-set goals for each figure (issue 3).
GOALS: dict[tuple[str, str], float] = {
    ("babe", "auc"): 0.75,
    ("basil", "sentence_auc"): 0.68,
    ("basil", "token_f1"): 0.10,
    ("ptc", "token_f1"): 0.30,
    ("basil", "article_pair_agreement"): 0.65,
    ("basil_stories", "ari"): 0.90,  # issue 10
}
#: What simple published lexicons score on the same sets (evaluation README); 0.5 is chance.
BASELINES: dict[tuple[str, str], float] = {
    ("babe", "auc"): 0.65,
    ("basil", "sentence_auc"): 0.61,
    ("basil", "token_f1"): 0.05,
    ("ptc", "token_f1"): 0.16,
    ("basil", "article_pair_agreement"): 0.5,
    ("basil_stories", "ari"): 0.0,  # random grouping
}
_LABELS = {
    "auc": "sentence ROC-AUC",
    "auc_outlet_mean": "sentence ROC-AUC, mean over outlets",
    "sentence_auc": "sentence ROC-AUC",
    "token_precision": "token precision",
    "token_recall": "token recall",
    "token_f1": "token F1",
    "article_pair_agreement": "article pair agreement",
    "ari": "story ARI (event labels removed)",
    "ari_no_dates": "story ARI, dates removed too",
    "ari_cross_validated": "story ARI, 2-fold CV over events",
    "events": "events",
    "n": "items",
}


def run_evaluation(
    *,
    basil: str | os.PathLike[str] | None = None,
    babe: str | os.PathLike[str] | None = None,
    ptc: str | os.PathLike[str] | None = None,
    lexicon: Lexicon | None = None,
) -> dict[str, dict[str, Any]]:
    """Evaluate on the given annotated files; a section appears only for the sets given.

    Args:
        basil: BASIL-format JSONL file.
        babe: BABE-format CSV file.
        ptc: PTC-format JSONL file.
        lexicon: the lexicon to evaluate; default the built-in one (user terms left out, so the
            figures are reproducible).

    Returns:
        ``{"babe": {"auc", "auc_outlet_mean", "n"}, "basil": {"sentence_auc",
        "token_precision", "token_recall", "token_f1", "article_pair_agreement", "n"},
        "ptc": {"token_precision", "token_recall", "token_f1", "n"}, "basil_stories": {"ari",
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
            goal = GOALS.get((name, key))
            base = BASELINES.get((name, key))
            verdict = ""
            if goal is not None and value is not None:
                verdict = "meets goal" if value >= goal else "below goal"
            chance = key == "article_pair_agreement" or name == "basil_stories"
            base_text = "chance" if chance else _fmt(base)
            rows.append(
                (
                    name.upper(),
                    _LABELS.get(key, key),
                    _fmt(value),
                    _fmt(goal) if goal is not None else "",
                    base_text if base is not None else "",
                    verdict,
                )
            )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in lines)
