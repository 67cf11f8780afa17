"""Questions on word choice, tone and naming: loaded words, the most negative and positive
sentence, scare quotes, words of certainty, how each article names the same actor, headlines.

Each builder takes the records, their names, the comparison and ``ok`` (whether a question may
quote a text: False for a word a mark-the-words exercise asks students to find) and returns its
drafts; a builder that quotes words picks only words ``ok`` allows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from analysis.classroom.question_parts import (
    CATEGORY_WORDS,
    MIN_SENTENCES,
    Draft,
    Ok,
    Pointer,
    Record,
    and_list,
    clean,
    flagged_words,
    headline_span,
    narrator_sentences,
    quote,
    signed,
    span_text,
)
from analysis.compare.stats import sentence_compounds, welch_difference


def loaded_words(
    records: Sequence[Record], names: Mapping[str, str], _: Any, ok: Ok
) -> list[Draft]:
    """The article whose writer uses the most flagged loaded words per 1,000 of their words."""
    usable = {str(r["id"]): [m for m in flagged_words(r) if ok(m["text"])] for r in records}
    rated = [
        (r["loaded"]["own_per_1k"], r)
        for r in records
        if (r.get("loaded") or {}).get("own_per_1k") is not None and len(usable[str(r["id"])]) >= 2
    ]
    if not rated:
        return []
    _, record = max(rated, key=lambda pair: pair[0])
    chosen: dict[str, Mapping[str, Any]] = {}
    for m in sorted(usable[str(record["id"])], key=lambda m: (-float(m["weight"]), m["start"])):
        chosen.setdefault(m["term"], m)
        if len(chosen) == 3:
            break
    picks = sorted(chosen.values(), key=lambda m: m["start"])
    name = names[str(record["id"])]
    words = and_list([quote(m["text"]) for m in picks])
    loaded = record["loaded"]
    low, high = loaded.get("own_per_1k_ci") or (None, None)
    details = "; ".join(
        f"{quote(m['text'])}: {CATEGORY_WORDS.get(m['category'], m['category'])}"
        + (f" ({m['reason']})" if m.get("reason") else "")
        + (f", plainer: {quote(m['alternative'])}" if m.get("alternative") else "")
        for m in picks
    )
    rate = f"{loaded['own_per_1k']:.1f} flagged words per 1,000 of the writer's own words"
    if low is not None:
        rate += f" (likely between {low:.1f} and {high:.1f})"
    return [
        Draft(
            "word_choice",
            f"The writer of {name} uses the words {words}. Do these words only tell facts, or "
            "do they show a feeling? What plainer words could the writer use?",
            (
                *(Pointer(str(record["id"]), m["start"], m["end"]) for m in picks),
                Pointer(str(record["id"]), figure="loaded.own_per_1k"),
            ),
            f"{details}. {name} has {rate}, the most of these articles.",
        )
    ]


def tone(records: Sequence[Record], names: Mapping[str, str], _: Any, ok: Ok) -> list[Draft]:
    """The most negative and most positive writer's tone: one sentence of each to compare."""
    toned = [
        (r, narrator_sentences(r))
        for r in records
        if (r.get("sentiment") or {}).get("narrator_mean") is not None
    ]
    toned = [(r, s) for r, s in toned if len(s) >= MIN_SENTENCES]
    if len(toned) < 2:
        return []
    toned.sort(key=lambda pair: pair[0]["sentiment"]["narrator_mean"])
    (low, low_sent), (high, high_sent) = toned[0], toned[-1]
    neg = min(low_sent, key=lambda s: s["compound"])
    pos = max(high_sent, key=lambda s: s["compound"])
    a, b = names[str(low["id"])], names[str(high["id"])]
    diff = welch_difference(
        sentence_compounds(low, in_quote=False), sentence_compounds(high, in_quote=False)
    )
    noise = (
        " The gap between the two averages is within the noise: do not read much into it."
        if diff is not None and diff.within_noise
        else ""
    )
    return [
        Draft(
            "word_choice",
            f"Read the marked sentence in {a} and the one in {b}. Which one sounds more "
            "negative? Which words give it that feeling?",
            (
                Pointer(str(low["id"]), neg["start"], neg["end"]),
                Pointer(str(high["id"]), pos["start"], pos["end"]),
                Pointer(str(low["id"]), figure="sentiment.narrator_mean"),
                Pointer(str(high["id"]), figure="sentiment.narrator_mean"),
            ),
            f"The tool (VADER, from -1 very negative to +1 very positive) scores the sentence in "
            f"{a} at {signed(neg['compound'])} and the one in {b} at {signed(pos['compound'])}. "
            "On average the writer's own sentences score "
            f"{signed(low['sentiment']['narrator_mean'])} in {a} and "
            f"{signed(high['sentiment']['narrator_mean'])} in {b}.{noise}",
        )
    ]


def scare_quotes(
    records: Sequence[Record], names: Mapping[str, str], _: Any, ok: Ok
) -> list[Draft]:
    """Short quoted phrases nobody is said to have used."""
    for record in records:
        for m in (record.get("loaded") or {}).get("matches") or ():
            if (
                m.get("term") == "scare quotes"
                and clean(record, m["start"], m["end"])
                and ok(span_text(record, m["start"], m["end"]))
            ):
                name = names[str(record["id"])]
                return [
                    Draft(
                        "word_choice",
                        f"In {name}, the words {span_text(record, m['start'], m['end'])} are in "
                        "quotation marks, but no one is named as saying them here. Why might "
                        "the writer do this? How does it change what you think?",
                        (Pointer(str(record["id"]), m["start"], m["end"]),),
                        f"These are scare quotes: {m.get('reason') or 'no speaker is given'}."
                        + (f" Instead: {m['alternative']}." if m.get("alternative") else ""),
                    )
                ]
    return []


def certainty(records: Sequence[Record], names: Mapping[str, str], _: Any, ok: Ok) -> list[Draft]:
    """Words that claim certainty in the writer's own voice."""

    def sure_words(record: Record) -> list[Mapping[str, Any]]:
        return [m for m in flagged_words(record) if m["category"] == "certainty" and ok(m["text"])]

    best = max(records, key=lambda r: len(sure_words(r)), default=None)
    if best is None:
        return []
    sure = sure_words(best)
    if len(sure) < 2:
        return []
    picks = list({m["term"]: m for m in reversed(sure)}.values())[::-1][:3]
    name = names[str(best["id"])]
    return [
        Draft(
            "word_choice",
            f"{name} uses sure words like {and_list([quote(m['text']) for m in picks])}. Does the "
            "writer show proof for what they say is sure?",
            tuple(Pointer(str(best["id"]), m["start"], m["end"]) for m in picks),
            f"{name} has {len(sure)} words of certainty in the writer's own voice. "
            + "; ".join(
                f"{quote(m['text'])}: {m.get('reason') or 'claims certainty'}" for m in picks
            )
            + ".",
        )
    ]


def naming(records: Sequence[Record], names: Mapping[str, str], _: Any, ok: Ok) -> list[Draft]:
    """Two articles that name the same actor most differently."""
    best: tuple[float, str, Record, Record] | None = None
    for group in sorted({g for r in records for g in (r.get("naming") or {})}):
        using = [r for r in records if sum((r.get("naming") or {}).get(group, {}).values()) >= 2]
        for i, a in enumerate(using):
            for b in using[i + 1 :]:
                distance = _distance(a["naming"][group], b["naming"][group])
                if best is None or distance > best[0]:
                    best = (distance, group, a, b)
    if best is None or best[0] < 0.3:
        return []
    distance, group, a, b = best
    points = []
    parts = []
    for record in (a, b):
        counts = Counter(record["naming"][group])
        top = [v for v, _n in counts.most_common(2)]
        for variant in top:
            span = next(
                (
                    (s["start"], s["end"])
                    for s in record.get("naming_spans") or ()
                    if s["group"] == group
                    and s["variant"] == variant
                    and clean(record, s["start"], s["end"])
                ),
                None,
            )
            if span:
                points.append(Pointer(str(record["id"]), *span))
        parts.append((names[str(record["id"])], top, counts))
    (na, ta, ca), (nb, tb, cb) = parts
    return [
        Draft(
            "naming",
            f"{na} and {nb} name the same people or group. {na} says "
            f"{and_list([quote(v) for v in ta])}. {nb} says "
            f"{and_list([quote(v) for v in tb])}. What does each name make you think?",
            tuple(points),
            f"Names used: {na}: "
            + ", ".join(f"{quote(v)} {n}×" for v, n in ca.most_common())
            + f"; {nb}: "
            + ", ".join(f"{quote(v)} {n}×" for v, n in cb.most_common())
            + f". The two articles' choices differ by {distance:.0%} (share of names that would"
            " have to change for them to match).",
        )
    ]


def _distance(a: Mapping[str, int], b: Mapping[str, int]) -> float:
    """Total variation distance between two variant counts (0 same mix, 1 no name shared)."""
    ta, tb = sum(a.values()), sum(b.values())
    # summed in sorted order: a set's order changes between processes, and a float sum in another
    # order can break a tie between two pairs the other way
    return 0.5 * sum(abs(a.get(v, 0) / ta - b.get(v, 0) / tb) for v in sorted(set(a) | set(b)))


def headlines(records: Sequence[Record], names: Mapping[str, str], _: Any, ok: Ok) -> list[Draft]:
    """The two headlines whose tone differs most."""
    scored = []
    for record in records:
        head = headline_span(record)
        if head is None or not clean(record, *head):
            continue
        first = next((s for s in record.get("sentence_scores") or () if s["start"] < head[1]), None)
        if first is not None:
            scored.append((first["compound"], record, head))
    if len(scored) < 2:
        return []
    scored.sort(key=lambda item: item[0])
    (low, a, ha), (high, b, hb) = scored[0], scored[-1]
    na, nb = names[str(a["id"])], names[str(b["id"])]
    return [
        Draft(
            "naming",
            f"Read the headlines of {na} and {nb}. What does each headline want you to think "
            "first? Who is the main actor in each one?",
            (Pointer(str(a["id"]), *ha), Pointer(str(b["id"]), *hb)),
            f"Headline tone (VADER, -1 to +1): {na} {signed(low)}, {nb} {signed(high)}. "
            f"Loaded words in them: {na}: {_words_in(a, ha)}; {nb}: {_words_in(b, hb)}.",
        )
    ]


def _words_in(record: Record, span: tuple[int, int]) -> str:
    """The loaded words inside a span (quoted), or "none"."""
    found = [
        quote(m["text"])
        for m in flagged_words(record, narrator=False)
        if span[0] <= m["start"] and m["end"] <= span[1]
    ]
    return and_list(found) or "none"
