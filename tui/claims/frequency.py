"""Who says what: the claims counted by claimant against a second dimension
(what they count, their category, or the month they were said), as
VisiData's frequency table does.

Every count is one `np.bincount` over the categorical codes: no loop over
claims. A claim said on a day or in a month is counted in that month; one
dated only to a year is not placed in any month but counted under "year
only", and one with no date under "undated".

Each cell also says which filter keeps its claims (`Frequency.pick`). The
one filter cannot pick out everything a cell counts: its dates keep every
claim whose date overlaps them (so a month also keeps the claims dated only
to its year, which `spill` counts), and it has no way to ask for undated
claims, year-only ones or claims that count nothing. Those cells say so
instead of filtering on something else.
"""

from __future__ import annotations

import calendar
import datetime as _dt
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from .filters import Filter
from .intervals import month_index

#: The second dimensions, in the order `tab` cycles them.
DIMENSIONS = ("quantity", "category", "month")
#: How a table names each dimension.
DIMENSION_NAMES = {"quantity": "what they count", "category": "category",
                   "month": "month said"}  # fmt: skip
YEAR_ONLY = "year only"
UNDATED = "undated"
NO_QUANTITY = "no quantity"
#: The Filter field that holds a row's or a column's value.
FIELDS = {"claimant": "claimants", "quantity": "quantities", "category": "categories"}


@dataclass(frozen=True)
class Bucket:
    """One column: its label and what it selects. A bucket with neither a
    value nor dates holds claims no filter can pick out (`why` says so)."""

    label: str
    #: A quantity id or a category: the filter's value for this column.
    value: str | None = None
    #: A month's first and last day.
    said: tuple[_dt.date, _dt.date] | None = None
    why: str = ""


@dataclass(frozen=True)
class Pick:
    """What enter on a cell asks for: the filter that keeps its claims (None
    when none can), how many they are, and what the analyst should know."""

    filter: Filter | None
    count: int
    note: str = ""


@dataclass(frozen=True, eq=False)
class Frequency:
    """Claims by claimant (rows) and one dimension (columns), in the order
    of `sort`; columns in the dimension's own order."""

    dimension: str
    #: Claimant ids and short names, one per row.
    claimants: tuple[str, ...]
    names: tuple[str, ...]
    columns: tuple[Bucket, ...]
    #: counts[row, column]: how many claims.
    counts: np.ndarray
    row_totals: np.ndarray
    column_totals: np.ndarray
    #: spill[row, column]: claims of the row dated only to the year of a
    #: month column, which a filter on that month also keeps (0 elsewhere).
    spill: np.ndarray
    #: "total", "name" or a column's position; and whether descending.
    sort: tuple[str | int, bool] = ("total", True)

    @property
    def total(self) -> int:
        return int(self.row_totals.sum())

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(bucket.label for bucket in self.columns)

    def sorted(self, by: str | int = "total", descending: bool | None = None) -> Frequency:
        """The rows ordered by their total, their name or one column's count
        (counts descending by default, names ascending); ties by total, then
        name."""
        if descending is None:
            descending = by != "name"
        names = np.array([n.casefold() for n in self.names], dtype=object)
        ids = np.array(self.claimants, dtype=object)
        if by == "name":
            # np.lexsort sorts by the last key first; strings need argsort ranks.
            rank = _ranks(names, ids)
            order = np.argsort(-rank if descending else rank, kind="stable")
        else:
            values = self.row_totals if by == "total" else self.counts[:, int(by)]
            ties = _ranks(names, ids)
            primary = -values if descending else values
            order = np.lexsort((ties, -self.row_totals, primary))
        return replace(
            self,
            claimants=tuple(self.claimants[i] for i in order),
            names=tuple(self.names[i] for i in order),
            counts=self.counts[order],
            row_totals=self.row_totals[order],
            spill=self.spill[order],
            sort=(by, bool(descending)),
        )

    def pick(self, row: int | None, column: int | None, base: Filter | None = None) -> Pick:
        """The filter keeping the claims of one cell: `row` None is the
        Total row (every claimant), `column` None the Total column (every
        column). It narrows `base`, the filter the counts were made under."""
        base = base or Filter()
        new = base
        count = self.total if row is None else int(self.row_totals[row])
        if row is not None:
            new = replace(new, claimants=frozenset({self.claimants[row]}))
        if column is None:
            return Pick(new, count)
        bucket = self.columns[column]
        count = int(self.column_totals[column] if row is None else self.counts[row, column])
        if bucket.value is not None:
            field = FIELDS[self.dimension]
            return Pick(replace(new, **{field: frozenset({bucket.value})}), count)
        if bucket.said is None:
            return Pick(None, count, bucket.why)
        first, last = bucket.said
        new = replace(new, said_from=max(first, base.said_from or first),
                      said_to=min(last, base.said_to or last))  # fmt: skip
        spill = int(self.spill[:, column].sum() if row is None else self.spill[row, column])
        if not spill:
            return Pick(new, count)
        whose = "any claimant" if row is None else self.names[row]
        note = (f"The filter also keeps {spill:,} claim{'s' if spill > 1 else ''} by {whose} "
                f"dated only to {first.year}: a date range keeps every claim whose date "
                f"overlaps it.")  # fmt: skip
        return Pick(new, count + spill, note)


def frequency(claims: pd.DataFrame, dimension: str = "quantity") -> Frequency:
    """Count `claims` by claimant and `dimension` (one of DIMENSIONS); rows
    and columns with no claims are left out; rows by total, descending."""
    if dimension not in DIMENSIONS:
        raise ValueError(f"no such dimension: {dimension!r} (one of {', '.join(DIMENSIONS)})")
    row_codes, row_ids = _codes(claims["claimant"])
    row_names = _names(claims, "claimant", "claimant_short", row_codes, row_ids)
    spill_by_year: np.ndarray | None = None
    if dimension == "month":
        col_codes, buckets, year_codes, years = _months(claims)
    elif dimension == "quantity":
        col_codes, values = _codes(claims["quantity"])
        labels = _names(claims, "quantity", "quantity_short", col_codes, values)
        buckets = [Bucket(label, value) for label, value in zip(labels, values)]
        buckets.append(Bucket(NO_QUANTITY, why="The filter cannot pick out claims that "
                              "count nothing; filter on their category instead."))  # fmt: skip
    else:
        col_codes, values = _codes(claims["category"])
        buckets = [Bucket(value, value) for value in values]
        buckets.append(Bucket("(none)", why="The filter cannot pick out claims with no category."))
    n_rows, n_cols = len(row_ids) + 1, len(buckets)
    counts = np.bincount(row_codes * n_cols + col_codes, minlength=n_rows * n_cols)
    counts = counts.reshape(n_rows, n_cols)
    rows = counts.sum(axis=1).nonzero()[0]
    cols = counts.sum(axis=0).nonzero()[0]
    counts = counts[np.ix_(rows, cols)]
    spill = np.zeros_like(counts)
    if dimension == "month":
        # Year-only claims by (row, year), read back for each month column.
        year_only = col_codes == n_cols - 2
        n_years = len(years)
        by_year = np.bincount(row_codes[year_only] * n_years + year_codes[year_only],
                              minlength=n_rows * n_years).reshape(n_rows, n_years)  # fmt: skip
        spill_by_year = by_year[rows]
        for j, col in enumerate(cols):
            said = buckets[col].said
            if said is not None:
                spill[:, j] = spill_by_year[:, years.index(said[0].year)]
    ids = [*row_ids, None]
    unknown = "(unknown)"
    return Frequency(
        dimension=dimension,
        claimants=tuple(ids[r] or unknown for r in rows),
        names=tuple((row_names + [unknown])[r] for r in rows),
        columns=tuple(buckets[c] for c in cols),
        counts=counts,
        row_totals=counts.sum(axis=1),
        column_totals=counts.sum(axis=0),
        spill=spill,
    ).sorted()


def _codes(column: pd.Series) -> tuple[np.ndarray, list[str]]:
    """Each claim's code in the column's categories, missing values last
    (code = number of categories)."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        codes = np.asarray(column.cat.codes, dtype=np.int64)
        values = [str(v) for v in column.cat.categories]
    else:  # a frame built by hand
        codes, uniques = pd.factorize(column.astype(object), use_na_sentinel=True)
        codes = codes.astype(np.int64)
        values = [str(v) for v in uniques]
    return np.where(codes < 0, len(values), codes), values


def _names(claims: pd.DataFrame, key: str, short: str, codes: np.ndarray,
           values: list[str]) -> list[str]:  # fmt: skip
    """The short name of each value of `key`, read from the `short` column
    beside it (one bincount of code pairs), else the value itself."""
    if short not in claims or not len(claims):
        return list(values)
    short_codes, shorts = _codes(claims[short])
    width = len(shorts) + 1
    pairs = np.bincount(codes * width + short_codes, minlength=(len(values) + 1) * width)
    best = pairs.reshape(len(values) + 1, width)[: len(values)]
    found = best.argmax(axis=1)
    return [shorts[f] if best[i, f] and f < len(shorts) else values[i]
            for i, f in enumerate(found)]  # fmt: skip


def _months(claims: pd.DataFrame) -> tuple[np.ndarray, list[Bucket], np.ndarray, list[int]]:
    """(column code per claim, the buckets: months said in order, then year
    only, then undated; the year of each claim as a code; those years)."""
    months, given = month_index(claims["stated_on"])
    precision = claims["stated_on_precision"]
    if isinstance(precision.dtype, pd.CategoricalDtype):
        categories = [str(c) for c in precision.cat.categories]
        year_code = categories.index("year") if "year" in categories else -2
        year_only = given & (np.asarray(precision.cat.codes) == year_code)
    else:
        year_only = given & (precision.astype(object) == "year").to_numpy(dtype=bool)
    placed = given & ~year_only
    first = int(months[given].min()) if given.any() else 0
    last = int(months[given].max()) if given.any() else 0
    offset = np.where(given, months - first, 0)
    present = np.bincount(offset[placed], minlength=last - first + 1).nonzero()[0]
    position = np.zeros(last - first + 1, dtype=np.int64)
    position[present] = np.arange(len(present))
    n_months = len(present)
    codes = np.where(placed, position[offset], np.where(year_only, n_months, n_months + 1))
    buckets = [_month_bucket(first + int(m)) for m in present]
    buckets.append(Bucket(YEAR_ONLY, why="The filter cannot pick out the claims dated only "
                          "to a year: its dates keep every claim whose date overlaps them."))
    buckets.append(Bucket(UNDATED, why="The filter cannot pick out undated claims: "
                          "a date range keeps dated claims only."))  # fmt: skip
    # Years (of months and of year-only claims) as codes, for the spill.
    year_of = (offset + first) // 12
    low = first // 12
    year_codes = np.where(given, year_of - low, 0)
    years = [1970 + low + y for y in range(last // 12 - low + 1)]
    return codes, buckets, year_codes, years


def _month_bucket(month: int) -> Bucket:
    """The bucket of a month counted from Jan 1970."""
    year, index = 1970 + month // 12, month % 12 + 1
    first = _dt.date(year, index, 1)
    last = _dt.date(year, index, calendar.monthrange(year, index)[1])
    return Bucket(f"{calendar.month_abbr[index]} {year}", said=(first, last))


def _ranks(names: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """Each row's place in the order of names (casefolded), then ids."""
    order = sorted(range(len(names)), key=lambda i: (names[i], ids[i]))
    ranks = np.empty(len(order), dtype=np.int64)
    ranks[order] = np.arange(len(order))
    return ranks
