"""How numbers and dates read on screen: always with qualifier and precision."""

from __future__ import annotations

import datetime as _dt
import math
from typing import Any

from .dates import format_partial
from .domain import GLYPHS, QUALIFIER_SIGNS, SILENT_UNITS, UNIT_LABELS
from .safetext import clean

NUMBER_FIELDS = frozenset({"value", "low", "high"})

# No pandas here: the table's columns import this before pandas is loaded.


def _missing(value: Any) -> bool:
    """None, NaN, NaT or pandas' NA."""
    if value is None or type(value).__name__ in ("NAType", "NaTType"):
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return hasattr(value, "dtype") and str(value) == "NaT"


def plural(n: int, noun: str) -> str:
    """'1 report', '2 reports', '1,204 claims'."""
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def text(value: Any) -> str:
    """A text cell, '' when missing (None, NaN or NA)."""
    return "" if _missing(value) else str(value)


def number(value: Any) -> str:
    """3000 -> '3,000'; 0.5 -> '0.5'."""
    if _missing(value):
        return ""
    value = float(value)
    return f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")


def unit_text(unit: Any) -> str:
    """How a unit reads after a number; '' for the silent default (soldiers)."""
    if _missing(unit) or str(unit) in SILENT_UNITS:
        return ""
    return UNIT_LABELS.get(str(unit), str(unit))


def is_derived(inferred: Any) -> bool:
    """True when the number itself is the data's arithmetic (`inferred: [value]`)."""
    if _missing(inferred):
        return False
    return bool(NUMBER_FIELDS & {name.strip() for name in str(inferred).split(",")})


def claim_number(
    qualifier: Any,
    value: Any,
    low: Any,
    high: Any,
    *,
    unit: Any = None,
    derived: bool = False,
    compact: bool = False,
) -> str:
    """'at least 3,000', 'about 4,000', '10,000-12,000', 'thousands', or ''.

    With `unit`, a unit other than soldiers follows ('about 6,700 containers',
    '50%'); `derived` marks a number the data computed rather than quoted;
    `compact` writes qualifiers as signs ('≥3,000', '~4,000') for narrow cells.
    """
    q = None if _missing(qualifier) else str(qualifier)
    if q is None:
        core = number(value)
    elif q == "range":
        core = f"{number(low)}\u2013{number(high)}"
        if not _missing(value) and not compact:
            core += f" (best {number(value)})"
    elif _missing(value):
        return q  # vague words: "hundreds", "considerable"
    elif compact:
        core = f"{QUALIFIER_SIGNS.get(q, '')}{number(value)}"
    else:
        core = number(value) if q == "exact" else f"{q} {number(value)}"
    if not core:
        return ""
    label = unit_text(unit)
    if label == "%":
        core += "%"
    elif label:
        core += f" {label}"
    if derived:
        core += GLYPHS["derived"] if compact else " (derived)"
    return core


def row_number(row: Any, *, compact: bool = False, with_unit: bool = True) -> str:
    """A claim's number as a table shows it, from a row of the claims table."""
    return claim_number(
        row["qualifier"], row["value"], row["low"], row["high"],
        unit=row["unit"] if with_unit else None,
        derived=is_derived(row["inferred"]),
        compact=compact,
    )  # fmt: skip


def partial_date(when: Any, precision: Any) -> str:
    """'2025', 'Mar 2025' or '27 Mar 2025'; '' when missing."""
    if _missing(when) or _missing(precision):
        return ""
    return format_partial(_as_date(when), str(precision))


def short_date(when: Any, precision: Any) -> str:
    """'2025', 'Mar25' or '27Mar25' for narrow cells and chart labels; '' when missing."""
    if _missing(when) or _missing(precision):
        return ""
    day = _as_date(when)
    month = format_partial(day, "month").split()[0]
    if str(precision) == "year":
        return f"{day.year}"
    if str(precision) == "month":
        return f"{month}{day.year % 100:02d}"
    return f"{day.day}{month}{day.year % 100:02d}"


def _as_date(when: Any) -> _dt.date:
    """A pandas Timestamp, datetime, date or numpy datetime64 as a date."""
    if isinstance(when, _dt.datetime):  # Timestamp is a datetime
        return when.date()
    if isinstance(when, _dt.date):
        return when
    return when.astype("datetime64[D]").item()


def compact_period(
    start: Any, start_precision: Any, end: Any, end_precision: Any, *, short: bool = False
) -> str:
    """'Jan–Feb 2025', '17–23 Mar 2025', 'Nov 2024–', 'Mar 2025' for table cells;
    with `short`, 'Jan25–Feb25'."""
    if short:
        a, b = short_date(start, start_precision), short_date(end, end_precision)
        if a and b and a != b:
            return f"{a}\u2013{b}"
        return a or (f"\u2013{b}" if b else "")
    a, b = partial_date(start, start_precision), partial_date(end, end_precision)
    if a and b:
        if a == b:
            return a
        a_parts, b_parts = a.split(), b.split()
        # Drop what the two ends share from the first: "Jan 2025"–"Feb 2025" -> "Jan–Feb 2025",
        # "17 Mar 2025"–"23 Mar 2025" -> "17–23 Mar 2025".
        shared = 0
        while (shared < len(a_parts) - 1 and shared < len(b_parts)
               and a_parts[-1 - shared] == b_parts[-1 - shared]):  # fmt: skip
            shared += 1
        return f"{' '.join(a_parts[: len(a_parts) - shared])}\u2013{b}"
    if a:
        return f"{a}\u2013"
    return f"\u2013{b}" if b else ""


def about(row: Any, *, short: bool = False) -> str:
    """What time a claim is about: its as-of date, else its period."""
    if short:
        as_of = short_date(row["as_of"], row["as_of_precision"])
        if as_of:
            return f"@{as_of}"
    else:
        as_of = partial_date(row["as_of"], row["as_of_precision"])
        if as_of:
            return f"as of {as_of}"
    return compact_period(
        row["period_start"], row["period_start_precision"],
        row["period_end"], row["period_end_precision"], short=short,
    )  # fmt: skip


def citation(row: Any) -> str:
    """A citation of one claim, on one line and inert: claimant, date, the
    number and what it counts (derived numbers say so), via, source, outlet,
    paragraph and address."""
    said = partial_date(row["stated_on"], row["stated_on_precision"]) or "undated"
    derived = is_derived(row["inferred"])
    shown = claim_number(row["qualifier"], row["value"], row["low"], row["high"], unit=row["unit"])
    what = text(row["quantity_label"])
    claim = f"{shown} ({what})" if shown and what else (shown or text(row["summary"]))
    if shown and derived:
        claim += f", derived from \u201c{text(row['key_phrase'])}\u201d"
    via = f", via {text(row['via'])}" if text(row["via"]) else ""
    url = text(row["source_url"]) if "source_url" in row else ""
    where = f"paragraph {row['paragraph']}" + (f", {url}" if url else "")
    return clean(
        f"{text(row['claimant_name'])}, {said}: {claim}{via}. "
        f"Source: {text(row['source_outlet'])}, \u201c{text(row['source_title'])}\u201d, "
        f"{where} [{text(row['source'])}; claim {text(row['id'])}]"
    )


#: The mark of a suggested credibility grade: "B4?" (`grades.py`).
SUGGESTED = "?"


def grade_text(reliability: object, credibility: object, suggested: object) -> str:
    """'B2' (the analyst's grades), 'B4?' (credibility suggested), '–6?'
    (claimant not graded); '' when there is nothing to show."""
    letter = str(reliability) if given(reliability) else "\u2013"
    if given(credibility):
        return f"{letter}{int(credibility)}"  # type: ignore[call-overload]
    if given(suggested):
        return f"{letter}{int(suggested)}{SUGGESTED}"  # type: ignore[call-overload]
    return letter if given(reliability) else ""


def given(value: Any) -> bool:
    """Not missing (None, NaN, NaT, NA) and not empty."""
    return not _missing(value) and value != ""
