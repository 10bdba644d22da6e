"""How numbers and dates read on screen: always with qualifier and precision."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from .dates import format_partial


def _missing(value: Any) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or (
        isinstance(value, float) and math.isnan(value)
    )


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
    return format_partial(pd.Timestamp(when).date(), str(precision))


def period(start: Any, start_precision: Any, end: Any, end_precision: Any) -> str:
    """'Jan 2025 to Feb 2025', 'from Nov 2024', 'Mar 2025' (start == end)."""
    a, b = partial_date(start, start_precision), partial_date(end, end_precision)
    if a and b:
        return a if a == b else f"{a} to {b}"
    if a:
        return f"from {a}"
    return f"until {b}" if b else ""
