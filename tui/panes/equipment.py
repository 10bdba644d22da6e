"""Pane 3: weapons, munitions and other support, numbers and words.

Vague magnitudes ("thousands of containers", "considerable") stay words in
the table's number column; only claims with a number are charted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..widgets import columns
from .base import ClaimsPane

if TYPE_CHECKING:
    import pandas as pd


class EquipmentPane(ClaimsPane):
    title = "Equipment"
    key = "3"
    columns = columns.EQUIPMENT
    chart_name = "EquipmentChart"
    empty = "No equipment or support claims match the filter."

    @classmethod
    def rows(cls, claims: pd.DataFrame) -> pd.DataFrame:
        rows = claims[claims["category"].isin(["equipment", "support"])]
        return rows.sort_values(["quantity", "stated_on"], na_position="last", kind="stable")

    @classmethod
    def chart_data(cls, rows: pd.DataFrame) -> object:
        from ..claims.views import equipment_numbers  # in the filter worker

        return equipment_numbers(rows)
