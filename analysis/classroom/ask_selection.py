"""Questions on story selection and omission: an outlet's most typical words (log-odds z from
the comparison), a speaker group one article quotes and another leaves out, reused text.

Builders as in :mod:`~analysis.classroom.ask_words`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from analysis.classroom.ask_voices import group_words
from analysis.classroom.blind import MASK
from analysis.classroom.question_parts import (
    NO_GROUP,
    Draft,
    Ok,
    Pointer,
    Record,
    and_list,
    clean,
    clean_quotes,
    first_use,
    per_100,
    quote,
)


def _by_outlet(records: Sequence[Record]) -> dict[str, list[Record]]:
    found: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        found[str(record.get("outlet"))].append(record)
    return found


def distinctive(
    records: Sequence[Record],
    names: Mapping[str, str],
    comparison: Mapping[str, Any] | None,
    ok: Ok,
) -> list[Draft]:
    """The outlet with the most characteristic words (log-odds z, from the comparison)."""
    if not comparison or len(records) < 2:
        return []
    outlets = _by_outlet(records)
    best = None
    for outlet, terms in (comparison.get("distinctive_terms") or {}).items():
        usable = [t for t in terms if outlet in outlets and MASK not in t["term"] and ok(t["term"])]
        if len(usable) >= 2 and (best is None or usable[0]["z"] > best[1][0]["z"]):
            best = (outlet, usable)
    if best is None:
        return []
    outlet, terms = best
    picks = terms[:2]
    record = outlets[outlet][0]
    rid = str(record["id"])
    name = " and ".join(names[str(r["id"])] for r in outlets[outlet])
    points = [Pointer(rid, figure="distinctive_terms")]
    for term in picks:
        span = first_use(record, term["term"])
        if span and clean(record, *span):
            points.append(Pointer(rid, *span))
    return [
        Draft(
            "selection",
            f"{name} often uses {and_list([quote(t['term']) for t in picks])}. The other articles "
            f"seldom do. What does {name} talk about that the others leave out?",
            tuple(points),
            "Words most typical of "
            + name
            + " compared with the rest (a score above 2 means the difference is unlikely to be "
            "chance): "
            + ", ".join(
                f"{quote(t['term'])} (score {t['z']:.1f}, used {t['count']} times)"
                for t in terms[:5]
            )
            + ".",
        )
    ]


def missing_voices(
    records: Sequence[Record], names: Mapping[str, str], _: Any, ok: Ok
) -> list[Draft]:
    """A speaker group quoted in one article of a story but not in another."""
    by_story: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        by_story[str(record.get("event") or "")].append(record)
    for story in by_story.values():
        groups = {str(r["id"]): group_words(r) for r in story}
        for a in story:
            for group, words in groups[str(a["id"])].most_common():
                if group == NO_GROUP or words < 10:
                    continue
                b = next(
                    (r for r in story if r is not a and not groups[str(r["id"])].get(group)), None
                )
                if b is None or (not clean_quotes(b) and not groups[str(b["id"])]):
                    continue
                spans = [q for q in clean_quotes(a) if q.get("speaker_group") == group][:2]
                na, nb = names[str(a["id"])], names[str(b["id"])]
                return [
                    Draft(
                        "selection",
                        f"{na} quotes people from the group {quote(group)}. {nb} does not quote "
                        f"any of them. Whose side of the story is missing from {nb}?",
                        (
                            *(Pointer(str(a["id"]), q["start"], q["end"]) for q in spans),
                            Pointer(str(b["id"]), figure="voices.speakers"),
                        ),
                        f"{na} gives {words} quoted words to the group {quote(group)}; "
                        f"{nb} gives none. "
                        f"{nb} quotes: "
                        + (
                            ", ".join(
                                f"{g} ({n} words)" for g, n in groups[str(b["id"])].most_common()
                            )
                            or "nobody the tool could name"
                        )
                        + ".",
                    )
                ]
    return []


def reuse(
    records: Sequence[Record],
    names: Mapping[str, str],
    comparison: Mapping[str, Any] | None,
    ok: Ok,
) -> list[Draft]:
    """The pair with the largest share of reused text."""
    if not comparison:
        return []
    by_id = {str(r["id"]): r for r in records}
    pairs = [
        p
        for p in comparison.get("pairs") or ()
        if p.get("passages") and str(p["a"]) in by_id and str(p["b"]) in by_id
    ]
    if not pairs:
        return []
    pair = max(pairs, key=lambda p: max(p["reused_share_a"], p["reused_share_b"]))
    copier, source = ("a", "b") if pair["reused_share_a"] >= pair["reused_share_b"] else ("b", "a")
    share = pair[f"reused_share_{copier}"]
    if share < 0.1:
        return []
    a, b = str(pair[copier]), str(pair[source])
    points = [
        Pointer(a, p[f"{copier}_start"], p[f"{copier}_end"]) for p in pair["passages"][:2]
    ] + [Pointer(b, p[f"{source}_start"], p[f"{source}_end"]) for p in pair["passages"][:2]]
    return [
        Draft(
            "selection",
            f"{names[a]} repeats long parts of {names[b]}: {per_100(share)} of its words. "
            f"What did {names[a]} add, change or leave out?",
            (*points, Pointer(a, figure="pairs")),
            f"{len(pair['passages'])} shared passage(s); {per_100(share)} words of {names[a]} and "
            f"{per_100(pair[f'reused_share_{source}'])} of {names[b]} are in them. Shared text "
            "may come from the same news agency or one outlet copying the other.",
        )
    ]
