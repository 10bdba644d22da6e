"""The quantity view: what we know about one number, on one screen.

Over a chart of every claim about the quantity (one marker per claimant, the
same as everywhere; the claimant under the table's cursor in full, the
others faint) sit the counts (reports and origins), and under it the current
picture, where origins disagree, and each claimant's figures in order; the
table lists every figure, claimants with the newest first, each claimant's
figures latest first with the change from the one before. Enter opens a
figure's claim. Everything is computed by `claims.quantity_view` in a worker,
under the filter in force.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Footer, Static

from ..claims.domain import GLYPHS
from ..messages import CopyCitation, ExportClaims, OpenClaim, StepKnownOn, ToggleLatestOnly
from ..safe import plain
from ..widgets import columns
from ..widgets.frame_table import FrameTable
from .closing import ClosesOnce
from ..widgets.card import Card

if TYPE_CHECKING:
    from textual.signal import Signal

    from ..claims.quantity_view import QuantityView
    from ..state import BoardState


class QuantityScreen(ClosesOnce, Screen[None]):
    """Every claim about one quantity, by claimant and origin."""

    HELP_TITLE = "the quantity view"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("z", "zoom", "Chart/table", tooltip="Cycle: chart and table, chart only, table only"),
        Binding("y", "copy", "Copy citation"),
        Binding("e", "export", "Export", show=False,
                tooltip="Write the table's claims, with their citations, to a file"),
        Binding("n", "latest_only", "Latest only"),
        Binding("left_square_bracket", "step_known(-1)", "Known on \u2212 month",
                show=False, key_display="["),
        Binding("right_square_bracket", "step_known(1)", "Known on + month",
                show=False, key_display="]"),
        Binding("tab", "app.focus_next", "Table/notes"),
        Binding("shift+tab", "app.focus_previous", "Previous", show=False),
    ]  # fmt: skip

    def __init__(self, state: BoardState, updates: Signal[BoardState], quantity: str) -> None:
        super().__init__(classes="quantity-view")
        #: The board's state, followed as the filter changes.
        self.state = state
        self._updates = updates
        self.quantity = quantity
        self.view: QuantityView | None = None
        self.mode = "both"

    def compose(self) -> ComposeResult:
        from ..widgets.charts import TroopsChart

        yield Static(Text("Loading\u2026", style="italic"), id="quantity-title")
        with Vertical(id="quantity-chart"):
            yield TroopsChart()
        with Card(id="quantity-notes"):
            yield Static(id="quantity-picture")
        yield FrameTable(columns.FIGURES, empty="No claims about this quantity match the filter.",
                         id="quantity-table")  # fmt: skip
        yield Footer()

    def on_mount(self) -> None:
        try:
            self.query_one(FrameTable).focus()
        except NoMatches:  # closed as soon as it opened: its widgets are gone
            return
        self._updates.subscribe(self, self._follow, immediate=True)
        self.build()

    def _follow(self, state: BoardState) -> None:
        """The view follows the filter."""
        rebuild = state.generation != self.state.generation
        self.state = state
        if rebuild:
            self.build()

    @work(thread=True, exclusive=True, group="quantity")
    def build(self) -> None:
        """The view, computed off the UI thread from the current record and
        filtered claims."""
        from ..claims.quantity_view import quantity_view

        state = self.state
        record, rows = state.record, state.filtered
        if record is None or rows is None:
            return
        view = quantity_view(rows, record.claims, self.quantity, record.quantities,
                             record.claimants, record.milestones, record.tolerances,
                             as_of=record.known_on)  # fmt: skip
        self.app.call_from_thread(self.show, view)

    def show(self, view: QuantityView) -> None:
        if not self.is_attached:  # closed while the view was being computed
            return
        try:
            title = self.query_one("#quantity-title", Static)
        except NoMatches:  # closing: its widgets are already going
            return
        self.view = view
        title.update(self._title(view))
        self.query_one("#quantity-picture", Static).update(self._notes(view))
        self.query_one(FrameTable).set_frame(view.frame, order=view.order)
        self._select()

    def _title(self, view: QuantityView) -> Text:
        title = plain(view.label, style="bold", one_line=True)
        title.append(f"  \u00b7 {view.reading} \u00b7 {view.unit} \u00b7 ", style="dim")
        title.append(view.counts, style="bold")
        if view.disagreeing:
            n = view.disagreeing
            title.append(f" \u00b7 {GLYPHS['contested']} {n:,} disagreement{'s' if n > 1 else ''}",
                         style="bold red")  # fmt: skip
        shown = self.state.filter
        if shown is not None and not shown.is_empty:
            title.append("  (under the filter: ", style="dim")
            title.append_text(plain(shown.describe(), style="dim", one_line=True))
            title.append(")", style="dim")
        return title

    @staticmethod
    def _entries(notes: Text, entries: tuple, none: str) -> None:
        """Picture entries, one a line: the figure, its part, its age."""
        if not entries and none:
            notes.append(none, style="italic")
        for entry in entries:
            mark = GLYPHS["contested"] + " " if entry.contested else "  "
            notes.append(mark, style="bold red")
            notes.append_text(plain(f"{entry.origin}: {entry.number} ({entry.when})", one_line=True))
            if entry.part:
                notes.append("  ")
                notes.append_text(plain(entry.part, style="italic", one_line=True))
            notes.append(f"  {entry.age}", style="dim")
            if entry.reports > 1:
                notes.append(f"  {entry.reports:,} reports", style="dim")
            notes.append("\n")

    def _notes(self, view: QuantityView) -> Text:
        notes = Text()
        notes.append("Now", style="bold underline")
        notes.append(f", {view.as_of_text}: each origin's latest figure, the most recent "
                     "first (origins: whose information it is)\n", style="dim")  # fmt: skip
        self._entries(notes, view.current, "  no origin's figure is current\n")
        if view.stale:
            notes.append("Stale", style="bold")
            notes.append(": older than the window, not in the range\n", style="dim")
            self._entries(notes, view.stale, "")
        if view.parts:
            notes.append("Parts", style="bold")
            notes.append(": figures of one engagement, unit, region, place or stretch of time; "
                         "not in the range\n", style="dim")  # fmt: skip
            self._entries(notes, view.parts, "")
        extremes = view.extremes()
        if extremes:
            notes.append_text(plain(extremes[:1].upper() + extremes[1:], style="italic",
                                    one_line=True))  # fmt: skip
            notes.append("\n")
        notes.append("\nContested", style="bold underline")
        notes.append(": origins' figures for the same time that no one value fits\n", style="dim")
        if view.disagreements:
            for line in view.disagreements:
                notes.append(GLYPHS["contested"] + " ", style="bold red")
                notes.append_text(plain(line, one_line=True))
                notes.append("\n")
            if view.disagreeing > len(view.disagreements):
                notes.append(f"  \u2026 and {view.disagreeing - len(view.disagreements):,} more\n",
                             style="italic")  # fmt: skip
        else:
            notes.append("  none on the record\n", style="italic")
        notes.append("\nEach claimant's figures, oldest first\n", style="bold underline")
        for line in view.sequences:
            notes.append_text(plain(line, one_line=True))
            notes.append("\n")
        notes.append(f"\nBands: {view.tolerances} (tolerances.yaml changes them)", style="dim")
        return notes

    # -- keys -------------------------------------------------------------------

    def on_frame_table_highlighted(self, event: FrameTable.Highlighted) -> None:
        event.stop()
        self._select()

    def _select(self) -> None:
        """Draw the claimant under the cursor in full, the others faint."""
        from ..widgets.charts import TroopsChart

        if self.view is None:
            return
        under = self.query_one(FrameTable).current_value("claimant")
        claimant = None if under is None else str(under)
        chart = self.view.chart if self.view.chart.empty else self.view.chart.with_selected(claimant)
        self.query_one(TroopsChart).show(chart)

    def on_frame_table_selected(self, event: FrameTable.Selected) -> None:
        event.stop()
        if event.row_id:
            self.post_message(OpenClaim(event.row_id))

    def action_copy(self) -> None:
        claim = self.query_one(FrameTable).current_id
        if claim:
            self.post_message(CopyCitation(claim))

    def action_export(self) -> None:
        table = self.query_one(FrameTable)
        if self.view is None or table.frame is None:
            return
        self.post_message(ExportClaims(table.frame, table.order, f"quantity {self.view.label}",
                                       self.quantity))  # fmt: skip

    def chart_on_screen(self) -> object | None:
        from ..widgets.charts import TroopsChart

        if self.mode == "table" or self.view is None:
            return None
        return self.query_one(TroopsChart)

    def action_zoom(self) -> None:
        order = ["both", "chart", "table"]
        self.mode = order[(order.index(self.mode) + 1) % len(order)]
        self.set_class(self.mode == "chart", "-chart-only")
        self.set_class(self.mode == "table", "-table-only")
        if self.mode != "chart":
            self.query_one(FrameTable).focus()
        else:
            self.query_one(Card).focus()

    # The dashboard's filter keys, here too: the view follows the filter.

    def action_latest_only(self) -> None:
        self.post_message(ToggleLatestOnly())

    def action_step_known(self, months: int) -> None:
        self.post_message(StepKnownOn(months))

    def action_back(self) -> None:
        self.dismiss()
