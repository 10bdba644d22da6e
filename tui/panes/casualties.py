"""Pane 2: killed, wounded, killed or wounded, captured, by claimant and date."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..widgets import columns
from .base import ClaimsPane

if TYPE_CHECKING:
    import pandas as pd

    from ..claims.record import Record


class CasualtiesPane(ClaimsPane):
    title = "Casualties"
    key = "2"
    category = "casualties"
    columns = columns.CASUALTIES
    chart_name = "CasualtiesChart"
    empty = "No casualty claims match the filter."

    @classmethod
    def chart_data(cls, rows: pd.DataFrame, record: Record) -> object:
        from ..claims.charts.casualties import casualties_chart  # in the filter worker

        return casualties_chart(rows, record.milestones)
