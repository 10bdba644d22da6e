"""Pane 1: North Korean troops in Russia and sent, over time, by claimant."""

from __future__ import annotations

from typing import TYPE_CHECKING


from ..widgets import columns
from .base import ClaimsPane, PaneData


if TYPE_CHECKING:
    import pandas as pd

class TroopsPane(ClaimsPane):
    title = "Troops"
    key = "1"
    category = "troops"
    columns = columns.TROOPS
    chart_name = "TroopsChart"
    empty = "No troop claims match the filter."

    @classmethod
    def prepare(cls, claims: pd.DataFrame) -> PaneData:
        from ..claims.views import troop_estimates  # in the filter worker: pandas is loaded there

        rows = super().prepare(claims).rows
        return PaneData(rows, troop_estimates(rows))
