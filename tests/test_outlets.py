"""Outlet profiles: reading the data files, user overrides, and matching names and aliases."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from analysis.io.outlets import (
    BUILTIN_OUTLETS,
    COLUMNS,
    OWNERSHIP_KINDS,
    SEED_OUTLETS,
    UNKNOWN_NAME,
    USER_OUTLETS_ENV,
    OutletProfile,
    OutletsError,
    add_user_outlet,
    host_of,
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
    profiles = load_outlets([BUILTIN_OUTLETS, SEED_OUTLETS])
    with (seeds_dir / "catalog.csv").open(encoding="utf-8", newline="") as handle:
        outlets = {row["outlet"] for row in csv.DictReader(handle)}
    for outlet in outlets:
        profile = profile_for(outlet, profiles)
        assert profile.known, outlet
        assert profile.country and profile.description


def test_builtin_table_is_a_documented_table_of_many_outlets() -> None:
    lines = BUILTIN_OUTLETS.read_text(encoding="utf-8").splitlines()
    keys = [line.split(":", 1)[0] for line in lines if line.startswith("#")]
    assert keys == ["# name", "# what", "# source", "# columns", "# licence"]
    assert next(line for line in lines if not line.startswith("#")).split(",") == list(COLUMNS)
    profiles = read_outlets(BUILTIN_OUTLETS)
    assert len(profiles) >= 150
    assert len({p.country for p in profiles}) >= 30
    assert {p.ownership_kind for p in profiles} == set(OWNERSHIP_KINDS)
    for p in profiles:
        assert p.country and p.description and p.language and p.domains, p.name
    # Every name, alias and domain points at one outlet only.
    seen: dict[str, str] = {}
    for p in profiles:
        for key in {k.casefold() for k in (p.name, *p.aliases, *p.domains)}:
            assert seen.setdefault(key, p.name) == p.name, (key, p.name, seen[key])


@pytest.mark.parametrize(
    ("outlet", "url", "expected"),
    [
        ("fox-news", None, "Fox News"),  # a dataset slug (BABE)
        ("usa-today", None, "USA Today"),
        ("The Federalist", None, "The Federalist"),
        ("federalist", None, "The Federalist"),
        ("NYT", None, "The New York Times"),
        (None, "https://www.dailymail.co.uk/news/article-1/x.html", "Daily Mail"),
        (None, "http://edition.cnn.com/2024/04/26/politics/x", "CNN"),
        ("Some Blog", "https://www.nytimes.com/2010/07/03/us/x.html", "The New York Times"),
    ],
)
def test_articles_match_by_name_alias_loose_form_or_url_domain(outlet, url, expected) -> None:
    profile = profile_for(outlet, load_outlets([BUILTIN_OUTLETS]), url=url)
    assert profile.known and profile.name == expected


def test_a_url_on_no_known_domain_stays_unknown() -> None:
    profiles = load_outlets([BUILTIN_OUTLETS])
    assert not profile_for(None, profiles, url="https://example.org/story").known
    assert not profile_for(None, profiles, url="not a url").known
    assert profile_for(None, profiles, url="https://notnytimes.com/x").known is False


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://www.bbc.co.uk/news/x", "bbc.co.uk"),
        ("bbc.co.uk/news", "bbc.co.uk"),
        ("HTTP://WWW.Example.COM:8080/a", "example.com"),
        ("", None),
        ("localhost", None),
        ("http://[::1", None),
    ],
)
def test_host_of(url: str, host: str | None) -> None:
    assert host_of(url) == host


def test_add_user_outlet_appends_atomically_and_refuses_a_second_row(tmp_path: Path) -> None:
    path = tmp_path / "mine" / "outlets.csv"
    first = OutletProfile(
        name="Weekly Nothing",
        domains=("weeklynothing.example",),
        country="Nowhere",
        language=("en",),
        ownership_kind="non-profit",
        owner="Friends of Nothing",
        description='A made-up weekly, "quoted", with a comma.',
    )
    add_user_outlet(first, path)
    add_user_outlet(OutletProfile(name="Daily Other", country="Elsewhere"), path)
    profiles = load_outlets([path])
    assert profiles["Weekly Nothing"].description == first.description
    assert profiles["Weekly Nothing"].ownership_kind == "non-profit"
    assert profiles["Daily Other"].country == "Elsewhere"
    with pytest.raises(OutletsError, match="already described"):
        add_user_outlet(OutletProfile(name="weekly  nothing"), path)
    with pytest.raises(OutletsError, match="ownership kind"):
        add_user_outlet(OutletProfile(name="X", ownership_kind="mine"), path)
    assert [p.name for p in path.parent.iterdir()] == ["outlets.csv"]  # no temporary file left


def test_add_user_outlet_keeps_every_row_of_a_first_wave_file(user_file: Path) -> None:
    before = user_file.read_text(encoding="utf-8")
    add_user_outlet(OutletProfile(name="Third Paper"), user_file)
    after = load_outlets([user_file])
    assert list(after) == ["RT", "Daily Example", "Third Paper"]
    assert after["RT"].domains == ("rt.com",)
    assert after["RT"].ownership_kind == "state-funded or state-owned"
    assert after["RT"].description == "My own note, with a comma."
    assert user_file.read_text(encoding="utf-8").startswith("# my own outlets\n")
    assert "Daily Example" in before


def test_read_outlets_parses_aliases_and_blank_cells(user_file: Path) -> None:
    rt, daily = read_outlets(user_file)
    assert rt.description == "My own note, with a comma."
    assert daily.aliases == ("The Daily Example", "DE")
    assert daily.domains == ()
    assert rt.domains == ("rt.com",)
    assert rt.ownership_kind == "state-funded or state-owned"
    assert daily.ownership_kind == "commercial"  # "Private" in the first wave's column
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
    assert load_outlets() == load_outlets([BUILTIN_OUTLETS, SEED_OUTLETS])


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
        ("name,ownership_kind\nX,owned by me\n", "ownership_kind 'owned by me'"),
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
