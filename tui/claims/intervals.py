"""Each claim as an interval of values, and the time it can be compared at.

A worded number stands for a set of values: `exact` a point with a small
tolerance, `about` a band, `at least`/`more than` a lower bound open upwards,
`up to`/`fewer than` an upper bound down to zero, `nearly` the band just under
its figure, a range its ends, and a vague word its conventional span (see
`tolerances.py`). Two figures disagree when their intervals do not meet.

Figures are compared only when they are about the same time:

- a stock (a level, a casualty toll) and a cumulative flow (a running total)
  at the calendar month of their date: `as_of`, else the end of the period,
  else when it was said;
- a per-period flow (a wave, a year's supply) for exactly the same period,
  counted in months from its start to its end.

A date known only to its year is too coarse to compare at a month, and a
figure with no date cannot be compared: such claims get no slot (-1).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .dates import PRECISIONS
from .rules import last_days
from .schema import LOWER_BOUND_QUALIFIERS, UPPER_BOUND_QUALIFIERS
from .tolerances import DEFAULT, Tolerances

_YEAR = PRECISIONS.index("year")
#: A slot is start month * _SPAN + end month (months since 1970).
_SPAN = 100_000


def claim_intervals(
    claims: pd.DataFrame, tolerances: Tolerances = DEFAULT
) -> tuple[np.ndarray, np.ndarray]:
    """(low, high) of the values each claim allows; NaN where it has none."""
    q = claims["qualifier"].astype(object).to_numpy()
    value = claims["value"].to_numpy(dtype=float, na_value=np.nan)
    low_given = claims["low"].to_numpy(dtype=float, na_value=np.nan)
    high_given = claims["high"].to_numpy(dtype=float, na_value=np.nan)
    lo = np.full(len(q), np.nan)
    hi = np.full(len(q), np.nan)

    def where(words: set[str] | frozenset[str]) -> np.ndarray:
        return np.isin(q, list(words))

    exact, about, nearly = where({"exact"}), where({"about"}), where({"nearly"})
    lower, upper, ranged = where(LOWER_BOUND_QUALIFIERS), where(UPPER_BOUND_QUALIFIERS), where({"range"})
    e, a, n = tolerances.exact, tolerances.about, tolerances.nearly
    lo[exact], hi[exact] = value[exact] * (1 - e), value[exact] * (1 + e)
    lo[about], hi[about] = value[about] * (1 - a), value[about] * (1 + a)
    lo[nearly], hi[nearly] = value[nearly] * (1 - n), value[nearly]
    bound = np.where(np.isnan(value), low_given, value)
    lo[lower], hi[lower] = bound[lower], np.inf
    bound = np.where(np.isnan(value), high_given, value)
    lo[upper], hi[upper] = 0.0, bound[upper]
    lo[ranged], hi[ranged] = low_given[ranged], high_given[ranged]
    for word, low, high in tolerances.vague:
        hit = q == word
        lo[hit], hi[hit] = low, high
    return lo, hi


def _months(days: np.ndarray) -> np.ndarray:
    """Months since 1970 of each day (NaT gives a large negative number)."""
    return days.astype("datetime64[M]").astype(np.int64)


def time_slots(claims: pd.DataFrame) -> np.ndarray:
    """The time each claim can be compared at (see the module), -1 for none."""
    n = len(claims)
    slots = np.full(n, -1, dtype=np.int64)
    if n == 0:
        return slots
    measure = claims["measure"].astype(object).to_numpy()
    scope = claims["scope"].astype(object).to_numpy()

    def dated(name: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Months of the first and last day of each date, and whether it is given."""
        first = claims[name].to_numpy().astype("datetime64[D]")
        codes = np.asarray(claims[f"{name}_precision"].cat.codes)
        given = ~np.isnat(first)
        last = first.copy()
        last[given] = last_days(first[given], codes[given])
        return _months(first), _months(last), given, given & (codes != _YEAR)

    as_of, _, has_as_of, fine_as_of = dated("as_of")
    said, _, _, fine_said = dated("stated_on")
    s_first, s_last, has_s, _ = dated("period_start")
    e_first, e_last, has_e, fine_e = dated("period_end")

    # Levels and running totals: the month of their date, the first date given
    # deciding (a year-precision as_of does not fall back to when it was said).
    at = (measure == "stock") | ((measure == "flow") & (scope != "per period"))
    point = np.where(has_as_of, np.where(fine_as_of, as_of, -1),
                     np.where(has_e, np.where(fine_e, e_last, -1),
                              np.where(fine_said, said, -1)))  # fmt: skip
    known = at & (point >= 0)
    slots[known] = point[known] * _SPAN + point[known]

    # Per-period flows: the months their period runs from and to. A period given
    # by one end only is that end's span; one dated to a year runs Jan to Dec.
    per = (measure == "flow") & (scope == "per period") & (has_s | has_e)
    begin = np.where(has_s, s_first, e_first)
    finish = np.where(has_e, e_last, s_last)
    slots[per] = begin[per] * _SPAN + finish[per]
    return slots


def slot_label(slot: int) -> str:
    """'Jan 2025' or 'Jan 2025\u2013Mar 2025' for a slot."""
    if slot < 0:
        return ""
    start, end = divmod(int(slot), _SPAN)

    def month(m: int) -> str:
        day = np.datetime64(m, "M").astype("datetime64[D]").item()
        return day.strftime("%b %Y")

    return month(start) if start == end else f"{month(start)}\u2013{month(end)}"


def meet(lo_a: float, hi_a: float, lo_b: float, hi_b: float) -> bool:
    """Whether two intervals share a value."""
    return max(lo_a, lo_b) <= min(hi_a, hi_b)


def gap(lo_a: float, hi_a: float, lo_b: float, hi_b: float) -> float:
    """How far apart two intervals are (0 when they meet)."""
    return max(0.0, max(lo_a, lo_b) - min(hi_a, hi_b))
