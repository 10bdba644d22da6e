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


def _when(row: object) -> str:
    return about(row) or partial_date(row["stated_on"], row["stated_on_precision"]) or "undated"  # type: ignore[index]


def _number(row: object, compact: bool = False) -> str:
    return claim_number(row["qualifier"], row["value"], row["low"], row["high"],  # type: ignore[index]
                        derived=is_derived(row["inferred"]), compact=compact)  # type: ignore[index]  # fmt: skip


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
    mine = rows[(rows["quantity"] == quantity).to_numpy()]
    chart = quantity_chart(mine, quantity, claimants.index, milestones)
    table = _table(mine)
    names = dict(zip(claimants.index, claimants["short"].astype(str)))
    sequences = tuple(_sequences(mine, names))
    picture = tuple(_picture(mine, names))
    found = disagreements(record_claims, quantity, tolerances)
    lines = tuple(_disagreement(d, record_claims, names) for d in found)
    return QuantityView(quantity, label, unit, reading, len(mine),
                        int(mine["origin"].nunique()), chart, table, sequences, picture,
                        lines, tolerances.describe())  # fmt: skip


def _table(mine: pd.DataFrame) -> pd.DataFrame:
    """Claimants with the latest figure first; each claimant's figures latest first."""
    if mine.empty:
        return mine.assign(change_text=pd.Series([], dtype=object), claimant_latest=[])
    said = mine["said_at"].to_numpy(dtype=float)
    said = np.where(np.isnan(said), -np.inf, said)
    frame = mine.assign(_said=said)
    newest = frame.groupby("claimant", observed=True)["_said"].transform("max")
    frame = frame.assign(_newest=newest.to_numpy())
    frame = frame.sort_values(["_newest", "claimant", "_said", "position"],
                              ascending=[False, True, False, False], kind="stable")  # fmt: skip
    changes = [change_text(c, p) for c, p in zip(frame["change"], frame["position"])]
    return frame.drop(columns=["_said", "_newest"]).assign(change_text=changes)


def _sequences(mine: pd.DataFrame, names: dict[str, str]) -> list[str]:
    out = []
    if mine.empty:
        return out
    ordered = mine.assign(_said=mine["said_at"].fillna(-np.inf)).sort_values(
        ["_said", "id"], kind="stable"
    )
    by_latest = ordered.groupby("claimant", observed=True)["_said"].max().sort_values(
        ascending=False
    )
    for claimant in by_latest.index:
        part = ordered[ordered["claimant"] == claimant]
        steps = [f"{_number(row)} ({_when(row)})" for _, row in part.iterrows()]
        out.append(f"{names.get(claimant, claimant)}: " + " \u2192 ".join(steps))
    return out


def _picture(mine: pd.DataFrame, names: dict[str, str]) -> list[Latest]:
    if mine.empty:
        return []
    ordered = mine.assign(_said=mine["said_at"].fillna(-np.inf)).sort_values(
        ["_said", "id"], kind="stable"
    )
    counts = ordered["origin"].astype(object).value_counts()
    latest = ordered.drop_duplicates("origin", keep="last").sort_values(
        "best", ascending=False, na_position="last", kind="stable"
    )
    out = []
    for _, row in latest.iterrows():
        origin = str(row["origin"])
        best = row["best"]
        out.append(Latest(names.get(origin, origin), str(row["id"]), _number(row), _when(row),
                          bool(row.get("contested", False)), int(counts.get(origin, 0)),
                          float(best) if pd.notna(best) else math.nan))  # fmt: skip
    return out


def _disagreement(d: Disagreement, claims: pd.DataFrame, names: dict[str, str]) -> str:
    rows = claims.set_index("id", drop=False).loc[[d.low_claim, d.high_claim]]
    low, high = rows.iloc[0], rows.iloc[1]
    ratio = f", {d.ratio:.1f}\u00d7" if math.isfinite(d.ratio) and d.ratio > 0 else ""
    return (f"{d.when}: {names.get(d.low_origin, d.low_origin)} {_number(low)} vs "
            f"{names.get(d.high_origin, d.high_origin)} {_number(high)}: "
            f"{d.by:,.0f} apart{ratio}")  # fmt: skip


def claim_disagreements(claims: pd.DataFrame, claim_id: str, names: dict[str, str],
                        tolerances: Tolerances = DEFAULT) -> list[str]:  # fmt: skip
    """The disagreements one claim is part of, as lines for its detail."""
    row = claims[claims["id"] == claim_id]
    if row.empty or pd.isna(row["quantity"].iat[0]):
        return []
    found = disagreements(claims, str(row["quantity"].iat[0]), tolerances)
    return [_disagreement(d, claims, names) for d in found
            if claim_id in (d.low_claim, d.high_claim)]  # fmt: skip
