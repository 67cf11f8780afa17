"""The one textstat adapter: readability formulas on an article body.

textstat is pinned at 0.7.8 (later releases download NLTK's cmudict at first use and fail
offline). We never call ``textstat.set_lang``: the default English settings are used as they are.

Formulas (as implemented by textstat):
    Flesch reading ease (Flesch 1948): 206.835 - 1.015 words/sentence - 84.6 syllables/word.
    Flesch-Kincaid grade (Kincaid et al. 1975): 0.39 words/sentence + 11.8 syllables/word - 15.59.
    Gunning fog (Gunning 1952): 0.4 (words/sentence + 100 complex words/words).
    SMOG (McLaughlin 1969): 1.043 sqrt(polysyllables * 30 / sentences) + 3.1291.
    Coleman-Liau (Coleman & Liau 1975): 0.0588 L - 0.296 S - 15.8 (per 100 words).
    Dale-Chall (Chall & Dale 1995): 0.1579 % difficult words + 0.0496 words/sentence (+3.6365).
    Consensus grade: textstat's ``text_standard``, the grade most of the formulas agree on.
    Reading time: textstat's 14.69 ms per non-space character (Demberg & Keller 2008).

``avg_sentence_length`` is the mean number of word tokens per sentence in our own segmentation
(the one pass every measure shares), which handles abbreviations such as "U.S." that textstat's
own sentence counter splits on.
"""

from __future__ import annotations

import textstat

from analysis.text.model import Readability

EMPTY = Readability(None, None, None, None, None, None, None, None, None)


def readability(body: str, *, words: int, sentences: int) -> Readability:
    """Readability of ``body`` (the article without headline and page furniture).

    Args:
        body: the text to measure.
        words: word tokens in ``body`` by our segmentation.
        sentences: sentences in ``body`` by our segmentation.
    """
    if not words or not sentences:
        return EMPTY
    return Readability(
        flesch_reading_ease=textstat.flesch_reading_ease(body),
        flesch_kincaid_grade=textstat.flesch_kincaid_grade(body),
        gunning_fog=textstat.gunning_fog(body),
        smog_index=textstat.smog_index(body),
        coleman_liau_index=textstat.coleman_liau_index(body),
        dale_chall=textstat.dale_chall_readability_score(body),
        consensus_grade=textstat.text_standard(body, float_output=True),
        avg_sentence_length=words / sentences,
        reading_time_s=textstat.reading_time(body),
    )
