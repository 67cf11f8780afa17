"""Where an article names a person: full names, titles, appositions and party tags.

Used by :mod:`~analysis.measures.voices.speakers` to complete a single name ("Blinken" is
"Antony Blinken" when the text says so) and to collect the descriptions that place a person in
a speaker group: a title before the name ("spokesman Lin Jian"), an apposition after it ("Ann
Lee, a Democrat, ..."), a US party tag ("Ann Lee, R-Ohio, ...") and the bodies named beside
the title ("NTU President Ann Lee").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from analysis.measures.voices.phrases import (
    ABBREVIATIONS,
    CALENDAR_WORDS,
    DETERMINERS,
    ORGANISATION_HEADS,
    PARTY_TAG_RE,
    STATE_ABBREVIATIONS,
    TokenView,
    index_of,
    titlecase_function,
)
from analysis.text.segmentation import tokens_in
from analysis.text.words import bare, word_set

#: The longest description after a name read as its apposition, in words.
_APPOSITION = 10
#: An acronym ("NTU", "N.T.U."), not a roman numeral.
_ACRONYM_RE = re.compile(r"(?:[A-Z]\.){2,}|(?![IVX]+$)[A-Z]{2,}")
#: Lower-case nouns for private bodies whose officers speak for an organisation ("union
#: President Ann Lee", "the advocacy group's director").
_PRIVATE_BODIES = word_set(
    "union company firm group association foundation charity nonprofit coalition alliance "
    "league society federation church"
)
#: A lower-case title, "of" and a capitalised name: "president of Third Way".
_TITLE_OF_RE = re.compile(r"(?<![\w-])[a-z]+ of (?:the )?((?:[A-Z][\w’'&.-]*\s*)+)")
#: What a US party tag after a name says: AP style gives one ("R-Ohio") to members of US
#: legislatures, so it reads as this phrase for the speaker-group rules.
LEGISLATOR = "U.S. lawmaker"


class NameIndex:
    """Name look-ups over one article's tokens, cached per word."""

    def __init__(self, view: TokenView) -> None:
        self.view = view
        self.cache: dict[str, list[tuple[int, str]]] = {}

    def longer_names(self, word: str) -> list[tuple[int, str]]:
        """Where the text names ``word`` with a first or family name ("Antony Blinken")."""
        found = self.cache.get(word)
        if found is not None:
            return found
        found = []
        last = len(self.view.words) - 1
        for i in _positions(self.view.words, word):
            if self.view.quoted(i):
                continue  # a show's title ("Meet the Lee Sunday") names nobody
            for j, a, b in ((i - 1, i - 1, i), (i + 1, i, i + 1)):  # "Antony Blinken", "Lin Jian"
                if 0 <= j <= last and self.view.tight(a) and self._name_word(j):
                    found.append(
                        (self.view.tokens[a].start, f"{self.view.words[a]} {self.view.words[b]}")
                    )
        self.cache[word] = found
        return found

    def _name_word(self, i: int) -> bool:
        """A capitalised word that can be part of a personal name (no title, cue or acronym)."""
        word = self.view.words[i]
        return (
            word[0].isupper()
            and not word.isupper()
            and not titlecase_function(word)
            and self.view.low[i] not in ABBREVIATIONS
            and self.view.low[i] not in CALENDAR_WORDS
            and not self.view.quoted(i)
            and self.view.groups.any_re.fullmatch(word) is None
        )

    def titled_mentions(self, name: str) -> list[str]:
        """Phrases in the text that end with ``name`` and carry a title ("spokesman Lin Jian")."""
        found = []
        for m in re.finditer(re.escape(name).replace(r"\ ", r"\s+"), self.view.text):
            r = tokens_in(self.view.seg, m.start(), m.end())
            if not r:
                continue
            para = self.view.seg.paragraphs[index_of(self.view.seg.paragraphs, m.start())]
            floor = tokens_in(self.view.seg, para.start, m.start()).start
            span = self.view.phrase_before(r.stop, floor)
            if span and span[0] < r.start:
                prefix = self.view.text[self.view.tokens[span[0]].start : m.start()]
                if self.view.groups.title_re.search(prefix):
                    found.append(self.view.phrase_text(*span))
            apposition = self._apposition(r.stop - 1)
            if apposition:
                found.append(apposition)
            if self._party_tag_after(r.stop - 1):
                found.append(LEGISLATOR)
        return found

    def _party_tag_after(self, last: int) -> bool:
        """A party tag right after the name ("Ann Lee, R-Ohio," or "Ann Lee (D-N.Y.)")."""
        view, i = self.view, last + 1
        if i >= len(view.tokens):
            return False
        gap = view.text[view.tokens[last].end : view.tokens[i].start].strip()
        return gap in (",", "(") and PARTY_TAG_RE.fullmatch(view.words[i]) is not None

    def _apposition(self, last: int) -> str | None:
        """The description set off by commas right after a name ("Ann Lee, a Democrat, ...").

        It opens with a determiner or a lower-case word that is not a reporting verb and ends
        at the next comma or full stop (or the end of the text) within :data:`_APPOSITION`
        words.
        """
        view = self.view
        n = len(view.tokens)
        first = last + 1
        if first >= n or view.text[view.tokens[last].end : view.tokens[first].start].strip() != ",":
            return None
        word = view.words[first]
        if (
            not (view.low[first] in DETERMINERS or word.islower() or view.possessive(first))
            or (view.low[first],) in view.verbs
        ):
            return None
        for i in range(first, min(n, first + _APPOSITION)):
            after = view.tokens[i + 1].start if i + 1 < n else len(view.text)
            gap = view.text[view.tokens[i].end : after]
            if view.quoted(i):
                return None
            stop = "." in gap and view.low[i] not in ABBREVIATIONS  # "Mr." ends nothing
            if "," in gap or stop:
                return view.phrase_text(first, i + 1)
        return None

    def names_body(self, phrase: str, name: str) -> bool:
        """Besides the person's name, the phrase names a body no rule covers: an acronym, a
        capitalised name ending in an organisation noun, a capitalised name after a title and
        "of" that no rule knows ("president of Third Way") or a private body in lower case
        ("union President Ann Lee", "president of advocacy group Safe Streets")."""
        if name:
            phrase = phrase.replace(name, " ")
        rest = self.view.groups.any_re.sub(" ", phrase).split()
        for word in rest:
            word = word.strip("()[],;:'’\"“”")
            low = bare(word).lower()
            if _ACRONYM_RE.fullmatch(word) and low.rstrip(".") not in STATE_ABBREVIATIONS:
                return True
            if word[:1].isupper() and low in ORGANISATION_HEADS:
                return True
            if word.islower() and low in _PRIVATE_BODIES:
                return True
        return any(
            self.view.groups.any_re.search(m.group(1)) is None
            for m in _TITLE_OF_RE.finditer(phrase)
        )


def _positions(words: tuple[str, ...], word: str) -> Iterator[int]:
    """The indices at which ``word`` occurs in ``words``, in order."""
    i = -1
    while True:
        try:
            i = words.index(word, i + 1)
        except ValueError:
            return
        yield i
