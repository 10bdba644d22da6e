"""The equipment charts: one horizontal bar chart per unit, running totals
apart from per-period figures, each claimant's latest figure per system.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import domain
from ..formatting import claim_number, is_derived, plural, unit_text
from .reading import numbered
from .styles import claimant_styles, most_claims


@dataclass(frozen=True)
class HBar:
    """A horizontal bar: one claimant's latest figure for one system. Its
    label is drawn on the bar's own row (`EquipmentChart.rows`)."""

    claim_id: str
    label: str
    value: float
    qualifier: str
    derived: bool
    color: str
    claimant: str = ""
    marker: str = ""


@dataclass(frozen=True)
class BarChart:
    """One unit's chart: counts in one unit never share an axis with another."""

    title: str
    unit: str
    bars: tuple[HBar, ...]
    summary: str


@dataclass(frozen=True)
class EquipmentChartData:
    charts: tuple[BarChart, ...]

    @property
    def empty(self) -> bool:
        return not self.charts


def equipment_charts(claims: pd.DataFrame, claimant_ids: Iterable[str]) -> EquipmentChartData:
    """One chart per unit, running totals apart from per-period figures; in
    each, every claimant's latest figure per system, largest first."""
    eq = numbered(claims[claims["category"].isin(["equipment", "support"])])
    units = eq["unit"].astype(object)
    charted = (eq["chart"].astype(object) == "equipment").to_numpy()
    eq = eq[~units.isin(list(domain.NOT_COUNTS)).to_numpy() & units.notna().to_numpy() & charted]
    if eq.empty:
        return EquipmentChartData(())
    ids = [str(c) for c in claimant_ids]
    fields = ("id", "unit", "quantity", "claimant", "claimant_short", "quantity_short",
              "qualifier", "value", "low", "high", "inferred", "said_at", "scope")  # fmt: skip
    table = pd.DataFrame({f: eq[f].astype(object).to_numpy() for f in fields})
    table["best"] = eq["best"].to_numpy(dtype=float, na_value=np.nan)
    table["periodic"] = (table["scope"] == "per period").to_numpy()
    counts = table.groupby(["unit", "periodic"]).size()
    # Each claimant's latest figure per system, then largest first within a chart.
    latest = table.sort_values(["said_at", "id"], na_position="first", kind="stable")
    latest = latest.drop_duplicates(["quantity", "claimant"], keep="last")
    latest = latest.sort_values(["unit", "periodic", "best", "id"],
                                ascending=[True, True, False, True], kind="stable")  # fmt: skip
    charts = []
    for (unit, periodic), part in latest.groupby(["unit", "periodic"], sort=False):
        # One marker per claimant in each chart: those with most bars if more.
        kept, left_out = most_claims([str(c) for c in part["claimant"]], ids)
        part = part[part["claimant"].astype(str).isin(kept).to_numpy()]
        styles = claimant_styles(ids, part["claimant"].astype(str))
        bars = []
        for row in part.itertuples():
            derived = is_derived(row.inferred)
            number = claim_number(row.qualifier, row.value, row.low, row.high, compact=True,
                                  derived=derived)  # fmt: skip
            style = styles[row.claimant]
            bars.append(HBar(str(row.id),
                             f"{style.marker} {number} {row.claimant_short} \u00b7 {row.quantity_short}",
                             float(row.best), str(row.qualifier), derived, style.color,
                             str(row.claimant), style.marker))  # fmt: skip
        name = unit_text(unit) or str(unit)
        what = (
            "supplied within one period or per year"
            if periodic
            else "in all, each claimant's latest"
        )
        summary = (
            f"{plural(len(bars), 'figure')} from {plural(int(counts[(unit, periodic)]), 'claim')}"
        )
        if left_out:
            summary += f"; and {plural(left_out, 'more claimant')} in the table only"
        charts.append(BarChart(f"{name}: {what}", str(unit), tuple(bars), summary))
    return EquipmentChartData(tuple(charts))
