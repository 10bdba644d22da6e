"""The events chart: how many diplomacy claims fall in each month.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..formatting import plural


@dataclass(frozen=True)
class EventsChartData:
    months: tuple[str, ...]
    counts: tuple[int, ...]
    summary: str

    @property
    def empty(self) -> bool:
        return not self.months


def events_chart(claims: pd.DataFrame) -> EventsChartData:
    """How many diplomacy claims fall in each month (by the period they are
    about, else by when they were said); those dated only to a year are counted
    in the summary, not in a month."""
    dip = claims[claims["category"] == "diplomacy"]
    start = dip["period_start"].where(dip["period_start"].notna(), dip["stated_on"])
    precision = (
        dip["period_start_precision"].astype(object)
        .where(dip["period_start"].notna(), dip["stated_on_precision"].astype(object))
    )  # fmt: skip
    monthly = start[(precision != "year").to_numpy() & start.notna().to_numpy()]
    undated = len(dip) - len(monthly)
    if monthly.empty:
        return EventsChartData((), (), "")
    months = monthly.dt.to_period("M")
    counts = months.value_counts().sort_index()
    full = pd.period_range(counts.index.min(), counts.index.max(), freq="M")
    counts = counts.reindex(full, fill_value=0)
    labels = tuple(f"{p.strftime('%b')}{p.year % 100:02d}" for p in counts.index)
    summary = f"{plural(len(monthly), 'claim')} by month"
    if undated:
        summary += f"; {undated:,} dated only to a year or undated are not counted"
    return EventsChartData(labels, tuple(int(c) for c in counts.to_numpy()), summary)
