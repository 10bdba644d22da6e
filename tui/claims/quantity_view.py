"""What we know about one number: everything the quantity view shows.

For one quantity, under the filter in force: every claim over time (a chart),
each claimant's figures in the order it gave them with the change from the
one before, the current picture and where origins disagree, by how much.

The current picture is **as of a date** (the known-on date when the record
is cut at one, else today): each origin's latest figure for the quantity,
one per part of it (the whole, and each engagement, unit, region, place or
stretch of time it gave a figure of: `extent`), the most recent first, each
with its age. A figure older than the quantity's window (`window_days` in
quantities.yaml, else `schema.DEFAULT_WINDOW_DAYS` by measure) is **stale**:
it is listed apart and never in the range; nor is a part's figure, which is
not a figure of the whole.
Reports are claims; origins are the claimants whose information they are
(`contested.py`), so a relay never counts as a second source.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import ids
from .contested import Disagreement, disagreements
from .formatting import about, claim_number, is_derived, partial_date, plural, text
from .record import Milestone
from .schema import DEFAULT_WINDOW_DAYS, FALLBACK_WINDOW_DAYS, MEASURES
from .table import plain_values
from .timeline import said_order
from .tolerances import DEFAULT, Tolerances
from .charts.time import TroopsChartData, quantity_chart


@dataclass(frozen=True)
class Latest:
    """One origin's latest figure."""

    origin: str  # the origin's short name
    claim_id: str
    number: str
    when: str
    contested: bool
    reports: int  # the origin's claims about the quantity, relays included
    best: float
    #: Which part of the quantity the figure is of ("engagement: near
    #: Plekhovo, 14-15 Dec 2024"); "" for the whole.
    part: str = ""
    #: The last day the figure stands at (its as-of date, its period's end,
    #: else when it was said, at its precision); None when undated.
    day: _dt.date | None = None
    #: Days from `day` to the picture's date (None: undated), and in words.
    age_days: int | None = None
    age: str = ""
    #: Older than the quantity's window: not current, never in the range.
    stale: bool = False

    @property
    def current(self) -> bool:
        """A figure of the whole, within the window: one the range is of."""
        return not self.part and not self.stale and self.age_days is not None


@dataclass(frozen=True)
class QuantityView:
    quantity: str
    label: str
    unit: str
    #: "a level at a date", "a running total", "per period", ...
    reading: str
    reports: int
    origins: int
    chart: TroopsChartData
    #: The table: the rows of `frame` at positions `order`, claimants with the
    #: most recent figure first, and within a claimant its figures latest
    #: first. Positions, not a copy: the frame may hold 100,000 claims.
    frame: pd.DataFrame
    order: np.ndarray
    #: "NIS: at least 100 (Dec 2024) → about 300 (Jan 2025)", one per claimant.
    sequences: tuple[str, ...]
    picture: tuple[Latest, ...]
    disagreements: tuple[str, ...]
    tolerances: str
    #: How many disagreeing pairs there are in all (the lines list the latest).
    disagreeing: int = 0
    #: The date the picture is as of, and the window after which a figure is stale.
    as_of: _dt.date | None = None
    window_days: int = FALLBACK_WINDOW_DAYS

    @property
    def current(self) -> tuple[Latest, ...]:
        """The figures of the whole within the window, the most recent first."""
        return tuple(p for p in self.picture if p.current)

    @property
    def stale(self) -> tuple[Latest, ...]:
        """The figures of the whole older than the window (or undated)."""
        return tuple(p for p in self.picture if not p.part and not p.current)

    @property
    def parts(self) -> tuple[Latest, ...]:
        """Each origin's latest figure of each part, the most recent first."""
        return tuple(p for p in self.picture if p.part)

    @property
    def as_of_text(self) -> str:
        """'as of 7 Dec 2026; figures older than 180 days are stale'."""
        when = f"as of {self.as_of.day} {self.as_of:%b %Y}" if self.as_of else "as of today"
        return f"{when}; figures older than {self.window_days:,} days are stale"

    @property
    def rows(self) -> pd.DataFrame:
        """The table's rows, copied out of the frame."""
        return self.frame.take(self.order)

    @property
    def counts(self) -> str:
        return f"{plural(self.reports, 'report')}, {plural(self.origins, 'origin')}"

    def extremes(self) -> str:
        """The lowest and highest of the origins' current figures of the
        whole (never a stale one, nor a part's)."""
        numbered = [p for p in self.current if not math.isnan(p.best)]
        if not numbered:
            return ""
        low = min(numbered, key=lambda p: p.best)
        high = max(numbered, key=lambda p: p.best)
        if low is high:
            return f"one origin's figure: {low.origin} {low.number} ({low.when})"
        return (f"lowest {low.origin} {low.number} ({low.when}); "
                f"highest {high.origin} {high.number} ({high.when})")  # fmt: skip


def _reading(measure: str, scope: str) -> str:
    if measure == "stock":
        return "a level at a date"
    if measure == "flow":
        return "a running total" if scope != "per period" else "an amount within one period"
    return MEASURES.get(measure, measure)


def change_text(change: float, position: int) -> str:
    """'+200', '−100', 'same', or 'first' for a sequence's first figure."""
    if position == 1:
        return "first"
    if change is None or (isinstance(change, float) and math.isnan(change)):
        return ""
    if change == 0:
        return "same"
    sign = "+" if change > 0 else "\u2212"
    return f"{sign}{abs(change):,.0f}"


#: A claimant's sequence shows its latest figures up to this many; the table has all.
SEQUENCE_SHOWN = 6
#: Disagreements listed, latest first; the count says how many there are in all.
DISAGREEMENTS_SHOWN = 20


def quantity_view(
    rows: pd.DataFrame,
    record_claims: pd.DataFrame,
    quantity: str,
    quantities: pd.DataFrame,
    claimants: pd.DataFrame,
    milestones: Iterable[Milestone] = (),
    tolerances: Tolerances = DEFAULT,
    as_of: _dt.date | None = None,
) -> QuantityView:
    """The view of `quantity` over `rows` (the filtered claims, annotated);
    disagreements are the record's (`record_claims`), whatever the filter.
    The picture is as of `as_of` (today when None)."""
    as_of = as_of or today()
    window = window_days(quantities, quantity)
    info = quantities.loc[quantity] if quantity in quantities.index else None
    label = text(info["label"]) if info is not None else quantity
    unit = text(info["unit"]) if info is not None else ""
    reading = _reading(text(info["measure"]), text(info["scope"])) if info is not None else ""
    # The quantity's rows are read where they are, by position: with 100,000
    # claims, copying them would be most of the work. `where` are their
    # positions in file order; groups and places below index into it.
    codes = np.asarray(rows["quantity"].array.codes)
    known = rows["quantity"].cat.categories
    where = (np.flatnonzero(codes == known.get_loc(quantity)) if quantity in known
             else np.zeros(0, dtype=np.int64))  # fmt: skip
    said = said_order(rows, where)
    position = (rows["position"].to_numpy()[where] if "position" in rows
                else np.zeros(len(where)))  # fmt: skip
    # Of one statement entered more than once, the claim that stands for it
    # (`revisions.py`: the most cautious) comes last, so the picture shows it.
    stands = (rows["stands"].to_numpy(dtype=bool)[where] if "stands" in rows
              else np.ones(len(where), dtype=bool))  # fmt: skip
    rank = _said_rank(said, position, stands)
    claimant = _codes(rows, "claimant", where)
    origin = _codes(rows, "origin", where)
    by_claimant = _groups(claimant, rank)
    # One picture entry per origin and part of the quantity (0: the whole).
    part = _codes(rows, "part", where) + 1 if "part" in rows else np.zeros(len(where), np.int64)
    by_origin = _groups(np.where(origin >= 0, origin * (int(part.max(initial=0)) + 1) + part, -1),
                        rank)  # fmt: skip
    order = where[_table_order(claimant, rank, by_claimant)]
    chart = quantity_chart(rows, quantity, claimants.index, milestones, at=order)
    names = dict(zip(claimants.index, claimants["short"].astype(str)))
    shown = _sequence_rows(rank, by_claimant)
    best = rows["best"].array.take(where).to_numpy(dtype=float, na_value=np.nan)
    chosen = _picture_rows(best, by_origin)
    # Only the figures shown are worded, read in one take.
    figures = _Figures(rows, where, np.concatenate([*(r for _, _, r in shown), chosen]))
    sequences = tuple(_sequences(rows, claimant, names, shown, figures, position, said))
    picture = _by_recency(_picture(rows, where, origin, best, names, chosen, figures,
                                   as_of, window))  # fmt: skip
    # Disagreements are the record's, whatever the filter: with no filter the
    # quantity's positions are already at hand.
    found, total = disagreements(record_claims, quantity, tolerances, most=DISAGREEMENTS_SHOWN,
                                 at=_contested(record_claims, quantity,
                                               where if rows is record_claims else None))  # fmt: skip
    lines = [_disagreement(d, names) for d in found]
    origins = len(np.unique(origin[origin >= 0]))
    return QuantityView(quantity, label, unit, reading, len(order), origins, chart, rows,
                        order, sequences, picture, tuple(lines), tolerances.describe(),
                        total, as_of, window)  # fmt: skip


def today() -> _dt.date:
    """The day "now" is when the record is not cut at a known-on date (one
    place, so that tests on frozen data can fix it)."""
    return _dt.date.today()


def window_days(quantities: pd.DataFrame, quantity: str) -> int:
    """How many days a figure of `quantity` stays current: its own
    `window_days` in quantities.yaml, else the default by its measure and
    scope (`schema.DEFAULT_WINDOW_DAYS`)."""
    if quantity not in quantities.index:
        return FALLBACK_WINDOW_DAYS
    info = quantities.loc[quantity]
    given = info.get("window_days")
    if given is not None and not pd.isna(given):
        return int(given)
    key = (text(info.get("measure")), text(info.get("scope")) or "cumulative")
    return DEFAULT_WINDOW_DAYS.get(key, FALLBACK_WINDOW_DAYS)


def age_text(days: int | None) -> str:
    """'as of that day', '5 days old', '3 weeks old', '9 months old', '2 years old'."""
    if days is None:
        return "undated"
    if days <= 0:
        return "current to the day"
    if days < 14:
        return f"{plural(days, 'day')} old"
    if days < 61:
        return f"{plural(days // 7, 'week')} old"
    if days < 730:
        return f"{plural(round(days / 30.44), 'month')} old"
    return f"{plural(days // 365, 'year')} old"


def _by_recency(picture: list[Latest]) -> tuple[Latest, ...]:
    """The picture, the most recent figure first (undated last); of equal
    days, as the origins were grouped."""
    return tuple(sorted(picture, key=lambda p: (p.day is None, -(p.day.toordinal() if p.day
                                                                  else 0))))  # fmt: skip


def _contested(claims: pd.DataFrame, quantity: str, where: np.ndarray | None) -> np.ndarray | None:
    """Positions of the quantity's contested claims in an annotated record
    (None if it is not annotated). Both figures of a disagreeing pair are
    flagged contested, with the record's tolerances, so only these need to
    be compared: a tenth of the claims, or fewer."""
    if "contested" not in claims:
        return where
    if where is None:
        where = np.flatnonzero((claims["quantity"] == quantity).to_numpy())
    return where[claims["contested"].to_numpy(dtype=bool)[where]]


#: The fields a figure is worded from: its number, and the time it is about
#: or was said.
_NUMBER_FIELDS = ("qualifier", "value", "low", "high", "inferred")
_WHEN_FIELDS = ("as_of", "as_of_precision", "period_start", "period_start_precision",
                "period_end", "period_end_precision", "stated_on", "stated_on_precision")
_FIGURE_FIELDS = _NUMBER_FIELDS + _WHEN_FIELDS


#: (places grouped, each group oldest first; each group's start; its end)
_Groups = tuple[np.ndarray, np.ndarray, np.ndarray]


def _codes(rows: pd.DataFrame, column: str, order: np.ndarray) -> np.ndarray:
    """A categorical column's codes at positions `order`."""
    return np.asarray(rows[column].array.codes)[order].astype(np.int64)


def _said_rank(said: np.ndarray, position: np.ndarray,
               stands: np.ndarray | None = None) -> np.ndarray:  # fmt: skip
    """Each claim's rank in the order said (a claimant's later revision after
    its earlier one on the same day; of one statement, the claim that stands
    for it last; then file order). Sorting by rank, an integer, is what keeps
    the view's groupings cheap."""
    rank = np.empty(len(said), dtype=np.int64)
    if not len(said):
        return rank
    # One integer key (the time's rank among times said, then the position):
    # a third quicker than a two-key lexsort.
    times = np.unique(said, return_inverse=True)[1].ravel().astype(np.int64)
    position = position.astype(np.int64)
    key = times * (int(position.max()) - int(position.min()) + 1) + position - position.min()
    if stands is not None:
        key = key * 2 + stands.astype(np.int64)
    rank[np.argsort(key, kind="stable")] = np.arange(len(said))
    return rank


def _table_order(claimant: np.ndarray, rank: np.ndarray, by_claimant: _Groups) -> np.ndarray:
    """The table's order of a quantity's claims: claimants with the latest
    figure first; each claimant's figures latest first."""
    order, _, ends = by_claimant
    if not len(order):
        return order
    n = len(rank)
    newest = np.zeros(int(claimant.max()) + 2, dtype=np.int64)
    newest[claimant[order[ends - 1]] + 1] = rank[order[ends - 1]]  # each group's last
    return np.argsort((n - 1 - newest[claimant + 1]) * n + (n - 1 - rank))


class _Figures:
    """Some of a quantity's claims, worded one figure at a time: their fields
    are read in one take into plain arrays, so wording a figure costs no
    pandas call. Figures are named by their place in `where`."""

    def __init__(self, rows: pd.DataFrame, where: np.ndarray, places: np.ndarray) -> None:
        at = where[places]
        self.values = {f: plain_values(rows[f].array.take(at)) for f in _FIGURE_FIELDS}
        self.index = {int(place): i for i, place in enumerate(places)}
        self._numbers: dict[tuple, str] = {}
        self._whens: dict[tuple, str] = {}

    def word(self, place: int) -> tuple[str, str]:
        """(the number as worded, when it is about or was said) of the claim at `place`."""
        i = self.index[int(place)]
        v = self.values
        number_key = tuple(v[f][i] for f in _NUMBER_FIELDS)
        number = self._numbers.get(number_key)
        if number is None:
            q, value, low, high, inferred = number_key
            number = claim_number(q, value, low, high, derived=is_derived(inferred))
            self._numbers[number_key] = number
        # Many figures are about the same months: each time is worded once.
        when_key = tuple(v[f][i] for f in _WHEN_FIELDS)
        when = self._whens.get(when_key)
        if when is None:
            when = _when_of(dict(zip(_WHEN_FIELDS, when_key)))
            self._whens[when_key] = when
        return number, when

    def text(self, place: int) -> str:
        number, when = self.word(place)
        return f"{number} ({when})"

    def last_day(self, place: int) -> _dt.date | None:
        """The last day the figure at `place` stands at: its as-of date, else
        its period's end, else when it was said, else its period's start,
        each at its precision (a month's last day)."""
        i = self.index[int(place)]
        for name in ("as_of", "period_end", "stated_on", "period_start"):
            day = self.values[name][i]
            if day is not None:
                return _last_day(day, self.values[f"{name}_precision"][i])
        return None


def _last_day(day: _dt.date, precision: object) -> _dt.date:
    if precision == "year":
        return _dt.date(day.year, 12, 31)
    if precision == "month":
        following = _dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
        return following - _dt.timedelta(days=1)
    return day


def _when_of(row: dict) -> str:
    return about(row) or partial_date(row["stated_on"], row["stated_on_precision"]) or "undated"


def _groups(codes: np.ndarray, rank: np.ndarray) -> _Groups:
    """Places grouped by `codes` (a categorical's), each group oldest first
    (by `rank`): the places in that order, each group's start and end in it."""
    order = np.argsort((codes + 1) * len(rank) + rank)  # keys are unique: any sort will do
    sorted_codes = codes[order]
    starts = np.flatnonzero(np.r_[True, sorted_codes[1:] != sorted_codes[:-1]])
    return order, starts, np.r_[starts[1:], len(order)]


def _sequence_rows(rank: np.ndarray, groups: _Groups) -> list[tuple[int, int, np.ndarray]]:
    """Per claimant, the claimant with the latest figure first: (its group's
    start and end, the places of its latest SEQUENCE_SHOWN figures)."""
    order, starts, ends = groups
    if not len(order):
        return []
    latest = sorted(zip(starts, ends), key=lambda se: -rank[order[se[1] - 1]])
    return [(int(s), int(e), order[max(s, e - SEQUENCE_SHOWN) : e]) for s, e in latest]


def _sequences(rows: pd.DataFrame, codes: np.ndarray, names: dict[str, str],
               shown: list[tuple[int, int, np.ndarray]], figures: _Figures,
               position: np.ndarray, said: np.ndarray) -> list[str]:  # fmt: skip
    """Each claimant's figures, oldest first; its latest SEQUENCE_SHOWN at most.
    A revision follows an arrow; the claims of one statement (the same
    place in the sequence, said at the same time) are joined by " = ", never
    by an arrow."""
    categories = list(rows["claimant"].cat.categories)
    out = []
    for s, e, places in shown:
        line = ""
        for k, i in enumerate(places):
            if k:
                j = places[k - 1]
                same = position[i] > 0 and position[i] == position[j] and said[i] == said[j]
                line += " = " if same else " \u2192 "
            line += figures.text(i)
        earlier = e - s - len(places)
        head = f"({earlier:,} earlier) \u2192 " if earlier else ""
        claimant_id = str(categories[codes[places[0]]])
        out.append(f"{names.get(claimant_id, claimant_id)}: {head}{line}")
    return out


def _picture_rows(best: np.ndarray, groups: _Groups) -> np.ndarray:
    """The places of each origin's (and part's) latest figure, highest first
    (`_by_recency` then orders them by their time)."""
    order, _, ends = groups
    if not len(order):
        return order
    chosen = order[ends - 1]
    return chosen[np.argsort(np.where(np.isnan(best[chosen]), np.inf, -best[chosen]),
                             kind="stable")]  # fmt: skip


def _picture(rows: pd.DataFrame, where: np.ndarray, origin: np.ndarray, best: np.ndarray,
             names: dict[str, str], chosen: np.ndarray, figures: _Figures,
             as_of: _dt.date, window: int) -> list[Latest]:  # fmt: skip
    """Each origin's latest figure per part, with its age as of `as_of`."""
    if not len(chosen):
        return []
    counts = np.bincount(origin[origin >= 0])
    at = where[chosen]
    best = best[chosen]
    ids = rows["id"].take(at).to_numpy(dtype=object)
    contested = (rows["contested"].to_numpy(dtype=bool)[at] if "contested" in rows
                 else np.zeros(len(at), dtype=bool))  # fmt: skip
    parts = (plain_values(rows["part"].array.take(at)) if "part" in rows
             else [None] * len(at))  # fmt: skip
    categories = list(rows["origin"].cat.categories)
    out = []
    for k, place in enumerate(chosen):
        origin_id = str(categories[origin[place]])
        number, when = figures.word(place)
        day = figures.last_day(place)
        age = None if day is None else max(0, (as_of - day).days)
        out.append(Latest(names.get(origin_id, origin_id), str(ids[k]), number, when,
                          bool(contested[k]), int(counts[origin[place]]), float(best[k]),
                          text(parts[k]), day, age, age_text(age),
                          age is None or age > window))  # fmt: skip
    return out


def _disagreement(d: Disagreement, names: dict[str, str]) -> str:
    ratio = f", {d.ratio:.1f}\u00d7" if math.isfinite(d.ratio) and d.ratio > 0 else ""
    return (f"{d.when}: {names.get(d.low_origin, d.low_origin)} {d.low_number} vs "
            f"{names.get(d.high_origin, d.high_origin)} {d.high_number}: "
            f"{d.by:,.0f} apart{ratio}")  # fmt: skip


def claim_disagreements(claims: pd.DataFrame, claim_id: str, names: dict[str, str],
                        tolerances: Tolerances = DEFAULT) -> list[str]:  # fmt: skip
    """The disagreements one claim is part of, as lines for its detail."""
    row = ids.row(claims, claim_id)
    if row is None or pd.isna(row["quantity"]):
        return []
    found, _ = disagreements(claims, str(row["quantity"]), tolerances,
                             involving=row.name)  # fmt: skip
    return [_disagreement(d, names) for d in found]
