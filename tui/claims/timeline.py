"""Where a claim sits in time: one rule for tables and charts alike.

A date of reduced precision covers a span ("Mar 2025" is 1-31 March). A claim
is placed, and sorted, at the middle of its span, so "Oct 2024" sorts after
"8 Oct 2024" and before "20 Oct 2024", and a chart puts it mid-October. The
time a claim is *about* starts at the middle of its as-of date, else at the
start of its period, else at the middle of when it was said; it ends at its
period's last day.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .rules import last_days


def decimal_year(dates: pd.Series | np.ndarray) -> np.ndarray:
    """Dates as fractional years (2025.0 is 1 Jan 2025); NaN where missing."""
    days = np.asarray(dates, dtype="datetime64[D]")
    years = days.astype("datetime64[Y]")
    start = years.astype("datetime64[D]")
    length = (years + 1).astype("datetime64[D]") - start
    with np.errstate(invalid="ignore"):
        out = years.astype(float) + 1970 + (days - start).astype(float) / length.astype(float)
    out[np.isnat(days)] = np.nan
    return out


def span(
    first: pd.Series | np.ndarray, precision: pd.Series | np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(first day, last day) of each date at its precision; NaT where undated."""
    days = np.asarray(first).astype("datetime64[D]")
    if isinstance(precision, pd.Series):
        precision = precision.array
    codes = np.asarray(precision.codes if isinstance(precision, pd.Categorical) else precision)
    dated = ~np.isnat(days)
    last = days.copy()
    last[dated] = last_days(days[dated], codes[dated])
    return days, last


def middle(first: pd.Series | np.ndarray, precision: pd.Series | np.ndarray) -> np.ndarray:
    """The middle of each date's span, as a fractional year."""
    days, last = span(first, precision)
    return decimal_year(days + (last - days) // 2)


def end(first: pd.Series | np.ndarray, precision: pd.Series | np.ndarray) -> np.ndarray:
    """Just after the last day of each date's span, as a fractional year."""
    return decimal_year(span(first, precision)[1] + 1)


def said_order(claims: pd.DataFrame, at: np.ndarray | None = None) -> np.ndarray:
    """When each claim was said (`said_at`), with undated claims before every
    dated one: the order in which a claimant's figures succeed each other.
    Of the claims at positions `at` only, if given."""
    said = claims["said_at"].to_numpy(dtype=float)
    if at is not None:
        said = said[at]
    return np.where(np.isnan(said), -np.inf, said)


def about_when(claims: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(start, end) in fractional years of the time each claim is about."""
    as_of = middle(claims["as_of"], claims["as_of_precision"])
    said = middle(claims["stated_on"], claims["stated_on_precision"])
    start = decimal_year(claims["period_start"].to_numpy())
    stop = end(claims["period_end"], claims["period_end_precision"])
    has_period = ~np.isnan(start)
    x0 = np.where(~np.isnan(as_of), as_of, np.where(has_period, start, said))
    x1 = np.where(~np.isnan(as_of), as_of, np.where(has_period & ~np.isnan(stop), stop, x0))
    return x0, x1


def about_span(claims: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """`about_when`, read from the claims table's `about_at` and `about_end`
    (computed once per load) where it has them."""
    if "about_at" in claims and "about_end" in claims:
        return (claims["about_at"].to_numpy(dtype=float),
                claims["about_end"].to_numpy(dtype=float))  # fmt: skip
    return about_when(claims)
