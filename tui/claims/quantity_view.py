"""What we know about one number: everything the quantity view shows.

For one quantity, under the filter in force: every claim over time (a chart),
each claimant's figures in the order it gave them with the change from the
one before, the current picture (each origin's latest figure, the lowest and
highest of them, which are contested) and where origins disagree, by how much.
Reports are claims; origins are the claimants whose information they are
(`contested.py`), so a relay never counts as a second source.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .contested import Disagreement, disagreements
from .formatting import about, claim_number, is_derived, partial_date, text
from .record import Milestone
from .schema import MEASURES
from .timeline import said_order
from .tolerances import DEFAULT, Tolerances
from .views import TroopsChartData, quantity_chart


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
    #: The table: claimants with the most recent figure first, and within a
    #: claimant its figures latest first.
    rows: pd.DataFrame
    #: "NIS: at least 100 (Dec 2024) → about 300 (Jan 2025)", one per claimant.
    sequences: tuple[str, ...]
    picture: tuple[Latest, ...]
    disagreements: tuple[str, ...]
    tolerances: str
    #: How many disagreeing pairs there are in all (the lines list the latest).
    disagreeing: int = 0

    @property
    def counts(self) -> str:
        return f"{_plural(self.reports, 'report')}, {_plural(self.origins, 'origin')}"

    def extremes(self) -> str:
        """The lowest and highest of the origins' latest figures."""
        numbered = [p for p in self.picture if not math.isnan(p.best)]
        if not numbered:
            return ""
        low = min(numbered, key=lambda p: p.best)
        high = max(numbered, key=lambda p: p.best)
        if low is high:
            return f"one origin's figure: {low.origin} {low.number} ({low.when})"
        return (f"lowest {low.origin} {low.number} ({low.when}); "
                f"highest {high.origin} {high.number} ({high.when})")  # fmt: skip


def _plural(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


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
) -> QuantityView:
    """The view of `quantity` over `rows` (the filtered claims, annotated);
    disagreements are the record's (`record_claims`), whatever the filter."""
    info = quantities.loc[quantity] if quantity in quantities.index else None
    label = text(info["label"]) if info is not None else quantity
    unit = text(info["unit"]) if info is not None else ""
    reading = _reading(text(info["measure"]), text(info["scope"])) if info is not None else ""
    # Only the columns the view reads, and one take of the quantity's rows, in
    # the table's order: with 100,000 claims, copying rows is most of the work.
    narrow = rows[[c for c in rows.columns if c not in _UNREAD]]
    mine = narrow.iloc[_table_order(narrow, (rows["quantity"] == quantity).to_numpy())]
    chart = quantity_chart(mine, quantity, claimants.index, milestones)
    names = dict(zip(claimants.index, claimants["short"].astype(str)))
    table = mine
    sequences = tuple(_sequences(mine, names))
    picture = tuple(_picture(mine, names))
    # Disagreements are the record's, whatever the filter: with no filter the
    # quantity's rows are already at hand.
    source = mine if rows is record_claims else record_claims[
        [c for c in record_claims.columns if c not in _UNREAD]]  # fmt: skip
    found, total = disagreements(source, quantity, tolerances, most=DISAGREEMENTS_SHOWN)
    lines = [_disagreement(d, names) for d in found]
    return QuantityView(quantity, label, unit, reading, len(mine),
                        int(mine["origin"].nunique()), chart, table, sequences, picture,
                        tuple(lines), tolerances.describe(), total)  # fmt: skip


#: Columns of the claims table the quantity view never reads.
_UNREAD = frozenset({"via", "key_phrase", "notes", "also_in", "milestone", "file", "line",
                     "source_title", "source_outlet", "source_language", "source_url",
                     "source_translation", "source_translated_from", "claimant_name",
                     "claimant_kind", "claimant_country", "relays_name"})  # fmt: skip


def _table_order(rows: pd.DataFrame, mask: np.ndarray) -> np.ndarray:
    """Positions of the masked rows in the table's order: claimants with the
    latest figure first; each claimant's figures latest first."""
    where = np.flatnonzero(mask)
    if not len(where):
        return where
    said = said_order(rows)[where]
    claimant = np.asarray(rows["claimant"].cat.codes, dtype=np.int64)[where]
    newest = np.full(int(claimant.max()) + 1, -np.inf)
    np.maximum.at(newest, claimant, said)
    position = (rows["position"].to_numpy()[where] if "position" in rows
                else np.zeros(len(where)))  # fmt: skip
    return where[np.lexsort((-position, -said, claimant, -newest[claimant]))]


#: The fields a figure is worded from.
_FIGURE_FIELDS = ("qualifier", "value", "low", "high", "inferred", "as_of", "as_of_precision",
                  "period_start", "period_start_precision", "period_end",
                  "period_end_precision", "stated_on", "stated_on_precision")  # fmt: skip


class _Figures:
    """A quantity's claims, worded one figure at a time: the columns are read
    into plain arrays once, so wording a few figures of many claims costs no
    pandas call per figure."""

    def __init__(self, mine: pd.DataFrame) -> None:
        self.values = {f: mine[f].to_numpy(dtype=object) for f in _FIGURE_FIELDS}

    def word(self, i: int) -> tuple[str, str]:
        """(the number as worded, when it is about or was said) of row `i`."""
        row = {f: _none(self.values[f][i]) for f in _FIGURE_FIELDS}
        number = claim_number(row["qualifier"], row["value"], row["low"], row["high"],
                              derived=is_derived(row["inferred"]))  # fmt: skip
        return number, _when_of(row)

    def text(self, i: int) -> str:
        number, when = self.word(i)
        return f"{number} ({when})"


def _when_of(row: dict) -> str:
    return about(row) or partial_date(row["stated_on"], row["stated_on_precision"]) or "undated"


def _none(value: object) -> object:
    return None if value is None or value is pd.NA or value is pd.NaT or value != value else value


def _groups(mine: pd.DataFrame, column: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows grouped by `column` (a categorical), each group oldest first:
    (the positions in that order, each group's start and end in it)."""
    codes = np.asarray(mine[column].cat.codes, dtype=np.int64)
    order = np.lexsort((said_order(mine), codes))
    sorted_codes = codes[order]
    starts = np.flatnonzero(np.r_[True, sorted_codes[1:] != sorted_codes[:-1]])
    return order, starts, np.r_[starts[1:], len(order)]


def _sequences(mine: pd.DataFrame, names: dict[str, str]) -> list[str]:
    """Each claimant's figures, oldest first; its latest SEQUENCE_SHOWN at most."""
    if mine.empty:
        return []
    said = said_order(mine)
    order, starts, ends = _groups(mine, "claimant")
    codes = np.asarray(mine["claimant"].cat.codes, dtype=np.int64)[order]
    categories = mine["claimant"].cat.categories
    latest = [(said[order[e - 1]], s, e) for s, e in zip(starts, ends)]
    out = []
    chosen = [(s, e, order[max(s, e - SEQUENCE_SHOWN) : e])
              for _, s, e in sorted(latest, key=lambda t: -t[0])]  # fmt: skip
    wanted = np.concatenate([shown for _, _, shown in chosen])
    figures = _Figures(mine.iloc[wanted])  # only the figures shown are worded
    place = {int(row): i for i, row in enumerate(wanted)}
    for s, e, shown in chosen:
        steps = [figures.text(place[int(i)]) for i in shown]
        earlier = e - s - len(shown)
        head = f"({earlier:,} earlier) \u2192 " if earlier else ""
        claimant_id = str(categories[codes[s]])
        out.append(f"{names.get(claimant_id, claimant_id)}: {head}" + " \u2192 ".join(steps))
    return out


def _picture(mine: pd.DataFrame, names: dict[str, str]) -> list[Latest]:
    """Each origin's latest figure, highest first."""
    if mine.empty:
        return []
    origin = np.asarray(mine["origin"].cat.codes, dtype=np.int64)
    order, _, ends = _groups(mine, "origin")
    chosen = order[ends - 1]  # each origin's latest
    counts = np.bincount(origin[origin >= 0])
    best = mine["best"].to_numpy(dtype=float, na_value=np.nan)
    chosen = chosen[np.argsort(np.where(np.isnan(best[chosen]), np.inf, -best[chosen]),
                               kind="stable")]  # fmt: skip
    figures = _Figures(mine.iloc[chosen])
    ids = mine["id"].to_numpy(dtype=object)
    contested = mine["contested"].to_numpy(dtype=bool) if "contested" in mine else None
    categories = mine["origin"].cat.categories
    out = []
    for k, i in enumerate(chosen):
        origin_id = str(categories[origin[i]])
        number, when = figures.word(k)
        out.append(Latest(names.get(origin_id, origin_id), str(ids[i]), number, when,
                          bool(contested[i]) if contested is not None else False,
                          int(counts[origin[i]]), float(best[i])))  # fmt: skip
    return out


def _disagreement(d: Disagreement, names: dict[str, str]) -> str:
    ratio = f", {d.ratio:.1f}\u00d7" if math.isfinite(d.ratio) and d.ratio > 0 else ""
    return (f"{d.when}: {names.get(d.low_origin, d.low_origin)} {d.low_number} vs "
            f"{names.get(d.high_origin, d.high_origin)} {d.high_number}: "
            f"{d.by:,.0f} apart{ratio}")  # fmt: skip


def claim_disagreements(claims: pd.DataFrame, claim_id: str, names: dict[str, str],
                        tolerances: Tolerances = DEFAULT) -> list[str]:  # fmt: skip
    """The disagreements one claim is part of, as lines for its detail."""
    row = claims[claims["id"] == claim_id]
    if row.empty or pd.isna(row["quantity"].iat[0]):
        return []
    found, _ = disagreements(claims, str(row["quantity"].iat[0]), tolerances,
                             involving=row.index[0])  # fmt: skip
    return [_disagreement(d, names) for d in found]
