"""Pane 3: weapons, munitions and other support, numbers and words.

Vague magnitudes ("thousands of containers", "considerable") stay words in
the table's number column; only claims with a number are charted.
"""

from __future__ import annotations

import pandas as pd

from ..claims.views import equipment_numbers
from ..widgets import columns
from ..widgets.charts import EquipmentChart
from .base import ClaimsPane, PaneData


class EquipmentPane(ClaimsPane):
    title = "Equipment"
    key = "3"
    columns = columns.EQUIPMENT
    chart_class = EquipmentChart
    empty = "No equipment or support claims match the filter."

    @classmethod
    def prepare(cls, claims: pd.DataFrame) -> PaneData:
        rows = claims[claims["category"].isin(["equipment", "support"])]
        rows = rows.sort_values(["quantity", "stated_on"], na_position="last", kind="stable")
        return PaneData(rows, equipment_numbers(rows))
