"""The one segmentation pass: paragraphs, sentences, word tokens and quotations, as offsets.

Every span indexes the text exactly as given; nothing is normalised. Every measure (sentence
sentiment, loaded vocabulary, readability, voices) reuses this pass instead of re-tokenising.

Sentence splitting is rule-based in the spirit of Punkt (Kiss & Strunk 2006): a candidate
boundary is a run of ``. ! ? …`` (plus closing quotes or brackets) followed by whitespace, and
it is kept when the next word (after any opening quote or bracket) starts with an uppercase
letter or a digit. Abbreviations come in three kinds: titles that always precede a name (``Dr.``,
``Sen.``), abbreviations that precede a number (``No. 1``, ``Dec. 17``), and abbreviations that
may also end a sentence (``Inc.``, ``Jan.``, ``Calif.``; also acronyms of single letters such as
``U.S.`` or ``p.m.`` and initials such as ``J.``), which split only before a frequent sentence
starter ("The", "He", "But" ...) or an opening quote, as Punkt does with its "frequent sentence
starters" heuristic. Decimals never split (no space after the period). An ellipsis ends a
sentence only before an uppercase letter. ``? !`` inside a quotation followed by "Name said"
(a capitalised name, then a reporting verb) continue the sentence. Every paragraph ends its
last sentence, so a headline-like line without final punctuation is a sentence of its own.

Quotations are double-quoted passages, marks included. “ opens and ” closes; a straight "
opens at the start of the text, after whitespace, ``( [ { — – -`` or another opening mark, and
closes otherwise. A “ glued to the preceding text and followed by a space closes an open
quotation (a common typo). Single quotes are never top-level marks (too ambiguous with
apostrophes); nested inside a double quotation they are simply part of it. In news style a
quotation that continues into the next paragraph is left unclosed and the next paragraph opens
with a new mark: the quotation then spans both paragraphs. Otherwise an unclosed quotation ends
just before the next opening mark in its paragraph, or at the end of its paragraph. A closing
mark with no opening mark is ignored.

References:
    Tibor Kiss and Jan Strunk. 2006. Unsupervised Multilingual Sentence Boundary Detection.
    Computational Linguistics 32(4): 485-525.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import starmap
from operator import attrgetter

from analysis.text.model import Segmentation, Span

__all__ = ["WORD_RE", "covered", "inside", "segment", "token_texts", "tokens_in"]

WORD_RE = re.compile(
    # Acronyms of single letters keep their dots, a final one included: U.S. e.g. a.m. D.C.
    r"[^\W\d_](?:\.[^\W\d_](?![^\W_]))++\.?"
    # Words and numbers: inner apostrophes (' ’ ‘), hyphens, and , . between digits.
    r"|[^\W_]++(?:(?:['’‘\-‐‑]|(?<=\d)[.,](?=\d))[^\W_]++)*+"
)
"""Word tokens: the same regex for article text and for short user phrases."""

# A paragraph is one line; these are the line breaks of ``str.splitlines``.
_LINE_RE = re.compile(r"[^\n\r\v\f\x1c-\x1e\x85\u2028\u2029]+")

# A candidate sentence end: terminators, closing quotes/brackets, then whitespace and the next
# visible character (group 3).
_END_RE = re.compile(r"(?<![.!?…])([.!?…]++)([\"”’')\]]*+)(?=\s++(\S))")

_QUOTE_OPENING = frozenset("“\"‘'«")
_OPENING = _QUOTE_OPENING | frozenset("([{¿¡")
_CURRENCY = frozenset("$€£¥")
_QUOTE_MARKS_RE = re.compile(r"[“”\"]")
_STRAIGHT_OPENER_AFTER = frozenset("([{—–-‐“‘")


def _words(spaced: str) -> frozenset[str]:
    """A word list written as whitespace-separated words."""
    return frozenset(spaced.split())


# Abbreviations, compared in lower case without their final period.
# Titles and Latin abbreviations that are always followed by more of the same sentence.
_NEVER_END = _words(
    "mr mrs ms messrs dr prof sen sens rep reps gov gen lt col sgt capt maj cmdr adm brig "
    "rev hon pres supt insp det atty amb cong msgr fr mt ft vs v e.g i.e cf viz"
)
# Abbreviations that are followed by a number: No. 1, Dec. 17, Vol. 3, pp. 12.
_BEFORE_NUMBER = _words("no nos n nn vol vols fig figs pp p art sec ch op ed")
# Abbreviations that may also end a sentence; before a number they never do (Dec. 17).
_MAY_END = _words(
    "jr sr inc corp co ltd bros llc plc st ave blvd rd dept univ assn est approx etc al "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    # US state abbreviations in AP style, minus those that are also common words (Ill. Wash.)
    "ala ariz ark calif colo conn del fla ga ind kan kans ky md mich minn miss mo mont neb nev "
    "okla pa tenn vt va wis wyo"
)
# Frequent sentence starters (closed-class English words: pronouns, determiners, conjunctions,
# prepositions, discourse adverbs). After an ambiguous abbreviation, a capitalised word from this
# list starts a new sentence; any other capitalised word is taken as part of a name.
_STARTERS = _words(
    """
    a an the this that these those some many most much several few all both each every no not
    any other others such another one two three
    i you he she it we they me him her us them my your his its our their there here
    and but or nor so yet however meanwhile still also then now thus hence instead indeed
    in on at for with from to by of as after before when while if although though because
    since until unless during despite under over about against among between into through
    what who whom whose which why how where
    according earlier later last next first finally moreover furthermore besides
    """
)
# Reporting verbs: after "?" or "!" closing a quotation, "Name said" continues the sentence.
_REPORTING = _words(
    """
    said says say asked asks added adds told tells wrote writes replied replies shouted shouts
    yelled exclaimed cried wondered demanded insisted continued explained answered recalled
    noted declared argued warned
    """
)

_match_span = re.Match.span
_start_key = attrgetter("start")
_end_key = attrgetter("end")


def segment(text: str, *, has_headline: bool = False) -> Segmentation:
    """Split an article into paragraphs, sentences, word tokens and quotations in one pass.

    Args:
        text: the article text; offsets in the result index it exactly as given.
        has_headline: the first non-blank line is the headline; it becomes ``headline`` and is
            always a sentence on its own.

    Returns:
        A :class:`~analysis.text.model.Segmentation` whose spans are sorted and non-overlapping per
        kind. Paragraphs are the non-blank lines, trimmed of whitespace (NBSP included);
        sentences never cross a paragraph and are trimmed; tokens are word tokens
        (:data:`WORD_RE`); quotations include their quote marks.
    """
    paragraphs = _paragraphs(text)
    headline = paragraphs[0] if has_headline and paragraphs else None
    sentences: list[Span] = []
    for para in paragraphs:
        if para is headline:
            sentences.append(para)
        else:
            _split_paragraph(text, para.start, para.end, sentences)
    tokens = tuple(starmap(Span, map(_match_span, WORD_RE.finditer(text))))
    return Segmentation(
        text=text,
        paragraphs=paragraphs,
        sentences=tuple(sentences),
        tokens=tokens,
        quotes=_quotes(text, paragraphs),
        headline=headline,
    )


def covered(spans: Sequence[Span], start: int, end: int) -> int:
    """Count the characters of ``[start, end)`` that lie inside ``spans``.

    Args:
        spans: sorted, non-overlapping spans (e.g. ``Segmentation.quotes`` or excluded spans).
        start: start of the range.
        end: end of the range (exclusive).

    Returns:
        The number of characters of the range covered by the spans. Cost: one bisect plus the
        spans that overlap the range, O(log n + k).
    """
    if end <= start:
        return 0
    i = bisect_right(spans, start, key=_end_key)
    total = 0
    for j in range(i, len(spans)):
        span = spans[j]
        if span.start >= end:
            break
        total += min(end, span.end) - max(start, span.start)
    return total


def inside(spans: Sequence[Span], pos: int) -> bool:
    """Tell whether character position ``pos`` lies inside one of the sorted ``spans``."""
    i = bisect_right(spans, pos, key=_start_key) - 1
    return i >= 0 and pos < spans[i].end


def tokens_in(seg: Segmentation, start: int, end: int) -> range:
    """Return the index range of the tokens of ``seg`` lying within ``[start, end)``.

    Example: ``for i in tokens_in(seg, s.start, s.end): seg.tokens[i]`` walks a sentence.
    """
    lo = bisect_left(seg.tokens, start, key=_start_key)
    hi = bisect_right(seg.tokens, end, key=_end_key)
    return range(lo, max(lo, hi))


_last_texts: tuple[Segmentation, tuple[str, ...]] | None = None


def token_texts(seg: Segmentation) -> tuple[str, ...]:
    """The text of each token of ``seg``, exactly as it stands.

    Every measure walks the same token strings, so they are sliced once per segmentation: the
    result for the most recent ``seg`` is kept (keyed on the object itself, not its value).
    """
    global _last_texts
    last = _last_texts
    if last is not None and last[0] is seg:
        return last[1]
    text = seg.text
    words = tuple([text[t.start : t.end] for t in seg.tokens])
    _last_texts = (seg, words)
    return words


def _paragraphs(text: str) -> tuple[Span, ...]:
    """Each non-blank line, trimmed of surrounding whitespace."""
    spans = []
    for m in _LINE_RE.finditer(text):
        line = m.group()
        stripped = line.lstrip()
        if stripped:
            start = m.start() + len(line) - len(stripped)
            spans.append(Span(start, start + len(stripped.rstrip())))
    return tuple(spans)


def _split_paragraph(text: str, start: int, end: int, out: list[Span]) -> None:
    """Append the sentences of the paragraph ``[start, end)`` to ``out``."""
    sent_start = start
    for m in _END_RE.finditer(text, start, end):
        nxt = m.start(3)
        if m.start() != sent_start and _is_boundary(text, m, start, end):
            out.append(Span(sent_start, m.end()))
            sent_start = nxt
    out.append(Span(sent_start, end))


def _is_boundary(text: str, m: re.Match[str], para_start: int, para_end: int) -> bool:
    """Decide whether the candidate ``m`` (terminators, closers, then space) ends a sentence."""
    terminators, closers = m.group(1), m.group(2)
    k = m.start(3)
    ellipsis_next = text[k] == "…" or text.startswith("...", k)
    if ellipsis_next:  # the next sentence opens with an ellipsis: "now. ... Let's"
        while k < para_end and text[k] in ".…":
            k += 1
        while k < para_end and text[k].isspace():
            k += 1
    opened = False
    while k < para_end and (text[k] in _OPENING or text[k] in _CURRENCY):
        opened = opened or text[k] in _QUOTE_OPENING
        k += 1
    if k >= para_end or not text[k].isalnum():
        return False
    first = text[k]
    if first.islower():
        return False
    upper = not first.isdigit()  # a capital (or a caseless letter), not a digit
    if ellipsis_next and not upper:
        return False
    if "?" in terminators or "!" in terminators:
        return not (closers and upper and _reported(text, k, para_end))
    if "…" in terminators or len(terminators) > 1:
        return upper  # an ellipsis ends a sentence only before an uppercase start
    if closers:
        return True
    word = _word_before(text, m.start(1), para_start)
    if not word:
        return True
    low = word.lower()
    if low in _NEVER_END:
        return False
    if "." in word:
        if all(len(part) == 1 for part in word.split(".")):
            return _starter(text, k, opened)  # an acronym: U.S. a.m. D.C.
        return True
    if not upper and low in _BEFORE_NUMBER:
        return False
    if low in _MAY_END or (len(word) == 1 and word.isupper()):
        return upper and _starter(text, k, opened)  # Inc. / Jr. / an initial like J.
    # A number opening its paragraph is an enumeration: "1. First ...".
    return not (word.isdigit() and m.start(1) - len(word) == para_start)


def _word_before(text: str, pos: int, floor: int) -> str:
    """The run of letters, digits and periods ending at ``pos``, without leading periods."""
    i = pos
    while i > floor and (text[i - 1].isalnum() or text[i - 1] == "."):
        i -= 1
    return text[i:pos].lstrip(".")


def _starter(text: str, k: int, opened: bool) -> bool:
    """Whether the word at ``k`` is a frequent sentence starter (or follows an opening quote)."""
    if opened:
        return True
    m = WORD_RE.match(text, k)
    if m is None:
        return False
    word = m.group()
    if len(word) == 1 and text.startswith(".", m.end()):
        return False  # another initial: "Rep. C. A. Ruppersberger"
    return word.lower() in _STARTERS


def _reported(text: str, k: int, end: int) -> bool:
    """Whether the text at ``k`` reads "Capitalised Name(s) said" (a reporting clause).

    A capitalised sentence starter ("He said", "They told me") is a new sentence instead.
    """
    for n, m in enumerate(WORD_RE.finditer(text, k, end)):
        word = m.group()
        if word[0].islower():
            return n > 0 and word in _REPORTING
        if (n == 0 and word.lower() in _STARTERS) or n == 5:
            break
    return False


def _quotes(text: str, paragraphs: tuple[Span, ...]) -> tuple[Span, ...]:
    """Quotation spans including their marks (the rules are in the module docstring)."""
    quotes: list[Span] = []
    open_at = -1  # position of the opening mark of the quotation in progress
    continuation = -1  # an opening mark that continues the open quotation in a new paragraph
    last_opener = -2
    pi = 0
    for m in _QUOTE_MARKS_RE.finditer(text):
        pos = m.start()
        while pos >= paragraphs[pi].end:
            if open_at >= 0:
                first = paragraphs[pi + 1].start
                if text[first] in '“"':
                    continuation = first
                else:
                    quotes.append(Span(open_at, paragraphs[pi].end))
                    open_at = -1
            pi += 1
        mark = m.group()
        prev = text[pos - 1] if pos else " "
        after_space = prev.isspace() or prev in _STRAIGHT_OPENER_AFTER or last_opener == pos - 1
        if mark == "“":  # also a closer when misused as one: 'happiness?“ he asked'
            nxt = text[pos + 1] if pos + 1 < len(text) else " "
            opener = open_at < 0 or after_space or nxt.isalnum()
        else:
            opener = mark == '"' and after_space
        if opener:
            last_opener = pos
            if pos == continuation:
                continuation = -1
                continue
            if open_at >= 0:
                stop = pos
                while text[stop - 1].isspace():
                    stop -= 1
                quotes.append(Span(open_at, stop))
            open_at = pos
        elif open_at >= 0:
            quotes.append(Span(open_at, pos + 1))
            open_at = -1
    if open_at >= 0:
        quotes.append(Span(open_at, paragraphs[pi].end))
    return tuple(quotes)


_LONG_WORD = re.compile(r"[^\W\d_][\w’'-]{3,}")


def is_title_case(line: str) -> bool:
    """Whether a line is set in title case, as most headlines are: no final . ! ? and at least
    70% of its words of four letters or more capitalised. In such a line capitals do not mark
    proper names."""
    if line.rstrip("”\"’' )").endswith((".", "!", "?")):
        return False
    long_words = _LONG_WORD.findall(line)
    return bool(long_words) and 10 * sum(w[0].isupper() for w in long_words) >= 7 * len(long_words)
