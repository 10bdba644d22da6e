"""The dashboard's keys: one per pane, then filtering, views and taking work out."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from ..panes import PANES

DASHBOARD_KEYS: list[BindingType] = [
    *[Binding(pane.key, f"show_pane('{pane.pane_id()}')", pane.title, show=False)
      for pane in PANES],
    Binding("slash", "search", "Search", key_display="/"),
    Binding("f", "filter", "Filter"),
    Binding("c", "clear_filter", "Clear filter"),
    Binding("y", "copy", "Copy citation", show=False),
    Binding("d", "digest", "What changed", show=False,
            tooltip="What changed in the record since noko-tui was last opened here (git)"),
    Binding("e", "export", "Export", show=False,
            tooltip="Write the claims on screen, with their citations, to a file"),
    Binding("z", "zoom", "Chart/table", tooltip="Cycle: chart and table, chart only, table only"),
    Binding("u", "next_unit", "Next unit", show=False,
            tooltip="Chart the next unit (shells, containers, ...)"),
    Binding("v", "quantity", "Quantity view",
            tooltip="What we know about the number under the cursor: every claim, by origin"),
    Binding("F", "frequency", "Who says what", show=False,
            tooltip="Claims counted by claimant and quantity, category or month"),
    Binding("n", "latest_only", "Latest only",
            tooltip="Only each claimant's latest figure per quantity (again: every figure)"),
    Binding("left_square_bracket", "step_known(-1)", "Known on \u2212 month", show=False,
            key_display="["),
    Binding("right_square_bracket", "step_known(1)", "Known on + month", show=False,
            key_display="]"),
    Binding("m", "milestones", "Milestones", show=False,
            tooltip="Show or hide the milestone lines on the charts"),
    Binding("escape", "back", "Close search", show=False),
    Binding("enter,s,equals_sign", "table_key", show=False, system=True),
]  # fmt: skip
