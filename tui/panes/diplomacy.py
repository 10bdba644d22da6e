"""Pane 4: a dated timeline of events and statements, and events per month."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..widgets import columns
from .base import ClaimsPane

if TYPE_CHECKING:
    import pandas as pd

    from ..claims.record import Record


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
        return rows.sort_values(["about_at", "id"], na_position="last", kind="stable")

    @classmethod
    def chart_data(cls, rows: pd.DataFrame, record: Record) -> object:
        from ..claims.charts.events import events_chart  # in the filter worker

        return events_chart(rows)
