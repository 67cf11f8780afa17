"""The one textstat adapter: readability formulas on an article body, from one pass over its words.

textstat is pinned at 0.7.8 (later releases download NLTK's cmudict at first use and fail
offline). We never call ``textstat.set_lang``: its default English settings are used as they are.

textstat's public functions each re-tokenise the text and count syllables word by word behind a
128-entry cache, so an article's words are counted again for every formula. Here the text is
split into words once, each distinct word's syllables are counted once (with textstat's own
counter, cached across articles), and the formulas are computed from those counts with
textstat's own expressions, so every figure equals what ``textstat.<formula>(body)`` returns
(``tests/test_readability.py`` checks equality on the seeds, the evaluation corpora and random
text).

Formulas (as implemented by textstat 0.7.8):
    Flesch reading ease (Flesch 1948): 206.835 - 1.015 words/sentence - 84.6 syllables/word.
    Flesch-Kincaid grade (Kincaid et al. 1975): 0.39 words/sentence + 11.8 syllables/word - 15.59.
    Gunning fog (Gunning 1952): 0.4 (words/sentence + 100 complex words/words), a complex word
        having three or more syllables and not being on the Dale-Chall list of easy words.
    SMOG (McLaughlin 1969): 1.043 sqrt(polysyllables * 30 / sentences) + 3.1291.
    Coleman-Liau (Coleman & Liau 1975): 0.058 L - 0.296 S - 15.8 (L letters and S sentences per
        100 words).
    Dale-Chall (Chall & Dale 1995): 0.1579 % difficult words + 0.0496 words/sentence (+3.6365 when
        more than 5% of the words are difficult).
    Consensus grade: textstat's ``text_standard``, the grade most of the formulas agree on (it also
        draws on the automated readability index, Smith & Senter 1967, and Linsear Write).
    Reading time: textstat's 14.69 ms per non-space character (Demberg & Keller 2008).

``avg_sentence_length`` is the mean number of word tokens per sentence in our own segmentation
(the one pass every measure shares), which handles abbreviations such as "U.S." that textstat's
own sentence counter splits on.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from textstat.backend.counts import count_chars, count_letters, count_sentences, count_syllables
from textstat.backend.selections import list_words
from textstat.backend.transformations import remove_punctuation
from textstat.backend.utils import get_lang_cfg, get_lang_easy_words, get_lang_root

from analysis.text.model import Readability

EMPTY = Readability(None, None, None, None, None, None, None, None, None)

#: textstat's default language; its settings are read, never changed.
LANG = "en_US"
#: textstat's default for ``reading_time``.
MS_PER_CHAR = 14.69
#: Distinct words whose syllable counts are kept (cleared when full; about 10 MB).
_SYLLABLE_CACHE_SIZE = 200_000
_syllables: dict[str, int] = {}


def syllables(word: str) -> int:
    """textstat's syllable count of ``word`` (CMU dictionary, else Pyphen), cached by word."""
    found = _syllables.get(word)
    if found is None:
        if len(_syllables) >= _SYLLABLE_CACHE_SIZE:
            _syllables.clear()
        found = _syllables[word] = count_syllables(word, LANG)
    return found


@dataclass(frozen=True, slots=True)
class TextCounts:
    """What textstat's English formulas count in a text, each counted once.

    Attributes:
        words: textstat's words (punctuation removed, contractions kept whole).
        sentences: textstat's sentence count (pieces of two words or fewer are not sentences).
        syllables: syllables in all the words.
        polysyllables: words of three or more syllables.
        complex_words: polysyllables that are not on the Dale-Chall easy list (Gunning fog).
        hard_words: words not on the Dale-Chall easy list (Dale-Chall).
        letters: letters and digits, white space and punctuation left out.
        characters: characters other than white space.
        raw_words: white-space separated pieces, punctuation included.
        linsear: the Linsear Write number before halving (first 100 words).
    """

    words: int
    sentences: int
    syllables: int
    polysyllables: int
    complex_words: int
    hard_words: int
    letters: int
    characters: int
    raw_words: int
    linsear: float


def _linsear(text: str, raw: list[str]) -> float:
    """textstat's ``linsear_write_formula(strict_lower=False, strict_upper=True)`` pre-halving."""
    if len(raw) > 100:
        words, taken = [], 0
        while taken < len(raw) and len(words) < 100:
            word = remove_punctuation(raw[taken], rm_apostrophe=False)
            taken += 1
            if word:
                words.append(word)
        sentence_text = " ".join(raw[:taken])
    else:
        words, sentence_text = list_words(text, rm_punctuation=True), " ".join(raw)
    easy = difficult = 0
    for word in words:
        n = syllables(word)
        if n >= 3:
            difficult += 1
        elif n > 0:
            easy += 1
    try:
        number = float((easy * 1 + difficult * 3) / count_sentences(sentence_text))
    except ZeroDivisionError:
        return 0.0
    return number - 2 if number <= 20 else number


def count_text(text: str) -> TextCounts:
    """Every count the formulas need, from one split of ``text`` into words."""
    words = list_words(text)
    easy = get_lang_easy_words(LANG)
    threshold = int(get_lang_cfg(LANG, "syllable_threshold"))
    total = poly = complex_words = hard = 0
    for word in words:
        n = syllables(word)
        total += n
        poly += n >= 3
        low = word.lower()
        if low not in easy:
            hard += 1
            complex_words += syllables(low) >= threshold
    raw = text.split()
    return TextCounts(
        words=len(words),
        sentences=count_sentences(text),
        syllables=total,
        polysyllables=poly,
        complex_words=complex_words,
        hard_words=hard,
        letters=count_letters(text),
        characters=count_chars(text, ignore_spaces=True),
        raw_words=len(raw),
        linsear=_linsear(text, raw),
    )


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def _grades(score: float) -> list[int]:
    return [math.floor(score), math.ceil(score), round(score)]


def _ease_grade(score: float) -> list[int]:
    """text_standard's grade for a Flesch reading ease score."""
    for floor, grades in ((90, [5]), (80, [6]), (70, [7]), (60, [8, 9]), (50, [10])):
        if floor <= score < floor + 10 and score < 100:
            return grades
    if 40 <= score < 50:
        return [11]
    return [12] if 30 <= score < 40 else [13]


def formulas(c: TextCounts) -> dict[str, float]:
    """The formulas of textstat 0.7.8 from the counts (same expressions, same order)."""
    root = get_lang_root(LANG)
    per_sentence = _ratio(c.words, c.sentences)
    per_word = _ratio(c.syllables, c.words)
    if per_sentence == 0 or per_word == 0:
        ease = grade = 0.0
    else:
        ease = (
            get_lang_cfg(root, "fre_base")
            - get_lang_cfg(root, "fre_sentence_length") * per_sentence
            - get_lang_cfg(root, "fre_syll_per_word") * per_word
        )
        grade = 0.39 * per_sentence + 11.8 * per_word - 15.59
    fog = 0.4 * (per_sentence + 100 * c.complex_words / c.words) if c.words else 0.0
    smog = 1.043 * (30 * (c.polysyllables / c.sentences)) ** 0.5 + 3.1291 if c.sentences else 0.0
    letters = _ratio(c.letters, c.words) * 100
    sentences = _ratio(c.sentences, c.words) * 100
    coleman = 0.0 if letters == 0 or sentences == 0 else 0.058 * letters - 0.296 * sentences - 15.8
    if c.words:
        difficult = 100 * c.hard_words / c.words
        dale = 0.1579 * difficult + 0.0496 * per_sentence + (3.6365 if difficult > 5 else 0.0)
    else:
        dale = 0.0
    chars = _ratio(c.characters, c.raw_words)
    ari = 0.0 if chars == 0 or per_sentence == 0 else 4.71 * chars + 0.5 * per_sentence - 21.43
    votes = [*_grades(grade), *_ease_grade(ease), *_grades(smog), *_grades(coleman)]
    votes += [*_grades(ari), *_grades(dale), *_grades(c.linsear / 2), *_grades(fog)]
    return {
        "flesch_reading_ease": ease,
        "flesch_kincaid_grade": grade,
        "gunning_fog": fog,
        "smog_index": smog,
        "coleman_liau_index": coleman,
        "dale_chall": dale,
        "consensus_grade": float(Counter(votes).most_common(1)[0][0]),
        "reading_time_s": MS_PER_CHAR * c.characters / 1000,
    }


def readability(body: str, *, words: int, sentences: int) -> Readability:
    """Readability of ``body`` (the article without headline and page furniture).

    Args:
        body: the text to measure.
        words: word tokens in ``body`` by our segmentation.
        sentences: sentences in ``body`` by our segmentation.
    """
    if not words or not sentences:
        return EMPTY
    return Readability(**formulas(count_text(body)), avg_sentence_length=words / sentences)
