"""Guided questions for a class, written from the evidence the analysis found in any corpus.

Questions are grouped by the usual forms of news bias taught in media-literacy lessons (word
choice and tone; sourcing, who is quoted and how; naming and framing; story selection and
omission; balance), after the typologies of AllSides' "How to spot types of media bias" and
Entman's (1993) framing functions, in our own words. Each question points at the spans
(article id, start, end) or figures it is about, so a page can highlight them and a worksheet can
quote them; :func:`answer_key` gives the teacher what the tool found for each one.

Wording is kept plain, aimed at about a US grade-8 reading level: short sentences, common words,
numbers as "N in every 100". The level of the generated questions is measured with textstat's
Flesch-Kincaid grade in the tests. A question is only asked when its evidence is there: a corpus
without quotations gets no sourcing questions, a single article no comparisons.

References:
    Entman, R. M. (1993). Framing: Toward clarification of a fractured paradigm. Journal of
    Communication 43(4): 51-58.
    Kincaid, J. P., Fishburne, R. P., Rogers, R. L. & Chissom, B. S. (1975). Derivation of new
    readability formulas for Navy enlisted personnel. Research Branch Report 8-75.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from analysis.classroom.blind import MASK, letter_labels
from analysis.classroom.marking import answer_forms, gives_away, is_flagged
from analysis.compare.stats import sentence_compounds, welch_difference
from analysis.measures.voices import reporting_verbs

Record = Mapping[str, Any]

#: The forms of news bias, in the order a lesson walks them: key -> heading.
FORMS: dict[str, str] = {
    "word_choice": "Word choice and tone",
    "sourcing": "Sourcing: who is quoted and how",
    "naming": "Naming and framing",
    "selection": "Story selection and omission",
    "balance": "Balance",
    "teacher": "Your teacher's questions",
}

#: Speaker group shown when the analysis found no group for a speaker.
NO_GROUP = "speakers with no group found"

#: Fewer narrator sentences than this per article and a tone comparison is not asked.
MIN_SENTENCES = 3

#: Each loaded-word category in plain words (for questions and the answer key).
CATEGORY_WORDS = {
    "name_calling": "a label that judges",
    "emotive": "a word that stirs feelings",
    "subjective": "the writer's own opinion",
    "intensifier": "a word that makes things sound bigger",
    "exaggeration": "an overstatement",
    "hedge": "a word that adds doubt",
    "loaded_verb": "a verb that takes a side",
    "certainty": "a word that claims to be sure",
}
_VERB_KINDS = {
    "assertive": "makes the speaker sound forceful or sure",
    "tentative": "makes the speaker sound unsure",
    "critical": "makes the speaker sound like they attack or deny",
    "cognition": "reports a belief, not words",
    "naming": "reports a label the speaker gave",
}


@dataclass(frozen=True, slots=True)
class Pointer:
    """What a question is about: a span of an article's text or one of its figures.

    Attributes:
        article: the article id.
        start: first character of the span (None for a figure).
        end: one past its last character (None for a figure).
        figure: a dotted figure name of the JSON contract (``loaded.per_1k``,
            ``sentiment.narrator_mean``, ``voices.speakers``) or of the comparison
            (``distinctive_terms``, ``pairs``); None for a span.
    """

    article: str
    start: int | None = None
    end: int | None = None
    figure: str | None = None


@dataclass(frozen=True, slots=True)
class Question:
    """One guided question.

    Attributes:
        id: a stable key ("word_choice-1").
        form: a key of :data:`FORMS`.
        text: the question, in plain words.
        points: the spans and figures it is about.
        finding: what the tool found, in a sentence or two (the teacher's answer).
    """

    id: str
    form: str
    text: str
    points: tuple[Pointer, ...]
    finding: str


@dataclass(frozen=True, slots=True)
class Answer:
    """One entry of the teacher's answer key.

    Attributes:
        question: the question's id.
        form: the form of bias (heading of :data:`FORMS`).
        text: the question as asked.
        finding: what the tool found.
        evidence: each pointer made readable: the quoted words with their place, or the figure
            with its value.
    """

    question: str
    form: str
    text: str
    finding: str
    evidence: tuple[str, ...]


# --- small readers of the JSON contract ------------------------------------------------------


def article_names(records: Sequence[Record]) -> dict[str, str]:
    """How questions name each article: "Article A" … in order, with the outlet in brackets
    unless the records are blinded (their outlet is then their label already). Revealed records
    (outlet "Article C: CNN", see :func:`analysis.classroom.blind.blind_records`) keep their
    own letter: "Article C (CNN)"."""
    names = {}
    for record, letter in zip(records, letter_labels(len(records)), strict=True):
        outlet = record.get("outlet")
        article_id = str(record.get("id"))
        if outlet and str(outlet).startswith(f"{article_id}: "):
            letter, outlet = article_id, str(outlet)[len(article_id) + 2 :]
        if outlet == article_id or not outlet:
            names[article_id] = article_id if outlet == article_id else letter
        else:
            plain = re.sub(r"\s*\(([^()]*)\)", r", \1", str(outlet)).strip(", ")
            names[article_id] = f"{letter} ({plain})"
    return names


#: Longest quotation in the answer key (longer ones are cut at a word, with "…").
KEY_QUOTE_CHARS = 160


def _short(text: str, limit: int = KEY_QUOTE_CHARS) -> str:
    """Text on one line, cut at the last whole word within ``limit`` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit].rstrip(",;:") + " …"


def _q(text: str) -> str:
    """Words from an article in typographic quotes, on one line."""
    words = " ".join(text.split()).strip('“”"')
    return f"“{words}”"


def _span(record: Record, start: int, end: int) -> str:
    return (record.get("text") or "")[start:end]


def _clean(record: Record, start: int, end: int) -> bool:
    """A span worth quoting: inside the text, not empty, nothing masked."""
    text = _span(record, start, end)
    return (
        0 <= start < end <= len(record.get("text") or "")
        and bool(text.strip())
        and (MASK not in text)
    )


def _matches(record: Record, *, narrator: bool = True) -> list[Mapping[str, Any]]:
    """The flagged loaded words of an article (only the narrator's by default), in order."""
    return [
        m
        for m in (record.get("loaded") or {}).get("matches") or ()
        if is_flagged(m)
        and not (narrator and m.get("in_quote"))
        and _clean(record, m["start"], m["end"])
    ]


def _quotes(record: Record) -> list[Mapping[str, Any]]:
    return [
        q
        for q in (record.get("voices") or {}).get("quotes") or ()
        if _clean(record, q["start"], q["end"])
    ]


def _group(value: str | None) -> str:
    return value or NO_GROUP


def _per_100(share: float) -> str:
    """A share in words: "all", "none" or "about N in every 100"."""
    if share >= 0.995:
        return "all"
    if share < 0.005:
        return "none"
    return f"about {round(100 * share)} in every 100"


def _fmt(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:+.{digits}f}"


def _headline(record: Record) -> tuple[int, int] | None:
    """The first line's span when it is the headline (it repeats the title)."""
    text = record.get("text") or ""
    match = re.search(r"\S[^\n]*", text)
    if not match:
        return None
    line = match.group().rstrip()
    title = " ".join(str(record.get("title") or "").split())
    if title and " ".join(line.split()) == title:
        return match.start(), match.start() + len(line)
    return None


def _narrator_sentences(record: Record) -> list[Mapping[str, Any]]:
    head = _headline(record)
    return [
        s
        for s in record.get("sentence_scores") or ()
        if not s.get("in_quote")
        and s.get("compound") is not None
        and not (head and s["start"] < head[1])
        and _clean(record, s["start"], s["end"])
    ]


def _first_word(record: Record, word: str) -> tuple[int, int] | None:
    """The first use of a word or phrase in the text (case-insensitive, whole words)."""
    pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, word.split())) + r"(?!\w)"
    match = re.search(pattern, record.get("text") or "", re.IGNORECASE)
    return match.span() if match else None


def _list(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


# --- the questions, one function per kind ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Draft:
    form: str
    text: str
    points: tuple[Pointer, ...]
    finding: str


#: Whether a question may quote this text (False for a word an exercise asks students to find).
_Ok = Callable[[str], bool]
_Builder = Callable[
    [Sequence[Record], Mapping[str, str], Mapping[str, Any] | None, _Ok], list[_Draft]
]


def _loaded_words(
    records: Sequence[Record], names: Mapping[str, str], _: Any, ok: _Ok
) -> list[_Draft]:
    """The article whose writer uses the most flagged loaded words per 1,000 of their words."""
    usable = {str(r["id"]): [m for m in _matches(r) if ok(m["text"])] for r in records}
    rated = [
        (r["loaded"]["per_1k"], r)
        for r in records
        if (r.get("loaded") or {}).get("per_1k") is not None and len(usable[str(r["id"])]) >= 2
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
    words = _list([_q(m["text"]) for m in picks])
    loaded = record["loaded"]
    low, high = loaded.get("per_1k_ci") or (None, None)
    details = "; ".join(
        f"{_q(m['text'])}: {CATEGORY_WORDS.get(m['category'], m['category'])}"
        + (f" ({m['reason']})" if m.get("reason") else "")
        + (f", plainer: {_q(m['alternative'])}" if m.get("alternative") else "")
        for m in picks
    )
    rate = f"{loaded['per_1k']:.1f} flagged words per 1,000 of the writer's own words"
    if low is not None:
        rate += f" (likely between {low:.1f} and {high:.1f})"
    return [
        _Draft(
            "word_choice",
            f"The writer of {name} uses the words {words}. Do these words only tell facts, or "
            "do they show a feeling? What plainer words could the writer use?",
            (
                *(Pointer(str(record["id"]), m["start"], m["end"]) for m in picks),
                Pointer(str(record["id"]), figure="loaded.per_1k"),
            ),
            f"{details}. {name} has {rate}, the most of these articles.",
        )
    ]


def _tone(records: Sequence[Record], names: Mapping[str, str], _: Any, ok: _Ok) -> list[_Draft]:
    """The most negative and most positive writer's tone: one sentence of each to compare."""
    toned = [
        (r, _narrator_sentences(r))
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
        _Draft(
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
            f"{a} at {_fmt(neg['compound'])} and the one in {b} at {_fmt(pos['compound'])}. "
            f"On average the writer's own sentences score {_fmt(low['sentiment']['narrator_mean'])}"
            f" in {a} and {_fmt(high['sentiment']['narrator_mean'])} in {b}.{noise}",
        )
    ]


def _scare_quotes(
    records: Sequence[Record], names: Mapping[str, str], _: Any, ok: _Ok
) -> list[_Draft]:
    """Short quoted phrases nobody is said to have used."""
    for record in records:
        for m in (record.get("loaded") or {}).get("matches") or ():
            if (
                m.get("term") == "scare quotes"
                and _clean(record, m["start"], m["end"])
                and ok(_span(record, m["start"], m["end"]))
            ):
                name = names[str(record["id"])]
                return [
                    _Draft(
                        "word_choice",
                        f"In {name}, the words {_span(record, m['start'], m['end'])} are in "
                        "quotation marks, but no one is named as saying them here. Why might "
                        "the writer do this? How does it change what you think?",
                        (Pointer(str(record["id"]), m["start"], m["end"]),),
                        f"These are scare quotes: {m.get('reason') or 'no speaker is given'}."
                        + (f" Instead: {m['alternative']}." if m.get("alternative") else ""),
                    )
                ]
    return []


def _certainty(
    records: Sequence[Record], names: Mapping[str, str], _: Any, ok: _Ok
) -> list[_Draft]:
    """Words that claim certainty in the writer's own voice."""

    def sure_words(record: Record) -> list[Mapping[str, Any]]:
        return [m for m in _matches(record) if m["category"] == "certainty" and ok(m["text"])]

    best = max(records, key=lambda r: len(sure_words(r)), default=None)
    if best is None:
        return []
    sure = sure_words(best)
    if len(sure) < 2:
        return []
    picks = list({m["term"]: m for m in reversed(sure)}.values())[::-1][:3]
    name = names[str(best["id"])]
    return [
        _Draft(
            "word_choice",
            f"{name} uses sure words like {_list([_q(m['text']) for m in picks])}. Does the "
            "writer show proof for what they say is sure?",
            tuple(Pointer(str(best["id"]), m["start"], m["end"]) for m in picks),
            f"{name} has {len(sure)} words of certainty in the writer's own voice. "
            + "; ".join(f"{_q(m['text'])}: {m.get('reason') or 'claims certainty'}" for m in picks)
            + ".",
        )
    ]


def _group_words(record: Record) -> Counter[str]:
    """Quoted words per speaker group."""
    words: Counter[str] = Counter()
    for speaker in (record.get("voices") or {}).get("speakers") or ():
        words[_group(speaker.get("group"))] += int(speaker.get("words") or 0)
    return words


def _who_speaks(
    records: Sequence[Record], names: Mapping[str, str], _: Any, ok: _Ok
) -> list[_Draft]:
    """Two articles whose most-quoted speaker groups differ (or the two most quoted)."""
    quoted = [r for r in records if _group_words(r) and _quotes(r)]
    if not quoted:
        return []
    quoted.sort(key=lambda r: -sum(_group_words(r).values()))
    first = quoted[0]
    top = _group_words(first).most_common(1)[0][0]
    other = next((r for r in quoted[1:] if _group_words(r).most_common(1)[0][0] != top), None)
    if other is None and len(quoted) > 1:
        other = quoted[1]
    chosen = [first] if other is None else [first, other]
    points = []
    findings = []
    for record in chosen:
        rid = str(record["id"])
        speakers = (record.get("voices") or {}).get("speakers") or ()
        seen = set()
        for q in _quotes(record):
            if q.get("speaker") and q["speaker"] not in seen:
                seen.add(q["speaker"])
                points.append(Pointer(rid, q["start"], q["end"]))
        points.append(Pointer(rid, figure="voices.speakers"))
        listed = "; ".join(
            f"{s['name']} ({_group(s.get('group'))}, {s.get('words', 0)} words)"
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
    return [_Draft("sourcing", text, tuple(points), ". ".join(findings) + ".")]


def _verb_kind(verb: str | None) -> str | None:
    if not verb:
        return None
    entry = reporting_verbs().get(tuple(verb.lower().split()))
    return entry.kind if entry else None


def _verbs(records: Sequence[Record], names: Mapping[str, str], _: Any, ok: _Ok) -> list[_Draft]:
    """A reporting verb that is not neutral ("claimed", "insisted", "slammed")."""
    for record in records:
        for a in (record.get("voices") or {}).get("attributions") or ():
            kind = _verb_kind(a.get("verb"))
            if kind in _VERB_KINDS and _clean(record, a["start"], a["end"]) and ok(a["verb"]):
                verb = a["verb"]
                name = names[str(record["id"])]
                said = [
                    x
                    for r in records
                    for x in (r.get("voices") or {}).get("attributions") or ()
                    if _verb_kind(x.get("verb")) == "neutral"
                ]
                return [
                    _Draft(
                        "sourcing",
                        f"In {name}, the writer says someone {_q(verb)}. How is {_q(verb)} "
                        "different from “said”? Does this word take a side?",
                        (Pointer(str(record["id"]), a["start"], a["end"]),),
                        f"{_q(verb)} is {'an' if kind[0] in 'aeiou' else 'a'} {kind} reporting "
                        f"verb: it {_VERB_KINDS[kind]}. "
                        f"“Said” and other neutral verbs are used {len(said)} times in these "
                        "articles.",
                    )
                ]
    return []


def _unnamed(records: Sequence[Record], names: Mapping[str, str], _: Any, ok: _Ok) -> list[_Draft]:
    """Longer quotations with no speaker found."""
    for record in records:
        lonely = [
            q
            for q in _quotes(record)
            if not q.get("speaker") and len(_span(record, q["start"], q["end"]).split()) >= 5
        ]
        if lonely:
            name = names[str(record["id"])]
            return [
                _Draft(
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


def _naming(records: Sequence[Record], names: Mapping[str, str], _: Any, ok: _Ok) -> list[_Draft]:
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
                    and _clean(record, s["start"], s["end"])
                ),
                None,
            )
            if span:
                points.append(Pointer(str(record["id"]), *span))
        parts.append((names[str(record["id"])], top, counts))
    (na, ta, ca), (nb, tb, cb) = parts
    return [
        _Draft(
            "naming",
            f"{na} and {nb} name the same people or group. {na} says "
            f"{_list([_q(v) for v in ta])}. {nb} says {_list([_q(v) for v in tb])}. What does "
            "each name make you think?",
            tuple(points),
            f"Names used: {na}: "
            + ", ".join(f"{_q(v)} {n}×" for v, n in ca.most_common())
            + f"; {nb}: "
            + ", ".join(f"{_q(v)} {n}×" for v, n in cb.most_common())
            + f". The two articles' choices differ by {distance:.0%} (share of names that would"
            " have to change for them to match).",
        )
    ]


def _distance(a: Mapping[str, int], b: Mapping[str, int]) -> float:
    """Total variation distance between two variant counts (0 same mix, 1 no name shared)."""
    ta, tb = sum(a.values()), sum(b.values())
    return 0.5 * sum(abs(a.get(v, 0) / ta - b.get(v, 0) / tb) for v in set(a) | set(b))


def _headlines(
    records: Sequence[Record], names: Mapping[str, str], _: Any, ok: _Ok
) -> list[_Draft]:
    """The two headlines whose tone differs most."""
    scored = []
    for record in records:
        head = _headline(record)
        if head is None or not _clean(record, *head):
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
        _Draft(
            "naming",
            f"Read the headlines of {na} and {nb}. What does each headline want you to think "
            "first? Who is the main actor in each one?",
            (Pointer(str(a["id"]), *ha), Pointer(str(b["id"]), *hb)),
            f"Headline tone (VADER, -1 to +1): {na} {_fmt(low)}, {nb} {_fmt(high)}. Loaded words "
            f"in them: {na}: {_words_in(a, ha)}; {nb}: {_words_in(b, hb)}.",
        )
    ]


def _words_in(record: Record, span: tuple[int, int]) -> str:
    """The loaded words inside a span (quoted), or "none"."""
    found = [
        _q(m["text"])
        for m in _matches(record, narrator=False)
        if span[0] <= m["start"] and m["end"] <= span[1]
    ]
    return _list(found) or "none"


def _by_outlet(records: Sequence[Record]) -> dict[str, list[Record]]:
    found: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        found[str(record.get("outlet"))].append(record)
    return found


def _distinctive(
    records: Sequence[Record],
    names: Mapping[str, str],
    comparison: Mapping[str, Any] | None,
    ok: _Ok,
) -> list[_Draft]:
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
        span = _first_word(record, term["term"])
        if span and _clean(record, *span):
            points.append(Pointer(rid, *span))
    return [
        _Draft(
            "selection",
            f"{name} often uses {_list([_q(t['term']) for t in picks])}. The other articles "
            f"seldom do. What does {name} talk about that the others leave out?",
            tuple(points),
            "Words most typical of "
            + name
            + " compared with the rest (a score above 2 means the difference is unlikely to be "
            "chance): "
            + ", ".join(
                f"{_q(t['term'])} (score {t['z']:.1f}, used {t['count']} times)" for t in terms[:5]
            )
            + ".",
        )
    ]


def _missing_voices(
    records: Sequence[Record], names: Mapping[str, str], _: Any, ok: _Ok
) -> list[_Draft]:
    """A speaker group quoted in one article of a story but not in another."""
    by_story: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        by_story[str(record.get("event") or "")].append(record)
    for story in by_story.values():
        groups = {str(r["id"]): _group_words(r) for r in story}
        for a in story:
            for group, words in groups[str(a["id"])].most_common():
                if group == NO_GROUP or words < 10:
                    continue
                b = next(
                    (r for r in story if r is not a and not groups[str(r["id"])].get(group)), None
                )
                if b is None or (not _quotes(b) and not groups[str(b["id"])]):
                    continue
                spans = [q for q in _quotes(a) if q.get("speaker_group") == group][:2]
                na, nb = names[str(a["id"])], names[str(b["id"])]
                return [
                    _Draft(
                        "selection",
                        f"{na} quotes people from the group {_q(group)}. {nb} does not quote "
                        f"any of them. Whose side of the story is missing from {nb}?",
                        (
                            *(Pointer(str(a["id"]), q["start"], q["end"]) for q in spans),
                            Pointer(str(b["id"]), figure="voices.speakers"),
                        ),
                        f"{na} gives {words} quoted words to the group {_q(group)}; "
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


def _reuse(
    records: Sequence[Record],
    names: Mapping[str, str],
    comparison: Mapping[str, Any] | None,
    ok: _Ok,
) -> list[_Draft]:
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
        _Draft(
            "selection",
            f"{names[a]} repeats long parts of {names[b]}: {_per_100(share)} of its words. "
            f"What did {names[a]} add, change or leave out?",
            (*points, Pointer(a, figure="pairs")),
            f"{len(pair['passages'])} shared passage(s); {_per_100(share)} words of {names[a]} and "
            f"{_per_100(pair[f'reused_share_{source}'])} of {names[b]} are in them. Shared text "
            "may come from the same news agency or one outlet copying the other.",
        )
    ]


def _one_sided(
    records: Sequence[Record], names: Mapping[str, str], _: Any, ok: _Ok
) -> list[_Draft]:
    """The article whose quoted words come most from one speaker group."""
    best = None
    for record in records:
        words = _group_words(record)
        total = sum(words.values())
        if total < 20 or len(_quotes(record)) < 2:
            continue
        group, count = words.most_common(1)[0]
        if group != NO_GROUP and (best is None or count / total > best[0]):
            best = (count / total, group, record)
    if best is None or best[0] < 0.6:
        return []
    share, group, record = best
    rid = str(record["id"])
    name = names[rid]
    spans = [q for q in _quotes(record) if q.get("speaker_group") == group][:2]
    return [
        _Draft(
            "balance",
            f"In {name}, {_per_100(share)} quoted words come from the group {_q(group)}. "
            "Does the article give the other side a fair chance to speak?",
            (
                *(Pointer(rid, q["start"], q["end"]) for q in spans),
                Pointer(rid, figure="voices.speakers"),
            ),
            f"Quoted words in {name} by speaker group: "
            + ", ".join(f"{g} {n}" for g, n in _group_words(record).most_common())
            + ".",
        )
    ]


def _narrator_vs_quoted(
    records: Sequence[Record], names: Mapping[str, str], _: Any, ok: _Ok
) -> list[_Draft]:
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
    narr_sent = _narrator_sentences(record)
    quoted_sent = [s for s in record.get("sentence_scores") or () if s.get("in_quote")]
    points = [
        Pointer(rid, figure="sentiment.narrator_mean"),
        Pointer(rid, figure="sentiment.quoted_mean"),
    ]
    if narr_sent:
        s = min(narr_sent, key=lambda s: s["compound"])
        points.append(Pointer(rid, s["start"], s["end"]))
    clean_quoted = [s for s in quoted_sent if _clean(record, s["start"], s["end"])]
    if clean_quoted:
        s = min(clean_quoted, key=lambda s: s["compound"])
        points.append(Pointer(rid, s["start"], s["end"]))
    sentiment = record.get("sentiment") or {}
    noise = (
        "The gap is within the noise." if diff.within_noise else "The gap is larger than the noise."
    )
    return [
        _Draft(
            "balance",
            f"In {name}, is the tone set by the writer or by the people quoted? Find one "
            "sentence of each kind. Which sounds more negative?",
            tuple(points),
            f"Average tone (VADER, -1 to +1): the writer's own sentences "
            f"{_fmt(sentiment.get('narrator_mean'))}, quoted sentences "
            f"{_fmt(sentiment.get('quoted_mean'))}. {noise}",
        )
    ]


#: The question builders of each form, in the order their questions are asked.
BUILDERS: dict[str, tuple[_Builder, ...]] = {
    "word_choice": (_loaded_words, _tone, _scare_quotes, _certainty),
    "sourcing": (_who_speaks, _verbs, _unnamed),
    "naming": (_naming, _headlines),
    "selection": (_distinctive, _missing_voices, _reuse),
    "balance": (_one_sided, _narrator_vs_quoted),
}


def guided_questions(
    records: Sequence[Record],
    *,
    comparison: Mapping[str, Any] | None = None,
    names: Mapping[str, str] | None = None,
    per_form: int = 3,
    teacher: Iterable[str] = (),
    withhold: Iterable[str] = (),
) -> list[Question]:
    """Questions about these articles, grouped by form of bias, each pointing at its evidence.

    A question asked beside a mark-the-words exercise must not give its answers away: with
    ``withhold`` (the exercise's answers, e.g. :func:`analysis.classroom.marking.passage_answers`)
    no generated question contains any content word of an answer or its inflections
    (:func:`analysis.classroom.marking.answer_forms`); a builder that quotes words picks others,
    and a question that would still name one is not asked. The teacher's own questions are
    kept as written (:func:`teacher_gives_away` tells the page which ones to warn about).

    Args:
        records: article dicts of the JSON contract (blinded ones work the same).
        comparison: the ``compare`` dict of the same records, for the story-selection
            questions on distinctive words and reused text.
        names: article id -> how to call it; default :func:`article_names`.
        per_form: at most this many generated questions per form.
        teacher: the teacher's own questions, asked last (they point at nothing).
        withhold: answers the questions must not contain.

    Returns:
        The questions in :data:`FORMS` order, ids ``<form>-<n>``.
    """
    names = article_names(records) if names is None else names
    forms = answer_forms(withhold)

    def ok(text: str) -> bool:
        return not gives_away(text, forms)

    questions = []
    for form, builders in BUILDERS.items():
        drafts = [
            d for build in builders for d in build(records, names, comparison, ok) if ok(d.text)
        ][:per_form]
        questions.extend(
            Question(f"{form}-{n}", d.form, d.text, d.points, d.finding)
            for n, d in enumerate(drafts, start=1)
        )
    questions.extend(
        Question(f"teacher-{n}", "teacher", " ".join(text.split()), (), "")
        for n, text in enumerate((t for t in teacher if t.strip()), start=1)
    )
    return questions


#: Questions a worksheet carries by default: about right for a 45-minute lesson (six to eight
#: questions of five to seven minutes each, leaving time to read and to discuss).
SHEET_QUESTIONS = 7


def default_choice(
    questions: Sequence[Question],
    *,
    size: int = SHEET_QUESTIONS,
    skip: Iterable[str] = (),
) -> list[str]:
    """The ids of the questions a worksheet carries unless the teacher chooses others.

    The rule: take the questions round by round, one of each form of bias per round in the
    order of :data:`FORMS` (word choice, sourcing, naming, selection, balance, then the
    teacher's own questions as one more form), each form's in the order asked, until ``size``
    are chosen. Every form with a question is covered first, and no form takes a second place
    before every form has had one. The result keeps the questions' own order.

    Args:
        questions: from :func:`guided_questions`.
        size: how many to choose (fewer when fewer exist).
        skip: ids never chosen by default (e.g. a teacher's question that names an answer of
            the sheet's exercise).
    """
    skipped = set(skip)
    queues = {
        form: [q.id for q in questions if q.form == form and q.id not in skipped] for form in FORMS
    }
    chosen: set[str] = set()
    while len(chosen) < size and any(queues.values()):
        for queue in queues.values():
            if queue and len(chosen) < size:
                chosen.add(queue.pop(0))
    return [q.id for q in questions if q.id in chosen]


def teacher_gives_away(questions: Sequence[Question], withhold: Iterable[str]) -> list[str]:
    """Ids of the teacher's own questions that contain an answer of the exercise (a word or its
    inflection, see :func:`analysis.classroom.marking.answer_forms`), for the page to warn."""
    forms = answer_forms(withhold)
    return [q.id for q in questions if q.form == "teacher" and gives_away(q.text, forms)]


def _figure(
    record: Record,
    comparison: Mapping[str, Any] | None,
    figure: str,
    names: Mapping[str, str],
) -> str:
    """A figure's value, readable."""
    if figure == "voices.speakers":
        speakers = (record.get("voices") or {}).get("speakers") or ()
        return (
            "; ".join(
                f"{s['name']} ({_group(s.get('group'))}): {s.get('quotes', 0)} quotes, "
                f"{s.get('words', 0)} words"
                for s in speakers
            )
            or "no speakers found"
        )
    if figure == "distinctive_terms":
        terms = (comparison or {}).get("distinctive_terms", {}).get(str(record.get("outlet")), ())
        return ", ".join(f"{_q(t['term'])} (score {t['z']:.1f})" for t in terms[:8]) or "none"
    if figure == "pairs":
        pairs = [
            p
            for p in (comparison or {}).get("pairs") or ()
            if str(record["id"]) in (p["a"], p["b"])
        ]
        return (
            "; ".join(
                f"{names.get(str(p['a']), p['a'])} and {names.get(str(p['b']), p['b'])}: "
                f"similarity {p['similarity']:.2f}, {_per_100(p['reused_share_a'])} of the "
                f"words of the first and {_per_100(p['reused_share_b'])} of the second shared"
                for p in pairs
            )
            or "no similar article"
        )
    value: Any = record
    for part in figure.split("."):
        value = value.get(part) if isinstance(value, Mapping) else None
    if figure == "loaded.per_1k" and value is not None:
        low, high = (record.get("loaded") or {}).get("per_1k_ci") or (None, None)
        interval = f" (likely between {low:.1f} and {high:.1f})" if low is not None else ""
        return f"{value:.1f} per 1,000 words{interval}"
    return "–" if value is None else (f"{value:+.2f}" if isinstance(value, float) else str(value))


#: How the answer key names each figure a question points at (plain words, no field names).
FIGURE_WORDS: dict[str, str] = {
    "loaded.per_1k": "flagged loaded words",
    "sentiment.narrator_mean": "average tone of the writer's own sentences (-1 to +1)",
    "sentiment.quoted_mean": "average tone of the quoted sentences (-1 to +1)",
    "voices.speakers": "who is quoted",
    "distinctive_terms": "its most typical words",
    "pairs": "wording shared with other articles",
}


def answer_key(
    questions: Sequence[Question],
    records: Sequence[Record],
    *,
    comparison: Mapping[str, Any] | None = None,
    names: Mapping[str, str] | None = None,
) -> list[Answer]:
    """What the tool found for each question, with its evidence quoted from the articles, in
    plain words (quoted words and figures by name; no character offsets or field names).

    Args:
        questions: from :func:`guided_questions` on the same records.
        records: the article dicts the questions were asked about.
        comparison: the same comparison the questions were built with.
        names: article id -> name, as for the questions.

    Returns:
        One :class:`Answer` per question, in order.
    """
    names = article_names(records) if names is None else names
    by_id = {str(r["id"]): r for r in records}
    answers = []
    for question in questions:
        evidence = []
        for point in question.points:
            record = by_id.get(point.article)
            if record is None:
                continue
            name = names.get(point.article, point.article)
            if point.figure:
                what = FIGURE_WORDS.get(point.figure, point.figure.split(".")[-1].replace("_", " "))
                evidence.append(
                    f"{name}, {what}: {_figure(record, comparison, point.figure, names)}"
                )
            elif point.start is not None and point.end is not None:
                words = _short(_span(record, point.start, point.end))
                evidence.append(f"In {name}: {_q(words)}")
        answers.append(
            Answer(
                question.id,
                FORMS[question.form],
                question.text,
                question.finding or "Your own question: the tool has no finding for it.",
                tuple(evidence),
            )
        )
    return answers
