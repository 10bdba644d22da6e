"""Does the arithmetic add up: figures derived through the relations of
quantities.yaml (`relations.py`), and the claims they agree or disagree with.

A **derived** figure is computed, never stored as if a claimant had said it:

- a sum: one origin's figures for every part of a quantity, about the same
  time (the same dates at the same precision), added up: "about 400 killed
  + about 3,600 wounded = 4,000 (3,400-4,600)";
- a conversion: a figure times a factor claim: "about 6,700 containers x up
  to 448 shells per container = up to 3,000,000 shells".

Qualifiers are honoured by working on the claims' intervals (`intervals.py`:
"about" a band, "at least" a lower bound, a range its ends): a sum adds the
ends, a conversion multiplies them. A derived figure is **consistent** with a
claim about the whole when their intervals meet, **inconsistent** when they
do not; it is compared with each origin's latest claim whose time overlaps
its own (a year-precision date spans its year). A part whose low end is above
a claim about its whole, at an overlapping time, is inconsistent too.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .formatting import claim_number, is_derived, number
from .intervals import intervals_of
from .relations import Relation, relations
from .timeline import said_order, span
from .tolerances import DEFAULT, Tolerances

#: Months a time is spread over to find the times it overlaps; a longer
#: period is matched on its first this many months.
MONTHS_MATCHED = 120


@dataclass(frozen=True)
class Derived:
    """A figure computed from claims through a relation."""

    relation: Relation
    lo: float
    hi: float
    best: float
    #: Positions in the claims frame of the claims it is computed from.
    inputs: tuple[int, ...]
    words: str


@dataclass(frozen=True)
class Finding:
    """A derived figure (or a part) set against a claim about the whole."""

    consistent: bool
    #: Positions in the claims frame: the inputs, then the claim compared with.
    claims: tuple[int, ...]
    text: str


@dataclass
class _Columns:
    """The claims' columns the arithmetic reads, as arrays."""

    lo: np.ndarray
    hi: np.ndarray
    best: np.ndarray
    quantity: np.ndarray  # codes
    quantities: list
    origin: np.ndarray  # codes
    said: np.ndarray
    first: np.ndarray  # the first day of the time a figure stands at (int days)
    last: np.ndarray
    per_period: np.ndarray  # it stands for a whole period, compared only with the same period
    usable: np.ndarray  # an interval and a time

    def rows_of(self, quantity: str) -> np.ndarray:
        if quantity not in self.quantities:
            return np.zeros(0, dtype=np.int64)
        return np.flatnonzero((self.quantity == self.quantities.index(quantity)) & self.usable)


def columns_of(claims: pd.DataFrame, tolerances: Tolerances = DEFAULT) -> _Columns:
    lo, hi, _ = intervals_of(claims, tolerances)
    first, last, per_period = time_spans(claims)
    best = claims["best"].to_numpy(dtype=float, na_value=np.nan)
    usable = ~np.isnan(lo) & ~np.isnan(hi) & (first != _NO_DAY)
    return _Columns(lo, hi, best, np.asarray(claims["quantity"].array.codes).astype(np.int64),
                    list(claims["quantity"].cat.categories),
                    np.asarray(claims["origin"].array.codes).astype(np.int64),
                    said_order(claims), first, last, per_period, usable)  # fmt: skip


_NO_DAY = np.iinfo(np.int64).min


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
    per = np.asarray(claims["scope"] == "per period", dtype=bool) if "scope" in claims else (
        np.zeros(len(claims), dtype=bool))  # fmt: skip
    # A point: as of, else the period's end, else its start, else when said.
    first, last = as_a.copy(), as_b.copy()
    for a, b in ((end_a, end_b), (start_a, start_b), (said_a, said_b)):
        missing = first == _NO_DAY
        first[missing], last[missing] = a[missing], b[missing]
    # A point is compared within its calendar month at least, as contested
    # figures are (`intervals.time_slots`); a year-precision date spans its year.
    dated = first != _NO_DAY
    months = first[dated].astype("datetime64[D]").astype("datetime64[M]")
    first[dated] = months.astype("datetime64[D]").astype(np.int64)
    ends = last[dated].astype("datetime64[D]").astype("datetime64[M]") + 1
    last[dated] = ends.astype("datetime64[D]").astype(np.int64) - 1
    whole = per & (start_a != _NO_DAY) & (end_a != _NO_DAY)
    first[whole], last[whole] = start_a[whole], end_b[whole]
    return first, last, whole


def _days(values: np.ndarray) -> np.ndarray:
    out = values.astype("datetime64[D]").astype(np.int64)
    out[np.isnat(values)] = _NO_DAY
    return out


def derive(claims: pd.DataFrame, relation: Relation, cols: _Columns) -> list[Derived]:
    """The figures `relation` derives from the claims (see the module)."""
    if relation.factor:
        return _conversions(claims, relation, cols)
    return _sums(claims, relation, cols)


def _sums(claims: pd.DataFrame, relation: Relation, cols: _Columns) -> list[Derived]:
    """One origin's latest figure for each part at one time, added up."""
    shared: np.ndarray | None = None
    chosen: list[dict[int, int]] = []
    for part in relation.parts:
        rows = cols.rows_of(part)
        key = _time_key(cols.origin[rows], cols.first[rows], cols.last[rows])
        order = np.lexsort((cols.said[rows], key))
        last = np.r_[key[order][1:] != key[order][:-1], True] if len(order) else order
        keys, picked = key[order][last], rows[order][last]
        chosen.append(dict(zip(keys.tolist(), picked.tolist())))
        shared = keys if shared is None else np.intersect1d(shared, keys, assume_unique=True)
    found = []
    for key in (shared.tolist() if shared is not None else []):
        inputs = tuple(c[key] for c in chosen)
        lo = float(sum(cols.lo[i] for i in inputs))
        hi = float(sum(cols.hi[i] for i in inputs))
        best = float(sum(cols.best[i] for i in inputs))
        words = (" + ".join(_figure(claims, i) for i in inputs) + f" {_who(claims, inputs[0])}"
                 f" = {_interval(lo, hi, best)}")  # fmt: skip
        found.append(Derived(relation, lo, hi, best, inputs, words))
    return found


def _conversions(claims: pd.DataFrame, relation: Relation, cols: _Columns) -> list[Derived]:
    """Each figure of the quantity converted from, times each factor claim."""
    sources, factors = cols.rows_of(relation.parts[0]), cols.rows_of(relation.factor or "")
    found = []
    for f in factors.tolist():
        for x in sources.tolist():
            lo, hi = cols.lo[x] * cols.lo[f], cols.hi[x] * cols.hi[f]
            if lo <= 0 and math.isinf(hi):  # open at both ends: says nothing
                continue
            best = cols.best[x] * cols.best[f]
            words = (f"{_figure(claims, x)} {_who(claims, x)} \u00d7 {_figure(claims, f)} "
                     f"{_who(claims, f)} = {_interval(float(lo), float(hi), float(best))}")  # fmt: skip
            found.append(Derived(relation, float(lo), float(hi), float(best), (x, f), words))
    return found


def _time_key(origin: np.ndarray, first: np.ndarray, last: np.ndarray) -> np.ndarray:
    """One integer per (origin, first day, last day)."""
    base = first + (1 << 20)  # days from about 900 to 4800: positive
    length = np.clip(last - first, 0, (1 << 21) - 1)
    return (origin << 42) | (base << 21) | length


def findings(claims: pd.DataFrame, quantities: pd.DataFrame,
             tolerances: Tolerances = DEFAULT) -> list[Finding]:  # fmt: skip
    """Every derived figure against the claims about its whole, and every
    part above its whole: consistent and inconsistent alike."""
    cols = columns_of(claims, tolerances)
    found: list[Finding] = []
    for relation in relations(quantities):
        derived = derive(claims, relation, cols)
        totals = cols.rows_of(relation.total)
        if derived and len(totals):
            # A derived figure is about the time of its first input (the parts
            # share theirs; a conversion's is the count converted).
            d_first = cols.first[[d.inputs[0] for d in derived]]
            d_last = cols.last[[d.inputs[0] for d in derived]]
            d_per = cols.per_period[[d.inputs[0] for d in derived]]
            pairs = _latest_per_origin(_overlapping(d_first, d_last, d_per, cols.first[totals],
                                                    cols.last[totals], cols.per_period[totals]),
                                       totals, cols)  # fmt: skip
            for a, b in pairs:
                d, t = derived[a], int(totals[b])
                meets = not (cols.lo[t] > d.hi or cols.hi[t] < d.lo)
                text = (f"{d.words}, {'consistent' if meets else 'inconsistent'} with "
                        f"{_figure(claims, t, who=True)}")  # fmt: skip
                found.append(Finding(meets, (*d.inputs, t), text))
        if relation.kind == "sum" and len(totals):
            for part in relation.parts:
                rows = cols.rows_of(part)
                pairs = _latest_per_origin(_overlapping(
                    cols.first[rows], cols.last[rows], cols.per_period[rows],
                    cols.first[totals], cols.last[totals], cols.per_period[totals]),
                    totals, cols)  # fmt: skip
                for a, b in pairs:
                    p, t = int(rows[a]), int(totals[b])
                    if cols.lo[p] > cols.hi[t]:
                        text = (f"{_figure(claims, p, who=True)} is more than "
                                f"{_figure(claims, t, who=True)}, which includes it")  # fmt: skip
                        found.append(Finding(False, (p, t), text))
    return found


def claim_findings(claims: pd.DataFrame, quantities: pd.DataFrame, position: int,
                   tolerances: Tolerances = DEFAULT) -> list[Finding]:  # fmt: skip
    """The findings a claim (at `position` in `claims`) takes part in: only
    the relations its quantity is in are worked out."""
    quantity = claims["quantity"].iat[position]
    if not isinstance(quantity, str):
        return []
    mine = [r for r in relations(quantities)
            if quantity == r.total or quantity in r.parts or quantity == r.factor]  # fmt: skip
    if not mine:
        return []
    involved = {q for r in mine for q in (r.total, *r.parts, r.factor) if q}
    kept = quantities[quantities.index.isin(list(involved))]
    return [f for f in findings(claims, kept, tolerances) if position in f.claims]


def _overlapping(a_first: np.ndarray, a_last: np.ndarray, a_per: np.ndarray,
                 b_first: np.ndarray, b_last: np.ndarray, b_per: np.ndarray) -> np.ndarray:
    """(i, j) pairs about the same time, found through the months they cover
    (an array of shape (n, 2)): points whose days overlap, or the same period."""
    if not len(a_first) or not len(b_first):
        return np.zeros((0, 2), dtype=np.int64)
    a_months = _explode(a_first, a_last)
    b_months = _explode(b_first, b_last)
    order = np.argsort(b_months[:, 0], kind="stable")
    b_sorted = b_months[order]
    lo = np.searchsorted(b_sorted[:, 0], a_months[:, 0], side="left")
    hi = np.searchsorted(b_sorted[:, 0], a_months[:, 0], side="right")
    counts = hi - lo
    total = int(counts.sum())
    if not total:
        return np.zeros((0, 2), dtype=np.int64)
    a_index = np.repeat(a_months[:, 1], counts)
    starts = np.repeat(lo - np.r_[0, np.cumsum(counts)[:-1]], counts)
    b_index = b_sorted[np.arange(total) + starts, 1]
    pairs = np.stack([a_index, b_index], axis=1)
    # Same months do not mean the same days: keep the pairs whose days overlap.
    i, j = pairs[:, 0], pairs[:, 1]
    keep = (a_first[i] <= b_last[j]) & (b_first[j] <= a_last[i])
    same = (a_first[i] == b_first[j]) & (a_last[i] == b_last[j])
    keep &= np.where(a_per[i] | b_per[j], same & (a_per[i] == b_per[j]), True)
    pairs = pairs[keep]
    return np.unique(pairs, axis=0) if len(pairs) else pairs


def _explode(first: np.ndarray, last: np.ndarray) -> np.ndarray:
    """(month, item) for every month each item's time covers."""
    m0 = (first.astype("datetime64[D]").astype("datetime64[M]")).astype(np.int64)
    m1 = (last.astype("datetime64[D]").astype("datetime64[M]")).astype(np.int64)
    width = np.clip(m1 - m0 + 1, 1, MONTHS_MATCHED)
    item = np.repeat(np.arange(len(first)), width)
    offset = np.arange(int(width.sum())) - np.repeat(np.r_[0, np.cumsum(width)[:-1]], width)
    return np.stack([np.repeat(m0, width) + offset, item], axis=1)


def _latest_per_origin(pairs: np.ndarray, totals: np.ndarray, cols: _Columns) -> list[tuple[int, int]]:
    """Of the (item, total) pairs, for each item and each origin of the
    totals, the origin's latest total only."""
    if not len(pairs):
        return []
    t = totals[pairs[:, 1]]
    origins = int(cols.origin.max(initial=0)) + 2
    key = pairs[:, 0] * origins + (cols.origin[t] + 1)
    order = np.lexsort((cols.said[t], key))
    last = np.r_[key[order][1:] != key[order][:-1], True]
    kept = pairs[order][last]
    return [(int(a), int(b)) for a, b in kept]


def _figure(claims: pd.DataFrame, i: int, who: bool = False) -> str:
    """'about 400 killed', 'about 6,700 containers', with the claimant and
    the time when `who`."""
    from .formatting import unit_text

    row = claims.iloc[i]
    text = claim_number(row["qualifier"], row["value"], row["low"], row["high"],
                        unit=row["unit"], derived=is_derived(row["inferred"]))  # fmt: skip
    if not unit_text(row["unit"]) and isinstance(row["quantity_short"], str):
        text = f"{text} {row['quantity_short']}"  # soldiers: say which
    if who:
        text += f" {_who(claims, i, with_id=True)}"
    return text


def _who(claims: pd.DataFrame, i: int, with_id: bool = False) -> str:
    """'(KR lawmaker, 2025)': whose figure, about when; with its claim id."""
    from .formatting import about, partial_date

    row = claims.iloc[i]
    when = about(row) or partial_date(row["stated_on"], row["stated_on_precision"]) or "undated"
    claim = f"; claim {row['id']}" if with_id else ""
    return f"({row['claimant_short']}, {when}{claim})"


def _interval(lo: float, hi: float, best: float) -> str:
    """A derived figure in words, to three significant figures (it is no more
    precise than its inputs): '4,000 (3,400-4,600)', 'up to 3,450,000'."""
    lo, hi, best = _round(lo), _round(hi), _round(best)
    if math.isinf(hi):
        return f"at least {number(lo)}"
    if lo == hi or (math.isclose(lo, best, rel_tol=0.02) and math.isclose(hi, best, rel_tol=0.02)):
        return number(best if not math.isnan(best) else lo)
    if lo <= 0:
        return f"up to {number(hi)}"
    shown = best if not math.isnan(best) else (lo + hi) / 2
    return f"{number(shown)} ({number(lo)}\u2013{number(hi)})"


def _round(x: float) -> float:
    if math.isnan(x) or math.isinf(x) or x == 0:
        return x
    return float(round(x, 2 - int(math.floor(math.log10(abs(x))))))
