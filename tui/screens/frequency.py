"""Who says what (`F`): how many claims each claimant made about each
quantity, category or month, as VisiData's frequency table shows them.

Claimants are rows and the second dimension columns; the names, the Total
column and the Total row stay in place while the rest scrolls, and the
cursor walks cell by cell. `tab` cycles the dimension, `s` sorts the rows
by the column under the cursor (again: reverse), and enter asks the
dashboard to filter to the cell's claims (`ShowFiltered`), which closes the
view. Counted by `claims.frequency` in a worker, under the filter in force.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from ..messages import ShowFiltered
from ..safe import plain
from .closing import ClosesOnce

if TYPE_CHECKING:
    import pandas as pd

    from ..claims.filters import Filter
    from textual.signal import Signal

    from ..claims.frequency import Frequency
    from ..state import BoardState

#: Table columns before the dimension's: the claimant's name and its total.
NAME, TOTAL, FIRST = 0, 1, 2


class FrequencyTable(DataTable):
    """The matrix: a cell cursor, with the app's j/k/h/l and g/G too."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("k", "cursor_up", "Cursor up", show=False),
        Binding("j", "cursor_down", "Cursor down", show=False),
        Binding("h", "cursor_left", "Cursor left", show=False),
        Binding("l", "cursor_right", "Cursor right", show=False),
        Binding("g,ctrl+home", "scroll_top", "First row", show=False),
        Binding("G,ctrl+end", "scroll_bottom", "Last row", show=False),
        Binding("home", "scroll_home", "First column", show=False),
        Binding("end", "scroll_end", "Last column", show=False),
        Binding("enter", "select_cursor", "Filter to cell",
                tooltip="Show these claims on the dashboard: the filter keeps just them"),
    ]  # fmt: skip


class FrequencyScreen(ClosesOnce, Screen[None]):
    """Claims counted by claimant and one other dimension."""

    HELP_TITLE = "who says what"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("tab", "dimension(1)", "Quantity/category/month",
                tooltip="Count against what they count, their category or the month said"),
        Binding("shift+tab", "dimension(-1)", "Previous dimension", show=False),
        Binding("s", "sort", "Sort", tooltip="Sort by the column under the cursor; again to reverse"),
    ]  # fmt: skip

    def __init__(self, state: BoardState, updates: Signal[BoardState],
                 dimension: str = "quantity") -> None:  # fmt: skip
        super().__init__(classes="frequency-view")
        #: The board's state, followed as the filter changes.
        self.state = state
        self._updates = updates
        self.dimension = dimension
        self.frequency: Frequency | None = None
        #: The filter the counts were made under: a cell's filter narrows it.
        self.base: Filter | None = None
        #: How the rows are sorted: "total", "name" or "c:" and a column's label.
        self.sort: tuple[str, bool] = ("total", True)
        self._builds = 0
        #: The claimant ids and column labels the table shows, row and column order.
        self._shown: tuple[tuple[str, ...], tuple[str, ...]] | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text("Counting\u2026", style="italic"), id="frequency-title")
        yield FrequencyTable(cursor_type="cell", fixed_columns=2, id="frequency-table")
        yield Footer()

    def on_mount(self) -> None:
        try:
            self.query_one(FrequencyTable).focus()
        except NoMatches:  # closed as soon as it opened: its widgets are gone
            return
        self._updates.subscribe(self, self._follow, immediate=True)
        self.build()

    def _follow(self, state: BoardState) -> None:
        """The counts follow the filter."""
        rebuild = state.generation != self.state.generation
        self.state = state
        if rebuild:
            self.build()

    def on_resize(self) -> None:
        if self.frequency is not None:  # the names' width follows the screen's
            try:
                self._fill()
            except NoMatches:  # closing
                pass

    @property
    def table(self) -> FrequencyTable:
        return self.query_one(FrequencyTable)

    def build(self) -> None:
        """Count again: the filter or the dimension changed."""
        state = self.state
        if state.filtered is None or state.filter is None:
            return
        self._builds += 1
        self._count(state.filtered, state.filter, self.dimension, self._builds)

    @work(thread=True, exclusive=True, group="frequency")
    def _count(self, claims: pd.DataFrame, base: Filter, dimension: str, build: int) -> None:
        from ..claims.frequency import frequency

        counted = frequency(claims, dimension)
        self.app.call_from_thread(self.show, counted, base, build)

    def show(self, counted: Frequency, base: Filter, build: int) -> None:
        if not self.is_attached or build != self._builds:  # closed, or counted again since
            return
        try:
            title = self.query_one("#frequency-title", Static)
        except NoMatches:  # closing: its widgets are already going
            return
        self.frequency = self._sorted(counted)
        self.base = base
        title.update(self._title())
        self._fill()

    def _sorted(self, counted: Frequency) -> Frequency:
        by, descending = self.sort
        if by in ("total", "name"):
            return counted.sorted(by, descending)
        label = by.removeprefix("c:")
        if label in counted.labels:
            return counted.sorted(counted.labels.index(label), descending)
        self.sort = ("total", True)  # that column is gone (another dimension or filter)
        return counted.sorted()

    def _title(self) -> Text:
        from ..claims.frequency import DIMENSION_NAMES

        counted = self.frequency
        assert counted is not None
        title = Text()
        title.append("Who says what", style="bold")
        title.append(f" \u00b7 by claimant and {DIMENSION_NAMES[counted.dimension]} \u00b7 ",
                     style="dim")  # fmt: skip
        n = counted.total
        title.append(f"{n:,} claim{'s' if n != 1 else ''}, {len(counted.claimants):,} "
                     f"claimant{'s' if len(counted.claimants) != 1 else ''}", style="bold")  # fmt: skip
        if self.base is not None and not self.base.is_empty:
            title.append("  (under the filter: ", style="dim")
            title.append_text(plain(self._described(self.base), style="dim", one_line=True))
            title.append(")", style="dim")
        return title

    def _described(self, base: Filter) -> str:
        """The filter in words, with claimants' and quantities' short names."""
        dataset = self.state.dataset
        if dataset is None:
            return base.describe()
        names = dict(zip(dataset.claimants.index, dataset.claimants["short"]))
        names |= dict(zip(dataset.quantities.index, dataset.quantities["short"]))
        return base.describe(names)

    def _fill(self) -> None:
        """Put the counts in the table, keeping the cursor on the same
        claimant and column where they are still there."""
        counted = self.frequency
        assert counted is not None
        table = self.table
        row, column = self._cursor_at(counted)
        by, descending = self.sort
        arrow = " \u25bc" if descending else " \u25b2"

        def heading(label: str, key: str, right: bool = True) -> Text:
            shown = plain(label + (arrow if by == key else ""), one_line=True)
            shown.justify = "right" if right else "left"
            return shown

        # Names give way first (some claimants' short names are sentences).
        names = [plain(name, one_line=True) for name in counted.names]
        width = min(max((name.cell_len for name in names), default=8),
                    max(10, min(24, self.size.width // 3)))  # fmt: skip
        with self.app.batch_update():
            table.fixed_rows = 0  # a pinned row that is not there breaks the table
            table.clear(columns=True)
            table.add_column(heading("claimant", "name", right=False), key="name",
                             width=max(width, len("claimant") + 2))  # fmt: skip
            table.add_column(heading("total", "total"), key="total")
            for i, label in enumerate(counted.labels):
                table.add_column(heading(label, f"c:{label}"), key=f"c:{i}")
            table.add_row(Text("All claimants", style="bold"),
                          _count(counted.total, bold=True),
                          *(_count(n, bold=True) for n in counted.column_totals),
                          key="total")  # fmt: skip
            for i, (name, total, counts) in enumerate(zip(names, counted.row_totals,
                                                          counted.counts)):  # fmt: skip
                name.truncate(width, overflow="ellipsis")
                table.add_row(name, _count(total, bold=True),
                              *(_count(n) for n in counts), key=f"r:{i}")  # fmt: skip
            table.fixed_rows = 1  # the Total row
            table.move_cursor(row=row, column=column, animate=False)
        self._shown = (counted.claimants, counted.labels)

    def _cursor_at(self, counted: Frequency) -> tuple[int, int]:
        """Where the cursor goes in the table of `counted`: on the claimant
        and the column it was on (by id and label), else where it was."""
        table = self.table
        if self._shown is None or not table.row_count:
            return 0, NAME
        row, column = table.cursor_coordinate
        claimants, labels = self._shown
        if 1 <= row <= len(claimants) and claimants[row - 1] in counted.claimants:
            row = counted.claimants.index(claimants[row - 1]) + 1
        row = min(row, len(counted.claimants))
        if column >= FIRST:
            label = labels[column - FIRST] if column - FIRST < len(labels) else None
            column = counted.labels.index(label) + FIRST if label in counted.labels else TOTAL
        return row, column

    # -- keys -------------------------------------------------------------------

    def action_dimension(self, step: int) -> None:
        from ..claims.frequency import DIMENSIONS

        self.dimension = DIMENSIONS[(DIMENSIONS.index(self.dimension) + step) % len(DIMENSIONS)]
        self.build()

    def action_sort(self) -> None:
        counted = self.frequency
        if counted is None:
            return
        column = self.table.cursor_column
        by = ("name" if column == NAME else "total" if column == TOTAL
              else f"c:{counted.labels[column - FIRST]}")  # fmt: skip
        current, descending = self.sort
        self.sort = (by, not descending) if current == by else (by, by != "name")
        self.frequency = self._sorted(counted)
        self._fill()

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        counted = self.frequency
        if counted is None:
            return
        row, column = event.coordinate.row, event.coordinate.column
        pick = counted.pick(row - 1 if row else None,
                            column - FIRST if column >= FIRST else None, self.base)  # fmt: skip
        if pick.filter is None:
            self.notify(pick.note, title="Who says what", severity="warning", timeout=5,
                        markup=False)  # fmt: skip
            return
        self.post_message(ShowFiltered(pick.filter, pick.note))

    def action_back(self) -> None:
        self.dismiss()


def _count(n: int, *, bold: bool = False) -> Text:
    """A count, right-aligned; a zero as a faint dot, so that the claims stand out."""
    if not n:
        return Text("\u00b7", style="dim", justify="right")
    return Text(f"{n:,}", style="bold" if bold else "", justify="right")
