"""Score the loaded-language measure against annotated news corpora (BASIL, BABE, PTC formats).

The figures are those defined in the evaluation README (``../shared/eval/README.md``) and are
computed through the same code path as scoring: :func:`analysis.text.segmentation.segment`, then
:func:`analysis.measures.loaded.find_loaded` with the built-in lexicon, then
:func:`analysis.measures.loaded.sentence_loaded`.

- BABE: ROC-AUC of the per-sentence loaded score against the experts' ``biased`` label, over all
  sentences, and the mean of the per-outlet AUCs (outlets with both labels present).
- BASIL: (a) ROC-AUC of the per-sentence score against "the sentence contains a lexical-bias
  span outside quotations"; (b) token precision, recall and F1 of the words inside the narrator's
  matches (outside quotations) against the words inside lexical spans outside quotations; (c)
  within each event, over the pairs of articles whose lexical spans per 1,000 words differ, the
  share that the product's narrator ``per_1k`` orders the same way (a tie counts one half).
- PTC: token precision, recall and F1 of the words inside any match against the words inside
  ``Loaded_Language`` and ``Name_Calling,Labeling`` spans.

A word token counts as inside a set of spans when any of its characters is.

References:
    Fan, L. et al. (2019). In Plain Sight: Media Bias Through the Lens of Factual Reporting.
    EMNLP-IJCNLP (BASIL). Spinde, T. et al. (2021). Neural Media Bias Detection Using Distant
    Supervision With BABE. Findings of EMNLP. Da San Martino, G. et al. (2020). SemEval-2020
    Task 11: Detection of Propaganda Techniques in News Articles (PTC). Mann, H. B. & Whitney,
    D. R. (1947). Annals of Mathematical Statistics 18 (1): 50-60 (ROC-AUC as the normalised
    U statistic, ties counted one half).
"""

from __future__ import annotations

import csv
import json
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

from analysis.measures.loaded import find_loaded, sentence_loaded
from analysis.text.lexicon import Lexicon, builtin_lexicon
from analysis.text.model import Segmentation, Span
from analysis.text.segmentation import covered, segment

__all__ = ["BASELINES", "GOALS", "format_report", "roc_auc", "run_evaluation"]

PTC_TECHNIQUES = frozenset({"Loaded_Language", "Name_Calling,Labeling"})

#: Development-set goals for each figure (issue 3).
GOALS: dict[tuple[str, str], float] = {
    ("babe", "auc"): 0.75,
    ("basil", "sentence_auc"): 0.68,
    ("basil", "token_f1"): 0.10,
    ("ptc", "token_f1"): 0.30,
    ("basil", "article_pair_agreement"): 0.65,
}
#: What simple published lexicons score on the same sets (evaluation README); 0.5 is chance.
BASELINES: dict[tuple[str, str], float] = {
    ("babe", "auc"): 0.65,
    ("basil", "sentence_auc"): 0.61,
    ("basil", "token_f1"): 0.05,
    ("ptc", "token_f1"): 0.16,
    ("basil", "article_pair_agreement"): 0.5,
}
_LABELS = {
    "auc": "sentence ROC-AUC",
    "auc_outlet_mean": "sentence ROC-AUC, mean over outlets",
    "sentence_auc": "sentence ROC-AUC",
    "token_precision": "token precision",
    "token_recall": "token recall",
    "token_f1": "token F1",
    "article_pair_agreement": "article pair agreement",
    "n": "items",
}


def roc_auc(scores: Sequence[float], labels: Sequence[bool]) -> float | None:
    """ROC-AUC: the probability that a random positive outscores a random negative (ties 1/2).

    Computed as the Mann-Whitney U statistic from average ranks. ``None`` when either class is
    empty.
    """
    n_pos = sum(1 for y in labels if y)
    n_neg = len(labels) - n_pos
    if not n_pos or not n_neg:
        return None
    order = sorted(range(len(scores)), key=scores.__getitem__)
    rank_sum = 0.0
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and scores[order[j + 1]] == scores[order[i]]:
            j += 1
        mid_rank = (i + j) / 2 + 1
        rank_sum += mid_rank * sum(1 for k in range(i, j + 1) if labels[order[k]])
        i = j + 1
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def _merge(spans: Iterable[tuple[int, int]]) -> list[Span]:
    """Sorted, non-overlapping union of ``(start, end)`` ranges."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [Span(s, e) for s, e in merged]


@dataclass(slots=True)
class _TokenCounts:
    """Running true/false positives and false negatives over word tokens."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tokens: Sequence[Span], gold: list[Span], predicted: list[Span]) -> None:
        for t in tokens:
            g = covered(gold, t.start, t.end) > 0
            p = covered(predicted, t.start, t.end) > 0
            self.tp += g and p
            self.fp += p and not g
            self.fn += g and not p

    def figures(self) -> dict[str, float]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"token_precision": precision, "token_recall": recall, "token_f1": f1}


def _jsonl(path: str | os.PathLike[str]) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def _score(text: str, lexicon: Lexicon, *, has_headline: bool = False) -> tuple[Segmentation, Any]:
    seg = segment(text, has_headline=has_headline)
    return seg, find_loaded(seg, lexicon=lexicon)


def evaluate_babe(path: str | os.PathLike[str], *, lexicon: Lexicon) -> dict[str, Any]:
    """BABE figures: sentence ROC-AUC overall and averaged over outlets."""
    scores: list[float] = []
    labels: list[bool] = []
    outlets: list[str] = []
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            text = row["text"]
            seg, result = _score(text, lexicon)
            scores.extend(sentence_loaded(result, seg, [Span(0, len(text))]))
            labels.append(row["biased"].strip() == "1")
            outlets.append(row.get("outlet") or "")
    by_outlet: dict[str, list[int]] = defaultdict(list)
    for i, outlet in enumerate(outlets):
        by_outlet[outlet].append(i)
    per_outlet = [
        roc_auc([scores[i] for i in idx], [labels[i] for i in idx]) for idx in by_outlet.values()
    ]
    valid = [a for a in per_outlet if a is not None]
    return {
        "auc": roc_auc(scores, labels),
        "auc_outlet_mean": sum(valid) / len(valid) if valid else None,
        "n": len(scores),
    }


def _pair_agreement(events: dict[str, list[tuple[float, float]]]) -> float | None:
    agree = 0.0
    pairs = 0
    for articles in events.values():
        for (gold_a, ours_a), (gold_b, ours_b) in combinations(articles, 2):
            if gold_a == gold_b:
                continue
            pairs += 1
            if ours_a == ours_b:
                agree += 0.5
            elif (gold_a > gold_b) == (ours_a > ours_b):
                agree += 1.0
    return agree / pairs if pairs else None


def evaluate_basil(path: str | os.PathLike[str], *, lexicon: Lexicon) -> dict[str, Any]:
    """BASIL figures: sentence ROC-AUC, token P/R/F1 and within-event article pair agreement."""
    scores: list[float] = []
    labels: list[bool] = []
    counts = _TokenCounts()
    events: dict[str, list[tuple[float, float]]] = defaultdict(list)
    n = 0
    for article in _jsonl(path):
        n += 1
        text = article["text"]
        seg, result = _score(text, lexicon)
        lexical = [s for s in article["spans"] if s["kind"] == "lexical" and not s["in_title"]]
        gold = _merge((s["start"], s["end"]) for s in lexical if not s["quote"])
        sentences = [Span(s["start"], s["end"]) for s in article["sentences"]]
        scores.extend(sentence_loaded(result, seg, sentences))
        labels.extend(covered(gold, s.start, s.end) > 0 for s in sentences)
        predicted = _merge((m.start, m.end) for m in result.matches if m.flagged and not m.in_quote)
        counts.add(seg.tokens, gold, predicted)
        words = len(seg.tokens)
        gold_rate = 1000.0 * len(lexical) / words if words else 0.0
        events[article["event_id"]].append((gold_rate, result.per_1k or 0.0))
    return {
        "sentence_auc": roc_auc(scores, labels),
        **counts.figures(),
        "article_pair_agreement": _pair_agreement(events),
        "n": n,
    }


def evaluate_ptc(path: str | os.PathLike[str], *, lexicon: Lexicon) -> dict[str, Any]:
    """PTC figures: token P/R/F1 against Loaded_Language and Name_Calling,Labeling spans."""
    counts = _TokenCounts()
    n = 0
    for article in _jsonl(path):
        n += 1
        text = article["text"]
        first_line = text.split("\n", 1)[0].strip()
        seg, result = _score(text, lexicon, has_headline=first_line == article["title"].strip())
        spans = article["spans"]
        gold = _merge((s["start"], s["end"]) for s in spans if s["technique"] in PTC_TECHNIQUES)
        counts.add(seg.tokens, gold, _merge((m.start, m.end) for m in result.matches if m.flagged))
    return {**counts.figures(), "n": n}


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
        "ptc": {"token_precision", "token_recall", "token_f1", "n"}}``.
    """
    lex = lexicon if lexicon is not None else builtin_lexicon()
    results: dict[str, dict[str, Any]] = {}
    if babe is not None:
        results["babe"] = evaluate_babe(Path(babe), lexicon=lex)
    if basil is not None:
        results["basil"] = evaluate_basil(Path(basil), lexicon=lex)
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
            base_text = "chance" if key == "article_pair_agreement" else _fmt(base)
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
