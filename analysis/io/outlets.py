"""Outlet profiles: who publishes an article (country, ownership or funding, a neutral note).

Profiles are data, not code: the built-in rows live in ``seeds/outlets.csv`` (columns ``name,
aliases, country, ownership, description, website``; aliases separated by ``|``) and a user
file with the same columns adds outlets or overrides built-in rows of the same name. An article
whose outlet matches no profile gets an explicit *unknown* profile: nothing is guessed.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import platformdirs

#: The built-in profiles shipped with the seed corpus.
BUILTIN_OUTLETS = Path(__file__).resolve().parents[2] / "seeds" / "outlets.csv"
#: Environment variable naming the user's outlet file (overrides the platform default).
USER_OUTLETS_ENV = "FRAMING_OUTLETS"
APP_NAME = "framing-dashboard"

REQUIRED_COLUMNS = ("name",)
KNOWN_COLUMNS = ("name", "aliases", "country", "ownership", "description", "website")
#: Name given to the profile of an article that names no outlet at all.
UNKNOWN_NAME = "(unknown outlet)"


class OutletsError(ValueError):
    """An outlet file that cannot be read; the message is one line naming the file and row."""


@dataclass(frozen=True, slots=True)
class OutletProfile:
    """What is known about one outlet.

    Attributes:
        name: the outlet's name as articles and charts show it.
        aliases: other spellings that refer to the same outlet (matched case-insensitively).
        country: where the outlet is based, if known.
        ownership: ownership or funding type (e.g. "State-funded", "Commercial").
        description: a short neutral description, written for this project.
        website: the outlet's domain, if given.
        known: False when no profile matched; such outlets are shown as unknown.
        source: the file the row came from (None for an unknown outlet).
    """

    name: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    ownership: str | None = None
    description: str | None = None
    website: str | None = None
    known: bool = True
    source: str | None = None

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict (aliases as a list)."""
        return {
            "name": self.name,
            "aliases": list(self.aliases),
            "country": self.country,
            "ownership": self.ownership,
            "description": self.description,
            "website": self.website,
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


def _cell(row: Mapping[str, str | None], column: str) -> str | None:
    value = (row.get(column) or "").strip()
    return value or None


def _data_lines(handle: Iterable[str]) -> Iterable[str]:
    """Skip the ``#`` header lines that document a data file."""
    return (line for line in handle if not line.lstrip().startswith("#"))


def read_outlets(path: str | os.PathLike[str]) -> list[OutletProfile]:
    """Read one outlet CSV file (header lines starting with ``#`` are skipped).

    Raises:
        OutletsError: the file lacks a ``name`` column or a row has an empty name.
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
                aliases = tuple(a.strip() for a in (row.get("aliases") or "").split("|"))
                profiles.append(
                    OutletProfile(
                        name=name,
                        aliases=tuple(a for a in aliases if a),
                        country=_cell(row, "country"),
                        ownership=_cell(row, "ownership"),
                        description=_cell(row, "description"),
                        website=_cell(row, "website"),
                        source=str(path),
                    )
                )
    except (UnicodeDecodeError, csv.Error) as error:
        raise OutletsError(f"{path}: not a readable UTF-8 CSV file ({error})") from error
    return profiles


def load_outlets(
    paths: Sequence[str | os.PathLike[str]] | None = None,
) -> dict[str, OutletProfile]:
    """Load outlet profiles keyed by name; later files override earlier rows of the same name.

    Args:
        paths: files to read in order. ``None`` reads the built-in ``seeds/outlets.csv`` and then
            the user file (:func:`user_outlets_path`); either may be absent. Explicit paths must
            exist.

    Raises:
        FileNotFoundError: an explicitly given file does not exist.
        OutletsError: a file is malformed.
    """
    if paths is None:
        files = [p for p in (BUILTIN_OUTLETS, user_outlets_path()) if p.is_file()]
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


def profile_for(outlet_name: str | None, profiles: Mapping[str, OutletProfile]) -> OutletProfile:
    """The profile whose name or one of its aliases equals ``outlet_name`` (case-insensitive).

    A name match wins over an alias match. Returns a profile with ``known=False`` (and only the
    name) when nothing matches, so that the outlet is shown as unknown rather than guessed.
    """
    if not outlet_name or not outlet_name.strip():
        return OutletProfile(name=UNKNOWN_NAME, known=False)
    wanted = _key(outlet_name)
    for profile in profiles.values():
        if _key(profile.name) == wanted:
            return profile
    for profile in profiles.values():
        if any(_key(alias) == wanted for alias in profile.aliases):
            return profile
    return OutletProfile(name=outlet_name.strip(), known=False)
