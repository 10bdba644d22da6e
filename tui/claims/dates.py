"""Dates of reduced precision: `2025`, `2025-03` or `2025-03-27`.

A date is kept as its first day plus a precision (year, month or day), so
"March 2025" is never mistaken for 1 March 2025.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re

PRECISIONS = ("year", "month", "day")
#: ASCII digits only: `\d` would take full-width or Arabic-Indic digits too.
_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_MONTHS = [calendar.month_abbr[m] for m in range(13)]


def parse_partial(text: str) -> tuple[_dt.date, str]:
    """Return (first day, precision), or raise ValueError saying what is wrong."""
    match = _DATE.fullmatch(text)
    if match is None:
        raise ValueError(f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got {text!r}")
    year, month, day = match.groups()
    try:
        if day is not None:
            return _dt.date(int(year), int(month), int(day)), "day"
        if month is not None:
            return _dt.date(int(year), int(month), 1), "month"
        return _dt.date(int(year), 1, 1), "year"
    except ValueError:
        raise ValueError(f"no such date: {text!r}") from None


def last_day(first: _dt.date, precision: str) -> _dt.date:
    """The last day covered by a date of that precision."""
    if precision == "year":
        return _dt.date(first.year, 12, 31)
    if precision == "month":
        return _dt.date(first.year, first.month, calendar.monthrange(first.year, first.month)[1])
    return first


def typed_day(text: str, *, end: bool) -> _dt.date | None:
    """A date an analyst typed, as a bound: `2025-03` is 1 March as a start,
    31 March as an end; None when empty; ValueError saying what is wrong."""
    text = text.strip()
    if not text:
        return None
    first, precision = parse_partial(text)
    return last_day(first, precision) if end else first


def format_partial(first: _dt.date | None, precision: str | None) -> str:
    """`2025`, `Mar 2025` or `27 Mar 2025`; empty for a missing date."""
    if first is None or precision is None:
        return ""
    if precision == "year":
        return f"{first.year}"
    if precision == "month":
        return f"{_MONTHS[first.month]} {first.year}"
    return f"{first.day} {_MONTHS[first.month]} {first.year}"


def iso_partial(first: _dt.date | None, precision: str | None) -> str:
    """The date written back at its precision: `2025`, `2025-03`, `2025-03-27`."""
    if first is None or precision is None:
        return ""
    if precision == "year":
        return f"{first.year:04d}"
    if precision == "month":
        return f"{first.year:04d}-{first.month:02d}"
    return first.isoformat()
