"""Outlet profiles: reading the data files, user overrides, and matching names and aliases."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from analysis.io.outlets import (
    BUILTIN_OUTLETS,
    UNKNOWN_NAME,
    USER_OUTLETS_ENV,
    OutletProfile,
    OutletsError,
    load_outlets,
    profile_for,
    read_outlets,
    user_outlets_path,
)

HEADER = "name,aliases,country,ownership,description,website\n"
USER_ROWS = (
    "# my own outlets\n"
    + HEADER
    + 'RT,Russia Today,Russia,State-funded,"My own note, with a comma.",rt.com\n'
    + "Daily Example,The Daily Example|DE,Nowhere,Private,A made-up paper.,\n"
)


@pytest.fixture
def user_file(tmp_path: Path) -> Path:
    path = tmp_path / "outlets.csv"
    path.write_text(USER_ROWS, encoding="utf-8")
    return path


def test_builtin_profiles_cover_every_catalog_outlet(seeds_dir: Path) -> None:
    profiles = load_outlets([BUILTIN_OUTLETS])
    with (seeds_dir / "catalog.csv").open(encoding="utf-8", newline="") as handle:
        outlets = {row["outlet"] for row in csv.DictReader(handle)}
    for outlet in outlets:
        profile = profile_for(outlet, profiles)
        assert profile.known, outlet
        assert profile.country and profile.ownership and profile.description


def test_read_outlets_parses_aliases_and_blank_cells(user_file: Path) -> None:
    rt, daily = read_outlets(user_file)
    assert rt.description == "My own note, with a comma."
    assert daily.aliases == ("The Daily Example", "DE")
    assert daily.website is None
    assert daily.source == str(user_file)


def test_later_files_override_rows_of_the_same_name(user_file: Path) -> None:
    profiles = load_outlets([BUILTIN_OUTLETS, user_file])
    assert profiles["RT"].description == "My own note, with a comma."
    assert profiles["RT"].aliases == ("Russia Today",)
    assert "Daily Example" in profiles
    assert "CNN" in profiles  # built-in rows the user did not touch stay


def test_default_paths_read_the_user_file_from_the_environment(
    user_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(USER_OUTLETS_ENV, str(user_file))
    assert user_outlets_path() == user_file
    profiles = load_outlets()
    assert profiles["Daily Example"].country == "Nowhere"
    assert profiles["RT"].source == str(user_file)


def test_default_paths_without_a_user_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(USER_OUTLETS_ENV, str(tmp_path / "absent.csv"))
    assert load_outlets() == load_outlets([BUILTIN_OUTLETS])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Daily Example", "Daily Example"),
        ("daily  example", "Daily Example"),
        ("THE DAILY EXAMPLE", "Daily Example"),
        ("de", "Daily Example"),
        ("Russia Today", "RT"),
    ],
)
def test_profile_for_matches_names_and_aliases(user_file: Path, query: str, expected: str) -> None:
    profile = profile_for(query, load_outlets([user_file]))
    assert profile.known
    assert profile.name == expected


@pytest.mark.parametrize(
    ("query", "name"),
    [("Weekly Nothing", "Weekly Nothing"), (None, UNKNOWN_NAME), ("  ", UNKNOWN_NAME)],
)
def test_unknown_outlets_are_marked_not_guessed(
    user_file: Path, query: str | None, name: str
) -> None:
    profile = profile_for(query, load_outlets([user_file]))
    assert profile == OutletProfile(name=name, known=False)
    assert profile.to_dict()["known"] is False


def test_a_name_match_wins_over_an_alias_match(tmp_path: Path) -> None:
    path = tmp_path / "o.csv"
    path.write_text(HEADER + "Alpha,Beta,,,,\nBeta,,,,,\n", encoding="utf-8")
    assert profile_for("beta", load_outlets([path])).name == "Beta"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("title,country\nX,Y\n", "missing column(s) name"),
        (HEADER + ",alias,,,,\n", "row 2 has no outlet name"),
    ],
)
def test_malformed_files_raise_one_line_errors(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(OutletsError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_outlets([path])


def test_non_utf8_file_is_an_outlets_error(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes(HEADER.encode() + "Le Monde,,France,Priv\xe9,,\n".encode("latin-1"))
    with pytest.raises(OutletsError, match="UTF-8"):
        read_outlets(path)


def test_explicit_missing_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_outlets([tmp_path / "nope.csv"])
