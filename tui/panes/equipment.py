"""Pane 3: weapons, munitions and other support, numbers and words.

Vague magnitudes ("thousands of containers", "considerable") stay words in
the table's number column; counts are charted one unit at a time (`u`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType

from ..widgets import columns
from .base import ClaimsPane

if TYPE_CHECKING:
    import pandas as pd

    from ..claims.record import Record
    from .base import PaneData


class EquipmentPane(ClaimsPane):
    title = "Equipment"
    key = "3"
    columns = columns.EQUIPMENT
    chart_name = "EquipmentChart"
    empty = "No equipment or support claims match the filter."

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "u", "next_unit", "Next unit", tooltip="Chart the next unit (shells, containers, ...)"
        ),
    ]

    @classmethod
    def rows(cls, claims: pd.DataFrame) -> pd.DataFrame:
        """By date, like every pane (the `what` column says what each counts)."""
        rows = claims[claims["category"].isin(["equipment", "support"])]
        return rows.sort_values(["said_at", "id"], na_position="last", kind="stable")

    @classmethod
    def chart_data(cls, rows: pd.DataFrame, record: Record) -> object:
        from ..claims.charts.equipment import equipment_charts  # in the filter worker

        return equipment_charts(rows, record.claimants.index)

    def __init__(self) -> None:
        super().__init__()
        #: `u` pressed before the chart had its data (`3 u u` typed at once).
        self._units_pending = 0

    def action_next_unit(self) -> None:
        chart = self.chart() if self.built and self._drawn else None
        if chart is None or chart.data is None:
            self._units_pending += 1
            return
        chart.next_unit()  # type: ignore[attr-defined]

    def draw(self, data: PaneData) -> None:
        super().draw(data)
        steps, self._units_pending = self._units_pending, 0
        chart = self.chart()
        for _ in range(steps):
            chart.next_unit()  # type: ignore[attr-defined]
