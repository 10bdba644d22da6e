"""Pane 3: weapons, munitions and other support, numbers and words.

Vague magnitudes ("thousands of containers", "considerable") stay words in
the table's number column; only claims with a number are charted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING


from ..widgets import columns
from .base import ClaimsPane, PaneData


if TYPE_CHECKING:
    import pandas as pd

class EquipmentPane(ClaimsPane):
    title = "Equipment"
    key = "3"
    columns = columns.EQUIPMENT
    chart_name = "EquipmentChart"
    empty = "No equipment or support claims match the filter."

    @classmethod
    def prepare(cls, claims: pd.DataFrame) -> PaneData:
        from ..claims.views import equipment_numbers  # in the filter worker: pandas is loaded there

        rows = claims[claims["category"].isin(["equipment", "support"])]
        rows = rows.sort_values(["quantity", "stated_on"], na_position="last", kind="stable")
        return PaneData(rows, equipment_numbers(rows))
