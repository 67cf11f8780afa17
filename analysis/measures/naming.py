"""Naming choices: which of the names for the same actor an article uses, with evidence spans.

The naming groups are data (``analysis/lexicons/naming_groups.csv``, plus an optional user file
of the same table): each row maps a surface form ("Beijing", "the CCP", "illegal aliens") to an
actor group and a variant. Matching is token-based like the loaded-vocabulary matcher: a dict
keyed on the first token, longest phrase first, no overlaps, so "the Chinese Communist Party"
counts once as "the CCP" and not also as "China". Names that are also common words ("US",
"the Party") match only with their exact capitalisation.

References:
    Entman, R. M. (1993). Framing: Toward clarification of a fractured paradigm. Journal of
    Communication 43 (4): 51-58 (naming and labelling as a framing device).
"""

from __future__ import annotations

import os
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import platformdirs

from analysis.text.lexicon import (
    LexiconError,
    Openers,
    Trie,
    build_trie,
    longest_match,
    normalize_token,
    normalized_tokens,
    phrase_openers,
    read_table,
)
from analysis.text.model import (
    Excluded,
    NamingResult,
    NamingSpan,
    Segmentation,
    SentenceScore,
    Span,
)
from analysis.text.segmentation import WORD_RE, inside, token_texts

__all__ = [
    "NamingGroups",
    "NamingResult",
    "NamingSpan",
    "find_naming",
    "groups_in",
    "groups_per_span",
    "load_naming_groups",
    "user_naming_path",
]

ENV_USER_NAMING = "FRAMING_USER_NAMING"
_COLUMNS = ("group", "variant", "term", "case")
_BUILTIN = "naming_groups.csv"


@dataclass(frozen=True, slots=True, eq=False)
class NamingGroups:
    """The naming groups and their matching tries (values: ``(group, variant)``).

    Attributes:
        variants: group -> its variants in file order.
        folded: terms matched ignoring case (keys are lower-case tokens).
        exact: terms matched with their exact capitalisation.
        folded_openers, exact_openers: where a term of each trie can start.
    """

    variants: Mapping[str, tuple[str, ...]]
    folded: Trie
    exact: Trie
    folded_openers: Openers = field(init=False, repr=False)
    exact_openers: Openers = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "folded_openers", phrase_openers(self.folded))
        object.__setattr__(self, "exact_openers", phrase_openers(self.exact))


def user_naming_path() -> Path:
    """The user's naming-groups file: ``$FRAMING_USER_NAMING``, else the user data dir."""
    env = os.environ.get(ENV_USER_NAMING)
    if env:
        return Path(env)
    return Path(platformdirs.user_data_dir("framing-dashboard")) / "user_naming_groups.csv"


def _rows(text: str, *, source: str, user: bool) -> list[tuple[str, str, str, bool]]:
    _, rows = read_table(text, source=source, require_header=not user, key_column="term")
    out = []
    for i, row in enumerate(rows, start=1):
        cells = {k: (row.get(k) or "").strip() for k in _COLUMNS}
        if not cells["group"] or not cells["variant"] or not cells["term"]:
            raise LexiconError(f"{source}, row {i}: group, variant and term are required")
        if cells["case"] not in ("yes", "no", ""):
            raise LexiconError(f"{source}, row {i}: case must be yes or no")
        if not WORD_RE.search(cells["term"]):
            raise LexiconError(f"{source}, row {i}: the term has no words")
        out.append((cells["group"], cells["variant"], cells["term"], cells["case"] == "yes"))
    return out


def _build(rows: Iterable[tuple[str, str, str, bool]]) -> NamingGroups:
    variants: dict[str, list[str]] = {}
    folded: list[tuple[tuple[str, ...], tuple[str, str]]] = []
    exact: list[tuple[tuple[str, ...], tuple[str, str]]] = []
    for group, variant, term, case in rows:
        words = WORD_RE.findall(term)
        if case:
            exact.append((tuple(map(_unify_quotes, words)), (group, variant)))
        else:
            folded.append((tuple(map(normalize_token, words)), (group, variant)))
        group_variants = variants.setdefault(group, [])
        if variant not in group_variants:
            group_variants.append(variant)
    return NamingGroups(
        variants={g: tuple(v) for g, v in variants.items()},
        folded=build_trie(folded),
        exact=build_trie(exact),
    )


def _unify_quotes(text: str) -> str:
    """Typographic apostrophes as the ASCII one (same length, so offsets hold)."""
    return text.replace("’", "'").replace("‘", "'")


@lru_cache(maxsize=1)
def _builtin_rows() -> tuple[tuple[str, str, str, bool], ...]:
    text = resources.files("analysis.lexicons").joinpath(_BUILTIN).read_text(encoding="utf-8")
    return tuple(_rows(text, source=_BUILTIN, user=False))


@lru_cache(maxsize=1)
def _builtin_groups() -> NamingGroups:
    return _build(_builtin_rows())


def load_naming_groups(*, user_path: str | os.PathLike[str] | None = None) -> NamingGroups:
    """The built-in naming groups merged with the user's rows (a user row wins on the same term).

    Args:
        user_path: the user file (same columns, header optional); ``None`` means
            :func:`user_naming_path`. A missing file means no user rows.

    Raises:
        LexiconError: a file is malformed (one-line message).
    """
    path = Path(user_path) if user_path is not None else user_naming_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return _builtin_groups()
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"{path}: cannot read the naming groups ({exc})") from None
    if not text.strip():
        return _builtin_groups()
    return _build((*_builtin_rows(), *_rows(text, source=str(path), user=True)))


def find_naming(
    seg: Segmentation, *, excluded: Sequence[Excluded] = (), groups: NamingGroups
) -> NamingResult:
    """Count the names used for each actor group in a segmented article.

    Args:
        seg: the article's segmentation.
        excluded: page furniture; namings starting inside it are not counted.
        groups: from :func:`load_naming_groups`.

    Returns:
        Counts per group and variant (every naming outside excluded spans, quoted or not) and
        the spans, in text order.
    """
    text = seg.text
    tokens = seg.tokens
    skip = sorted(excluded, key=lambda e: e.start)
    if "’" in text or "‘" in text:
        raw_text = _unify_quotes(text)
        raw = [raw_text[t.start : t.end] for t in tokens]
    else:
        raw = token_texts(seg)
    low = normalized_tokens(seg)
    tries = ((raw, groups.exact), (low, groups.folded))
    candidates = sorted({*groups.exact_openers.starts(raw), *groups.folded_openers.starts(low)})
    spans: list[NamingSpan] = []
    counts: dict[str, dict[str, int]] = {}
    free = 0  # the first token after the last naming
    for i in candidates:
        if i < free:
            continue
        best = None
        for words, trie in tries:
            word = words[i]
            if word in trie or (word[-2:] == "'s" and word[:-2] in trie):
                hit = longest_match(trie, words, i, text, tokens)
                if hit is not None and (best is None or hit[0] > best[0]):
                    best = hit
        if best is None:
            continue
        last, (group, variant) = best
        start, end = tokens[i].start, tokens[last].end
        if not (skip and inside(skip, start)):
            spans.append(NamingSpan(start, end, group, variant, inside(seg.quotes, start)))
            by_variant = counts.setdefault(group, {})
            by_variant[variant] = by_variant.get(variant, 0) + 1
        free = last + 1
    return NamingResult(counts=counts, spans=tuple(spans))


def groups_in(result: NamingResult, start: int, end: int) -> set[str]:
    """The actor groups named by a span starting inside ``[start, end)`` (e.g. a sentence)."""
    return groups_per_span(result, [Span(start, end)])[0]


def groups_per_span(result: NamingResult, spans: Iterable[Span | SentenceScore]) -> list[set[str]]:
    """:func:`groups_in` for each of several spans (anything with ``start`` and ``end``)."""
    starts = [s.start for s in result.spans]
    found = []
    for span in spans:
        lo = bisect_left(starts, span.start)
        hi = bisect_left(starts, span.end, lo)
        found.append({s.group for s in result.spans[lo:hi]})
    return found
