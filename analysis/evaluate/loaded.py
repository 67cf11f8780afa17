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
  share that the product's article figure (``own_per_1k``, the writer's own voice) orders the
  same way (a tie counts one half), with the other candidates of
  :mod:`analysis.evaluate.ordering` beside it.
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
import os
from collections import defaultdict
from typing import Any

from analysis.evaluate.metrics import TokenCounts, jsonl, merge, roc_auc
from analysis.evaluate.ordering import CHOSEN, ArticleFigures, article_figures, ordering_figures
from analysis.measures.loaded import find_loaded, sentence_loaded
from analysis.text.lexicon import Lexicon
from analysis.text.model import Segmentation, Span
from analysis.text.segmentation import covered, segment

PTC_TECHNIQUES = frozenset({"Loaded_Language", "Name_Calling,Labeling"})


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


def evaluate_basil(path: str | os.PathLike[str], *, lexicon: Lexicon) -> dict[str, Any]:
    """BASIL figures: sentence ROC-AUC, token P/R/F1 and within-event article pair agreement."""
    scores: list[float] = []
    labels: list[bool] = []
    counts = TokenCounts()
    articles: list[ArticleFigures] = []
    n = 0
    for article in jsonl(path):
        n += 1
        text = article["text"]
        seg, result = _score(text, lexicon)
        lexical = [s for s in article["spans"] if s["kind"] == "lexical" and not s["in_title"]]
        gold = merge((s["start"], s["end"]) for s in lexical if not s["quote"])
        sentences = [Span(s["start"], s["end"]) for s in article["sentences"]]
        sentence_scores = sentence_loaded(result, seg, sentences)
        scores.extend(sentence_scores)
        labels.extend(covered(gold, s.start, s.end) > 0 for s in sentences)
        predicted = merge((m.start, m.end) for m in result.matches if m.flagged and not m.in_quote)
        counts.add(seg.tokens, gold, predicted)
        words = len(seg.tokens)
        gold_rate = 1000.0 * len(lexical) / words if words else 0.0
        articles.append(article_figures(article["event_id"], gold_rate, result, sentence_scores))
    ordering = ordering_figures(articles)
    return {
        "sentence_auc": roc_auc(scores, labels),
        **counts.figures(),
        "article_pair_agreement": ordering.get(f"pairs_{CHOSEN}"),
        "article_pair_agreement_low": ordering.get(f"pairs_{CHOSEN}_low"),
        "article_pair_agreement_high": ordering.get(f"pairs_{CHOSEN}_high"),
        **ordering,
        "n": n,
    }


def evaluate_ptc(path: str | os.PathLike[str], *, lexicon: Lexicon) -> dict[str, Any]:
    """PTC figures: token P/R/F1 against Loaded_Language and Name_Calling,Labeling spans."""
    counts = TokenCounts()
    n = 0
    for article in jsonl(path):
        n += 1
        text = article["text"]
        first_line = text.split("\n", 1)[0].strip()
        seg, result = _score(text, lexicon, has_headline=first_line == article["title"].strip())
        spans = article["spans"]
        gold = merge((s["start"], s["end"]) for s in spans if s["technique"] in PTC_TECHNIQUES)
        counts.add(seg.tokens, gold, merge((m.start, m.end) for m in result.matches if m.flagged))
    return {**counts.figures(), "n": n}
