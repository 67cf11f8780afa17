"""English closed-class words and the word folding shared by the measures and the comparison.

Written for this project from English grammar (articles, pronouns, prepositions, conjunctions,
auxiliaries and common discourse adverbs); nothing here is fitted to any corpus.
"""

from __future__ import annotations


def word_set(spaced: str) -> frozenset[str]:
    """The white-space separated words of ``spaced`` as a set."""
    return frozenset(spaced.split())


#: English closed-class words (articles, pronouns, prepositions, conjunctions, auxiliaries and
#: common discourse adverbs). They delimit speaker phrases in :mod:`analysis.measures.voices` and
#: serve as the stop words of :mod:`analysis.compare`.
FUNCTION_WORDS = word_set(
    """
    a an the this that these those some any each every either neither no none all both half
    another other others such what whatever which whichever who whoever whom whose
    i me my mine myself we us our ours ourselves you your yours yourself yourselves he him his
    himself she her hers herself it its itself they them their theirs themselves one ones
    there here where when while whereas whether why how if unless until though although because
    since as than so yet but and or nor not only also too very just even still already again
    ever never always often sometimes now then thus hence however therefore instead meanwhile
    moreover furthermore besides indeed perhaps maybe rather quite almost about above across
    after against along amid among around at before behind below beneath beside between beyond
    by despite down during except for from in inside into like near of off on onto out outside
    over past per since through throughout till to toward towards under underneath unlike up
    upon via with within without be am is are was were been being have has had having do does
    did doing done will would shall should can could may might must ought get got gets many
    much more most less least few fewer several own same s t d ll m re ve
    """
)


def fold(word: str) -> str:
    """A word in lower case with typographic apostrophes unified (``’`` and ``‘`` to ``'``)."""
    return word.lower().replace("’", "'").replace("‘", "'")


def bare(word: str) -> str:
    """A folded word without its possessive ending ("Beijing’s" -> "beijing")."""
    low = fold(word)
    return low[:-2] if low.endswith("'s") else low
