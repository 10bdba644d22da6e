"""A table of claims that renders only the rows on screen.

Textual's DataTable measures every cell it is given on the UI thread, which
freezes the app for seconds on 100,000 claims. This is a line-API widget
(like toolong's log view): it keeps the pandas frame, and `render_line`
formats just the visible rows, caching them. Sorting runs in a worker.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import work
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..safe import clean

if TYPE_CHECKING:
    import pandas as pd


class Row:
    """One claim, read lazily from the frame's columns."""

    __slots__ = ("_series", "_pos")

    def __init__(self, series: dict[str, pd.Series], pos: int) -> None:
        self._series = series
        self._pos = pos

    def __getitem__(self, name: str) -> Any:
        value = self._series[name].iat[self._pos]
        if value is None or type(value).__name__ == "NAType":
            return None
        return None if value != value else value  # NaN, NaT -> None


@dataclass(frozen=True)
class Column:
    """A column: its label, width (0: takes the room left), how a cell reads,
    and which frame columns it sorts by."""

    label: str
    width: int
    cell: Callable[[Row], str]
    sort_by: tuple[str, ...]
    align: str = "left"
    needs: tuple[str, ...] = ()
    #: 0: always shown; otherwise dropped when the table is narrow, highest first.
    optional: int = 0


class ClaimsTable(ScrollView, can_focus=True):
    """Claims in rows; enter selects, `s` sorts by the marked column."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("down,j", "cursor(1)", "Down", show=False),
        Binding("pageup,ctrl+b", "page(-1)", "Page up", show=False),
        Binding("pagedown,ctrl+f,space", "page(1)", "Page down", show=False),
        Binding("home,g", "edge(-1)", "First", show=False),
        Binding("end,G", "edge(1)", "Last", show=False),
        Binding("left,h", "column(-1)", "Column left", show=False),
        Binding("right,l", "column(1)", "Column right", show=False),
        Binding("s", "sort", "Sort", tooltip="Sort by the marked column; again to reverse"),
        Binding("enter", "select", "Detail", tooltip="Open the claim's provenance"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "claims-table--header",
        "claims-table--header-marked",
        "claims-table--cursor",
        "claims-table--empty",
    }

    DEFAULT_CSS = """
    ClaimsTable {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
    }
    ClaimsTable > .claims-table--header { text-style: bold; }
    ClaimsTable > .claims-table--header-marked { text-style: bold reverse; }
    ClaimsTable > .claims-table--cursor { text-style: reverse; }
    ClaimsTable:focus > .claims-table--cursor { text-style: bold reverse; }
    ClaimsTable > .claims-table--empty { text-style: italic; }
    """

    cursor: reactive[int] = reactive(0, repaint=False)
    marked_column: reactive[int] = reactive(0, repaint=False)

    class Selected(Message):
        """Enter on a claim."""

        def __init__(self, table: ClaimsTable, claim_id: str) -> None:
            super().__init__()
            self.table = table
            self.claim_id = claim_id

        @property
        def control(self) -> ClaimsTable:
            return self.table

    class Highlighted(Message):
        """The cursor moved to a claim."""

        def __init__(self, table: ClaimsTable, claim_id: str | None) -> None:
            super().__init__()
            self.table = table
            self.claim_id = claim_id

        @property
        def control(self) -> ClaimsTable:
            return self.table

    class _Sorted(Message):
        def __init__(self, frame: pd.DataFrame, column: int, descending: bool) -> None:
            super().__init__()
            self.frame = frame
            self.column = column
            self.descending = descending

    def __init__(
        self,
        columns: list[Column],
        *,
        empty: str = "No claims match.",
        name: str | None = None,
        id: str | None = None,  # noqa: A002
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.columns = columns
        self.empty_message = empty
        self.frame: pd.DataFrame = _NO_ROWS
        self._series: dict[str, pd.Series] = {}
        self._lines: dict[int, list[str]] = {}
        self._sort: tuple[int, bool] | None = None
        self._widths: list[int] = []

    # -- data ---------------------------------------------------------------

    def set_frame(self, frame: pd.DataFrame, *, keep_sort: bool = True) -> None:
        """Show these claims (their order unless a sort is in force)."""
        current = self.current_id
        self.frame = frame
        self._series = {}
        self._lines.clear()
        self.virtual_size = Size(self.size.width, len(frame) + 1)
        if keep_sort and self._sort is not None and len(frame):
            column, descending = self._sort
            self._sort_in_worker(frame, column, descending)
        self._restore_cursor(current)
        self.refresh()

    def _restore_cursor(self, claim_id: str | None) -> None:
        position = self.position_of(claim_id) if claim_id else None
        self.cursor = (
            position if position is not None else min(self.cursor, max(len(self.frame) - 1, 0))
        )
        self._scroll_to_cursor()

    def position_of(self, claim_id: str) -> int | None:
        if self.frame.empty:
            return None
        hits = (self.frame["id"] == claim_id).to_numpy().nonzero()[0]
        return int(hits[0]) if len(hits) else None

    @property
    def current_id(self) -> str | None:
        if self.frame.empty or not (0 <= self.cursor < len(self.frame)):
            return None
        return str(self.frame["id"].iat[self.cursor])

    def move_to(self, claim_id: str) -> bool:
        position = self.position_of(claim_id)
        if position is None:
            return False
        self.cursor = position
        self._scroll_to_cursor(center=True)
        return True

    def _cells(self, position: int) -> list[str]:
        cells = self._lines.get(position)
        if cells is None:
            if not self._series:
                needed = {"id"}
                for column in self.columns:
                    needed.update(column.needs)
                self._series = {n: self.frame[n] for n in needed if n in self.frame}
            row = Row(self._series, position)
            cells = [clean(column.cell(row)) for column in self.columns]
            if len(self._lines) > 2000:
                self._lines.clear()
            self._lines[position] = cells
        return cells

    # -- rendering ----------------------------------------------------------

    def _column_widths(self, width: int) -> list[int]:
        """Widths; optional columns get 0 (hidden) until the flexible ones have room."""
        shown = list(self.columns)
        while True:
            fixed = sum(c.width + 1 for c in shown if c.width)
            flexible = [c for c in shown if not c.width]
            room = max(width - fixed - len(flexible), 0)
            share = room // len(flexible) if flexible else 0
            optional = [c for c in shown if c.optional]
            if not flexible or share >= 24 or not optional:
                break
            shown.remove(max(optional, key=lambda c: c.optional))
        return [(c.width or max(share, 4)) if c in shown else 0 for c in self.columns]

    def on_resize(self) -> None:
        self._widths = []
        self.virtual_size = Size(self.size.width, len(self.frame) + 1)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if not self._widths:
            self._widths = self._column_widths(width)
        base = self.rich_style
        if y == 0:
            return self._header(width, base)
        position = round(self.scroll_offset.y) + y - 1
        if self.frame.empty:
            if y == 1:
                style = base + self.get_component_rich_style("claims-table--empty")
                return Strip([Segment(set_cell_size(f" {self.empty_message}", width), style)])
            return Strip.blank(width, base)
        if position >= len(self.frame):
            return Strip.blank(width, base)
        cells = self._cells(position)
        style = base
        if position == self.cursor:
            style = base + self.get_component_rich_style("claims-table--cursor")
        text = self._join(cells)
        return Strip([Segment(set_cell_size(text, width), style)])

    def _join(self, cells: list[str]) -> str:
        parts = []
        for cell, column, width in zip(cells, self.columns, self._widths):
            if not width:
                continue
            if cell_len(cell) > width:
                cell = set_cell_size(cell, width - 1) + "\u2026"
            parts.append(
                cell.rjust(width) if column.align == "right" else set_cell_size(cell, width)
            )
        return " ".join(parts)

    def _header(self, width: int, base: Style) -> Strip:
        header = base + self.get_component_rich_style("claims-table--header")
        marked = base + self.get_component_rich_style("claims-table--header-marked")
        segments = []
        for index, (column, w) in enumerate(zip(self.columns, self._widths)):
            if not w:
                continue
            label = column.label
            if self._sort and self._sort[0] == index:
                label += " \u25bc" if self._sort[1] else " \u25b2"
            label = set_cell_size(label, w) if column.align == "left" else label.rjust(w)[:w]
            style = marked if index == self.marked_column and self.has_focus else header
            segments.append(Segment(label, style))
            segments.append(Segment(" ", header))
        strip = Strip(segments)
        return strip.crop(0, width).extend_cell_length(width, header)

    # -- keys ---------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_line(old + 1 - 0)
        self.refresh_line(new + 1 - 0)
        self.post_message(self.Highlighted(self, self.current_id))

    def refresh_line(self, y: int) -> None:
        # Virtual line y is drawn at screen line y - scroll_y (the header is line 0).
        screen_y = y - round(self.scroll_offset.y)
        if 1 <= screen_y < self.size.height:
            super().refresh_line(y)

    def watch_marked_column(self) -> None:
        self.refresh_lines(round(self.scroll_offset.y), 1)

    def on_focus(self) -> None:
        self.refresh_lines(round(self.scroll_offset.y), 1)

    def on_blur(self) -> None:
        self.refresh_lines(round(self.scroll_offset.y), 1)

    def _scroll_to_cursor(self, center: bool = False) -> None:
        visible = max(self.size.height - 1, 1)
        top = round(self.scroll_offset.y)
        if center:
            self.scroll_to(y=max(self.cursor - visible // 2, 0), animate=False, immediate=True)
        elif self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False, immediate=True)

    def action_cursor(self, step: int) -> None:
        if len(self.frame):
            self.cursor = max(0, min(len(self.frame) - 1, self.cursor + step))
            self._scroll_to_cursor()

    def action_page(self, direction: int) -> None:
        self.action_cursor(direction * max(self.size.height - 2, 1))

    def action_edge(self, direction: int) -> None:
        self.action_cursor(direction * len(self.frame))

    def action_column(self, step: int) -> None:
        shown = [i for i, w in enumerate(self._widths) if w] or list(range(len(self.columns)))
        here = shown.index(self.marked_column) if self.marked_column in shown else 0
        self.marked_column = shown[(here + step) % len(shown)]

    def action_select(self) -> None:
        claim_id = self.current_id
        if claim_id is not None:
            self.post_message(self.Selected(self, claim_id))

    def action_sort(self) -> None:
        column = self.marked_column
        descending = bool(self._sort and self._sort[0] == column and not self._sort[1])
        self._sort_in_worker(self.frame, column, descending)

    def sort_by(self, column: int, descending: bool = False) -> None:
        self.marked_column = column
        self._sort_in_worker(self.frame, column, descending)

    @work(thread=True, exclusive=True, group="claims-table-sort")
    def _sort_in_worker(self, frame: pd.DataFrame, column: int, descending: bool) -> None:
        keys = [k for k in self.columns[column].sort_by if k in frame]
        if not keys or frame.empty:
            return
        ordered = frame.sort_values(
            keys, ascending=not descending, kind="stable", na_position="last", key=_sort_key
        )
        self.post_message(self._Sorted(ordered, column, descending))

    def on_claims_table__sorted(self, message: _Sorted) -> None:
        message.stop()
        self._sort = (message.column, message.descending)
        self.set_frame(message.frame, keep_sort=False)

    @property
    def sort_state(self) -> tuple[str, bool] | None:
        if self._sort is None:
            return None
        return self.columns[self._sort[0]].label, self._sort[1]


class _NoRows:
    """The frame of a table that has not been given one (pandas is not loaded yet)."""

    empty = True

    def __len__(self) -> int:
        return 0


_NO_ROWS: Any = _NoRows()


def _sort_key(series: pd.Series) -> pd.Series:
    """Categoricals sort by their text, not by the vocabulary's order."""
    import pandas as pd

    if isinstance(series.dtype, pd.CategoricalDtype):
        return series.astype(object).astype("str")
    return series
