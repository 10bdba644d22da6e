"""How numbers and dates read on screen: always with qualifier and precision."""

from __future__ import annotations

import datetime as _dt
import math
from typing import Any

from .dates import format_partial

# No pandas here: the table's columns import this before pandas is loaded.


def _missing(value: Any) -> bool:
    """None, NaN, NaT or pandas' NA."""
    if value is None or type(value).__name__ in ("NAType", "NaTType"):
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return hasattr(value, "dtype") and str(value) == "NaT"


def text(value: Any) -> str:
    """A text cell, '' when missing (None, NaN or NA)."""
    return "" if _missing(value) else str(value)


def number(value: Any) -> str:
    """3000 -> '3,000'; 0.5 -> '0.5'."""
    if _missing(value):
        return ""
    value = float(value)
    return f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")


def claim_number(qualifier: Any, value: Any, low: Any, high: Any) -> str:
    """'at least 3,000', 'about 4,000', '10,000-12,000', 'thousands', or ''."""
    q = None if _missing(qualifier) else str(qualifier)
    if q is None:
        return number(value)
    if q == "range":
        span = f"{number(low)}\u2013{number(high)}"
        return f"{span} (best {number(value)})" if not _missing(value) else span
    if q == "exact":
        return number(value)
    if _missing(value):
        return q  # vague words: "hundreds", "considerable"
    return f"{q} {number(value)}"


def partial_date(when: Any, precision: Any) -> str:
    """'2025', 'Mar 2025' or '27 Mar 2025'; '' when missing."""
    if _missing(when) or _missing(precision):
        return ""
    return format_partial(_as_date(when), str(precision))


def _as_date(when: Any) -> _dt.date:
    """A pandas Timestamp, datetime, date or numpy datetime64 as a date."""
    if isinstance(when, _dt.datetime):  # Timestamp is a datetime
        return when.date()
    if isinstance(when, _dt.date):
        return when
    return when.astype("datetime64[D]").item()


def compact_period(start: Any, start_precision: Any, end: Any, end_precision: Any) -> str:
    """'Jan–Feb 2025', '17–23 Mar 2025', 'Nov 2024–', 'Mar 2025' for table cells."""
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


def about(row: Any) -> str:
    """What time a claim is about: its as-of date, else its period."""
    as_of = partial_date(row["as_of"], row["as_of_precision"])
    if as_of:
        return f"as of {as_of}"
    return compact_period(
        row["period_start"], row["period_start_precision"],
        row["period_end"], row["period_end_precision"],
    )  # fmt: skip


def citation(row: Any) -> str:
    """A citation of one claim: claimant, date, value, source, paragraph."""
    said = partial_date(row["stated_on"], row["stated_on_precision"]) or "undated"
    number = claim_number(row["qualifier"], row["value"], row["low"], row["high"])
    what = text(row["quantity_label"])
    claim = f"{number} ({what})" if number and what else (number or text(row["summary"]))
    via = f", via {text(row['via'])}" if text(row["via"]) else ""
    return (
        f"{row['claimant_name']}, {said}: {claim}{via}. "
        f"Source: {row['source_outlet']}, \u201c{row['source_title']}\u201d, "
        f"paragraph {row['paragraph']} [{row['source']}; claim {row['id']}]"
    )
