"""Outlet profiles: who publishes an article (country, language, ownership kind, owner, a note).

Profiles are data, not code. The built-in table ``analysis/io/outlets.csv`` describes more than
150 widely read news outlets across countries (public facts in our own words; its header says
where they come from); ``seeds/outlets.csv`` adds the seed corpus' one unnamed outlet; the user's
own file (``$FRAMING_OUTLETS`` or ``outlets.csv`` in the user data folder) adds outlets or
replaces built-in rows of the same name. Columns: ``name, aliases, domains, country, language,
ownership_kind, owner, description`` (aliases, domains and languages separated by ``|``). Files
in the first wave's columns (``ownership``, ``website``) are still read.

An article is matched to a profile by its outlet's name, then an alias, then a looser form of
either (case, punctuation and a leading "The" ignored, when that picks one outlet only), then
the domain of its URL. An article matching nothing gets an explicit *unknown* profile: nothing
is guessed.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

import platformdirs

from analysis.text.locking import exclusive

#: The built-in table of news outlets.
BUILTIN_OUTLETS = Path(__file__).resolve().parent / "outlets.csv"
#: Profiles that belong to the seed corpus (read after the built-in table).
SEED_OUTLETS = Path(__file__).resolve().parents[2] / "seeds" / "outlets.csv"
#: Environment variable naming the user's outlet file (overrides the platform default).
USER_OUTLETS_ENV = "FRAMING_OUTLETS"
APP_NAME = "framing-dashboard"

REQUIRED_COLUMNS = ("name",)
COLUMNS = (
    "name",
    "aliases",
    "domains",
    "country",
    "language",
    "ownership_kind",
    "owner",
    "description",
)
#: The ownership kinds a profile may have (the built-in table uses exactly these).
OWNERSHIP_KINDS = (
    "public broadcaster",
    "state-funded or state-owned",
    "commercial",
    "non-profit",
)
#: Name given to the profile of an article that names no outlet at all.
UNKNOWN_NAME = "(unknown outlet)"

_LEGACY_KINDS = (
    (
        re.compile(r"\A\s*(state|government)([- ](funded|owned|run|controlled))?", re.I),
        "state-funded or state-owned",
    ),
    (re.compile(r"\A\s*public([- ](service|broadcaster|media))*", re.I), "public broadcaster"),
    (re.compile(r"\A\s*(private,?\s*)?non-?profit", re.I), "non-profit"),
    (re.compile(r"\A\s*(commercial|private)", re.I), "commercial"),
)
_LOOSE = re.compile(r"[^0-9a-z\u00c0-\uffff]+")


class OutletsError(ValueError):
    """An outlet file that cannot be read; the message is one line naming the file and row."""


@dataclass(frozen=True, slots=True)
class OutletProfile:
    """What is known about one outlet.

    Attributes:
        name: the outlet's name as articles and charts show it.
        aliases: other spellings that refer to the same outlet (matched case-insensitively).
        domains: web domains it publishes on ("nytimes.com"); an article URL on one of them, or
            on a subdomain, matches.
        country: where the outlet is based, if known.
        language: main publishing languages (ISO 639-1 codes).
        ownership_kind: one of :data:`OWNERSHIP_KINDS`, or None when not known.
        owner: owner or parent company where public and stable.
        description: a short neutral description, written for this project.
        known: False when no profile matched; such outlets are shown as unknown.
        source: the file the row came from (None for an unknown outlet).
    """

    name: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    country: str | None = None
    language: tuple[str, ...] = ()
    ownership_kind: str | None = None
    owner: str | None = None
    description: str | None = None
    known: bool = True
    source: str | None = None

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict (lists for the ``|``-separated fields)."""
        return {
            "name": self.name,
            "aliases": list(self.aliases),
            "domains": list(self.domains),
            "country": self.country,
            "language": list(self.language),
            "ownership_kind": self.ownership_kind,
            "owner": self.owner,
            "description": self.description,
            "known": self.known,
        }


def user_outlets_path() -> Path:
    """The user's outlet file: ``$FRAMING_OUTLETS`` or ``<user data dir>/outlets.csv``."""
    env = os.environ.get(USER_OUTLETS_ENV)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME)) / "outlets.csv"


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


def _loose(name: str) -> str:
    """Case, punctuation, spaces and a leading "the" ignored: "the-federalist" -> "federalist"."""
    folded = _LOOSE.sub(" ", name.casefold()).split()
    if len(folded) > 1 and folded[0] == "the":
        folded = folded[1:]
    return "".join(folded)


def _cell(row: Mapping[str, str | None], column: str) -> str | None:
    value = (row.get(column) or "").strip()
    return value or None


def _parts(row: Mapping[str, str | None], column: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in (row.get(column) or "").split("|") if p.strip())


def host_of(url: str | None) -> str | None:
    """The lower-case host of a URL without ``www.`` ("https://www.bbc.co.uk/x" -> "bbc.co.uk").

    A bare domain ("bbc.co.uk/news") is read as one. Returns None when there is no host.
    """
    if not url or not url.strip():
        return None
    text = url.strip()
    if "//" not in text:
        text = "//" + text
    try:
        host = urlsplit(text).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    host = host.rstrip(".")
    return host[4:] if host.startswith("www.") else host


def _domains(row: Mapping[str, str | None]) -> tuple[str, ...]:
    found = [host_of(d) for d in (*_parts(row, "domains"), *_parts(row, "website"))]
    return tuple(dict.fromkeys(d for d in found if d))


def _ownership(row: Mapping[str, str | None], path: Path, number: int) -> tuple[str | None, str]:
    """``(ownership_kind, owner)`` from the new columns, or from a first-wave ``ownership``."""
    kind = _cell(row, "ownership_kind")
    owner = _cell(row, "owner") or ""
    if kind is not None:
        if kind.casefold() not in OWNERSHIP_KINDS:
            raise OutletsError(
                f"{path}: row {number} has ownership_kind {kind!r}, not one of "
                + ", ".join(OWNERSHIP_KINDS)
            )
        return kind.casefold(), owner
    legacy = _cell(row, "ownership")
    if legacy is None:
        return None, owner
    for pattern, found in _LEGACY_KINDS:
        match = pattern.match(legacy)
        if match:
            rest = legacy[match.end() :].strip(" ,;:-–—()")
            return found, owner or rest
    return None, owner or legacy


def _data_lines(handle: Iterable[str]) -> Iterable[str]:
    """Skip the ``#`` header lines that document a data file."""
    return (line for line in handle if not line.lstrip().startswith("#"))


def read_outlets(path: str | os.PathLike[str]) -> list[OutletProfile]:
    """Read one outlet CSV file (header lines starting with ``#`` are skipped).

    Raises:
        OutletsError: the file lacks a ``name`` column, a row has an empty name, or an ownership
            kind is not one of :data:`OWNERSHIP_KINDS`.
    """
    path = Path(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(_data_lines(handle))
            columns = [c.strip() for c in reader.fieldnames or ()]
            missing = [c for c in REQUIRED_COLUMNS if c not in columns]
            if missing:
                raise OutletsError(f"{path}: missing column(s) {', '.join(missing)}")
            profiles = []
            for number, raw in enumerate(reader, start=2):
                row = {(k or "").strip(): v for k, v in raw.items()}
                name = _cell(row, "name")
                if name is None:
                    raise OutletsError(f"{path}: row {number} has no outlet name")
                kind, owner = _ownership(row, path, number)
                profiles.append(
                    OutletProfile(
                        name=name,
                        aliases=_parts(row, "aliases"),
                        domains=_domains(row),
                        country=_cell(row, "country"),
                        language=tuple(p.lower() for p in _parts(row, "language")),
                        ownership_kind=kind,
                        owner=owner or None,
                        description=_cell(row, "description"),
                        source=str(path),
                    )
                )
    except (UnicodeDecodeError, csv.Error) as error:
        raise OutletsError(f"{path}: not a readable UTF-8 CSV file ({error})") from error
    return profiles


def default_outlet_files() -> list[Path]:
    """The files :func:`load_outlets` reads by default, in order, those that exist."""
    files = (BUILTIN_OUTLETS, SEED_OUTLETS, user_outlets_path())
    return [p for p in files if p.is_file()]


def load_outlets(
    paths: Sequence[str | os.PathLike[str]] | None = None,
) -> dict[str, OutletProfile]:
    """Load outlet profiles keyed by name; later files override earlier rows of the same name.

    Args:
        paths: files to read in order. ``None`` reads :func:`default_outlet_files` (the
            built-in table, the seed profiles, then the user file). Explicit paths must exist.

    Raises:
        FileNotFoundError: an explicitly given file does not exist.
        OutletsError: a file is malformed.
    """
    if paths is None:
        files = default_outlet_files()
    else:
        files = [Path(p) for p in paths]
        for path in files:
            if not path.is_file():
                raise FileNotFoundError(f"outlet file not found: {path}")
    by_key: dict[str, OutletProfile] = {}
    for path in files:
        for profile in read_outlets(path):
            by_key[_key(profile.name)] = profile
    return {profile.name: profile for profile in by_key.values()}


def _unique(profiles: Iterable[OutletProfile]) -> OutletProfile | None:
    found = {p.name: p for p in profiles}
    return next(iter(found.values())) if len(found) == 1 else None


@dataclass(frozen=True, slots=True)
class _Index:
    """Lookups over one table of profiles: exact name, alias, loose form, web domain."""

    names: dict[str, OutletProfile]
    aliases: dict[str, OutletProfile]
    loose: dict[str, list[OutletProfile]]
    domains: dict[str, list[OutletProfile]]


_last_index: list[tuple[Mapping[str, OutletProfile], int, _Index]] = []


def _index_of(profiles: Mapping[str, OutletProfile]) -> _Index:
    """The index of ``profiles``, built once per table (the last table's index is kept)."""
    if _last_index and _last_index[0][0] is profiles and _last_index[0][1] == len(profiles):
        return _last_index[0][2]
    index = _Index({}, {}, defaultdict(list), defaultdict(list))
    for profile in profiles.values():
        index.names.setdefault(_key(profile.name), profile)
        for alias in profile.aliases:
            index.aliases.setdefault(_key(alias), profile)
        for name in {_loose(n) for n in (profile.name, *profile.aliases)}:
            index.loose[name].append(profile)
        for domain in profile.domains:
            index.domains[domain].append(profile)
    _last_index[:] = [(profiles, len(profiles), index)]
    return index


def profile_for(
    outlet_name: str | None,
    profiles: Mapping[str, OutletProfile],
    *,
    url: str | None = None,
) -> OutletProfile:
    """The profile an article's outlet name (or else its URL) refers to.

    In order: a name equal to ``outlet_name`` (case and spacing ignored), an alias equal to it,
    the one profile whose name or alias equals it in the loose form ("usa-today", "The
    Federalist"), then the profile whose domain the ``url`` is on (or a subdomain of). Returns a
    profile with ``known=False`` (and only the name) when nothing matches, so that the outlet is
    shown as unknown rather than guessed.
    """
    given = outlet_name.strip() if outlet_name and outlet_name.strip() else None
    index = _index_of(profiles)
    if given is not None:
        found = index.names.get(_key(given)) or index.aliases.get(_key(given))
        if found is not None:
            return found
        loose = _loose(given)
        if loose:
            match = _unique(index.loose.get(loose, ()))
            if match is not None:
                return match
    host = host_of(url)
    if host is not None:
        parts = host.split(".")
        suffixes = (".".join(parts[i:]) for i in range(len(parts)))
        match = _unique(p for suffix in suffixes for p in index.domains.get(suffix, ()))
        if match is not None:
            return match
    return OutletProfile(name=given or UNKNOWN_NAME, known=False)


def _row(profile: OutletProfile) -> list[str]:
    return [
        profile.name,
        "|".join(profile.aliases),
        "|".join(profile.domains),
        profile.country or "",
        "|".join(profile.language),
        profile.ownership_kind or "",
        profile.owner or "",
        profile.description or "",
    ]


def add_user_outlet(profile: OutletProfile, path: str | os.PathLike[str] | None = None) -> Path:
    """Add a profile the user described to their outlet file, atomically; nothing is lost.

    The file (default :func:`user_outlets_path`) keeps every row it had and the new row is added
    at the end. A file in the first wave's columns is rewritten in the present ones (its comment
    lines kept, every row carried over: ``website`` becomes ``domains``, ``ownership`` becomes
    ``ownership_kind`` and ``owner``). The whole new file is written to a temporary file beside
    it and moved into place, so an interrupted write leaves the old file as it was.

    Raises:
        OutletsError: the profile has no name, an unknown ownership kind, or a profile of that
            name is already in the user's file (edit the file to change it).
    """
    target = Path(path) if path is not None else user_outlets_path()
    name = profile.name.strip()
    if not name or name == UNKNOWN_NAME:
        raise OutletsError("an outlet needs a name")
    if profile.ownership_kind is not None and profile.ownership_kind not in OWNERSHIP_KINDS:
        raise OutletsError(f"ownership kind must be one of {', '.join(OWNERSHIP_KINDS)}")
    with exclusive(target):  # two writers at once must not lose a profile
        existing = read_outlets(target) if target.is_file() else []
        if any(_key(p.name) == _key(name) for p in existing):
            raise OutletsError(f"{target}: {name!r} is already described there; edit the file")
        old = target.read_text(encoding="utf-8-sig") if target.is_file() else ""
        lines = old.splitlines(keepends=True)
        comments = "".join(line for line in lines if line.lstrip().startswith("#"))
        header = next((line for line in lines if not line.lstrip().startswith("#")), "")
        current = [c.strip() for c in next(csv.reader([header]), [])] == list(COLUMNS)
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        if current:
            buffer.write(old if old.endswith("\n") else old + "\n")
        else:
            buffer.write(comments)
            writer.writerow(COLUMNS)
            writer.writerows(_row(p) for p in existing)
        writer.writerow(_row(replace(profile, name=name)))
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".csv", dir=target.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                handle.write(buffer.getvalue())
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    return target
