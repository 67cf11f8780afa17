"""Voices: who is quoted, how the quotation is attributed, and how much of an article they get.

Works on the quotation spans of the one segmentation pass (:func:`analysis.text.segment`). For
each quotation the speaker is found from the reporting clause around it, in this order:

- a colon introduction ("... from Foreign Ministry spokesperson Wang Wenbin: “...”");
- a reporting verb after the quotation when the quotation ends with a comma or question mark
  ("“...,” Blinken said", "“...,” said the senator", "“...,” he added"), else before it
  ("Wang said, “...”", "The report further asserted that the CCP “...”", "Critics called it
  “...”"); a full-sentence quotation takes a following clause only when it is short ("“...”
  Lin told reporters.");
- "according to X" on either side;
- otherwise the speaker of the previous quotation in the same paragraph is carried over.

Pronouns resolve to the last named speaker of a fitting kind (it, they: a body; he, she: a
person), unless a person named as the subject of the pronoun's sentence or of one of the two
before it is more recent ("Mr. Cummings disagreed. “...,” he said."); with nobody quoted yet,
"he" or "she" takes the last person named with a full name or a title. A single name ("Blinken",
"Lin") resolves to the full name it abbreviates (from earlier speakers or from the article
text), and titles and honorifics are stripped ("US Secretary of State Antony Blinken" is the
person "Antony Blinken" in the group "US government"; "Mr. Steele" is "Steele"; in "Lindsey
Graham of South Carolina" the name is "Lindsey Graham"). Institutions, documents and common
nouns are speakers too ("the report", "the ministry", "the Democratic staffer"), and so are
acronyms ("the NRA"). A reporting verb in its base form needs a plural subject ("critics say"),
which keeps nouns out ("a Washington Post report"). A quotation with no such clause stays
unattributed: nothing is guessed.

Speaker groups come from ``lexicons/speaker_groups.csv`` (plus the user's copy), reporting verbs
from ``lexicons/reporting_verbs.csv``; both files document their origin in their header.

References:
    Bergler, S. (1992). The evidential analysis of reported speech. PhD thesis, Brandeis
    University (reported speech in news: source, reporting verb, complement).
    Pareti, S. (2016). PARC 3.0: A corpus of attribution relations. LREC 2016 (the
    source / cue / content anatomy of attributions followed here).
"""

from __future__ import annotations

import csv
import os
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from operator import attrgetter
from pathlib import Path
from typing import Any

import platformdirs

from analysis.lexicon import normalized_tokens
from analysis.model import Excluded, Segmentation, Span
from analysis.text import WORD_RE, covered, inside, token_texts, tokens_in

LEXICONS = Path(__file__).resolve().parent / "lexicons"
REPORTING_VERBS_FILE = LEXICONS / "reporting_verbs.csv"
SPEAKER_GROUPS_FILE = LEXICONS / "speaker_groups.csv"
#: Environment variable naming the user's speaker-group file (read before the built-in rows).
USER_GROUPS_ENV = "FRAMING_SPEAKER_GROUPS"
APP_NAME = "framing-dashboard"
SPEAKER_KINDS = ("person", "body", "document", "anonymous")


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


#: English closed-class words (articles, pronouns, prepositions, conjunctions, auxiliaries and
#: common discourse adverbs), written for this project from English grammar. They delimit speaker
#: phrases here and serve as the stop words of :mod:`analysis.compare`.
FUNCTION_WORDS = _words(
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
#: Words that open a speaker phrase (its left edge).
DETERMINERS = _words(
    "the a an this these those some many several one two three four five both all another "
    "any each every most his her its their our"
)
#: Auxiliaries and adverbs that may stand between a speaker and the reporting verb.
_BETWEEN = _words(
    "has have had was were is are be been will would shall should can could may might must did "
    "does do also previously repeatedly later then further again once earlier reportedly "
    "publicly privately recently separately initially subsequently simply just not never "
    "often still already first last"
)
#: Honorifics and abbreviated titles dropped from a person's name ("Mr. Steele", "Sen. Graham").
_HONORIFICS = _words(
    "mr mrs ms miss mx dr prof sir dame lord lady sen rep gov gen lt col sgt capt maj adm "
    "cmdr rev hon pres supt atty det insp"
)
#: Abbreviations written with a period that does not end the phrase ("Mr.", "Jr.").
_ABBREVIATIONS = _HONORIFICS | _words("jr sr st")
#: Pronouns that agree with a reporting verb in its base form ("they say", "critics say").
_PLURAL_PRONOUNS = _words("they we i you")
_PRONOUN_KIND = {"he": "person", "she": "person", "it": "thing", "they": "thing"}
_CONNECTORS = frozenset(("of", "for", "de", "von", "van", "al", "bin"))
_MAX_PHRASE = 12
_MAX_MODIFIERS = 2
#: Words an aside between a speaker and the verb may have ("Mr. Weiner, a Democrat, said").
_MAX_ASIDE = 16
#: Words that open a relative clause used as an aside ("the ministry, which ..., said").
_RELATIVE = _words("which who whose where")
#: Reporting verbs whose object (the person told) may follow them in an attribution.
_TAKES_OBJECT = _words("tell ask answer assure remind urge warn")
#: Words after a reporting verb that continue an attribution, not a new statement.
_CLAUSE_PREPOSITIONS = _words(
    "in at on during after before to from with while when as via about earlier later late "
    "adding noting saying citing referring"
)
#: How far back (in words) "he" or "she" looks for a named person when nobody was quoted yet.
_LOOKBACK = 200
#: A full-sentence quotation takes a reporting clause after it only if the clause ends within
#: this many words after the verb ("“...” Lin told reporters in Beijing.").
_SHORT_CLAUSE = 4
_SPACE_RE = re.compile(r"[\s\u00a0]*")
_ABBREVIATION_GAP_RE = re.compile(r"\.[\s\u00a0]*")
_AFTER_GAP_RE = re.compile(r"[\s\u00a0,—–-]*")
_FINAL_RE = re.compile(r"[.!?…]\W*$")
_start = attrgetter("start")
_CACHE_SIZE = 50_000


def _norm(word: str) -> str:
    return word.lower().replace("’", "'").replace("‘", "'")


def _bare(word: str) -> str:
    """A lower-case word without its possessive ending."""
    low = _norm(word)
    return low[:-2] if low.endswith("'s") else low


def _titlecase_function(word: str) -> bool:
    """A capitalised function word ("Then", "But") rather than a name or acronym."""
    return not word.isupper() and word.lower() in FUNCTION_WORDS


# --------------------------------------------------------------------------------------------
# Lexicons


class VoicesLexiconError(ValueError):
    """A reporting-verb or speaker-group file that cannot be used; one-line message."""


def _rows(path: Path, columns: Sequence[str]) -> Iterable[tuple[int, dict[str, str]]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            lines = [line for line in handle if not line.lstrip().startswith("#")]
    except UnicodeDecodeError as error:
        raise VoicesLexiconError(f"{path}: not UTF-8 text ({error})") from error
    reader = csv.DictReader(lines)
    missing = [c for c in columns if c not in (reader.fieldnames or ())]
    if missing:
        raise VoicesLexiconError(f"{path}: missing column(s) {', '.join(missing)}")
    for number, row in enumerate(reader, start=2):
        yield number, {k: (v or "").strip() for k, v in row.items() if k}


@dataclass(frozen=True, slots=True)
class ReportingVerb:
    """One reporting verb: its base form and kind (see the header of reporting_verbs.csv)."""

    verb: str
    kind: str


@lru_cache(maxsize=1)
def reporting_verbs() -> dict[tuple[str, ...], ReportingVerb]:
    """Every inflected form (as a tuple of lower-case words) mapped to its reporting verb."""
    forms: dict[tuple[str, ...], ReportingVerb] = {}
    for number, row in _rows(REPORTING_VERBS_FILE, ("verb", "kind", "forms")):
        if not row["verb"] or not row["forms"]:
            raise VoicesLexiconError(f"{REPORTING_VERBS_FILE}: row {number} is incomplete")
        entry = ReportingVerb(row["verb"], row["kind"])
        for form in row["forms"].split("|"):
            forms[tuple(_norm(form).split())] = entry
    return forms


def _alternation(phrases: Iterable[str]) -> str:
    """Longest-first alternation; phrases with a capital letter match case-sensitively."""
    parts = []
    for phrase in sorted({p for p in phrases if p}, key=len, reverse=True):
        body = r"\s+".join(re.escape(word) for word in phrase.split())
        parts.append(body if phrase != phrase.lower() else f"(?i:{body})")
    return r"(?<![\w’'])(?:" + "|".join(parts) + r")(?!\w)"


@dataclass(frozen=True, slots=True)
class GroupRule:
    """One row of a speaker-group file, with its compiled patterns."""

    group: str
    kind: str
    cues: tuple[str, ...]
    requires: tuple[str, ...]
    cue_re: re.Pattern[str] = field(compare=False, repr=False)
    requires_re: re.Pattern[str] | None = field(compare=False, repr=False)

    def score(self, phrase: str) -> int:
        """Characters matched by the longest cue plus the longest required word (0: no match)."""
        cue = max((len(m.group()) for m in self.cue_re.finditer(phrase)), default=0)
        if not cue:
            return 0
        if self.requires_re is None:
            return cue
        required = max((len(m.group()) for m in self.requires_re.finditer(phrase)), default=0)
        return cue + required if required else 0


@dataclass(frozen=True, slots=True)
class SpeakerGroups:
    """Rules that sort speaker phrases into groups, plus the vocabulary of their cue words."""

    rules: tuple[GroupRule, ...]
    vocabulary: frozenset[str]
    any_re: re.Pattern[str] = field(compare=False, repr=False)
    title_re: re.Pattern[str] = field(compare=False, repr=False)
    cache: dict[str, tuple[tuple[bool, int], GroupRule | None]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def classify(self, *phrases: str) -> tuple[str | None, str | None]:
        """The ``(group, kind)`` of the best rule matching any of the phrases, or ``(None, None)``.

        The best rule has the longest match; a document rule ("the report") counts only when no
        other rule matches, since "Xinhua's report" or "the ministry's statement" belong with
        their author.
        """
        best = max((self.best_rule(phrase) for phrase in phrases), default=((False, 0), None))
        rule = best[1]
        return (rule.group, rule.kind) if rule else (None, None)

    def best_rule(self, phrase: str) -> tuple[tuple[bool, int], GroupRule | None]:
        """The best rule for one phrase with its ranking key (not a document rule, score)."""
        cached = self.cache.get(phrase)
        if cached is not None:
            return cached
        if len(self.cache) > _CACHE_SIZE:
            self.cache.clear()
        best, best_key = None, (False, 0)
        for rule in self.rules:
            score = rule.score(phrase)
            key = (rule.kind != "document", score)
            if score and key > best_key:
                best, best_key = rule, key
        self.cache[phrase] = (best_key, best)
        return best_key, best


def user_speaker_groups_path() -> Path:
    """The user's speaker-group file: ``$FRAMING_SPEAKER_GROUPS`` or the user data directory."""
    env = os.environ.get(USER_GROUPS_ENV)
    if env:
        return Path(env).expanduser()
    return _user_data_dir() / "speaker_groups.csv"


@lru_cache(maxsize=1)
def _user_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME))


def read_group_rules(path: str | os.PathLike[str]) -> list[GroupRule]:
    """Read one speaker-group CSV file (see the header of ``lexicons/speaker_groups.csv``).

    Raises:
        VoicesLexiconError: a missing column, an unknown kind or a row without cues.
    """
    path = Path(path)
    rules = []
    for number, row in _rows(path, ("group", "kind", "cues", "requires")):
        cues = tuple(c.strip() for c in row["cues"].split("|") if c.strip())
        requires = tuple(r.strip() for r in row["requires"].split("|") if r.strip())
        if not row["group"] or not cues:
            raise VoicesLexiconError(f"{path}: row {number} needs a group and cues")
        if row["kind"] not in SPEAKER_KINDS:
            raise VoicesLexiconError(
                f"{path}: row {number} has kind {row['kind']!r}, not one of {SPEAKER_KINDS}"
            )
        rules.append(
            GroupRule(
                group=row["group"],
                kind=row["kind"],
                cues=cues,
                requires=requires,
                cue_re=re.compile(_alternation(cues)),
                requires_re=re.compile(_alternation(requires)) if requires else None,
            )
        )
    return rules


def build_speaker_groups(rules: Sequence[GroupRule]) -> SpeakerGroups:
    """Bundle rules with the vocabulary of their cue words (function words left out)."""
    phrases = [p for rule in rules for p in (*rule.cues, *rule.requires)]
    words = {_bare(m.group()) for p in phrases for m in WORD_RE.finditer(p)}
    titles = [cue for rule in rules if rule.kind == "person" for cue in rule.cues]
    return SpeakerGroups(
        rules=tuple(rules),
        vocabulary=frozenset(words - FUNCTION_WORDS),
        any_re=re.compile(_alternation(phrases)),
        title_re=re.compile(_alternation(titles) + r"[\s\u00a0]*$"),
    )


def load_speaker_groups(
    paths: Sequence[str | os.PathLike[str]] | None = None,
) -> SpeakerGroups:
    """Load speaker-group rules; earlier files win ties, so the user's rows come first.

    Args:
        paths: files to read in order. ``None`` reads the user file
            (:func:`user_speaker_groups_path`, if it exists) and then the built-in file.
    """
    if paths is None:
        return _default_groups(str(user_speaker_groups_path()))
    return build_speaker_groups([rule for path in paths for rule in read_group_rules(path)])


@lru_cache(maxsize=4)
def _default_groups(user_path: str) -> SpeakerGroups:
    files = [Path(user_path)] if Path(user_path).is_file() else []
    files.append(SPEAKER_GROUPS_FILE)
    return build_speaker_groups([rule for path in files for rule in read_group_rules(path)])


# --------------------------------------------------------------------------------------------
# Records


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation (marks included) and who it is attributed to (``None``: unattributed)."""

    start: int
    end: int
    text: str
    speaker: str | None
    speaker_group: str | None
    verb: str | None


@dataclass(frozen=True, slots=True)
class Speaker:
    """A quoted person or body: how many quotations and quoted words it has in the article."""

    name: str
    group: str | None
    quotes: int
    words: int


@dataclass(frozen=True, slots=True)
class Attribution:
    """A reporting phrase ("Blinken said", "according to the ministry") and whom it names."""

    start: int
    end: int
    speaker: str | None
    verb: str | None


@dataclass(frozen=True, slots=True)
class VoicesResult:
    """Quotations, their speakers and the reporting phrases of one article.

    Attributes:
        quote_share: share of the article's words (outside excluded spans) that lie inside
            quotations; ``None`` for an article without words.
        quotes: every quotation with its speaker, speaker group and reporting verb.
        speakers: one entry per speaker, most quoted words first.
        attributions: the reporting phrases, in text order.
    """

    quote_share: float | None
    quotes: tuple[Quote, ...]
    speakers: tuple[Speaker, ...]
    attributions: tuple[Attribution, ...]

    def to_dict(self) -> dict[str, Any]:
        """The ``voices`` section of the score JSON."""
        return {
            "quote_share": None if self.quote_share is None else round(self.quote_share, 4),
            "quotes": [
                {
                    "start": q.start,
                    "end": q.end,
                    "text": q.text,
                    "speaker": q.speaker,
                    "speaker_group": q.speaker_group,
                    "verb": q.verb,
                }
                for q in self.quotes
            ],
            "speakers": [
                {"name": s.name, "group": s.group, "quotes": s.quotes, "words": s.words}
                for s in self.speakers
            ],
            "attributions": [
                {"start": a.start, "end": a.end, "speaker": a.speaker, "verb": a.verb}
                for a in self.attributions
            ],
        }


# --------------------------------------------------------------------------------------------
# Finding speakers


@dataclass(slots=True)
class _Entity:
    """A speaker: a named person, or a body, document or unnamed source named by a phrase."""

    name: str
    kind: str
    phrases: list[str]
    named: bool
    group: str | None = None
    last: int = 0  # token index where it was last quoted


@dataclass(frozen=True, slots=True)
class _Mention:
    """A speaker phrase as found next to a quotation: token range, reporting verb, span."""

    first: int
    stop: int
    verb: str | None
    start: int
    end: int
    title: tuple[int, int] | None = None  # "Oklahoma's attorney general, Scott Pruitt, said"


class _Article:
    """Per-article working state: tokens, lower-case forms, and the speaker entities."""

    def __init__(self, seg: Segmentation, quotes: Sequence[Span], groups: SpeakerGroups) -> None:
        self.seg = seg
        self.text = seg.text
        self.tokens = seg.tokens
        text = self.text
        self.words = token_texts(seg)
        if "‐" not in text and "‑" not in text:  # then _norm is normalize_token
            self.low = normalized_tokens(seg)
        else:
            lowered = _norm(text)
            if len(lowered) == len(text):
                self.low = tuple([lowered[t.start : t.end] for t in seg.tokens])
            else:  # a few characters change length in lower case ("İ"): go word by word
                self.low = tuple(map(_norm, self.words))
        self.quotes = quotes
        self.groups = groups
        self.verbs = reporting_verbs()
        self.entities: dict[str, _Entity] = {}
        self.order: list[_Entity] = []  # entities in the order they were last quoted
        self.name_cache: dict[str, list[tuple[int, str]]] = {}

    # -- tokens ---------------------------------------------------------------------------

    def quoted(self, i: int) -> bool:
        return inside(self.quotes, self.tokens[i].start)

    def tight(self, i: int) -> bool:
        """Only white space (or the period of "Mr.") lies between token ``i`` and ``i + 1``."""
        a, b = self.tokens[i].end, self.tokens[i + 1].start
        if _SPACE_RE.fullmatch(self.text, a, b) is not None:
            return True
        word = self.words[i]
        abbreviation = self.low[i] in _ABBREVIATIONS or (len(word) == 1 and word.isupper())
        return abbreviation and _ABBREVIATION_GAP_RE.fullmatch(self.text, a, b) is not None

    def solid(self, i: int) -> bool:
        """A word that can be the head or a proper part of a speaker phrase."""
        word = self.words[i]
        if word[0].isupper():
            return not _titlecase_function(word) and self.low[i] not in DETERMINERS
        if "-" in word and word.rsplit("-", 1)[1][:1].isupper():
            return True  # "then-Director", "ex-President"
        return _bare(word) in self.groups.vocabulary

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

    # -- speaker phrases ------------------------------------------------------------------

    def phrase_before(self, stop: int, floor: int) -> tuple[int, int] | None:
        """The speaker phrase whose last token is ``stop - 1`` (no token before ``floor``).

        A phrase is a run of capitalised words and cue words ("US Secretary of State Antony
        Blinken", "the report", "U.S. intelligence officials") with inner connectors ("of",
        "the") and at most two lower-case modifiers ("the top diplomat"), opened by an optional
        determiner; or a lone pronoun.
        """
        i = stop - 1
        if i < floor:
            return None
        if not self.solid(i):
            if self.low[i] in _PRONOUN_KIND:
                return i, stop
            return self._common_noun_phrase(stop, floor)
        first, pending = i, 0
        i -= 1
        while i >= floor and stop - i <= _MAX_PHRASE and self.tight(i):
            word, low = self.words[i], self.low[i]
            if self.solid(i):
                first, pending = i, 0
            elif low in DETERMINERS:
                of_the = i - 1 >= floor and self.low[i - 1] == "of" and self.tight(i - 1)
                if not of_the:  # "Secretary of the Treasury" goes on, "the report" stops
                    first = i
                    break
            elif low in _CONNECTORS:
                pass  # kept only if a solid word comes before it
            elif word.islower() and low not in FUNCTION_WORDS and pending < _MAX_MODIFIERS:
                pending += 1
            else:
                break
            i -= 1
        return first, stop

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
        if self.low[j] in _PRONOUN_KIND:
            return j, j + 1
        last = None
        determiner = self.low[j] in DETERMINERS
        i = j + 1 if determiner else j
        pending = 0
        while i < stop and i - j < _MAX_PHRASE and (i == j or self.tight(i - 1)):
            low = self.low[i]
            if self.solid(i):
                last, pending = i, 0
            elif low in _CONNECTORS or (low == "the" and self.low[i - 1] == "of"):
                pass  # "the Office of the Director of National Intelligence"
            elif self._plain(i) and pending < _MAX_MODIFIERS:
                pending += 1
                if determiner:  # "said the Democratic staffer": a common noun as the head
                    last = i
            else:
                break
            i += 1
        return (j, last + 1) if last is not None else None

    def phrase_text(self, first: int, stop: int) -> str:
        return " ".join(self.text[self.tokens[first].start : self.tokens[stop - 1].end].split())

    # -- attribution patterns -------------------------------------------------------------

    def before(self, q: Span, lo: int) -> _Mention | None:
        """A reporting clause before quotation ``q``, from character ``lo`` (its sentence)."""
        window = [i for i in tokens_in(self.seg, lo, q.start) if not self.quoted(i)]
        if not window:
            return None
        last = window[-1]
        gap = self.text[self.tokens[last].end : q.start]
        if ":" in gap:
            mention = self._colon(window)
            if mention:
                return mention
        for pos in range(len(window) - 1, -1, -1):
            i = window[pos]
            found = self.verb_at(i, last + 1)
            if found:
                mention = self._subject(i, found, window[0])
                if mention:
                    return mention
            if self.low[i] == "according" and i + 1 <= last and self.low[i + 1] == "to":
                span = self.phrase_after(i + 2, last + 1)
                if span:
                    return self._mention(span, "according to", i, span[1])
        return None

    def _colon(self, window: list[int]) -> _Mention | None:
        """A colon introduction: "... from X: “...”" (the phrase after "from" or "by")."""
        last = window[-1]
        span = self.phrase_before(last + 1, window[0])
        if span and span[0] > window[0] and self.low[span[0] - 1] in ("from", "by"):
            return self._mention(span, None, span[0], span[1])
        return None

    def _subject(self, i: int, found: tuple[int, str], floor: int) -> _Mention | None:
        """The subject of the reporting verb at token ``i`` ("Blinken also said")."""
        end, form = found
        k = self.skip_between_back(i, floor)
        title = None
        if k > floor and not self.tight(k - 1):
            if self.low[end - 1].endswith("ing"):
                return None  # "..., saying": the subject is that of the main clause
            aside = self._aside_before(k, floor)
            if aside is None:
                return None
            named = self.phrase_after(aside, k)
            if named and named[1] == k and self.person_name(*named) and aside > floor:
                title = self.phrase_before(aside, floor)  # the aside is the speaker's name
                if title:
                    return replace(self._mention(named, form, title[0], end), title=title)
            k = aside
        span = self.phrase_before(k, floor)
        if not span or not self.agrees(span, i, end):
            return None
        return self._mention(span, form, span[0], end)

    def _aside_before(self, k: int, floor: int) -> int | None:
        """Skip an aside that ends right before token ``k``; return where the subject ends.

        "The National Intelligence Council (NIC) said", "Mr. Weiner, a Democrat, said",
        "Smith, who chairs the panel, said".
        """
        gap = self.text[self.tokens[k - 1].end : self.tokens[k].start].strip().lstrip(".")
        closer = {")": "(", ",": ","}.get(gap)
        if closer is None:
            return None
        listed = False  # "the FBI, the DHS and their agencies, said": the aside ends a list
        for t in range(k - 1, max(floor, k - _MAX_ASIDE) - 1, -1):
            if self.quoted(t):
                return None
            listed = listed or self.low[t] in ("and", "or")
            if t > floor and closer in self.text[self.tokens[t - 1].end : self.tokens[t].start]:
                if not listed or closer == "(" or self.low[t] in _RELATIVE:
                    return t
                listed = False
        return None

    def _aside_after(self, t: int, hi: int) -> int | None:
        """Skip an aside that starts right after token ``t - 1``; return the next token.

        "“...,” Mr. Weiner, a Democrat, said", "“...,” Sen. John Thune (R-S.D.) said".
        """
        if t >= hi:
            return None
        gap = self.text[self.tokens[t - 1].end : self.tokens[t].start].strip()
        closer = {"(": ")", ",": ","}.get(gap)
        if closer is None:
            return None
        for u in range(t, min(hi - 1, t + _MAX_ASIDE)):
            if self.quoted(u):
                return None
            if closer in self.text[self.tokens[u].end : self.tokens[u + 1].start]:
                return u + 1
        return None

    def agrees(self, span: tuple[int, int], verb: int, end: int) -> bool:
        """A verb in its base form ("say", "report") needs a plural subject ("critics say").

        This keeps noun uses out: "a New York Times report", "the claim".
        """
        form = tuple(self.low[verb:end])
        if form != tuple(self.verbs[form].verb.split()):
            return True
        head = self.low[span[1] - 1]
        return head in _PLURAL_PRONOUNS or _bare(self.words[span[1] - 1]).endswith("s")

    def after(self, q: Span, hi: int, *, sentence_final: bool) -> _Mention | None:
        """A reporting clause right after quotation ``q`` (tokens before index ``hi``)."""
        j = tokens_in(self.seg, q.end, len(self.text)).start
        if j >= hi or _AFTER_GAP_RE.fullmatch(self.text, q.end, self.tokens[j].start) is None:
            return None
        if self.low[j] == "according" and j + 1 < hi and self.low[j + 1] == "to":
            span = self.phrase_after(j + 2, hi)
            return self._mention(span, "according to", j, span[1]) if span else None
        found = self.verb_at(j, hi)
        if found:  # "said Blinken"
            span = self.phrase_after(found[0], hi)
            if span and self._short(span[1], hi, sentence_final):
                return self._mention(span, found[1], j, span[1])
            return None
        for v in range(j + 1, min(hi, j + _MAX_PHRASE + 2)):
            found = self.verb_at(v, hi)
            if found:
                k = self.skip_between_back(v, j)
                span = self.phrase_before(k, j)
                if span and span[0] == j and self.agrees(span, v, found[0]):
                    # (in "the report said", "report" is tried first and is no verb there)
                    if self._short(found[0], hi, sentence_final, v):
                        return self._mention(span, found[1], j, found[0])
                    return None
        span = self.phrase_after(j, hi)  # "Mr. Weiner, a Democrat, said"
        v = self._aside_after(span[1], hi) if span else None
        if span and v is not None:
            v = self.skip_between_forward(v, hi)
            found = self.verb_at(v, hi) if v < hi else None
            if (
                found
                and self.agrees(span, v, found[0])
                and self._short(found[0], hi, sentence_final, v)
            ):
                return self._mention(span, found[1], j, found[0])
        return None

    def skip_between_forward(self, v: int, hi: int) -> int:
        """Step over auxiliaries and adverbs from token ``v`` to the verb."""
        while v < hi - 1 and self._adverb(v) and self.tight(v):
            v += 1
        return v

    def _short(self, k: int, hi: int, sentence_final: bool, verb: int | None = None) -> bool:
        """Whether the reporting clause ending at token ``k`` can attribute the quotation.

        After a full-sentence quotation, the clause must be attribution only: it ends soon, or
        goes on with a comma or a preposition ("said in a statement", "said, adding ..."), or,
        for "told" and the like, with its object ("told the Ohio Christian Alliance."); and it
        does not end with a colon (which introduces the next quotation).
        """
        if not sentence_final:
            return True
        tail_end = self.tokens[hi - 1].end if hi > k else self.tokens[k - 1].end
        if self.text[tail_end : tail_end + 3].lstrip(" \u00a0").startswith(":"):
            return False
        if hi - k <= _SHORT_CLAUSE:
            return True
        if verb is not None and self.verbs[tuple(self.low[verb:k])].verb in _TAKES_OBJECT:
            obj = self.phrase_after(k, hi)
            k = obj[1] if obj else k
        gap = self.text[self.tokens[k - 1].end : self.tokens[k].start] if k < hi else ""
        return k >= hi or "," in gap or self.low[k] in _CLAUSE_PREPOSITIONS

    def _mention(self, span: tuple[int, int], verb: str | None, a: int, b: int) -> _Mention:
        lo, hi = min(a, span[0]), max(b, span[1])
        return _Mention(span[0], span[1], verb, self.tokens[lo].start, self.tokens[hi - 1].end)

    # -- entities -------------------------------------------------------------------------

    def resolve(self, mention: _Mention) -> _Entity | None:
        """The entity a speaker phrase names (pronouns: the last speaker of a fitting kind)."""
        if mention.stop - mention.first == 1 and self.low[mention.first] in _PRONOUN_KIND:
            return self.antecedent(mention.first)
        phrase = self.phrase_text(mention.first, mention.stop)
        name = self.person_name(mention.first, mention.stop)
        if name:
            entity = self._person(name, phrase, mention.first)
            if mention.title:
                entity.phrases.append(self.phrase_text(*mention.title))
                entity.group = self.group_of(entity.phrases)
            return entity
        first_word = self.words[mention.first]
        canonical = phrase
        if first_word[0].isupper() and first_word.lower() in DETERMINERS:
            canonical = first_word.lower() + phrase[len(first_word) :]
        entity = self.entities.get(canonical.casefold())
        if (
            entity is None
            and mention.stop - mention.first == 2
            and self.low[mention.first] == "the"
        ):
            head = self.low[mention.first + 1]  # "the ministry" -> "the Chinese Foreign Ministry"
            for known in reversed(self.order):
                if not known.named and _norm(known.name.split()[-1]) == head:
                    entity = known
                    break
        if entity is None:
            kind = self.groups.classify(phrase)[1]
            entity = _Entity(canonical, kind or "body", [], named=False)
            self.entities[canonical.casefold()] = entity
        entity.phrases.append(phrase)
        entity.group = self.group_of(entity.phrases)
        return entity

    def group_of(self, phrases: Sequence[str]) -> str | None:
        """The group of the best rule over several phrases (each phrase ranked once)."""
        best: tuple[tuple[bool, int], GroupRule | None] = ((False, 0), None)
        for phrase in phrases:
            ranked = self.groups.best_rule(phrase)
            if ranked[1] is not None and ranked[0] > best[0]:
                best = ranked
        return best[1].group if best[1] else None

    def antecedent(self, at: int) -> _Entity | None:
        """What the pronoun at token ``at`` refers to.

        "it" and "they" take the last quoted body. "he" and "she" take the person who is the
        subject of the pronoun's sentence or of one of the two sentences before it ("Mr.
        Cummings also admonished his colleagues. “...,” he said."), as long as that is more
        recent than the last quoted person; else the last quoted person; else, when nobody
        has been quoted yet, the last person named with a full name or a title.
        """
        if _PRONOUN_KIND[self.low[at]] != "person":
            return next((e for e in reversed(self.order) if e.kind != "person"), None)
        last = next((e for e in reversed(self.order) if e.kind == "person"), None)
        floor = last.last if last else max(0, at - _LOOKBACK)
        return self._recent_subject(at, floor) or last or self._mentioned_person(at, floor)

    def _recent_subject(self, at: int, floor: int) -> _Entity | None:
        sentences = self.seg.sentences
        n = _index_of(sentences, self.tokens[at].start)
        for sentence in sentences[max(0, n - 2) : n + 1][::-1]:
            r = tokens_in(self.seg, sentence.start, min(sentence.end, self.tokens[at].start))
            if r.stop <= floor:
                break
            first = next((i for i in r if not self.quoted(i) and not self._opener(i)), r.stop)
            if first < r.stop and first >= floor and self.words[first][0].isupper():
                span = self.phrase_after(first, r.stop)
                entity = self._named_person(span) if span else None
                if entity:
                    return entity
        return None

    def _opener(self, i: int) -> bool:
        """A sentence-opening function word or adverb ("But", "Later", "Also")."""
        return _titlecase_function(self.words[i]) or (
            self.words[i][0].isupper() and self.low[i].endswith("ly") and not self.solid(i)
        )

    def _mentioned_person(self, at: int, floor: int) -> _Entity | None:
        """The person named most recently before token ``at`` in the narrator's text."""
        i = at - 1
        while i >= floor:
            if self.words[i][0].isupper() and self.solid(i) and not self.quoted(i):
                span = self.phrase_before(i + 1, floor)
                if span:
                    entity = self._named_person(span)
                    if entity:
                        return entity
                    i = span[0]
            i -= 1
        return None

    def _named_person(self, span: tuple[int, int]) -> _Entity | None:
        """The person a phrase names, if it clearly names one.

        A full name ("Elijah Cummings"), a titled name ("Mr. Cummings", "Senator Graham"), or a
        single name that abbreviates a full name found elsewhere ("Nadler").
        """
        name = self.person_name(*span)
        if not name:
            return None
        phrase = self.phrase_text(*span)
        prefix = phrase[: phrase.find(name)].rstrip(" \u00a0")
        titled = bool(self.groups.title_re.search(prefix)) or (
            bool(prefix) and _bare(prefix.split()[-1]).rstrip(".") in _HONORIFICS
        )
        if " " not in name and not titled and not self._full_name(name, span[0]):
            return None
        return self._person(name, phrase, span[0])

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
                if not word[0].isupper() or _titlecase_function(word) or self.low[i] in DETERMINERS:
                    break
                if self.low[i] in _HONORIFICS or (i < last and not self.tight(i)):
                    break
                i -= 1
            return i + 1

        begin, end = name_start(stop - 1), stop
        if first < begin - 1 and self.low[begin - 1] == "of":
            # "Lindsey Graham of South Carolina", "Alan Brinkley of Columbia University"
            other = name_start(begin - 2)
            if other < begin - 1:
                begin, end = other, begin - 1
        if begin >= end:
            return None
        if end - begin == 1 and self.words[begin].isupper() and len(self.words[begin]) > 1:
            return None  # an acronym ("IRS", "NRA") names a body, not a person
        return self.phrase_text(begin, end)

    def _person(self, name: str, phrase: str, at: int) -> _Entity:
        parts = name.split()
        if len(parts) == 1:
            name = self._full_name(parts[0], at) or name
        key = name.casefold()
        entity = self.entities.get(key)
        if entity is None:
            entity = _Entity(name, "person", self._titled_mentions(name), named=True)
            self.entities[key] = entity
        entity.phrases.append(phrase)
        entity.group = self.group_of(entity.phrases)
        return entity

    def _full_name(self, word: str, at: int) -> str | None:
        """A longer name ending or starting with ``word``: from speakers, else from the text."""
        folded = word.casefold()
        for entity in reversed(self.order):
            parts = entity.name.casefold().split()
            if entity.named and len(parts) > 1 and folded in (parts[0], parts[-1]):
                return entity.name
        here = self.tokens[at].start
        best: tuple[int, str] | None = None
        for position, full in self._longer_names(word):
            distance = here - position if position <= here else len(self.text) + position
            if best is None or distance < best[0]:
                best = (distance, full)
        return best[1] if best else None

    def _longer_names(self, word: str) -> list[tuple[int, str]]:
        """Where the text names ``word`` with a first or family name ("Antony Blinken")."""
        found = self.name_cache.get(word)
        if found is not None:
            return found
        found = []
        last = len(self.words) - 1
        for i in _positions(self.words, word):
            for j, a, b in ((i - 1, i - 1, i), (i + 1, i, i + 1)):  # "Antony Blinken", "Lin Jian"
                if 0 <= j <= last and self.tight(a) and self._name_word(j):
                    found.append((self.tokens[a].start, f"{self.words[a]} {self.words[b]}"))
        self.name_cache[word] = found
        return found

    def _name_word(self, i: int) -> bool:
        """A capitalised word that can be part of a personal name (no title, cue or acronym)."""
        word = self.words[i]
        return (
            word[0].isupper()
            and not word.isupper()
            and not _titlecase_function(word)
            and self.low[i] not in _ABBREVIATIONS
            and self.groups.any_re.fullmatch(word) is None
        )

    def _titled_mentions(self, name: str) -> list[str]:
        """Phrases in the text that end with ``name`` and carry a title ("spokesman Lin Jian")."""
        found = []
        for m in re.finditer(re.escape(name).replace(r"\ ", r"\s+"), self.text):
            r = tokens_in(self.seg, m.start(), m.end())
            if not r:
                continue
            para = self.seg.paragraphs[_index_of(self.seg.paragraphs, m.start())]
            floor = tokens_in(self.seg, para.start, m.start()).start
            span = self.phrase_before(r.stop, floor)
            if span and span[0] < r.start:
                prefix = self.text[self.tokens[span[0]].start : m.start()]
                if self.groups.title_re.search(prefix):
                    found.append(self.phrase_text(*span))
        return found

    def remember(self, entity: _Entity, at: int) -> None:
        """Note that ``entity`` was quoted at token ``at`` (pronouns look back to it)."""
        if entity in self.order:
            self.order.remove(entity)
        self.order.append(entity)
        entity.last = at


def _positions(words: tuple[str, ...], word: str) -> Iterator[int]:
    """The indices at which ``word`` occurs in ``words``, in order."""
    i = -1
    while True:
        try:
            i = words.index(word, i + 1)
        except ValueError:
            return
        yield i


def _outside_flags(tokens: Sequence[Span], spans: Sequence[Span]) -> list[bool]:
    """For each token, ``not inside(spans, token.start)`` for spans sorted by start.

    A position belongs to the last span starting at or before it, so each span rules out the
    tokens starting from its start up to its end or the next span's start: one slice each.
    """
    flags = [True] * len(tokens)
    for k, span in enumerate(spans):
        stop = span.end if k + 1 == len(spans) else min(span.end, spans[k + 1].start)
        lo = bisect_left(tokens, span.start, key=_start)
        hi = bisect_left(tokens, stop, lo, key=_start)
        flags[lo:hi] = [False] * (hi - lo)
    return flags


def _kept_quotes(seg: Segmentation, excluded: Sequence[Excluded]) -> tuple[Span, ...]:
    spans = sorted((Span(e.start, e.end) for e in excluded), key=lambda s: s.start)
    return tuple(q for q in seg.quotes if 2 * covered(spans, q.start, q.end) < len(q))


def _index_of(spans: Sequence[Span], pos: int) -> int:
    """Index of the span containing ``pos`` (or the last one starting before it; 0 if none)."""
    return max(bisect_right(spans, pos, key=_start) - 1, 0)


def find_voices(
    seg: Segmentation,
    *,
    excluded: Sequence[Excluded] = (),
    groups: SpeakerGroups | None = None,
) -> VoicesResult:
    """Find every quotation's speaker, the reporting phrases and the share of quoted words.

    Args:
        seg: the article's segmentation (its quotation spans include the quote marks).
        excluded: page furniture; quotations mostly inside it and words inside it are ignored.
        groups: speaker-group rules; default: the user's file, then the built-in one.

    Returns:
        A :class:`VoicesResult`; ``to_dict()`` gives the ``voices`` section of the score JSON.
    """
    groups = groups or load_speaker_groups()
    quotes = _kept_quotes(seg, excluded)
    state = _Article(seg, quotes, groups)
    text = seg.text
    spans_excluded = sorted((Span(e.start, e.end) for e in excluded), key=lambda s: s.start)
    word_flags = _outside_flags(seg.tokens, spans_excluded) if excluded else None
    total_words = sum(word_flags) if word_flags is not None else len(seg.tokens)

    found: list[tuple[_Entity | None, str | None]] = []
    attributions: dict[tuple[int, int], Attribution] = {}
    carried: tuple[int, _Entity] | None = None  # (paragraph, last speaker quoted in it)
    for n, q in enumerate(quotes):
        mention = _attribution(state, q, n)
        entity = state.resolve(mention) if mention else None
        if mention is None and carried and carried[0] == _index_of(seg.paragraphs, q.start):
            entity = carried[1]
        if mention is not None:
            attributions[(mention.start, mention.end)] = Attribution(
                mention.start, mention.end, entity.name if entity else None, mention.verb
            )
        if entity is not None:
            state.remember(entity, tokens_in(seg, q.start, q.end).start)
            carried = (_index_of(seg.paragraphs, max(q.end - 1, q.start)), entity)
        found.append((entity, mention.verb if mention else None))

    records = []
    tallies: dict[int, list[Any]] = {}
    quoted_words = 0
    for q, (entity, verb) in zip(quotes, found, strict=True):
        r = tokens_in(seg, q.start, q.end)
        words = sum(word_flags[r.start : r.stop]) if word_flags is not None else len(r)
        quoted_words += words
        records.append(
            Quote(
                q.start,
                q.end,
                text[q.start : q.end],
                entity.name if entity else None,
                entity.group if entity else None,
                verb,
            )
        )
        if entity is not None:
            tally = tallies.setdefault(id(entity), [entity, 0, 0])
            tally[1] += 1
            tally[2] += words
    speakers = sorted(
        (Speaker(e.name, e.group, count, words) for e, count, words in tallies.values()),
        key=lambda s: (-s.words, -s.quotes, s.name),
    )
    return VoicesResult(
        quote_share=quoted_words / total_words if total_words else None,
        quotes=tuple(records),
        speakers=tuple(speakers),
        attributions=tuple(sorted(attributions.values(), key=lambda a: a.start)),
    )


def _attribution(state: _Article, q: Span, n: int) -> _Mention | None:
    """The reporting clause of quotation ``q`` (the ``n``-th), before or after it."""
    seg, text = state.seg, state.text
    sentence = seg.sentences[_index_of(seg.sentences, q.start)] if seg.sentences else q
    para = seg.paragraphs[_index_of(seg.paragraphs, q.start)]
    lo = max(sentence.start, para.start) if sentence.start <= q.start else para.start

    nxt = state.quotes[n + 1].start if n + 1 < len(state.quotes) else len(text)
    end_para = seg.paragraphs[_index_of(seg.paragraphs, max(q.end - 1, q.start))]
    first_after = tokens_in(seg, q.end, len(text)).start
    hi_pos = min(nxt, end_para.end)
    if first_after < len(seg.tokens):
        after_sentence = seg.sentences[_index_of(seg.sentences, seg.tokens[first_after].start)]
        hi_pos = min(hi_pos, after_sentence.end)
    hi = tokens_in(seg, q.end, hi_pos).stop

    inner = text[q.start : q.end].rstrip("”\"’' \u00a0")
    trailing = text[q.end : q.end + 2].lstrip(" \u00a0")
    continues = inner.endswith(",") or trailing.startswith(",")
    question = inner.endswith(("?", "!")) and trailing[:1].islower()
    sentence_final = not continues and _FINAL_RE.search(inner) is not None
    if continues or question:
        return state.after(q, hi, sentence_final=False) or state.before(q, lo)
    return state.before(q, lo) or state.after(q, hi, sentence_final=sentence_final)
