"""Pane 4: a dated timeline of events and statements, and events per month."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..widgets import columns
from .base import ClaimsPane

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
    def rows(cls, claims: pd.DataFrame) -> pd.DataFrame:
        """A timeline: by when the event happened, else when it was said."""
        rows = claims[claims["category"] == "diplomacy"]
        when = rows["period_start"].where(rows["period_start"].notna(), rows["stated_on"])
        ordered = rows.assign(_when=when).sort_values(
            ["_when", "id"], na_position="last", kind="stable"
        )
        return ordered.drop(columns="_when")

    @classmethod
    def chart_data(cls, rows: pd.DataFrame) -> object:
        from ..claims.views import events_per_month  # in the filter worker

        return events_per_month(rows)
