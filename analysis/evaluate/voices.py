"""Score the voices measure (quotations and their speakers) against the BASIL quotation gold set.

The gold set (``analysis/evaluate/gold/voices_basil.jsonl``, its guideline beside it) marks every
direct quotation of a sample of BASIL articles by stand-off offsets, with its speaker and group,
and a ``split`` of ``dev`` (rules may be tuned on it) or ``heldout`` (reported, never tuned on).
The texts come from the BASIL file given to ``evaluate``; an article whose text no longer
matches the stored SHA-1 of its spans is skipped and counted.

Figures, per split:

- Quotation precision, recall and F1. A predicted quotation matches a gold one when their
  overlap ``|A ∩ B| / |A ∪ B|`` (Jaccard, in characters) is at least 0.5; each gold quotation
  matches at most one prediction (greedy, largest overlap first). Jaccard rather than
  ``|A ∩ B| / |B|`` because it is symmetric: a prediction that swallows two gold quotations
  (or the sentence around one) is not rewarded for covering it.
- Speaker accuracy over matched quotations: after :func:`normalise_name` (case, honorifics and
  titles, a leading "the", punctuation, "Jr."), the two names end in the same word and one's
  words hold the other's: "Steele" or "Mr. Steele" for "Michael Steele", "Eric Holder" for
  "Eric H. Holder Jr.", and a title the product failed to strip ("AARP CEO Barry Rand"). A
  gold ``unnamed`` speaker is matched by no speaker or by a description that names nobody
  (:func:`names_nobody`: "one union official").
- Wrong-attribution rate: matched quotations given a named speaker that is not the gold one
  (worse than none: the reader is told the wrong person said it); unattributed rate: matched
  quotations with a named gold speaker that the product leaves without one or describes only
  by role ("the lawmaker": not wrong, but not resolved to the person).
- Group accuracy over matched quotations: the product's speaker group equals the gold group
  (no group equals ``unnamed``; a country-named group, "officials of France", equals the gold
  set's "other governments").

References:
    Pareti, S. (2016). PARC 3.0: A corpus of attribution relations. LREC 2016 (quotation and
    source evaluation with overlap matching). Jaccard, P. (1912). The distribution of the flora
    in the alpine zone. New Phytologist 11 (2): 37-50.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import Any

from analysis.evaluate.metrics import jsonl
from analysis.measures.voices import find_voices, load_speaker_groups
from analysis.measures.voices.groups import SPEAKER_GROUPS_FILE
from analysis.text.segmentation import segment
from analysis.text.words import word_set

GOLD_FILE = Path(__file__).resolve().parent / "gold" / "voices_basil.jsonl"
MIN_OVERLAP = 0.5
UNNAMED = "unnamed"
#: Honorifics and titles dropped before names are compared (general English news usage).
TITLES = word_set(
    "mr mrs ms miss dr prof sir dame rev sen senator rep representative gov governor pres "
    "president vice secretary gen general adm admiral lt col capt sgt judge justice mayor "
    "chairman chairwoman chief former the"
)
_COUNTS = [
    "articles",
    "skipped",
    "gold",
    "predicted",
    "matched",
    "speaker",
    "wrong",
    "unattributed",
    "named",
    "group",
]
_SUFFIXES = word_set("jr sr ii iii iv")
_DESCRIPTION_OPENERS = word_set("the a an one another some two three several many")
_NON_WORD = re.compile(r"[^\w\s'-]+")


def normalise_name(name: str | None) -> str:
    """Lower case, punctuation dropped, honorifics/titles and a leading "the" removed."""
    if not name:
        return ""
    words = _NON_WORD.sub(" ", name.replace("’", "'")).lower().split()
    while words and words[0] in TITLES:
        words.pop(0)
    if words and words[-1].endswith("'s"):
        words[-1] = words[-1][:-2]
    while len(words) > 1 and words[-1] in _SUFFIXES:
        words.pop()
    return " ".join(words)


def names_nobody(predicted: str | None) -> bool:
    """No speaker, or a description without a capitalised word ("one union official", "the aide").

    Such a phrase tells the reader who spoke only by role; it is the product's way of saying
    "unnamed".
    """
    words = (predicted or "").split()
    return not any(w[:1].isupper() for w in words[1:]) and (
        not words or words[0].lower() in _DESCRIPTION_OPENERS or not words[0][:1].isupper()
    )


def same_speaker(predicted: str | None, gold: str) -> bool:
    """The rule of the module docstring: equal after normalising, or the gold name's surname."""
    if gold == UNNAMED:
        return names_nobody(predicted)
    ours, theirs = normalise_name(predicted).split(), normalise_name(gold).split()
    if not ours or not theirs or ours[-1] != theirs[-1]:
        return False
    # Same family name, and one name's words hold the other's: "Holder" / "Eric H. Holder",
    # "Todd Jealous" / "Benjamin Todd Jealous", "AARP CEO Barry Rand" / "Barry Rand".
    return set(ours) <= set(theirs) or set(theirs) <= set(ours)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return 0.0
    return inter / (max(a[1], b[1]) - min(a[0], b[0]))


def match_quotes(
    predicted: list[tuple[int, int]], gold: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """One-to-one ``(predicted index, gold index)`` pairs with overlap >= :data:`MIN_OVERLAP`."""
    candidates = sorted(
        (
            (-_overlap(p, g), i, j)
            for i, p in enumerate(predicted)
            for j, g in enumerate(gold)
            if _overlap(p, g) >= MIN_OVERLAP
        )
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


def _gold_group(group: str | None) -> str:
    """The product's group in the gold labels: "officials of France" is "other governments"."""
    if not group:
        return UNNAMED
    return "other governments" if group.startswith("officials of ") else group


def _sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def evaluate_voices(
    basil: str | os.PathLike[str], *, gold: str | os.PathLike[str] = GOLD_FILE
) -> dict[str, dict[str, Any]]:
    """Voices figures per gold split: ``{"voices_dev": {...}, "voices_heldout": {...}}``."""
    texts = {a["id"]: a["text"] for a in jsonl(basil)}
    groups = load_speaker_groups([SPEAKER_GROUPS_FILE])  # built-in rules: reproducible
    tallies: dict[str, dict[str, int]] = {}
    for record in jsonl(gold):
        t = tallies.setdefault(
            record["split"],
            dict.fromkeys(_COUNTS, 0),
        )
        text = texts.get(record["id"])
        quotes = record["quotes"]
        if text is None or any(_sha1(text[q["start"] : q["end"]]) != q["sha1"] for q in quotes):
            t["skipped"] += 1
            continue
        t["articles"] += 1
        voices = find_voices(segment(text), groups=groups)
        predicted = [(q.start, q.end) for q in voices.quotes]
        pairs = match_quotes(predicted, [(q["start"], q["end"]) for q in quotes])
        t["gold"] += len(quotes)
        t["predicted"] += len(predicted)
        t["matched"] += len(pairs)
        for i, j in pairs:
            ours, theirs = voices.quotes[i], quotes[j]
            right = same_speaker(ours.speaker, theirs["speaker"])
            t["speaker"] += right
            t["wrong"] += not right and not names_nobody(ours.speaker)
            named = theirs["speaker"] != UNNAMED
            t["named"] += named
            t["unattributed"] += named and names_nobody(ours.speaker)
            t["group"] += _gold_group(ours.speaker_group) == theirs["group"]
    return {f"voices_{split}": _figures(t) for split, t in sorted(tallies.items())}


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def _figures(t: dict[str, int]) -> dict[str, Any]:
    precision = _ratio(t["matched"], t["predicted"])
    recall = _ratio(t["matched"], t["gold"])
    f1 = 2 * precision * recall / (precision + recall) if precision and recall else 0.0
    figures: dict[str, Any] = {
        "quote_precision": precision,
        "quote_recall": recall,
        "quote_f1": f1,
        "speaker_accuracy": _ratio(t["speaker"], t["matched"]),
        "wrong_attribution": _ratio(t["wrong"], t["matched"]),
        "unattributed": _ratio(t["unattributed"], t["named"]),
        "group_accuracy": _ratio(t["group"], t["matched"]),
        "quotes": t["gold"],
        "n": t["articles"],
    }
    if t["skipped"]:
        figures["skipped"] = t["skipped"]
    return figures
