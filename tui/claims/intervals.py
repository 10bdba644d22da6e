"""Each claim as an interval of values, and the time it can be compared at.

A worded number stands for a set of values: `exact` a point with a small
tolerance, `about` a band, `at least`/`more than` a lower bound open upwards,
`up to`/`fewer than` an upper bound down to zero, `nearly` the band just under
its figure, a range its ends, and a vague word its conventional span with
soft edges: it reaches `vague_edge` (15%) beyond each end, so "several
hundred" (200-999) is 170-1,149 and does not contradict "more than 1,000"
(see `tolerances.py`). Two figures disagree when their intervals do not meet.

Figures are compared only when they are about the same time:

- a stock (a level, a casualty toll) and a cumulative flow (a running total)
  at the calendar month of their date: `as_of`, else the end of the period,
  else when it was said;
- a per-period flow (a wave, a year's supply) for exactly the same period,
  counted in months from its start to its end.

A figure of one part of its quantity (its `extent`: one engagement, unit,
region, place or stretch of time) is compared only with figures of the same
part (`compare_groups`), and one about an engagement or a stretch of time is
an amount within its period: it is placed at its period, as a per-period
flow is (`per_period`).

A date known only to its year is too coarse to compare at a month, and a
figure with no date cannot be compared: such claims get no slot (-1).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .dates import PRECISIONS
from .schema import LOWER_BOUND_QUALIFIERS, PERIOD_EXTENTS, UPPER_BOUND_QUALIFIERS
from .timeline import span
from .tolerances import DEFAULT, Tolerances

_YEAR = PRECISIONS.index("year")
#: A slot is start month * _SPAN + end month (months since 1970).
_SPAN = 100_000


def claim_intervals(
    claims: pd.DataFrame, tolerances: Tolerances = DEFAULT
) -> tuple[np.ndarray, np.ndarray]:
    """(low, high) of the values each claim allows; NaN where it has none.

    Worked per qualifier (a few categories), through the categorical codes:
    no string is compared per claim."""
    qualifier = claims["qualifier"]
    if isinstance(qualifier.dtype, pd.CategoricalDtype):
        codes = np.asarray(qualifier.cat.codes, dtype=np.int64)
        words = [str(w) for w in qualifier.cat.categories]
    else:  # a frame built by hand
        codes, uniques = pd.factorize(qualifier.astype(object), use_na_sentinel=True)
        words = [str(w) for w in uniques]
    codes = np.where(codes < 0, len(words), codes)
    value = claims["value"].to_numpy(dtype=float, na_value=np.nan)
    low_given = claims["low"].to_numpy(dtype=float, na_value=np.nan)
    high_given = claims["high"].to_numpy(dtype=float, na_value=np.nan)
    # Per qualifier (and a last entry for none): how its interval is made, and
    # the shares of the value its ends are (bands) or its fixed ends (vague).
    e, a, n = tolerances.exact, tolerances.about, tolerances.nearly
    vague = {word: (low, high) for word, low, high in tolerances.vague}
    kinds = np.zeros(len(words) + 1, dtype=np.int8)  # 0: no interval
    low_end = np.full(len(words) + 1, np.nan)
    high_end = np.full(len(words) + 1, np.nan)
    shares = {"exact": (1 - e, 1 + e), "about": (1 - a, 1 + a), "nearly": (1 - n, 1.0)}
    for code, word in enumerate(words):
        if word in shares:
            kinds[code], (low_end[code], high_end[code]) = _BAND, shares[word]
        elif word in LOWER_BOUND_QUALIFIERS:
            kinds[code] = _LOWER
        elif word in UPPER_BOUND_QUALIFIERS:
            kinds[code] = _UPPER
        elif word == "range":
            kinds[code] = _RANGE
        elif word in vague:
            low, high = vague[word]
            soft = tolerances.vague_edge
            kinds[code], low_end[code], high_end[code] = _VAGUE, low * (1 - soft), high * (1 + soft)
    kind = kinds[codes]  # code -1 reads the last entry: no interval
    lo = np.where(kind == _BAND, value * low_end[codes], low_end[codes])
    hi = np.where(kind == _BAND, value * high_end[codes], high_end[codes])
    bound_low = np.where(np.isnan(value), low_given, value)
    bound_high = np.where(np.isnan(value), high_given, value)
    lo = np.where(kind == _LOWER, bound_low, np.where(kind == _UPPER, 0.0, lo))
    hi = np.where(kind == _LOWER, np.inf, np.where(kind == _UPPER, bound_high, hi))
    lo = np.where(kind == _RANGE, low_given, lo)
    hi = np.where(kind == _RANGE, high_given, hi)
    return lo, hi


_BAND, _LOWER, _UPPER, _RANGE, _VAGUE = 1, 2, 3, 4, 5


#: The first day of every month from 1900 to 2200, as days since 1970: a day
#: is placed in its month by a binary search, far quicker than numpy's
#: calendar conversion of datetime64 (this runs on every filter change).
_MONTH_STARTS = (
    np.arange(np.datetime64("1900-01"), np.datetime64("2201-01"), dtype="datetime64[M]")
    .astype("datetime64[D]")
    .astype(np.int64)
)
_FIRST_MONTH = (1900 - 1970) * 12
#: The month (since Jan 1970) of every day from 1900 to 2200, indexed by the
#: day's distance from 1 Jan 1900: placing a day is one lookup.
_MONTH_OF_DAY = np.repeat(np.arange(len(_MONTH_STARTS) - 1, dtype=np.int64) + _FIRST_MONTH,
                          np.diff(_MONTH_STARTS))  # fmt: skip
_NAT = np.iinfo(np.int64).min


def month_index(dates: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(months since Jan 1970 of each date's first day, whether it is given)."""
    raw = dates.to_numpy()
    if raw.dtype != "datetime64[s]":
        raw = raw.astype("datetime64[s]")
    seconds = raw.view(np.int64)
    given = seconds != _NAT
    days = seconds // 86_400 - _MONTH_STARTS[0]  # NaT: far below 0, clipped below
    outside = given & ((days < 0) | (days >= len(_MONTH_OF_DAY)))
    np.clip(days, 0, len(_MONTH_OF_DAY) - 1, out=days)
    months = _MONTH_OF_DAY[days]
    if outside.any():  # before 1900 or after 2200: numpy's calendar
        months[outside] = raw[outside].astype("datetime64[M]").astype(np.int64)
    months[~given] = -1
    return months, given


def _is(column: pd.Series, value: str) -> np.ndarray:
    return (column == value).to_numpy(dtype=bool, na_value=False)


def per_period(claims: pd.DataFrame) -> np.ndarray:
    """Per claim: whether its figure is an amount within its period, compared
    only for the same period: a per-period quantity's, and a part of any
    quantity that is one engagement or one stretch of time (`PERIOD_EXTENTS`)
    when the claim gives its period."""
    per = _is(claims["scope"], "per period") if "scope" in claims else np.zeros(len(claims), bool)
    if "extent" in claims and isinstance(claims["extent"].dtype, pd.CategoricalDtype):
        extent = claims["extent"]
        kinds = np.array([str(c) in PERIOD_EXTENTS for c in extent.cat.categories] + [False])
        part = kinds[np.asarray(extent.cat.codes)]
        if part.any():
            dated = ~(np.isnat(claims["period_start"].to_numpy())
                      & np.isnat(claims["period_end"].to_numpy()))  # fmt: skip
            per = per | (part & dated)
    return per


def compare_groups(claims: pd.DataFrame) -> np.ndarray:
    """Per claim: one int64 for (quantity, part), -1 for a claim that counts
    nothing. Figures are compared, and revise each other, only within one
    group: the whole of a quantity with the whole, a part with the same part
    (the same extent and extent_note, the table's `part`). For a record of
    totals only it is the quantity's code."""
    quantity = np.asarray(claims["quantity"].array.codes, dtype=np.int64)
    if "part" not in claims:
        return quantity
    part = np.asarray(claims["part"].array.codes, dtype=np.int64) + 1  # 0: the whole
    parts = int(part.max(initial=0)) + 1
    return np.where(quantity >= 0, quantity * parts + part, -1)


def time_slots(claims: pd.DataFrame) -> np.ndarray:
    """The time each claim can be compared at (see the module), -1 for none."""
    n = len(claims)
    slots = np.full(n, -1, dtype=np.int64)
    if n == 0:
        return slots
    stock, flow = _is(claims["measure"], "stock"), _is(claims["measure"], "flow")
    period = per_period(claims)
    # A part that is one engagement or stretch of time is an amount within
    # its period, whatever its quantity measures.
    flow = flow | (period & stock)
    stock = stock & ~period

    def dated(name: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Months of each date's first and last day, whether it is given, and
        whether it is finer than a year."""
        first, given = month_index(claims[name])
        year = np.asarray(claims[f"{name}_precision"].cat.codes) == _YEAR
        return first, np.where(year, first + 11, first), given, given & ~year

    as_of, _, has_as_of, fine_as_of = dated("as_of")
    said, _, _, fine_said = dated("stated_on")
    s_first, s_last, has_s, _ = dated("period_start")
    e_first, e_last, has_e, fine_e = dated("period_end")

    # Levels and running totals: the month of their date, the first date given
    # deciding (a year-precision as_of does not fall back to when it was said).
    at = stock | (flow & ~period)
    point = np.where(has_as_of, np.where(fine_as_of, as_of, -1),
                     np.where(has_e, np.where(fine_e, e_last, -1),
                              np.where(fine_said, said, -1)))  # fmt: skip
    known = at & (point >= 0)
    slots[known] = point[known] * _SPAN + point[known]

    # Per-period flows: the months their period runs from and to. A period given
    # by one end only is that end's span; one dated to a year runs Jan to Dec.
    per = flow & period & (has_s | has_e)
    begin = np.where(has_s, s_first, e_first)
    finish = np.where(has_e, e_last, s_last)
    slots[per] = begin[per] * _SPAN + finish[per]
    return slots


#: Columns `with_intervals` adds: the per-claim facts the analysis reads on
#: every filter change, computed once per record.
COLUMNS = ("interval_lo", "interval_hi", "slot")


def with_intervals(claims: pd.DataFrame, tolerances: Tolerances = DEFAULT) -> pd.DataFrame:
    """The claims with their intervals, time slots and the days their
    figures stand at (`time_spans`) as columns."""
    lo, hi = claim_intervals(claims, tolerances)
    first, last, per = time_spans(claims)
    return claims.assign(interval_lo=lo, interval_hi=hi, slot=time_slots(claims),
                         time_first=first, time_last=last, time_per_period=per)  # fmt: skip


def figure_times(claims: pd.DataFrame, at: np.ndarray | None = None
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # fmt: skip
    """`time_spans` of the claims at positions `at` (all when None): read
    from the columns `with_intervals` made, else computed now."""
    if "time_first" in claims:
        columns = (claims["time_first"].to_numpy(), claims["time_last"].to_numpy(),
                   claims["time_per_period"].to_numpy(dtype=bool))  # fmt: skip
        return columns if at is None else tuple(c[at] for c in columns)  # type: ignore[return-value]
    if at is not None:
        claims = claims[[c for c in _TIME_COLUMNS if c in claims]].take(at)
    return time_spans(claims)


#: No day: a time not given (days since 1970 as int64).
NO_DAY = np.iinfo(np.int64).min
#: What `time_spans` reads.
_TIME_COLUMNS = ("as_of", "as_of_precision", "period_start", "period_start_precision",
                 "period_end", "period_end_precision", "stated_on", "stated_on_precision",
                 "scope", "extent")  # fmt: skip


def time_spans(claims: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(first day, last day, per period) of the time each claim's figure
    stands at, as days since 1970. A level or a running total stands at a
    point, its as-of date, else its period's end, else when it was said,
    widened to its calendar month (a year-precision date spans its year); a
    per-period figure stands for its whole period, and is compared only with
    figures for the same period."""
    def days(name: str) -> tuple[np.ndarray, np.ndarray]:
        a, b = span(claims[name].to_numpy(), claims[f"{name}_precision"])
        return _days(a), _days(b)

    as_a, as_b = days("as_of")
    start_a, start_b = days("period_start")
    end_a, end_b = days("period_end")
    said_a, said_b = days("stated_on")
    per = per_period(claims)
    # A point: as of, else the period's end, else its start, else when said.
    first, last = as_a.copy(), as_b.copy()
    for a, b in ((end_a, end_b), (start_a, start_b), (said_a, said_b)):
        missing = first == NO_DAY
        first[missing], last[missing] = a[missing], b[missing]
    # A point is compared within its calendar month at least, as contested
    # figures are (`intervals.time_slots`); a year-precision date spans its year.
    dated = first != NO_DAY
    months = first[dated].astype("datetime64[D]").astype("datetime64[M]")
    first[dated] = months.astype("datetime64[D]").astype(np.int64)
    ends = last[dated].astype("datetime64[D]").astype("datetime64[M]") + 1
    last[dated] = ends.astype("datetime64[D]").astype(np.int64) - 1
    whole = per & (start_a != NO_DAY) & (end_a != NO_DAY)
    first[whole], last[whole] = start_a[whole], end_b[whole]
    return first, last, whole


def _days(values: np.ndarray) -> np.ndarray:
    out = values.astype("datetime64[D]").astype(np.int64)
    out[np.isnat(values)] = NO_DAY
    return out



def intervals_of(
    claims: pd.DataFrame, tolerances: Tolerances = DEFAULT
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(low, high, slot) per claim: the columns if `with_intervals` made them,
    else computed now. Only `record.prepared` makes them, with the record's
    own tolerances, which are the ones the analysis is then asked about."""
    if "slot" in claims:
        return (claims["interval_lo"].to_numpy(), claims["interval_hi"].to_numpy(),
                claims["slot"].to_numpy())  # fmt: skip
    lo, hi = claim_intervals(claims, tolerances)
    return lo, hi, time_slots(claims)


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
