"""Questions on sourcing and balance: who is quoted, reporting verbs that take a side,
quotations with no speaker, one-sided quoting, the writer's tone against the quoted tone.

Builders as in :mod:`~analysis.classroom.ask_words`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from analysis.classroom.question_parts import (
    MIN_SENTENCES,
    NO_GROUP,
    VERB_KINDS,
    Draft,
    Ok,
    Pointer,
    Record,
    clean,
    clean_quotes,
    group_name,
    narrator_sentences,
    per_100,
    quote,
    signed,
    span_text,
)
from analysis.compare.stats import sentence_compounds, welch_difference
from analysis.measures.voices import reporting_verbs


def group_words(record: Record) -> Counter[str]:
    """Quoted words per speaker group."""
    words: Counter[str] = Counter()
    for speaker in (record.get("voices") or {}).get("speakers") or ():
        words[group_name(speaker.get("group"))] += int(speaker.get("words") or 0)
    return words


def who_speaks(records: Sequence[Record], names: Mapping[str, str], _: Any, ok: Ok) -> list[Draft]:
    """Two articles whose most-quoted speaker groups differ (or the two most quoted)."""
    quoted = [r for r in records if group_words(r) and clean_quotes(r)]
    if not quoted:
        return []
    quoted.sort(key=lambda r: -sum(group_words(r).values()))
    first = quoted[0]
    top = group_words(first).most_common(1)[0][0]
    other = next((r for r in quoted[1:] if group_words(r).most_common(1)[0][0] != top), None)
    if other is None and len(quoted) > 1:
        other = quoted[1]
    chosen = [first] if other is None else [first, other]
    points = []
    findings = []
    for record in chosen:
        rid = str(record["id"])
        speakers = (record.get("voices") or {}).get("speakers") or ()
        seen = set()
        for q in clean_quotes(record):
            if q.get("speaker") and q["speaker"] not in seen:
                seen.add(q["speaker"])
                points.append(Pointer(rid, q["start"], q["end"]))
        points.append(Pointer(rid, figure="voices.speakers"))
        listed = "; ".join(
            f"{s['name']} ({group_name(s.get('group'))}, {s.get('words', 0)} words)"
            for s in speakers[:5]
        )
        findings.append(f"{names[rid]}: {listed or 'no named speakers'}")
    if other is None:
        text = (
            f"Who is quoted in {names[str(first['id'])]}? List each person or group. Whose "
            "words do you read the most?"
        )
    else:
        text = (
            f"Who is quoted in {names[str(first['id'])]}, and who in {names[str(other['id'])]}? "
            "Whose words do you read the most in each one?"
        )
    return [Draft("sourcing", text, tuple(points), ". ".join(findings) + ".")]


def _verb_kind(verb: str | None) -> str | None:
    if not verb:
        return None
    entry = reporting_verbs().get(tuple(verb.lower().split()))
    return entry.kind if entry else None


def verbs(records: Sequence[Record], names: Mapping[str, str], _: Any, ok: Ok) -> list[Draft]:
    """A reporting verb that is not neutral ("claimed", "insisted", "slammed")."""
    for record in records:
        for a in (record.get("voices") or {}).get("attributions") or ():
            kind = _verb_kind(a.get("verb"))
            if kind in VERB_KINDS and clean(record, a["start"], a["end"]) and ok(a["verb"]):
                verb = a["verb"]
                name = names[str(record["id"])]
                said = [
                    x
                    for r in records
                    for x in (r.get("voices") or {}).get("attributions") or ()
                    if _verb_kind(x.get("verb")) == "neutral"
                ]
                return [
                    Draft(
                        "sourcing",
                        f"In {name}, the writer says someone {quote(verb)}. How is {quote(verb)} "
                        "different from “said”? Does this word take a side?",
                        (Pointer(str(record["id"]), a["start"], a["end"]),),
                        f"{quote(verb)} is {'an' if kind[0] in 'aeiou' else 'a'} {kind} reporting "
                        f"verb: it {VERB_KINDS[kind]}. "
                        f"“Said” and other neutral verbs are used {len(said)} times in these "
                        "articles.",
                    )
                ]
    return []


def unnamed(records: Sequence[Record], names: Mapping[str, str], _: Any, ok: Ok) -> list[Draft]:
    """Longer quotations with no speaker found."""
    for record in records:
        lonely = [
            q
            for q in clean_quotes(record)
            if not q.get("speaker") and len(span_text(record, q["start"], q["end"]).split()) >= 5
        ]
        if lonely:
            name = names[str(record["id"])]
            return [
                Draft(
                    "sourcing",
                    f"Some quoted words in {name} have no speaker that the tool could find. "
                    "Can you tell who said them? Why does it matter?",
                    tuple(Pointer(str(record["id"]), q["start"], q["end"]) for q in lonely[:3]),
                    f"{len(lonely)} quotation(s) of five words or more in {name} have no "
                    "speaker named near them (the tool looks for a name and a verb like "
                    "“said” beside the quote).",
                )
            ]
    return []


def one_sided(records: Sequence[Record], names: Mapping[str, str], _: Any, ok: Ok) -> list[Draft]:
    """The article whose quoted words come most from one speaker group."""
    best = None
    for record in records:
        words = group_words(record)
        total = sum(words.values())
        if total < 20 or len(clean_quotes(record)) < 2:
            continue
        group, count = words.most_common(1)[0]
        if group != NO_GROUP and (best is None or count / total > best[0]):
            best = (count / total, group, record)
    if best is None or best[0] < 0.6:
        return []
    share, group, record = best
    rid = str(record["id"])
    name = names[rid]
    spans = [q for q in clean_quotes(record) if q.get("speaker_group") == group][:2]
    return [
        Draft(
            "balance",
            f"In {name}, {per_100(share)} quoted words come from the group {quote(group)}. "
            "Does the article give the other side a fair chance to speak?",
            (
                *(Pointer(rid, q["start"], q["end"]) for q in spans),
                Pointer(rid, figure="voices.speakers"),
            ),
            f"Quoted words in {name} by speaker group: "
            + ", ".join(f"{g} {n}" for g, n in group_words(record).most_common())
            + ".",
        )
    ]


def narrator_vs_quoted(
    records: Sequence[Record], names: Mapping[str, str], _: Any, ok: Ok
) -> list[Draft]:
    """Where the writer's own tone and the quoted tone differ most."""
    best = None
    for record in records:
        narr = sentence_compounds(record, in_quote=False)
        quoted = sentence_compounds(record, in_quote=True)
        if len(narr) < MIN_SENTENCES or len(quoted) < 2:
            continue
        diff = welch_difference(narr, quoted)
        if diff is not None and (best is None or abs(diff.diff) > abs(best[0].diff)):
            best = (diff, record)
    if best is None:
        return []
    diff, record = best
    rid = str(record["id"])
    name = names[rid]
    narr_sent = narrator_sentences(record)
    quoted_sent = [s for s in record.get("sentence_scores") or () if s.get("in_quote")]
    points = [
        Pointer(rid, figure="sentiment.narrator_mean"),
        Pointer(rid, figure="sentiment.quoted_mean"),
    ]
    if narr_sent:
        s = min(narr_sent, key=lambda s: s["compound"])
        points.append(Pointer(rid, s["start"], s["end"]))
    clean_quoted = [s for s in quoted_sent if clean(record, s["start"], s["end"])]
    if clean_quoted:
        s = min(clean_quoted, key=lambda s: s["compound"])
        points.append(Pointer(rid, s["start"], s["end"]))
    sentiment = record.get("sentiment") or {}
    noise = (
        "The gap is within the noise." if diff.within_noise else "The gap is larger than the noise."
    )
    return [
        Draft(
            "balance",
            f"In {name}, is the tone set by the writer or by the people quoted? Find one "
            "sentence of each kind. Which sounds more negative?",
            tuple(points),
            f"Average tone (VADER, -1 to +1): the writer's own sentences "
            f"{signed(sentiment.get('narrator_mean'))}, quoted sentences "
            f"{signed(sentiment.get('quoted_mean'))}. {noise}",
        )
    ]


#: The question builders of each form, in the order their questions are asked.
