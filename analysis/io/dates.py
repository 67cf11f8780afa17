"""Publication dates as people type them, checked and written the one way (ISO 8601).

:func:`normalise_date` reads the forms a reader meets in news metadata and returns the date as
``YYYY-MM-DD`` (or ``YYYY-MM`` / ``YYYY`` when only the month or year is given, as in the seed
catalog). A date it cannot read for sure raises :class:`DateError` with a message saying what to
type instead; it never guesses:

- ISO dates ``2017-09-24``, ``2017-09``, ``2017``, ``2017/09/24`` and ISO date-times
  ``2017-09-24T10:30:00Z`` (the time is dropped: the library keeps days).
- Numeric day and month with a four-digit year: ``24/09/2017``, ``09/24/2017``, ``24.09.2017``,
  ``24-09-2017``. Day first or month first is decided only when one of the two numbers is over 12
  (or both are equal); ``03/04/2017`` is ambiguous and rejected with both readings named.
- Month names (English, full or three-letter, with an optional trailing dot, ``Sept``):
  ``24 September 2017``, ``24th Sep. 2017``, ``September 24, 2017``, ``Sunday, 24 September
  2017``, ``September 2017``.

Two-digit years, impossible days (``31/02/2017``) and anything else are rejected.

References:
    ISO 8601-1:2019, calendar dates (``YYYY-MM-DD``) and reduced precision (``YYYY-MM``, ``YYYY``).
"""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_MONTH = r"(?P<month>[a-z]+)\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_ISO = re.compile(r"(?P<year>\d{4})(?:[-/](?P<month>\d{1,2})(?:[-/](?P<day>\d{1,2}))?)?")
_ISO_TIME = re.compile(r"(?P<date>\d{4}-\d{2}-\d{2})[t ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\S*")
_NUMERIC = re.compile(r"(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<year>\d+)")
_DAY_MONTH = re.compile(rf"{_WEEKDAY}{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}")
_MONTH_DAY = re.compile(rf"{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}")
_MONTH_YEAR = re.compile(rf"{_MONTH},?\s+{_YEAR}")
_HINT = "write it as YYYY-MM-DD (e.g. 2017-09-24)"


class DateError(ValueError):
    """A date that cannot be read for sure; the message says why and what to type."""


def _checked(year: int, month: int | None = None, day: int | None = None, *, raw: str) -> str:
    if not 1000 <= year <= 9999:
        raise DateError(f"date {raw!r}: the year must have four digits; {_HINT}")
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        raise DateError(f"date {raw!r}: there is no month {month}; {_HINT}")
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        raise DateError(f"date {raw!r}: there is no such day; {_HINT}") from None


def _month(name: str, raw: str) -> int:
    try:
        return _MONTHS[name]
    except KeyError:
        raise DateError(f"date {raw!r}: {name!r} is not a month name; {_HINT}") from None


def _numeric(a: int, b: int, year: str, raw: str) -> str:
    if len(year) != 4:
        raise DateError(f"date {raw!r}: the year must have four digits; {_HINT}")
    if a > 12 and b > 12:
        raise DateError(f"date {raw!r}: neither number can be a month; {_HINT}")
    if a > 12 or a == b:
        return _checked(int(year), b, a, raw=raw)  # day first
    if b > 12:
        return _checked(int(year), a, b, raw=raw)  # month first
    day_first = _checked(int(year), b, a, raw=raw)
    month_first = _checked(int(year), a, b, raw=raw)
    raise DateError(
        f"date {raw!r} is ambiguous: {day_first} (day first) or {month_first} (month first); "
        f"{_HINT}"
    )


def normalise_date(value: str | None) -> str | None:
    """The date in ISO 8601 form, or None for a blank value.

    Args:
        value: a date as typed or as a source gave it (see the module docstring for the forms).

    Returns:
        ``YYYY-MM-DD``, or ``YYYY-MM`` / ``YYYY`` when the value gives only a month or a year.

    Raises:
        DateError: the value is not a date, is an impossible date, or is ambiguous (day and
            month both 12 or under and different); the message names the readings and the fix.
    """
    if value is None or not value.strip():
        return None
    raw = " ".join(value.split())
    text = raw.lower()
    if match := _ISO_TIME.fullmatch(text):
        text = match["date"]
    if match := _ISO.fullmatch(text):
        month, day = match["month"], match["day"]
        return _checked(
            int(match["year"]), int(month) if month else None, int(day) if day else None, raw=raw
        )
    if match := _NUMERIC.fullmatch(text):
        return _numeric(int(match["a"]), int(match["b"]), match["year"], raw)
    for pattern in (_DAY_MONTH, _MONTH_DAY):
        if match := pattern.fullmatch(text):
            month = _month(match["month"], raw)
            return _checked(int(match["year"]), month, int(match["day"]), raw=raw)
    if match := _MONTH_YEAR.fullmatch(text):
        return _checked(int(match["year"]), _month(match["month"], raw), raw=raw)
    raise DateError(f"date {raw!r} is not a date this tool can read; {_HINT}")
