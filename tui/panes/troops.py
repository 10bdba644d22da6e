"""Pane 1: North Korean troops in Russia and sent, over time, by claimant."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..widgets import columns
from .base import ClaimsPane

if TYPE_CHECKING:
    import pandas as pd

    from ..claims.record import Record


class TroopsPane(ClaimsPane):
    title = "Troops"
    key = "1"
    eager = True
    category = "troops"
    columns = columns.TROOPS
    chart_name = "TroopsChart"
    empty = "No troop claims match the filter."

    @classmethod
    def chart_data(cls, rows: pd.DataFrame, record: Record) -> object:
        from ..claims.charts.time import troops_chart  # in the filter worker: pandas is loaded there

        return troops_chart(rows, record.claimants.index, record.milestones)
