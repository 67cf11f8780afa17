"""Load, validate and index the loaded-vocabulary lexicons (built-in data files plus user terms).

The built-in lexicons are CSV files in ``analysis/lexicons/`` named ``loaded_*.csv``: a header of
``# key: value`` lines (name, what, source, columns, licence), then a CSV table with the columns
``term, category, pos, weight, reason, alternative, forms``. The user lexicon has the same table
(``pos`` and ``forms`` optional) and no header requirement; its terms are merged with the
built-ins and marked ``user=True``.

Every term is expanded into its surface forms (inflections from simple English suffix rules plus the
listed irregular ``forms``), tokenised with the same :data:`analysis.text.segmentation.WORD_RE` as
article text, and indexed by its first token so that matching is a dict lookup per token.

References:
    Suffix rules follow the regular inflection of English nouns, verbs and -ly adverbs as described
    in Quirk, Greenbaum, Leech & Svartvik (1985), A Comprehensive Grammar of the English Language,
    sections 3.5 (verbs), 5.79 (plural nouns) and 7.4 (adverbs from adjectives).
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import compress, count, islice
from pathlib import Path
from typing import Any

import platformdirs

from analysis.text.locking import exclusive
from analysis.text.model import Segmentation, Span
from analysis.text.segmentation import WORD_RE, token_texts

__all__ = [
    "CATEGORIES",
    "Entry",
    "Lexicon",
    "LexiconError",
    "Openers",
    "Trie",
    "add_user_term",
    "build_trie",
    "builtin_entries",
    "builtin_lexicon",
    "inflect",
    "load_lexicon",
    "longest_match",
    "normalize_token",
    "normalized_tokens",
    "phrase_openers",
    "read_table",
    "term_tokens",
    "user_lexicon_path",
]

#: The categories of loaded wording; each is documented in ``analysis/lexicons/README.md``.
CATEGORIES: tuple[str, ...] = (
    "name_calling",
    "emotive",
    "subjective",
    "intensifier",
    "exaggeration",
    "hedge",
    "loaded_verb",
    "certainty",
)
POS_CODES = frozenset("nvax*")
HEADER_KEYS = ("name", "what", "source", "columns", "licence")
COLUMNS = ("term", "category", "pos", "weight", "reason", "alternative", "forms")
USER_COLUMNS = ("term", "category", "weight", "reason", "alternative")
ENV_USER_LEXICON = "FRAMING_USER_LEXICON"

_PACKAGE = "analysis.lexicons"
#: The folder of the built-in data files (lexicons, naming groups, speaker groups, verbs).
LEXICON_DIR = Path(__file__).resolve().parents[1] / "lexicons"
_VOWELS = frozenset("aeiou")


class LexiconError(ValueError):
    """A lexicon file is missing, malformed, or a term cannot be added (one-line message)."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon entry: a loaded term and what to tell the reader about it.

    Attributes:
        term: the lemma or phrase as written in the lexicon.
        category: one of :data:`CATEGORIES`.
        weight: 0-1, how strongly the term loads a sentence.
        reason: one line saying why the term is loaded.
        alternative: a neutral wording, or "" where none exists.
        user: the term comes from the user's lexicon.
        pos: inflection class (``n`` noun, ``v`` verb, ``a`` adjective, ``x`` exact, ``*`` all).
        forms: extra irregular surface forms.
    """

    term: str
    category: str
    weight: float
    reason: str
    alternative: str
    user: bool = False
    pos: str = "x"
    forms: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, eq=False)
class Lexicon:
    """The merged lexicon and its matching index.

    Attributes:
        entries: every entry, built-ins first, then user terms.
        index: a token trie of every surface form (see :func:`build_trie`), valued by entry.
        openers: where a phrase of ``index`` can start (see :func:`phrase_openers`).
    """

    entries: tuple[Entry, ...]
    index: Trie
    openers: Openers = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "openers", phrase_openers(self.index))

    def __len__(self) -> int:
        return len(self.entries)


#: A token trie: each node maps a token to its child node; the key "" holds the value of the
#: phrase ending at that node (no token is empty, so the key cannot clash).
Trie = dict[str, Any]


def build_trie(items: Iterable[tuple[tuple[str, ...], Any]]) -> Trie:
    """A token trie from ``(tokens, value)`` pairs; a later pair replaces an earlier one."""
    root: Trie = {}
    for tokens, value in items:
        node = root
        for token in tokens:
            node = node.setdefault(token, {})
        node[""] = value
    return root


def longest_match(
    trie: Trie, words: Sequence[str], i: int, text: str, tokens: Sequence[Span]
) -> tuple[int, Any] | None:
    """The longest phrase of ``trie`` starting at token ``i``.

    Consecutive words of a phrase must be separated by whitespace only. A possessive "'s" on
    the last word also matches ("the regime's" for "regime").

    Args:
        trie: from :func:`build_trie`.
        words: the normalised token strings.
        i: the index of the first token.
        text: the text the tokens index.
        tokens: the token spans.

    Returns:
        ``(index of the last token, value)``, or None when no phrase starts at ``i``.
    """
    best = None
    node = trie
    j = i
    n = len(words)
    while True:
        word = words[j]
        child = node.get(word)
        if child is None and word.endswith("'s"):
            owner = node.get(word[:-2])
            if owner is not None and "" in owner:
                best = (j, owner[""])
            return best
        if child is None:
            return best
        if "" in child:
            best = (j, child[""])
        j += 1
        if (
            j >= n
            or len(child) <= ("" in child)
            or text[tokens[j - 1].end : tokens[j].start].strip()
        ):
            return best
        node = child


@dataclass(frozen=True, slots=True)
class Openers:
    """Where a phrase of a trie can start, so that a text is scanned before any trie walk.

    Attributes:
        words: tokens that are a whole phrase of the trie, also with a possessive "'s".
        pairs: the first two tokens of its longer phrases (the second may carry an "'s" when
            the phrase ends there).
    """

    words: frozenset[str]
    pairs: frozenset[tuple[str, str]]

    def starts(self, words: Sequence[str]) -> list[int]:
        """The indices of ``words`` at which :func:`longest_match` can find a phrase, in order.

        Every index where it finds one is included, so trying only these finds every match.
        """
        ones = compress(count(), map(self.words.__contains__, words))
        bigrams = zip(words, islice(words, 1, None), strict=False)  # the last word has no pair
        twos = compress(count(), map(self.pairs.__contains__, bigrams))
        return sorted({*ones, *twos})


def phrase_openers(trie: Trie) -> Openers:
    """The :class:`Openers` of a trie from :func:`build_trie`."""
    words = {w for w, node in trie.items() if "" in node}
    pairs = {
        pair
        for first, node in trie.items()
        for second, child in node.items()
        if second
        for pair in ((first, second), (first, second + "'s"))[: 1 + ("" in child)]
    }
    return Openers(frozenset((*words, *(w + "'s" for w in words))), frozenset(pairs))


def normalize_token(token: str) -> str:
    """Lower-case a word token and unify typographic apostrophes and hyphens."""
    return token.lower().replace("’", "'").replace("‘", "'").replace("‐", "-").replace("‑", "-")


_last_normalized: tuple[Segmentation, tuple[str, ...]] | None = None


def normalized_tokens(seg: Segmentation) -> tuple[str, ...]:
    """Each token of ``seg`` as :func:`normalize_token` gives it, from one pass over the text.

    The result for the most recent ``seg`` is kept (keyed on the object itself), since the
    loaded-vocabulary and naming matchers both walk it.
    """
    global _last_normalized
    last = _last_normalized
    if last is not None and last[0] is seg:
        return last[1]
    text = seg.text
    low = normalize_token(text)
    if len(low) == len(text):
        words = tuple([low[t.start : t.end] for t in seg.tokens])
    else:  # a character whose lower case is longer ("İ"): go token by token
        words = tuple(map(normalize_token, token_texts(seg)))
    _last_normalized = (seg, words)
    return words


def term_tokens(term: str) -> tuple[str, ...]:
    """Tokenise a lexicon term exactly as article text is tokenised, normalised."""
    return tuple(normalize_token(t) for t in WORD_RE.findall(term))


def _sibilant(word: str) -> bool:
    return word.endswith(("s", "x", "z", "ch", "sh"))


def _consonant_y(word: str) -> bool:
    return len(word) > 1 and word.endswith("y") and word[-2] not in _VOWELS


def _plural(word: str) -> str:
    if _consonant_y(word):
        return word[:-1] + "ies"
    return word + ("es" if _sibilant(word) else "s")


def _doubles(word: str) -> bool:
    """Consonant-vowel-consonant ending (slam, rip, plot) whose final consonant may double."""
    return (
        len(word) >= 3
        and word[-1] not in _VOWELS
        and word[-1] not in "wxy"
        and word[-2] in _VOWELS
        and word[-3] not in _VOWELS
    )


def _verb_forms(word: str) -> set[str]:
    forms = {_plural(word)}
    if word.endswith("e"):
        forms.add(word + "d")
        forms.add(word[:-2] + "ying" if word.endswith("ie") else word[:-1] + "ing")
        if word.endswith(("ee", "ye", "oe")):
            forms.add(word + "ing")
    elif _consonant_y(word):
        forms.update({word[:-1] + "ied", word + "ing"})
    else:
        forms.update({word + "ed", word + "ing"})
        if _doubles(word):
            forms.update({word + word[-1] + "ed", word + word[-1] + "ing"})
        if word.endswith("c"):
            forms.update({word + "ked", word + "king"})
    return forms


def _adverb_forms(word: str) -> set[str]:
    if word.endswith("le") and len(word) > 3:
        return {word[:-1] + "y"}
    if word.endswith("ic"):
        return {word + "ally", word + "ly"}
    if _consonant_y(word):
        return {word[:-1] + "ily"}
    if word.endswith("ll"):
        return {word + "y"}
    if word.endswith("ue"):
        return {word[:-1] + "ly"}
    return {word + "ly"}


def inflect(term: str, pos: str) -> set[str]:
    """Regular inflected forms of a term (the term itself excluded).

    Nouns inflect their last word (plural), verbs their first word (-s, -ed, -ing, doubling a
    final consonant after a short vowel: "slam" -> "slammed"), adjectives give -ly adverbs
    ("brutal" -> "brutally", "angry" -> "angrily"); ``x`` gives nothing and ``*`` everything.

    Args:
        term: the lemma or phrase, lower case.
        pos: one of ``n v a x *``.
    """
    words = term.split(" ")
    out: set[str] = set()
    if pos in "n*":
        out.add(" ".join([*words[:-1], _plural(words[-1])]))
    if pos in "v*":
        out.update(" ".join([form, *words[1:]]) for form in _verb_forms(words[0]))
    if pos in "a*" and len(words) == 1:
        out.update(_adverb_forms(term))
    out.discard(term)
    return out


def _surface_forms(entry: Entry) -> tuple[list[str], list[str]]:
    """The explicit forms (term and listed forms) and the generated ones, lower case."""
    explicit = [entry.term.lower(), *(f.lower() for f in entry.forms)]
    generated = inflect(entry.term.lower(), entry.pos)
    # Two-word phrases are also written hyphenated ("witch-hunt", "power-grab").
    generated |= {f.replace(" ", "-") for f in (*explicit, *generated) if f.count(" ") == 1}
    return explicit, sorted(generated - set(explicit))


def _parse_header(lines: list[str], source: str) -> dict[str, str]:
    header: dict[str, str] = {}
    for line in lines:
        key, sep, value = line.lstrip("#").partition(":")
        if not sep:
            raise LexiconError(f"{source}: header line without 'key: value': {line.strip()!r}")
        header[key.strip().lower()] = value.strip()
    return header


def read_table(
    text: str, *, source: str, require_header: bool = True, key_column: str = "term"
) -> tuple[dict[str, str], list[dict[str, str]]]:
    """Split a lexicon file into its ``# key: value`` header and its CSV rows.

    Args:
        text: the whole file.
        source: a name for error messages.
        require_header: the header must give every key of :data:`HEADER_KEYS`.
        key_column: a column the table must have.

    Raises:
        LexiconError: a header key is missing or the table lacks ``key_column``.
    """
    lines = text.splitlines(keepends=True)
    n_header = 0
    while n_header < len(lines) and lines[n_header].startswith("#"):
        n_header += 1
    header = _parse_header(lines[:n_header], source)
    if require_header:
        missing = [k for k in HEADER_KEYS if not header.get(k)]
        if missing:
            raise LexiconError(f"{source}: header lacks {', '.join(missing)}")
    reader = csv.DictReader(io.StringIO("".join(lines[n_header:])))
    if not reader.fieldnames or key_column not in reader.fieldnames:
        raise LexiconError(f"{source}: the table needs a {key_column!r} column")
    return header, list(reader)


def _entry(row: Mapping[str, str | None], *, source: str, line: int, user: bool) -> Entry:
    def cell(name: str) -> str:
        return (row.get(name) or "").strip()

    where = f"{source}, line {line}"
    term = " ".join(term_tokens(cell("term")))
    if not term or term != normalize_token(cell("term")):
        raise LexiconError(f"{where}: the term must be words separated by single spaces")
    category = cell("category")
    if category not in CATEGORIES:
        raise LexiconError(f"{where}: unknown category {category!r} (one of {CATEGORIES})")
    pos = cell("pos") or ("*" if user else "")
    if pos not in POS_CODES or len(pos) != 1:
        raise LexiconError(f"{where}: pos must be one of n v a x *")
    try:
        weight = float(cell("weight"))
    except ValueError:
        raise LexiconError(f"{where}: weight {cell('weight')!r} is not a number") from None
    if not 0.0 < weight <= 1.0:
        raise LexiconError(f"{where}: weight must lie in (0, 1]")
    if not cell("reason"):
        raise LexiconError(f"{where}: every term needs a reason")
    forms = tuple(f.strip() for f in cell("forms").split("|") if f.strip())
    return Entry(term, category, weight, cell("reason"), cell("alternative"), user, pos, forms)


def _entries(text: str, *, source: str, user: bool) -> list[Entry]:
    _, rows = read_table(text, source=source, require_header=not user)
    if user and rows and not set(USER_COLUMNS) <= set(rows[0]):
        raise LexiconError(f"{source}: the table needs the columns {', '.join(USER_COLUMNS)}")
    lines = text.splitlines()
    n_header = next((i for i, line in enumerate(lines) if not line.startswith("#")), len(lines))
    return [
        _entry(row, source=source, line=n_header + i + 2, user=user) for i, row in enumerate(rows)
    ]


def _builtin_files() -> list[tuple[str, str]]:
    folder = resources.files(_PACKAGE)
    files = sorted(
        (f for f in folder.iterdir() if f.name.startswith("loaded_") and f.name.endswith(".csv")),
        key=lambda f: f.name,
    )
    return [(f.name, f.read_text(encoding="utf-8")) for f in files]


def _build(entries: Iterable[Entry]) -> Lexicon:
    """Index entries by first token; explicit forms beat generated ones, user beats built-in."""
    entries = tuple(entries)
    chosen: dict[tuple[str, ...], tuple[int, Entry]] = {}
    for entry in entries:
        explicit, generated = _surface_forms(entry)
        for rank, forms in ((2, explicit), (1, generated)):
            for form in forms:
                key = term_tokens(form)
                old = chosen.get(key)
                if key and (
                    old is None
                    or (entry.user and not old[1].user)
                    or (entry.user == old[1].user and rank > old[0])
                ):
                    chosen[key] = (rank, entry)
    return Lexicon(
        entries=entries,
        index=build_trie((key, entry) for key, (_, entry) in chosen.items()),
    )


def _check_duplicates(entries: Iterable[Entry]) -> None:
    seen: dict[tuple[str, ...], Entry] = {}
    for entry in entries:
        for form in {entry.term.lower(), *(f.lower() for f in entry.forms)}:
            key = term_tokens(form)
            if key in seen:
                other = seen[key]
                raise LexiconError(
                    f"duplicate term {form!r}: {other.category}/{other.term} and "
                    f"{entry.category}/{entry.term}"
                )
            seen[key] = entry


@lru_cache(maxsize=1)
def builtin_entries() -> tuple[Entry, ...]:
    """Every built-in entry, validated (no duplicate terms across files), read once."""
    entries: list[Entry] = []
    for name, text in _builtin_files():
        entries.extend(_entries(text, source=name, user=False))
    _check_duplicates(entries)
    return tuple(entries)


@lru_cache(maxsize=1)
def builtin_lexicon() -> Lexicon:
    """The built-in lexicon alone (no user terms), indexed once."""
    return _build(builtin_entries())


def user_lexicon_path() -> Path:
    """The user's lexicon file: ``$FRAMING_USER_LEXICON``, else the platform's user data dir."""
    env = os.environ.get(ENV_USER_LEXICON)
    if env:
        return Path(env)
    return Path(platformdirs.user_data_dir("framing-dashboard")) / "user_lexicon.csv"


def _read_user(path: Path) -> list[Entry]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"{path}: cannot read the user lexicon ({exc})") from None
    if not text.strip():
        return []
    try:
        entries = _entries(text, source=str(path), user=True)
        _check_duplicates(entries)
    except csv.Error as exc:
        raise LexiconError(f"{path}: malformed CSV ({exc})") from None
    return entries


def load_lexicon(*, user_path: str | os.PathLike[str] | None = None) -> Lexicon:
    """The built-in lexicon merged with the user's terms.

    Args:
        user_path: the user lexicon file; ``None`` means :func:`user_lexicon_path`. A missing file
            means no user terms. A user term that repeats a built-in one replaces it.

    Raises:
        LexiconError: the user file is malformed (one-line message, suited to a CLI).
    """
    path = Path(user_path) if user_path is not None else user_lexicon_path()
    user = _read_user(path)
    if not user:
        return builtin_lexicon()
    return _build((*builtin_entries(), *user))


def add_user_term(
    term: str,
    category: str,
    *,
    weight: float,
    reason: str,
    alternative: str = "",
    path: str | os.PathLike[str] | None = None,
) -> Entry:
    """Append a term to the user lexicon atomically (temporary file, then ``os.replace``).

    Raises:
        LexiconError: unknown category, a bad weight or term, or the term is already known
            (built-in or user).
    """
    target = Path(path) if path is not None else user_lexicon_path()
    with exclusive(target):  # two writers at once must not lose a term
        row = {"term": term.strip(), "category": category, "weight": str(weight), "reason": reason}
        row["alternative"] = alternative
        entry = _entry(row, source=str(target), line=0, user=True)
        existing = _read_user(target)
        key = term_tokens(entry.term)
        for other in (*builtin_entries(), *existing):
            if key in {term_tokens(f) for f in (other.term, *other.forms)}:
                origin = "your lexicon" if other.user else "the built-in lexicon"
                raise LexiconError(f"{entry.term!r} is already in {origin} ({other.category})")
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        old = target.read_text(encoding="utf-8") if target.exists() else ""
        if not old.strip():
            old = ""
            writer.writerow(USER_COLUMNS)
        elif not old.endswith("\n"):
            buffer.write("\n")
        writer.writerow([entry.term, category, f"{weight:g}", reason, alternative])
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".user_lexicon.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                handle.write(old + buffer.getvalue())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    return entry
