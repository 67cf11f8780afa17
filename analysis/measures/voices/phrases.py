"""The token view of one article that every attribution rule reads, and its speaker phrases.

A speaker phrase is a run of capitalised words and speaker-group cue words ("US Secretary of
State Antony Blinken", "the report", "U.S. intelligence officials") with inner connectors and at
most two lower-case modifiers, opened by an optional determiner; or a lone pronoun. The person's
name in a phrase is its trailing capitalised words that no title or institution cue covers.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from operator import attrgetter

from analysis.measures.voices.groups import SpeakerGroups
from analysis.measures.voices.verbs import reporting_verbs
from analysis.text.lexicon import normalized_tokens
from analysis.text.model import Segmentation, Span
from analysis.text.segmentation import inside, token_texts
from analysis.text.words import FUNCTION_WORDS, bare, fold, word_set

#: Words that open a speaker phrase (its left edge).
DETERMINERS = word_set(
    "the a an this these those some many several one two three four five both all another "
    "any each every most his her its their our"
)
#: Auxiliaries and adverbs that may stand between a speaker and the reporting verb.
_BETWEEN = word_set(
    "has have had was were is are be been will would shall should can could may might must did "
    "does do also previously repeatedly later then further again once earlier reportedly "
    "publicly privately recently separately initially subsequently simply just not never "
    "often still already first last"
)
#: Adverbs that open a sentence before its subject; never part of a name.
_SENTENCE_ADVERBS = word_set(
    "later earlier meanwhile afterward afterwards today yesterday tonight now recently also "
    "instead still"
)
#: Honorifics and abbreviated titles dropped from a person's name ("Mr. Steele", "Sen. Graham").
HONORIFICS = word_set(
    "mr mrs ms miss mx dr prof sir dame lord lady sen rep gov gen lt col sgt capt maj adm "
    "cmdr rev hon pres supt atty det insp bishop archbishop cardinal father pastor rabbi imam"
)
#: Abbreviations written with a period that does not end the phrase ("Mr.", "Jr.").
ABBREVIATIONS = HONORIFICS | word_set("jr sr st")
#: Pronouns that agree with a reporting verb in its base form ("they say", "critics say").
PLURAL_PRONOUNS = word_set("they we i you")
PRONOUN_KIND = {"he": "person", "she": "person", "it": "thing", "they": "thing"}
#: US state abbreviations in AP style ("Peoria, Ill.", "Salem, Ore."), lower case, no final
#: period; with a party letter they make a party tag ("R-Texas", "D-N.Y.").
STATE_ABBREVIATIONS = word_set(
    "ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont "
    "neb nev okla ore pa tenn vt va wash wis wyo n.h n.j n.m n.y n.c n.d r.i s.c s.d w.va"
)
#: Day and month names: a phrase ending in one is a date ("on Tuesday", "Fox News Sunday").
CALENDAR_WORDS = word_set(
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "june july august september october november december week weekend"
)
#: Head nouns of organisation names: a name ending in one names a body, not a person
#: ("the Conservative Political Action Conference", "the Tenants Union").
ORGANISATION_HEADS = word_set(
    "association committee conference council union party department ministry agency "
    "university college institute foundation center centre corporation company inc corp "
    "group league alliance coalition society federation commission board bureau office court "
    "church network administration caucus project fund trust forum initiative organization "
    "organisation partnership"
)
PARTY_TAG_RE = re.compile(r"[RDI]-[A-Z][\w.]*")
_CONNECTORS = frozenset(("of", "for", "de", "von", "van", "al", "bin"))
MAX_PHRASE = 12
_MAX_MODIFIERS = 2
_SPACE_RE = re.compile(r"[\s\u00a0]*")
_ABBREVIATION_GAP_RE = re.compile(r"\.[\s\u00a0]*")
_start = attrgetter("start")


def titlecase_function(word: str) -> bool:
    """A capitalised function word ("Then", "But") rather than a name or acronym."""
    return not word.isupper() and word.lower() in FUNCTION_WORDS


def index_of(spans: Sequence[Span], pos: int) -> int:
    """Index of the span containing ``pos`` (or the last one starting before it; 0 if none)."""
    return max(bisect_right(spans, pos, key=_start) - 1, 0)


class TokenView:
    """One article's tokens, their lower-case forms, and the speaker phrases they can form."""

    def __init__(self, seg: Segmentation, quotes: Sequence[Span], groups: SpeakerGroups) -> None:
        self.seg = seg
        self.text = seg.text
        self.tokens = seg.tokens
        text = self.text
        self.words = token_texts(seg)
        if "‐" not in text and "‑" not in text:  # then fold is normalize_token
            self.low = normalized_tokens(seg)
        else:
            lowered = fold(text)
            if len(lowered) == len(text):
                self.low = tuple([lowered[t.start : t.end] for t in seg.tokens])
            else:  # a few characters change length in lower case ("İ"): go word by word
                self.low = tuple(map(fold, self.words))
        self.quotes = quotes
        self.groups = groups
        self.verbs = reporting_verbs()

    def possessive(self, i: int) -> bool:
        """A possessive word ("Smith's"): it modifies the noun after it and is no speaker."""
        return self.low[i].endswith("'s")

    def cannot_end(self, i: int) -> bool:
        """Token ``i`` cannot end a speaker phrase: a possessive, a party tag or a date word."""
        return self.possessive(i) or self.place_tag(i) or self.low[i] in CALENDAR_WORDS

    def place_tag(self, i: int) -> bool:
        """A party tag ("R-Texas", "D-N.Y.") or a state abbreviation with its period ("Ill.").

        News style puts these after a name between commas ("Sen. Ann Lee, R-Ohio, said",
        "Bishop Tom Rudd, of Salem, Ore., said"); they are never the speaker.
        """
        word = self.words[i]
        if PARTY_TAG_RE.fullmatch(word):
            return True
        end = self.tokens[i].end
        return (
            word[0].isupper()
            and self.low[i].rstrip(".") in STATE_ABBREVIATIONS
            and self.text[end : end + 1] == "."
            and i > 0
            and "," in self.text[self.tokens[i - 1].end : self.tokens[i].start]
        )

    def quoted(self, i: int) -> bool:
        return inside(self.quotes, self.tokens[i].start)

    def tight(self, i: int) -> bool:
        """Only white space (or the period of "Mr.") lies between token ``i`` and ``i + 1``."""
        a, b = self.tokens[i].end, self.tokens[i + 1].start
        if _SPACE_RE.fullmatch(self.text, a, b) is not None:
            return self.text.count("\n", a, b) < 2  # a blank line (paragraph break) ends a phrase
        word = self.words[i]
        abbreviation = self.low[i] in ABBREVIATIONS or (len(word) == 1 and word.isupper())
        return abbreviation and _ABBREVIATION_GAP_RE.fullmatch(self.text, a, b) is not None

    def solid(self, i: int) -> bool:
        """A word that can be the head or a proper part of a speaker phrase."""
        word = self.words[i]
        if word[0].isupper():
            return not titlecase_function(word) and self.low[i] not in DETERMINERS
        if "-" in word and word.rsplit("-", 1)[1][:1].isupper():
            return True  # "then-Director", "ex-President"
        return bare(word) in self.groups.vocabulary

    def verb_at(self, i: int, stop: int) -> tuple[int, str] | None:
        """A reporting verb starting at token ``i`` (lower case in the text): (end index, form)."""
        if not self.words[i][0].islower():
            return None
        for size in (2, 1):
            if i + size <= stop:
                form = tuple(self.low[i : i + size])
                if form in self.verbs:
                    return i + size, " ".join(self.words[i : i + size]).lower()
        return None

    def skip_between_back(self, k: int, floor: int) -> int:
        """Index just after the subject: step back over auxiliaries/adverbs before token ``k``."""
        while k - 1 >= floor and self.tight(k - 1) and self._adverb(k - 1):
            k -= 1
        return k

    def _adverb(self, i: int) -> bool:
        low = self.low[i]
        return self.words[i].islower() and (low in _BETWEEN or low.endswith("ly"))

    def phrase_before(self, stop: int, floor: int) -> tuple[int, int] | None:
        """The speaker phrase whose last token is ``stop - 1`` (no token before ``floor``).

        A phrase is a run of capitalised words and cue words ("US Secretary of State Antony
        Blinken", "the report", "U.S. intelligence officials") with inner connectors ("of",
        "the") and at most two lower-case modifiers ("the top diplomat"), opened by an optional
        determiner; or a lone pronoun.
        """
        i = stop - 1
        if i < floor or self.cannot_end(i):
            return None
        if not self.solid(i):
            if self.low[i] in PRONOUN_KIND:
                return i, stop
            return self._common_noun_phrase(stop, floor)
        first, pending = i, 0
        i -= 1
        while i >= floor and stop - i <= MAX_PHRASE and self.tight(i):
            word, low = self.words[i], self.low[i]
            if self.solid(i):
                first, pending = i, 0
            elif low in DETERMINERS:
                of_the = i - 1 >= floor and self.low[i - 1] == "of" and self.tight(i - 1)
                if not of_the:  # "Secretary of the Treasury" goes on, "the report" stops
                    first = i
                    break
            elif low in _CONNECTORS or self.and_in_name(i, stop):
                pass  # kept only if a solid word comes before it
            elif word.islower() and low not in FUNCTION_WORDS and pending < _MAX_MODIFIERS:
                pending += 1
            else:
                break
            i -= 1
        return first, stop

    def and_in_name(self, i: int, stop: int) -> bool:
        """Token ``i`` is an "and" (or "&") inside the name of a body: capitalised words on
        both sides, the run after it ending in an organisation noun before ``stop`` ("the
        Oversight and Government Reform Committee", "Health and Human Services Department"),
        not a list of people ("Ann Lee and Tom Vale")."""
        if self.low[i] not in ("and", "&") or i == 0 or not self.words[i - 1][0].isupper():
            return False
        for j in range(i + 1, stop):
            if not self.words[j][0].isupper() or not self.tight(j - 1):
                return False
            if self.low[j] in ORGANISATION_HEADS:
                return True
        return False

    def _common_noun_phrase(self, stop: int, floor: int) -> tuple[int, int] | None:
        """A determiner, up to two modifiers and a lower-case head ("the Democratic staffer")."""
        if not self._plain(stop - 1):
            return None
        for i in range(stop - 2, max(floor, stop - 5) - 1, -1):
            if not self.tight(i):
                return None
            if self.low[i] in DETERMINERS:
                return i, stop
            if not (self.solid(i) or self._plain(i)):
                return None
        return None

    def _plain(self, i: int) -> bool:
        """A lower-case word that is neither a function word nor a reporting verb."""
        low = self.low[i]
        return self.words[i].islower() and low not in FUNCTION_WORDS and (low,) not in self.verbs

    def phrase_after(self, j: int, stop: int) -> tuple[int, int] | None:
        """The speaker phrase starting at token ``j`` (tokens before index ``stop``)."""
        if j >= stop:
            return None
        if self.low[j] in PRONOUN_KIND:
            return j, j + 1
        last = None
        determiner = self.low[j] in DETERMINERS
        i = j + 1 if determiner else j
        pending = 0
        while i < stop and i - j < MAX_PHRASE and (i == j or self.tight(i - 1)):
            low = self.low[i]
            if self.solid(i):
                last, pending = i, 0
            elif (
                low in _CONNECTORS
                or (low == "the" and self.low[i - 1] == "of")
                or self.and_in_name(i, stop)
            ):
                pass  # "the Office of the Director of National Intelligence"
            elif self._plain(i) and pending < _MAX_MODIFIERS:
                pending += 1
                if determiner:  # "said the Democratic staffer": a common noun as the head
                    last = i
            else:
                break
            i += 1
        if last is None or self.cannot_end(last):
            return None
        return j, last + 1

    def phrase_text(self, first: int, stop: int) -> str:
        return " ".join(self.text[self.tokens[first].start : self.tokens[stop - 1].end].split())

    def skip_between_forward(self, v: int, hi: int) -> int:
        """Step over auxiliaries and adverbs from token ``v`` to the verb."""
        while v < hi - 1 and self._adverb(v) and self.tight(v):
            v += 1
        return v

    def person_name(self, first: int, stop: int) -> str | None:
        """The trailing capitalised words of a phrase that no title or institution cue covers."""
        start = self.tokens[first].start
        phrase = self.text[start : self.tokens[stop - 1].end]
        masked = [(m.start() + start, m.end() + start) for m in self.groups.any_re.finditer(phrase)]

        def name_start(last: int) -> int:
            """First token of the name whose last token is ``last`` (``last + 1``: none)."""
            i = last
            while i >= first:
                word, t = self.words[i], self.tokens[i]
                if any(a < t.end and t.start < b for a, b in masked):
                    break
                if not word[0].isupper() or titlecase_function(word) or self.low[i] in DETERMINERS:
                    break
                if self.low[i] in _SENTENCE_ADVERBS:
                    break  # "Later Tom Vale walked home"
                if self.low[i] in HONORIFICS or (i < last and not self.tight(i)):
                    break
                if i < last and len(word) > 1 and word.isupper() and word.isalpha():
                    break  # "NTU CEO Ann Lee": an acronym before a name is a body or a title
                i -= 1
            return i + 1

        begin, end = name_start(stop - 1), stop
        for of in range(first + 1, stop - 1):
            if self.low[of] != "of":
                continue
            # The head of "X of Y" is X: "Lindsey Graham of South Carolina", "Capt. Ann Lee
            # of the State Highway Patrol", "Rev. Tom Rudd of Our Lady of Mercy".
            other = name_start(of - 1)
            if other < of:
                begin, end = other, of
            break
        if begin >= end:
            return None
        if end - begin == 1 and self.words[begin].isupper() and len(self.words[begin]) > 1:
            return None  # an acronym ("IRS", "NRA") names a body, not a person
        if self.low[end - 1].rstrip(".") in ORGANISATION_HEADS:
            return None  # "the Tenants Union" names a body
        return self.phrase_text(begin, end)
