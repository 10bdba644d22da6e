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

A sum and its whole are compared at the same time only: the two figures'
times together may span at most `arithmetic_window_days` (31, a calendar
month; `tolerances.py`). A figure whose own time is wider, such as one dated
only to its year, is compared with nothing: the lawmaker's "400 + 3,600" of
2025 says nothing against the UK MoD's June 2025 figure. A wider window
also matches times that do not overlap (March with April at 61 days). Every
finding says how far apart its figures stand ("the same month", "2 months
apart").
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .formatting import claim_number, is_derived, number
from .intervals import NO_DAY as _NO_DAY
from .intervals import figure_times, intervals_of
from .relations import Relation, relations
from .table import plain_values
from .timeline import said_order
from .tolerances import DEFAULT, Tolerances

#: Months a time is spread over to find the times it overlaps; a longer
#: period is matched on its first this many months.
MONTHS_MATCHED = 120


@dataclass(frozen=True)
class Finding:
    """A derived figure (or a part) set against a claim about the whole."""

    consistent: bool
    #: Positions in the claims frame: the inputs, then the claim compared with.
    claims: tuple[int, ...]
    text: str
    #: Neither: a claim the arithmetic does not compare, and why (`text`).
    uncompared: bool = False


@dataclass(frozen=True)
class _Chunk:
    """Comparisons as matrices: row r sets item `rows[r]` against the totals
    `totals[r, :]` (positions in the claims frame) where `valid`."""

    rows: np.ndarray
    totals: np.ndarray
    valid: np.ndarray
    consistent: np.ndarray


@dataclass
class _Block:
    """One relation's comparisons. Each item is a derived figure (its
    `inputs`, a row of positions) or, for `parts`, one part claim; each
    comparison sets an item against a claim about the whole. They are kept
    as matrices and made a list of pairs only when worded."""

    relation: Relation
    parts: bool  # items are part claims (only those above their whole are kept)
    inputs: np.ndarray  # (items, inputs) positions in the claims frame
    lo: np.ndarray  # per item
    hi: np.ndarray
    best: np.ndarray
    chunks: list[_Chunk]
    _pairs: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None

    @property
    def count(self) -> int:
        return sum(int(c.valid.sum()) for c in self.chunks)

    @property
    def inconsistent(self) -> int:
        return sum(int((c.valid & ~c.consistent).sum()) for c in self.chunks)

    def pairs(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(item, other, consistent) per comparison."""
        if self._pairs is None:
            found = [(c.rows[i], c.totals[i, j], c.consistent[i, j])
                     for c in self.chunks for i, j in [np.nonzero(c.valid)]]  # fmt: skip
            self._pairs = tuple(np.concatenate([f[k] for f in found]) if found else  # type: ignore[assignment]
                                np.zeros(0, dtype=bool if k == 2 else np.int64) for k in range(3))
        return self._pairs  # type: ignore[return-value]


@dataclass
class _Columns:
    """The columns the arithmetic reads, as arrays, for the claims at
    `positions` of the frame only (those of quantities in a relation)."""

    positions: np.ndarray
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
    #: Its time is no wider than the window (or it stands for a period).
    timely: np.ndarray | None = None

    def rows_of(self, quantity: str, any_time: bool = False) -> np.ndarray:
        """Indexes (into these arrays) of the usable claims about `quantity`:
        those whose time fits the window, unless `any_time` (a factor, such
        as the shells a container holds, is not a figure of a time)."""
        if quantity not in self.quantities:
            return np.zeros(0, dtype=np.int64)
        usable = self.usable if any_time or self.timely is None else self.usable & self.timely
        return np.flatnonzero((self.quantity == self.quantities.index(quantity)) & usable)


def columns_of(claims: pd.DataFrame, tolerances: Tolerances = DEFAULT,
               wanted: set[str] | None = None) -> _Columns:  # fmt: skip
    """The columns of the claims about the `wanted` quantities (all when None)."""
    codes = np.asarray(claims["quantity"].array.codes).astype(np.int64)
    names = list(claims["quantity"].cat.categories)
    if wanted is None:
        at = np.arange(len(claims))
    else:
        keep = np.zeros(len(names) + 1, dtype=bool)  # the last entry: no quantity (code -1)
        keep[[names.index(q) for q in wanted if q in names]] = True
        at = np.flatnonzero(keep[codes])
    lo, hi, _ = intervals_of(claims, tolerances)
    first, last, per_period = figure_times(claims, at)
    best = claims["best"].array.take(at).to_numpy(dtype=float, na_value=np.nan)
    # A time wider than the window is compared with nothing (a year-dated figure).
    window = tolerances.arithmetic_window_days
    usable = ~np.isnan(lo[at]) & ~np.isnan(hi[at]) & (first != _NO_DAY)
    timely = per_period | (last - first + 1 <= window)
    origin = np.asarray(claims["origin"].array.codes)[at].astype(np.int64)
    return _Columns(at, lo[at], hi[at], best, codes[at], names, origin,
                    said_order(claims, at), first, last, per_period, usable, timely)  # fmt: skip



def _sums(relation: Relation, cols: _Columns) -> tuple[np.ndarray, ...]:
    """(inputs, lo, hi, best): one origin's latest figure for each part at
    one time, added up."""
    shared: np.ndarray | None = None
    chosen: list[tuple[np.ndarray, np.ndarray]] = []
    for part in relation.parts:
        rows = cols.rows_of(part)
        key = _time_key(cols.origin[rows], cols.first[rows], cols.last[rows])
        # By key, then when said (two stable sorts: quicker than a lexsort).
        by_said = np.argsort(cols.said[rows], kind="stable")
        order = by_said[np.argsort(key[by_said], kind="stable")]
        last = np.r_[key[order][1:] != key[order][:-1], True] if len(order) else order.astype(bool)
        chosen.append((key[order][last], rows[order][last]))  # sorted by key, unique
        shared = chosen[-1][0] if shared is None else np.intersect1d(shared, chosen[-1][0])
    keys = shared if shared is not None else np.zeros(0, dtype=np.int64)
    inputs = np.stack([picked[np.searchsorted(k, keys)] for k, picked in chosen], axis=1) \
        if len(chosen) else np.zeros((0, 0), dtype=np.int64)  # fmt: skip
    return (inputs, cols.lo[inputs].sum(axis=1), cols.hi[inputs].sum(axis=1),
            cols.best[inputs].sum(axis=1))  # fmt: skip


def _conversions(relation: Relation, cols: _Columns) -> tuple[np.ndarray, ...]:
    """(inputs, lo, hi, best): each figure of the quantity converted from,
    times each factor claim; those open at both ends say nothing and go."""
    sources = cols.rows_of(relation.parts[0])
    factors = cols.rows_of(relation.factor or "", any_time=True)
    inputs = np.stack([np.repeat(sources, len(factors)), np.tile(factors, len(sources))], axis=1)
    x, f = inputs[:, 0], inputs[:, 1]
    with np.errstate(invalid="ignore"):
        lo, hi, best = cols.lo[x] * cols.lo[f], cols.hi[x] * cols.hi[f], cols.best[x] * cols.best[f]
    useful = ~((lo <= 0) & np.isinf(hi))
    return inputs[useful], lo[useful], hi[useful], best[useful]


def _time_key(origin: np.ndarray, first: np.ndarray, last: np.ndarray) -> np.ndarray:
    """One integer per (origin, first day, last day)."""
    base = first + (1 << 20)  # days from about 900 to 4800: positive
    length = np.clip(last - first, 0, (1 << 21) - 1)
    return (origin << 42) | (base << 21) | length


class Consistency:
    """The arithmetic over a record: derived figures and their comparisons,
    computed as arrays; a finding is worded only when asked for."""

    def __init__(self, claims: pd.DataFrame, quantities: pd.DataFrame,
                 tolerances: Tolerances = DEFAULT) -> None:  # fmt: skip
        self.claims = claims
        declared = relations(quantities)
        wanted = {q for r in declared for q in (r.total, *r.parts, r.factor) if q}
        cols = self.cols = columns_of(claims, tolerances, wanted)
        self.window = tolerances.arithmetic_window_days
        self.blocks: list[_Block] = []
        for relation in declared:
            totals = cols.rows_of(relation.total)
            if not len(totals):
                continue
            wholes = _Wholes(totals, cols, max(0, self.window - 31))
            inputs, lo, hi, best = (_conversions if relation.factor else _sums)(relation, cols)
            # A derived figure stands at the time of its first input (the parts
            # share theirs; a conversion's is that of the count converted).
            self._compare(relation, False, inputs, lo, hi, best, wholes)
            if not relation.factor:
                for part in relation.parts:
                    rows = cols.rows_of(part)
                    self._compare(relation, True, rows[:, None], cols.lo[rows], cols.hi[rows],
                                  cols.best[rows], wholes)  # fmt: skip

    def _compare(self, relation: Relation, parts: bool, inputs: np.ndarray, lo: np.ndarray,
                 hi: np.ndarray, best: np.ndarray, wholes: _Wholes) -> None:  # fmt: skip
        cols = self.cols
        if not len(inputs):
            return
        chunks = []
        at = cols.positions  # kept as positions in the claims frame
        for rows, index, valid in wholes.matches(inputs[:, 0], above_only=parts):
            other = wholes.totals[index]
            # The same time only: the two times together within the window.
            item = inputs[rows, 0][:, None]
            spread = np.maximum(cols.last[item], cols.last[other]) - np.minimum(
                cols.first[item], cols.first[other]) + 1
            valid = valid & (cols.per_period[item] | (spread <= self.window))
            if parts:  # a part is only ever kept when it is above its whole
                consistent = np.zeros(valid.shape, dtype=bool)
            else:
                consistent = ~((cols.lo[other] > hi[rows][:, None])
                               | (cols.hi[other] < lo[rows][:, None]))  # fmt: skip
            chunks.append(_Chunk(rows, at[other], valid, consistent))
        self.blocks.append(_Block(relation, parts, at[inputs], lo, hi, best, chunks))

    @property
    def comparisons(self) -> int:
        return sum(b.count for b in self.blocks)

    @property
    def inconsistencies(self) -> int:
        return sum(b.inconsistent for b in self.blocks)

    def findings(self, *, inconsistent_only: bool = False, involving: int | None = None,
                 limit: int | None = None) -> list[Finding]:  # fmt: skip
        """The comparisons worded, in the order of the relations (the first
        `limit` of them)."""
        chosen_items: list[tuple[_Block, int, int, bool]] = []
        for block in self.blocks:
            item, other, consistent = block.pairs()
            chosen = np.arange(len(item))
            if inconsistent_only:
                chosen = chosen[~consistent[chosen]]
            if involving is not None:
                mine = (block.inputs[item[chosen]] == involving).any(axis=1)
                chosen = chosen[mine | (other[chosen] == involving)]
            if limit is not None:
                chosen = chosen[: max(limit - len(chosen_items), 0)]
            chosen_items += [(block, int(item[k]), int(other[k]), bool(consistent[k]))
                             for k in chosen.tolist()]  # fmt: skip
        # Only the claims worded are read, in one take per field.
        needed = {p for block, i, other, _ in chosen_items
                  for p in (*block.inputs[i].tolist(), other)}  # fmt: skip
        words = _Words(self.claims, np.array(sorted(needed), dtype=np.int64))
        return [self._finding(block, i, other, ok, words) for block, i, other, ok in chosen_items]

    def _finding(self, block: _Block, i: int, other: int, ok: bool, words: _Words) -> Finding:
        inputs = [int(x) for x in block.inputs[i]]
        if block.parts:
            text = (f"{words.figure(inputs[0], who=True)} is more than "
                    f"{words.figure(other, who=True)}, which includes it")  # fmt: skip
            text += f" ({self.apart(inputs[0], other)})"
        else:
            if block.relation.factor:
                x, f = inputs
                derived = (f"{words.figure(x)} {words.who(x)} \u00d7 {words.figure(f)} "
                           f"{words.who(f)}")  # fmt: skip
            else:
                derived = " + ".join(words.figure(p) for p in inputs) + f" {words.who(inputs[0])}"
            verdict = "consistent" if ok else "inconsistent"
            text = (f"{derived} = {_interval(float(block.lo[i]), float(block.hi[i]), float(block.best[i]))}"
                    f", {verdict} with {words.figure(other, who=True)}")  # fmt: skip
            text += f" ({self.apart(inputs[0], other)})"
        return Finding(ok, (*inputs, other), text)

    def apart(self, a: int, b: int) -> str:
        """How far apart the times of the claims at frame positions `a` and
        `b` stand: 'the same month', 'the same period', '2 months apart'."""
        cols = self.cols
        i, j = np.searchsorted(cols.positions, [a, b])
        if cols.first[i] == cols.first[j] and cols.last[i] == cols.last[j]:
            return "the same period" if cols.per_period[i] else "the same month"
        days = abs(int(cols.first[i]) + int(cols.last[i]) - int(cols.first[j]) - int(cols.last[j])) / 2
        months = round(days / 30.44)
        if months < 1:
            return f"{int(days)} day{'s' if int(days) != 1 else ''} apart"
        return f"{months} month{'s' if months != 1 else ''} apart"


def findings(claims: pd.DataFrame, quantities: pd.DataFrame,
             tolerances: Tolerances = DEFAULT) -> list[Finding]:  # fmt: skip
    """Every derived figure against the claims about its whole, and every
    part above its whole: consistent and inconsistent alike, worded."""
    return Consistency(claims, quantities, tolerances).findings()


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
    kept = quantities[quantities.index.isin([r.total for r in mine])]
    arithmetic = Consistency(claims, kept, tolerances)
    cols = arithmetic.cols
    at = int(np.searchsorted(cols.positions, position))
    if (at < len(cols.positions) and cols.positions[at] == position and cols.usable[at]
            and cols.timely is not None and not cols.timely[at]
            and any(quantity == r.total or (quantity in r.parts and not r.factor) for r in mine)):
        days = int(cols.last[at] - cols.first[at] + 1)
        window = tolerances.arithmetic_window_days
        return [Finding(True, (position,), (
            f"its time spans {days:,} days, more than the "
            f"{window}-day window a sum and its whole must share (tolerances.yaml: "
            "arithmetic_window_days)"), uncompared=True)]  # fmt: skip
    return arithmetic.findings(involving=position)


class _Wholes:
    """The claims about a relation's whole (`totals`, indexes into the
    columns), indexed once to be matched with many items: for each item
    (whose time is that of the claim at `at[item]`) and each origin, that
    origin's latest total about the same time. A point time is whole months
    (`intervals.figure_times`), so months overlapping is times overlapping; a
    per-period time matches the same period only.

    Points go through a dense (month, origin) table of each origin's latest
    total, so that many claims about the same months cost no pair explosion."""

    def __init__(self, totals: np.ndarray, cols: _Columns, extra: int = 0) -> None:
        self.totals, self.cols = totals, cols
        #: Days an item's time is widened by to be matched (a window wider than a month).
        self.extra = extra
        n = self.n = len(totals)
        rank = np.empty(n, dtype=np.int64)  # the totals in the order said
        rank[np.argsort(cols.said[totals], kind="stable")] = np.arange(n)
        origin = cols.origin[totals] + 1  # 0: no origin
        origins = int(origin.max(initial=0)) + 1
        # Points: each (month, origin)'s latest total, as rank * n + index (-1: none).
        points = np.flatnonzero(~cols.per_period[totals])
        self.table = np.full((0, origins), -1, dtype=np.int64)
        self.low = 0
        if len(points):
            month, index = _months(cols.first[totals[points]], cols.last[totals[points]])
            index = points[index]
            self.low = int(month.min())
            width = int(month.max()) - self.low + 1
            flat = np.full(width * origins, -1, dtype=np.int64)
            np.maximum.at(flat, (month - self.low) * origins + origin[index], rank[index] * n + index)
            self.table = flat.reshape(width, origins)
        # Each (calendar year, origin)'s latest: a date known to its year
        # covers twelve months, and such dates are common.
        first_year = self.low // 12
        pad_before = self.low - first_year * 12
        months = pad_before + len(self.table)
        padded = np.full((-(-months // 12) * 12, origins), -1, dtype=np.int64)
        padded[pad_before:months] = self.table
        self.yearly = padded.reshape(-1, 12, origins).max(axis=1)
        self.first_year = first_year
        self._high: np.ndarray | None = None
        # Periods: each (origin, period)'s latest total, sorted by period.
        periods = np.flatnonzero(cols.per_period[totals])
        key = _time_key(origin[periods], cols.first[totals[periods]], cols.last[totals[periods]])
        order = np.lexsort((rank[periods], key))
        last = np.r_[key[order][1:] != key[order][:-1], True] if len(order) else order.astype(bool)
        period = key[order][last] & ((1 << 42) - 1)  # the key without its origin
        by_period = np.argsort(period, kind="stable")
        self.period, self.period_latest = period[by_period], periods[order][last][by_period]

    @property
    def high(self) -> np.ndarray:
        """The (month, origin) table's totals' high ends (inf: none)."""
        if self._high is None:
            t = self.table
            self._high = np.where(t >= 0, self.cols.hi[self.totals[t % max(self.n, 1)]], np.inf)
        return self._high

    def matches(self, at: np.ndarray,
                above_only: bool = False) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:  # fmt: skip
        """(rows, index, valid) chunks: item `rows[r]` against the totals
        `totals[index[r, :]]` where `valid`; with `above_only`, valid only
        where the item's low end is above the total's high end."""
        return self._points(at, above_only) + self._periods(at, above_only)

    def _points(self, at: np.ndarray, above_only: bool) -> list:
        cols, n, table = self.cols, self.n, self.table
        items = np.flatnonzero(~cols.per_period[at])
        width = len(table)
        if not len(items) or not width:
            return []
        first, last = cols.first[at[items]] - self.extra, cols.last[at[items]] + self.extra
        m0 = _month_of(first) - self.low
        m1 = _month_of(last) - self.low
        # Most items stand in one month: their row of the table is the answer.
        single = (m0 == m1) & (m0 >= 0) & (m0 < width)
        one, month = items[single], m0[single]
        codes = table[month]
        valid = (cols.lo[at[one]][:, None] > self.high[month]) if above_only else codes >= 0
        found = [(one, codes % max(n, 1), valid)]
        # A calendar year: the yearly table's row.
        start = m0 + self.low  # months since 1970
        year = (m1 - m0 == 11) & (start % 12 == 0)
        y = start[year] // 12 - self.first_year
        inside = (y >= 0) & (y < len(self.yearly))
        whole, y = items[year][inside], y[inside]
        latest = self.yearly[y]
        valid = latest >= 0
        index = np.where(valid, latest % max(n, 1), 0)
        if above_only:
            valid &= cols.lo[at[whole]][:, None] > cols.hi[self.totals[index]]
        found.append((whole, index, valid))
        # The others: each origin's latest over the months they cover.
        spread = (m0 != m1) & ~year
        many = items[spread]
        if len(many):
            i_month, i_index = _months(first[spread], last[spread])
            inside = (i_month >= self.low) & (i_month < self.low + width)
            i_month, i_index = i_month[inside] - self.low, many[i_index[inside]]
            if len(i_index):
                starts = np.flatnonzero(np.r_[True, i_index[1:] != i_index[:-1]])  # by item
                latest = np.maximum.reduceat(table[i_month], starts, axis=0)
                valid = latest >= 0
                index = np.where(valid, latest % max(n, 1), 0)
                if above_only:
                    valid &= cols.lo[at[i_index[starts]]][:, None] > cols.hi[self.totals[index]]
                found.append((i_index[starts], index, valid))
        return found

    def _periods(self, at: np.ndarray, above_only: bool) -> list:
        cols = self.cols
        items = np.flatnonzero(cols.per_period[at])
        if not len(items) or not len(self.period):
            return []
        wanted = _time_key(np.zeros(len(items), dtype=np.int64), cols.first[at[items]],
                           cols.last[at[items]])  # fmt: skip
        lo = np.searchsorted(self.period, wanted, side="left")
        hi = np.searchsorted(self.period, wanted, side="right")
        counts = hi - lo
        item = np.repeat(items, counts)
        offset = np.arange(int(counts.sum())) - np.repeat(np.r_[0, np.cumsum(counts)[:-1]], counts)
        index = self.period_latest[np.repeat(lo, counts) + offset][:, None]
        valid = np.ones(index.shape, dtype=bool)
        if above_only:
            valid &= cols.lo[at[item]][:, None] > cols.hi[self.totals[index]]
        return [(item, index, valid)]


def _month_of(days: np.ndarray) -> np.ndarray:
    return days.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)


def _months(first: np.ndarray, last: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(month, item) for every month each item's time covers (at most
    MONTHS_MATCHED of them)."""
    m0 = first.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
    m1 = last.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
    width = np.clip(m1 - m0 + 1, 1, MONTHS_MATCHED)
    item = np.repeat(np.arange(len(first)), width)
    offset = np.arange(int(width.sum())) - np.repeat(np.r_[0, np.cumsum(width)[:-1]], width)
    return np.repeat(m0, width) + offset, item


class _Words:
    """The claims at `positions`, worded for findings: their fields read once
    into plain arrays (a pandas row per figure, or every row of 100,000,
    would cost more than all the arithmetic)."""

    FIELDS = ("id", "qualifier", "value", "low", "high", "unit", "inferred", "quantity_short",
              "claimant_short", "as_of", "as_of_precision", "period_start",
              "period_start_precision", "period_end", "period_end_precision", "stated_on",
              "stated_on_precision")  # fmt: skip

    def __init__(self, claims: pd.DataFrame, positions: np.ndarray) -> None:
        self.place = {int(p): k for k, p in enumerate(positions)}
        self._values = {name: plain_values(claims[name].array.take(positions))
                        for name in self.FIELDS}  # fmt: skip

    def row(self, i: int) -> dict:
        k = self.place[int(i)]
        return {name: self._values[name][k] for name in self.FIELDS}

    def figure(self, i: int, who: bool = False) -> str:
        """'about 400 killed', 'about 6,700 containers'; with the claimant,
        time and claim id when `who`."""
        from .formatting import unit_text

        row = self.row(i)
        text = claim_number(row["qualifier"], row["value"], row["low"], row["high"],
                            unit=row["unit"], derived=is_derived(row["inferred"]))  # fmt: skip
        if not unit_text(row["unit"]) and isinstance(row["quantity_short"], str):
            text = f"{text} {row['quantity_short']}"  # soldiers: say which
        return f"{text} {self.who(i, with_id=True)}" if who else text

    def who(self, i: int, with_id: bool = False) -> str:
        """'(KR lawmaker, 2025)': whose figure, about when; with its claim id."""
        from .formatting import about, partial_date

        row = self.row(i)
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
