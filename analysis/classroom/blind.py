"""Blind reading: articles shown as "Article A, B, C …" with every outlet giveaway masked.

Students guess the outlet from the framing evidence alone, so everything that names or betrays
the outlet is hidden: the id, outlet, author, url and source fields; every mention inside the
text (and the title) of an outlet's name, its aliases and its web domain (from the outlet
profiles of :mod:`analysis.io.outlets`), of the author's name and surname, and of a URL on the
outlet's domain; the dateline that opens the first paragraph ("NEW DELHI:", "Washington (CNN)
—"); and every line of page furniture (bylines, timestamp lines, author bios, disclaimers,
share prompts: a site's template identifies the site). A headline's trailing ``| Site name``
tag is masked too.

Masks keep the length: each hidden character becomes :data:`MASK` (line breaks stay), so every
stand-off offset of the JSON contract stays valid and every text field cut from the text
(``quotes[].text``, ``loaded.matches[].text``) is cut again from the masked text. Names that are
not offsets (speaker names, naming variants, story names, warnings) are masked word for word.

The functions are pure: they take article dicts of the JSON contract (``analysis.io.output``) and
return new ones; nothing is rescored. The rules are general: names come from each article's own
metadata and the outlet profiles, never from a list of known outlets.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from analysis.io.outlets import OutletProfile, host_of, load_outlets, profile_for

#: The character a hidden character becomes (a full block; line breaks are kept).
MASK = "█"

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_PLACE_WORD = r"(?:[A-Z][A-Za-z.'’-]*)"
_DATELINE = re.compile(
    rf"(?:{_PLACE_WORD}(?:,?[ \u00a0]{_PLACE_WORD}){{0,3}}"  # one to four capitalised words
    rf"(?:,?[ \u00a0]+{_MONTH}[ \u00a0]+\d{{1,2}}(?:,[ \u00a0]*\d{{4}})?)?"  # "April 29, 2024"
    r"(?:[ \u00a0]*\([^()\n]{1,40}\))?"  # "(Reuters)"
    r"|\([^()\n]{1,40}\))"  # or only "(CNN)"
    r"[ \u00a0]*(?::|—|–|--|-)(?=[ \u00a0])"
)
"""A dateline opening the first paragraph: a place of one to four capitalised words, optional
date and news-agency tag, then a colon or dash ("NEW DELHI:", "Beijing, April 29 (Reuters) -")."""

_SITE_TAG = re.compile(r"[ \u00a0]+\|[ \u00a0]*[^|\n]{1,60}\Z")
"""A headline's trailing ``| Site name`` (a pipe before a site's name ends many page titles)."""

_NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b)\s*")
_WORD = re.compile(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*")
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def letter_labels(count: int) -> list[str]:
    """``count`` labels "Article A" … "Article Z", "Article AA", "Article AB" … in order."""
    labels = []
    for n in range(count):
        letters = ""
        n += 1
        while n:
            n, rest = divmod(n - 1, 26)
            letters = _LETTERS[rest] + letters
        labels.append(f"Article {letters}")
    return labels


def assign_letters(ids: Iterable[str], existing: Mapping[str, str] | None = None) -> dict[str, str]:
    """Labels for article ids that never change once given: ``existing`` kept as it is, every
    new id (in the order given, duplicates once) labelled with the next label not yet used.

    This is how a session keeps one letter per article across pages and exports: the
    assignment only grows (an article added later gets the next letter; a deleted one leaves
    its letter unused), so "Article A" always means the same article.

    Args:
        ids: article ids in a deterministic order (e.g. the lesson's, then the corpus's).
        existing: the labels already given.
    """
    labels = dict(existing or {})
    used = set(labels.values())
    candidates = iter(letter_labels(len(labels) + len(set(map(str, ids))) + 1))
    for article_id in map(str, ids):
        if article_id in labels:
            continue
        label = next(candidates)
        while label in used:
            label = next(candidates)
        labels[article_id] = label
        used.add(label)
    return labels


def _name_variants(name: str) -> set[str]:
    """A name as given, without a leading "The" (kept only if two words remain) and without a
    parenthetical note ("Indian outlet (unnamed)" -> "Indian outlet")."""
    name = " ".join(name.split())
    variants = {name}
    bare = re.sub(r"\s*\([^)]*\)", "", name).strip()
    if bare:
        variants.add(bare)
    for value in list(variants):
        rest = re.sub(r"(?i)\Athe\s+", "", value)
        if rest != value and len(rest.split()) >= 2:
            variants.add(rest)
    return {v for v in variants if len(v) >= 2}


def _author_names(author: str | None) -> set[str]:
    """Each author's full name and surname ("By Jane Roe and John Doe" -> four names)."""
    names: set[str] = set()
    if not author:
        return names
    author = re.sub(r"(?i)\A\s*by\s+", "", author)
    for part in _NAME_SPLIT.split(author):
        words = _WORD.findall(part)
        if not words:
            continue
        names.add(" ".join(words))
        if len(words[-1]) >= 3:
            names.add(words[-1])
    return names


def _term_pattern(term: str) -> str:
    """A regex for one name: multi-word names ignore case and accept any run of spaces; a
    single word matches as written or in capitals (so "Times" never matches "at times")."""
    words = term.split()
    if len(words) > 1:
        return "(?i:" + r"[\s\u00a0]+".join(re.escape(w) for w in words) + ")"
    forms = dict.fromkeys((term, term.upper()))
    return "(?:" + "|".join(re.escape(f) for f in forms) + ")"


@dataclass(frozen=True, slots=True)
class Giveaways:
    """The names and domains that betray the articles' outlets and authors.

    Attributes:
        names: outlet names and aliases, author names and surnames (longest first).
        domains: web domains of the outlets (profile website, article URL).
    """

    names: tuple[str, ...]
    domains: tuple[str, ...]

    def pattern(self) -> re.Pattern[str] | None:
        """One regex matching any giveaway as a whole word (or a URL/domain on a giveaway
        domain); None when there is nothing to hide."""
        parts = [
            r"(?:https?://)?(?:[\w-]+\.)*" + re.escape(d) + r"(?:[/?#][^\s\"”’')\]]*)?"
            for d in sorted(self.domains, key=len, reverse=True)
        ]
        parts.extend(_term_pattern(n) for n in self.names)
        if not parts:
            return None
        return re.compile(r"(?<![\w.@-])(?:" + "|".join(parts) + r")(?!\w)")


def giveaways(
    records: Iterable[Mapping[str, Any]],
    *,
    profiles: Mapping[str, OutletProfile] | None = None,
) -> Giveaways:
    """Collect what must be hidden for these articles: every outlet's name and profile aliases,
    its domain, and every author's name (from the articles' own metadata).

    Args:
        records: article dicts (the JSON contract).
        profiles: outlet profiles; default :func:`analysis.io.outlets.load_outlets`.
    """
    profiles = load_outlets() if profiles is None else profiles
    names: set[str] = set()
    domains: set[str] = set()
    for record in records:
        outlet = record.get("outlet")
        if outlet and str(outlet).strip():
            names |= _name_variants(str(outlet))
            profile = profile_for(str(outlet), profiles)
            if profile.known:
                names |= _name_variants(profile.name)
                for alias in profile.aliases:
                    names |= _name_variants(alias)
                domains |= {d for d in map(host_of, profile.domains) if d}
        names |= _author_names(record.get("author"))
        domains |= {d for d in (host_of(record.get("url")),) if d}
    return Giveaways(tuple(sorted(names, key=lambda n: (-len(n), n))), tuple(sorted(domains)))


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _cover(segment: str) -> str:
    return "".join("\n" if ch == "\n" else MASK for ch in segment)


def apply_masks(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with every character inside ``spans`` replaced by :data:`MASK` (line breaks
    kept): the result has the same length, so every offset into ``text`` stays valid."""
    out = []
    pos = 0
    for start, end in _merge((max(0, s), min(len(text), e)) for s, e in spans):
        out.append(text[pos:start])
        out.append(_cover(text[start:end]))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _lines(text: str) -> Iterable[tuple[int, int]]:
    """(start, end) of every non-blank line, whitespace-trimmed."""
    for match in re.finditer(r"[^\n]+", text):
        line = match.group()
        if line.strip():
            start = match.start() + len(line) - len(line.lstrip())
            yield start, start + len(line.strip())


def _headline_end(record: Mapping[str, Any]) -> int | None:
    """End of the first line when it is the headline (it repeats the title), else None."""
    text = record.get("text") or ""
    first = next(iter(_lines(text)), None)
    if first is None:
        return None
    title = " ".join(str(record.get("title") or "").split())
    return first[1] if title and " ".join(text[first[0] : first[1]].split()) == title else None


def giveaway_spans(
    record: Mapping[str, Any], pattern: re.Pattern[str] | None
) -> list[tuple[int, int]]:
    """Every span of ``record["text"]`` to hide (see the module docstring), merged, in order.

    Args:
        record: an article dict with ``text`` and, when scored, ``excluded``.
        pattern: from :meth:`Giveaways.pattern` (None: no names to hide).
    """
    text = record.get("text") or ""
    spans = [(e["start"], e["end"]) for e in record.get("excluded") or ()]
    if pattern is not None:
        spans.extend(m.span() for m in pattern.finditer(text))
    headline_end = _headline_end(record)
    if headline_end is not None:
        first_start = next(iter(_lines(text)))[0]
        tag = _SITE_TAG.search(text, first_start, headline_end)
        if tag:
            spans.append(tag.span())
    covered = _merge(spans)
    for start, end in _lines(text):
        if headline_end is not None and end <= headline_end:
            continue
        if any(s <= start and end <= e for s, e in covered):
            continue  # a furniture line; the dateline opens the first line of the story
        dateline = _DATELINE.match(text, start, end)
        if dateline:
            spans.append(dateline.span())
        break
    return _merge(spans)


class Blinder:
    """Hides the giveaways of one set of articles and letters them A, B, C … in order.

    Build it from the original records; it then blinds those records, their comparison, and
    any other text about them (a warning, a story name) consistently.

    Args:
        records: the original article dicts.
        profiles: outlet profiles for aliases and domains; default
            :func:`analysis.io.outlets.load_outlets`.
        labels: article id -> label to use (a session's fixed letters, see
            :func:`assign_letters`); ids not in it get the next free labels, in order.
    """

    def __init__(
        self,
        records: Sequence[Mapping[str, Any]],
        *,
        profiles: Mapping[str, OutletProfile] | None = None,
        labels: Mapping[str, str] | None = None,
    ) -> None:
        self.giveaways = giveaways(records, profiles=profiles)
        self._pattern = self.giveaways.pattern()
        # corpus terms are lower-cased: any case of a giveaway drops a term
        self._loose = re.compile(self._pattern.pattern, re.IGNORECASE) if self._pattern else None
        ids = [str(r.get("id")) for r in records]
        given = assign_letters(ids, labels)
        self.labels: dict[str, str] = {i: given[i] for i in ids}
        self.outlets: dict[str, list[str]] = {}
        for record, article_id in zip(records, ids, strict=True):
            self.outlets.setdefault(str(record.get("outlet")), []).append(self.labels[article_id])
        self._sources = {str(r.get("source")): self.labels[str(r.get("id"))] for r in records}

    @property
    def mapping(self) -> dict[str, str]:
        """Label -> original article id (the teacher's reveal), in letter order."""
        pairs = sorted(self.labels.items(), key=lambda item: (len(item[1]), item[1]))
        return {label: article_id for article_id, label in pairs}

    def text(self, value: Any) -> Any:
        """Mask every giveaway name in a free string (same length); other values unchanged."""
        if not isinstance(value, str) or self._pattern is None:
            return value
        return self._pattern.sub(lambda m: _cover(m.group()), value)

    def note(self, value: str) -> str:
        """A warning or note about an article: its id and source become its label."""
        for original, label in [*self.labels.items(), *self._sources.items()]:
            if original and original != "None":
                value = re.sub(rf"(?<!\w){re.escape(original)}(?!\w)", label, value)
        return self.text(value)

    def record(self, record: Mapping[str, Any], *, reveal: bool = False) -> dict[str, Any]:
        """One article dict blinded (``reveal``: lettered the same, nothing hidden)."""
        label = self.labels[str(record.get("id"))]
        out = copy.deepcopy(dict(record))
        out["id"] = label
        if reveal:
            out["outlet"] = f"{label}: {record.get('outlet') or 'unknown outlet'}"
            return out
        text = record.get("text") or ""
        masked = apply_masks(text, giveaway_spans(record, self._pattern))
        headline_end = _headline_end(record)
        if headline_end is not None:
            first_start = next(iter(_lines(text)))[0]
            out["title"] = masked[first_start:headline_end]
        else:
            out["title"] = self.text(record.get("title"))
        out.update(
            text=masked,
            outlet=label,
            source=label,
            author=None,
            url=None,
            event=self.text(record.get("event")),
            warnings=[self.note(str(w)) for w in record.get("warnings") or ()],
        )
        for match in (out.get("loaded") or {}).get("matches") or ():
            match["text"] = masked[match["start"] : match["end"]]
        voices = out.get("voices") or {}
        for quote in voices.get("quotes") or ():
            quote["text"] = masked[quote["start"] : quote["end"]]
            quote["speaker"] = self.text(quote.get("speaker"))
        for attribution in voices.get("attributions") or ():
            attribution["speaker"] = self.text(attribution.get("speaker"))
        for speaker in voices.get("speakers") or ():
            speaker["name"] = self.text(speaker.get("name"))
        if isinstance(out.get("naming"), Mapping):
            out["naming"] = {
                group: {self.text(v): n for v, n in variants.items()}
                for group, variants in out["naming"].items()
            }
        for span in out.get("naming_spans") or ():
            span["variant"] = self.text(span.get("variant"))
        return out

    def comparison(self, comparison: Mapping[str, Any]) -> dict[str, Any]:
        """The ``compare`` dict with ids as labels, story names masked, and distinctive terms
        keyed by label (an outlet with several articles: "Article A / Article B"; to hide even
        that, compare the blinded records instead). Terms that name a giveaway are dropped."""

        def label(article_id: Any) -> str:
            return self.labels.get(str(article_id), self.text(str(article_id)))

        out = copy.deepcopy(dict(comparison))
        for pair in out.get("pairs") or ():
            pair["a"], pair["b"] = label(pair["a"]), label(pair["b"])
        if "distinctive_terms" in out:
            out["distinctive_terms"] = {
                " / ".join(self.outlets.get(str(outlet), [self.text(str(outlet))])): [
                    t for t in terms if self._loose is None or not self._loose.search(t["term"])
                ]
                for outlet, terms in out["distinctive_terms"].items()
            }
        if "events" in out:
            out["events"] = {
                self.text(event): [label(i) for i in ids] for event, ids in out["events"].items()
            }
        return out


def blind_records(
    records: Sequence[Mapping[str, Any]],
    *,
    reveal: bool = False,
    profiles: Mapping[str, OutletProfile] | None = None,
    labels: Mapping[str, str] | None = None,
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Letter the articles "Article A, B, C …" in order and hide every outlet giveaway.

    Args:
        records: article dicts of the JSON contract.
        reveal: the teacher's reveal: the same letters (ids), with the outlet shown as
            "Article A: <outlet>" and nothing masked, so charts and questions line up with what
            the students saw.
        profiles: outlet profiles for aliases and domains; default
            :func:`analysis.io.outlets.load_outlets`.
        labels: fixed labels by article id (see :class:`Blinder`).

    Returns:
        The new records (same order; offsets unchanged) and the mapping label -> original id.
    """
    blinder = Blinder(records, profiles=profiles, labels=labels)
    return [blinder.record(r, reveal=reveal) for r in records], blinder.mapping


def blind_comparison(
    comparison: Mapping[str, Any],
    records: Sequence[Mapping[str, Any]],
    *,
    profiles: Mapping[str, OutletProfile] | None = None,
    labels: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The comparison of ``records`` (original ids) lettered as :func:`blind_records` letters
    them; see :meth:`Blinder.comparison`."""
    return Blinder(records, profiles=profiles, labels=labels).comparison(comparison)


def reveal_table(
    records: Sequence[Mapping[str, Any]], mapping: Mapping[str, str]
) -> list[dict[str, Any]]:
    """For the teacher: one row per label with the original outlet, title, author and date.

    Args:
        records: the original (unblinded) article dicts.
        mapping: label -> original id, from :func:`blind_records`.
    """
    by_id = {str(r.get("id")): r for r in records}
    rows = []
    for label, article_id in mapping.items():
        record = by_id.get(article_id, {})
        rows.append(
            {
                "label": label,
                "outlet": record.get("outlet") or "unknown outlet",
                "title": record.get("title"),
                "author": record.get("author"),
                "date": record.get("date"),
                "id": article_id,
            }
        )
    return rows
