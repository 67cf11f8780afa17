"""analysis.io.dates: every accepted form, and a clear message for each date it will not guess."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.io.dates import DateError, normalise_date


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("2017-09-24", "2017-09-24"),
        ("2017-9-4", "2017-09-04"),
        ("2017/09/24", "2017-09-24"),
        ("2021-03", "2021-03"),
        ("2021", "2021"),
        ("2017-09-24T10:30:00Z", "2017-09-24"),
        ("2017-09-24 10:30", "2017-09-24"),
        ("24/09/2017", "2017-09-24"),
        ("09/24/2017", "2017-09-24"),
        ("24.09.2017", "2017-09-24"),
        ("24-09-2017", "2017-09-24"),
        ("05/05/2020", "2020-05-05"),
        ("24 September 2017", "2017-09-24"),
        ("24th Sept. 2017", "2017-09-24"),
        ("1st of May 2020", "2020-05-01"),
        ("September 24, 2017", "2017-09-24"),
        ("Sep 24 2017", "2017-09-24"),
        ("Sunday, 24 September 2017", "2017-09-24"),
        ("Tue, Apr 16, 2024", "2024-04-16"),
        ("September 2017", "2017-09"),
        ("  24   SEPTEMBER   2017 ", "2017-09-24"),
        ("29 February 2024", "2024-02-29"),
        ("", None),
        ("   ", None),
        (None, None),
    ],
)
def test_accepted_forms(typed, stored):
    assert normalise_date(typed) == stored


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("03/04/2017", "ambiguous: 2017-04-03 (day first) or 2017-03-04 (month first)"),
        ("31/02/2017", "no such day"),
        ("29 February 2023", "no such day"),
        ("2017-13-01", "no month 13"),
        ("24/09/17", "four digits"),
        ("13/14/2017", "neither number can be a month"),
        ("24 Septober 2017", "'septober' is not a month name"),
        ("yesterday", "not a date this tool can read"),
        ("2017-09-24 and more", "not a date this tool can read"),
    ],
)
def test_rejected_dates_say_why_and_what_to_type(typed, message):
    with pytest.raises(DateError, match="YYYY-MM-DD") as caught:
        normalise_date(typed)
    assert message in str(caught.value)


@given(st.dates(min_value=dt.date(1000, 1, 1)))
def test_every_day_round_trips_in_each_unambiguous_form(day):
    iso = day.isoformat()
    assert normalise_date(iso) == iso
    assert normalise_date(day.strftime("%d %B %Y")) == iso
    assert normalise_date(day.strftime("%B %d, %Y")) == iso
    if day.day > 12 or day.day == day.month:
        assert normalise_date(day.strftime("%d/%m/%Y")) == iso
        assert normalise_date(day.strftime("%m/%d/%Y")) == iso


@given(st.text(max_size=40))
def test_never_anything_but_a_date_or_a_date_error(text):
    try:
        result = normalise_date(text)
    except DateError:
        return
    if result is not None:
        assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", result)
        dt.date.fromisoformat((result + "-01-01")[:10])
