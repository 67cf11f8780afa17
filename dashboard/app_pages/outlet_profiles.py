"""Outlet profiles for the pages: the cached table, and a form to describe an unknown outlet.

An outlet that matches no profile (by name, alias or URL domain; see
:mod:`analysis.io.outlets`) is shown as unknown, never guessed. The form lets the user describe
it; the row is added to their own outlets file (``FRAMING_OUTLETS``), atomically, and every page
sees it at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import streamlit as st

from analysis.io.outlets import (
    OWNERSHIP_KINDS,
    OutletProfile,
    OutletsError,
    add_user_outlet,
    load_outlets,
    profile_for,
    user_outlets_path,
)

_NOT_KNOWN = "not known"
_SAVED_KEY = "outlet-form-saved"


@st.cache_resource(show_spinner=False)
def profiles() -> dict[str, OutletProfile]:
    """Every outlet profile (built-in table, seed profiles, the user's file), loaded once."""
    return load_outlets()


def profile_of(record: Mapping[str, Any]) -> OutletProfile:
    """The profile of an article dict, by its outlet name or else its URL's domain."""
    return profile_for(record.get("outlet"), profiles(), url=record.get("url"))


def unknown_outlets(records: Iterable[Mapping[str, Any]]) -> list[str]:
    """Outlet names the articles give that match no profile, in first-seen order."""
    names = []
    for record in records:
        outlet = str(record.get("outlet") or "").strip()
        if outlet and not profile_of(record).known and outlet not in names:
            names.append(outlet)
    return names


def _split(value: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in value.replace(",", "|").split("|") if p.strip())


def describe_unknown(records: Iterable[Mapping[str, Any]], *, readonly: bool) -> None:
    """An expander with a form to describe each outlet that has no profile (nothing if none)."""
    saved_message = st.session_state.pop(_SAVED_KEY, None)
    if saved_message:
        st.success(saved_message)
    unknown = unknown_outlets(records)
    if not unknown:
        return
    with st.expander(f"{len(unknown)} outlet(s) without a profile: describe them"):
        if readonly:
            st.caption("This server is read-only: outlet descriptions cannot be saved here.")
            return
        st.caption(
            f"What you enter is added to your own outlets file ({user_outlets_path()}); "
            "public facts only. Leave a field empty when you do not know it."
        )
        name = st.selectbox("Outlet", unknown, key="outlet-form-name")
        with st.form("outlet-form", clear_on_submit=True):
            country = st.text_input("Country where it is based", key="outlet-form-country")
            kind = st.selectbox("Ownership", (_NOT_KNOWN, *OWNERSHIP_KINDS), key="outlet-form-kind")
            owner = st.text_input("Owner or parent company", key="outlet-form-owner")
            domains = st.text_input(
                "Web domains (e.g. example.com), separated by |", key="outlet-form-domains"
            )
            language = st.text_input(
                "Languages (ISO codes such as en, de), separated by |", key="outlet-form-language"
            )
            description = st.text_area(
                "One neutral sentence: what is it?", max_chars=400, key="outlet-form-description"
            )
            saved = st.form_submit_button("Save this outlet", key="outlet-form-save")
        if saved:
            profile = OutletProfile(
                name=name,
                domains=_split(domains),
                country=country.strip() or None,
                language=tuple(code.lower() for code in _split(language)),
                ownership_kind=None if kind == _NOT_KNOWN else kind,
                owner=owner.strip() or None,
                description=description.strip() or None,
            )
            try:
                path = add_user_outlet(profile)
            except (OutletsError, OSError) as error:
                st.error(f"Not saved: {error}")
                return
            profiles.clear()
            st.session_state[_SAVED_KEY] = f"Saved the profile of {name} to {path}."
            st.rerun()
