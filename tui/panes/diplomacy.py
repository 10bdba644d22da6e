"""Pane 4: a dated timeline of events and statements, and events per month."""

from __future__ import annotations

from typing import TYPE_CHECKING


from ..widgets import columns
from .base import ClaimsPane, PaneData


if TYPE_CHECKING:
    import pandas as pd

class DiplomacyPane(ClaimsPane):
    title = "Diplomacy"
    key = "4"
    category = "diplomacy"
    columns = columns.DIPLOMACY
    chart_name = "EventsChart"
    empty = "No diplomacy claims match the filter."

    @classmethod
    def prepare(cls, claims: pd.DataFrame) -> PaneData:
        from ..claims.views import events_per_month  # in the filter worker: pandas is loaded there

        rows = claims[claims["category"] == "diplomacy"]
        when = rows["period_start"].where(rows["period_start"].notna(), rows["stated_on"])
        rows = rows.assign(_when=when).sort_values(["_when", "id"], na_position="last", kind="stable")
        return PaneData(rows.drop(columns="_when"), events_per_month(rows))
