"""Speaker groups: sorting the people and bodies quoted in news into groups from their titles.

Rules come from ``lexicons/speaker_groups.csv`` (its header documents the columns and where the
cues come from) plus the user's own file, read first so that its rows win ties. A speaker phrase
takes the group of the rule with the longest match (cue plus required nationality word).

A group label may name the country it was derived from: in ``{country} government`` the
placeholder is filled from the required word that matched, through the ``word=Country`` form of
the ``requires`` column ("French=France" makes "French President Emmanuel Macron" the speaker
group "France government"); a required word without ``=`` names itself.

A row marked ``yes`` in the optional ``office`` column names a public office or a government
body. Such a row outranks the others when a person's phrases disagree ("Rep. Ann Lee" ...
"Lee, a Democrat": the office held decides, not the party), unless the office is a past one
("former Sen. Ann Lee").

The article's country (:meth:`SpeakerGroups.article_country`) is the one whose nationality and
place words the article uses most: it places an office named without a country ("President
Lee", "the governor", "Representative Tom Vale") in that country's government, the way a reader
takes "the governor" in a story about Ohio. It needs three mentions and more than twice as many
as any other country, or two mentions when no other country is named at all.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import platformdirs

from analysis.measures.voices.verbs import VoicesLexiconError, read_rows
from analysis.text.lexicon import LEXICON_DIR
from analysis.text.segmentation import WORD_RE
from analysis.text.words import FUNCTION_WORDS, bare

SPEAKER_GROUPS_FILE = LEXICON_DIR / "speaker_groups.csv"
#: Environment variable naming the user's speaker-group file (read before the built-in rows).
USER_GROUPS_ENV = "FRAMING_SPEAKER_GROUPS"
APP_NAME = "framing-dashboard"
SPEAKER_KINDS = ("person", "body", "document", "anonymous")
_CACHE_SIZE = 50_000
#: The article's country needs this many mentions of its words, and more than twice as many as
#: any other country: a story that names two countries about equally has no single country.
_COUNTRY_MENTIONS = 3
#: ... or this many when the text names no other country at all.
_COUNTRY_MENTIONS_ALONE = 2
_COUNTRY_MARGIN = 2


def alternation(phrases: Iterable[str]) -> str:
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
    countries: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    office: bool = False

    def label(self, phrase: str) -> str:
        """The group label for ``phrase``, its ``{country}`` filled from the required word."""
        if "{country}" not in self.group or self.requires_re is None:
            return self.group
        found = max((m.group() for m in self.requires_re.finditer(phrase)), key=len, default="")
        country = self.countries.get(" ".join(found.split()).casefold(), found)
        return self.group.replace("{country}", country) if country else self.group

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
        ranked = [(self.best_rule(phrase), phrase) for phrase in phrases]
        best = max(ranked, key=lambda r: r[0][0], default=(((False, 0), None), ""))
        rule = best[0][1]
        return (rule.label(best[1]), rule.kind) if rule else (None, None)

    def article_country(self, text: str) -> str | None:
        """The word for the country the text names most, or ``None`` (see the module docstring).

        Each mention of a required word of a country-bound row counts once for the group it
        places ("Ohio" and "U.S." both count for "US government"); the word returned is that
        group's commonest required word in the text ("U.S."), to be read before an office
        named without a country.
        """
        counts: dict[str, dict[int, str]] = {}
        for rule in self.rules:
            if rule.requires_re is None or not rule.office:
                continue
            for m in rule.requires_re.finditer(text):
                counts.setdefault(rule.label(m.group()), {})[m.start()] = m.group()
        ranked = sorted(counts.values(), key=len, reverse=True)
        alone = len(ranked) == 1  # no other country is named at all
        if not ranked or len(ranked[0]) < (_COUNTRY_MENTIONS_ALONE if alone else _COUNTRY_MENTIONS):
            return None
        if len(ranked) > 1 and len(ranked[0]) <= _COUNTRY_MARGIN * len(ranked[1]):
            return None
        words = list(ranked[0].values())
        return max(set(words), key=lambda w: (words.count(w), w))

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
    for number, row in read_rows(path, ("group", "kind", "cues", "requires")):
        cues = tuple(c.strip() for c in row["cues"].split("|") if c.strip())
        pairs = [r.partition("=") for r in row["requires"].split("|") if r.strip()]
        requires = tuple(word.strip() for word, _, _ in pairs)
        countries = {w.strip().casefold(): c.strip() for w, _, c in pairs if c.strip()}
        office = row.get("office", "").lower()
        if not row["group"] or not cues:
            raise VoicesLexiconError(f"{path}: row {number} needs a group and cues")
        if office not in ("", "yes", "no"):
            raise VoicesLexiconError(f"{path}: row {number} has office {office!r}, not yes or no")
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
                cue_re=re.compile(alternation(cues)),
                requires_re=re.compile(alternation(requires)) if requires else None,
                countries=countries,
                office=office == "yes",
            )
        )
    return rules


def build_speaker_groups(rules: Sequence[GroupRule]) -> SpeakerGroups:
    """Bundle rules with the vocabulary of their cue words (function words left out)."""
    phrases = [p for rule in rules for p in (*rule.cues, *rule.requires)]
    words = {bare(m.group()) for p in phrases for m in WORD_RE.finditer(p)}
    titles = [cue for rule in rules if rule.kind == "person" for cue in rule.cues]
    return SpeakerGroups(
        rules=tuple(rules),
        vocabulary=frozenset(words - FUNCTION_WORDS),
        any_re=re.compile(alternation(phrases)),
        title_re=re.compile(alternation(titles) + r"[\s\u00a0]*$"),
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
