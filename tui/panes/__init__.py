"""The dashboard's panes, in the order of their number keys.

The registry is the one list the dashboard builds its tabs, keys and palette
entries from; a new pane joins by implementing `base.DashboardPane` and being
listed here.
"""

from __future__ import annotations

from .base import ClaimsPane, DashboardPane
from .casualties import CasualtiesPane
from .claims import ClaimsListPane
from .diplomacy import DiplomacyPane
from .equipment import EquipmentPane
from .sources import SourcesPane
from .troops import TroopsPane

PANES: tuple[type[DashboardPane], ...] = (
    TroopsPane, CasualtiesPane, EquipmentPane, DiplomacyPane, ClaimsListPane, SourcesPane,
)  # fmt: skip

__all__ = ["PANES", "ClaimsPane", "DashboardPane"]
