"""Clause structure around a speaker phrase: asides, prepositional objects, lists, subjects.

Helpers of :mod:`~analysis.measures.voices.attribution` that read only the token view: where an
aside set off by commas or brackets begins or ends ("Mr. Weiner, a Democrat, said"), whether a
phrase is the object of a preposition or the end of a list of subjects (then no speaker is
given rather than a wrong one), and the named subject that opens a sentence.
"""

from __future__ import annotations

from analysis.measures.voices.phrases import PRONOUN_KIND, TokenView
from analysis.text.words import word_set

#: Words an aside between a speaker and the verb may have ("Mr. Weiner, a Democrat, said").
_MAX_ASIDE = 16
#: Words that open a relative clause used as an aside ("the ministry, which ..., said").
_RELATIVE = word_set("which who whose where")
#: Words that open an aside even when it holds an "and" ("Ann Lee, a lawyer and activist, said";
#: a list goes "the FBI, the DHS and their agencies, said").
_APPOSITION_OPENERS = _RELATIVE | word_set("a an")
#: Prepositions whose object is never the subject of the verb after it.
_PREPOSITIONS = word_set("of in at on from to near by with into onto over under against")


def named_subject(view: TokenView, first: int, conj: int, commas: bool) -> tuple[int, int] | None:
    """The phrase at token ``first`` if it names a person, or is "he" or "she", and a
    lower-case verb follows."""
    span = view.phrase_after(first, conj)
    if not span or span[1] >= conj or not view.words[span[1]][0].islower():
        return None
    between = view.text[view.tokens[span[1]].start : view.tokens[conj].start]
    if "," in between and not commas:
        return None
    if span[1] - span[0] == 1 and PRONOUN_KIND.get(view.low[span[0]]) == "person":
        return span  # "He signalled he did, saying ...": the pronoun's antecedent
    name = view.person_name(*span)
    if not name or (" " not in name and view.phrase_text(*span) == name):
        return None  # one capitalised word alone ("Asked", "Last") may be no name
    return span


def is_object(view: TokenView, first: int, floor: int) -> bool:
    """The phrase opening at token ``first`` is the object of a preposition ("in Columbus,
    Ohio, said", "the suit from the two states argues"): the verb's subject lies further
    back, so nothing is attributed rather than the wrong speaker."""
    p = first - 1
    return p >= floor and view.tight(p) and view.low[p] in _PREPOSITIONS


def conjoined(view: TokenView, first: int, floor: int) -> bool:
    """An "and" or "or" right before token ``first`` with words before it in the sentence
    (not "And officials said"): the phrase ends a list of subjects."""
    p = first - 1
    return p > floor and view.low[p] in ("and", "or")


def aside_before(view: TokenView, k: int, floor: int) -> int | None:
    """Skip an aside that ends right before token ``k``; return where the subject ends.

    "The National Intelligence Council (NIC) said", "Mr. Weiner, a Democrat, said",
    "Smith, who chairs the panel, said".
    """
    gap = view.text[view.tokens[k - 1].end : view.tokens[k].start].strip().lstrip(".")
    closer = {")": "(", ",": ","}.get(gap)
    if closer is None:
        return None
    listed = False  # "the FBI, the DHS and their agencies, said": the aside ends a list
    for t in range(k - 1, max(floor, k - _MAX_ASIDE) - 1, -1):
        if view.quoted(t):
            return None
        listed = listed or view.low[t] in ("and", "or")
        if t > floor and closer in view.text[view.tokens[t - 1].end : view.tokens[t].start]:
            if t == k - 1 and view.place_tag(t):
                continue  # ", of Salem, Ore.,": the aside goes on to the comma before
            if not listed or closer == "(" or view.low[t] in _APPOSITION_OPENERS:
                return t
            listed = False
    return None


def aside_after(view: TokenView, t: int, hi: int) -> int | None:
    """Skip an aside that starts right after token ``t - 1``; return the next token.

    "“...,” Mr. Weiner, a Democrat, said", "“...,” Sen. John Thune (R-S.D.) said".
    """
    if t >= hi:
        return None
    gap = view.text[view.tokens[t - 1].end : view.tokens[t].start].strip()
    closer = {"(": ")", ",": ","}.get(gap)
    if closer is None:
        return None
    for u in range(t, min(hi - 1, t + _MAX_ASIDE)):
        if view.quoted(u):
            return None
        if closer in view.text[view.tokens[u].end : view.tokens[u + 1].start]:
            return u + 1
    return None
