"""A table of a pandas frame that renders only the rows on screen.

Textual's DataTable measures every cell it is given on the UI thread, which
freezes the app for seconds on 100,000 claims. This is a line-API widget
(like toolong's log view): it keeps the frame, and `render_line` formats just
the visible rows, through an LRU cache. Sorting runs in a worker.

Columns share the width (see `layout`): each is measured on the rows (a sample
of them, for big frames), numbers and dates are never cut in the middle (they
switch to a compact form, or their column gives way), and the flexible column
takes the room that is left.
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
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..safe import clean

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd


class Row:
    """One row, read lazily from the frame's columns."""

    __slots__ = ("_series", "_pos")

    def __init__(self, series: dict[str, Any], pos: int) -> None:
        self._series = series
        self._pos = pos

    def __getitem__(self, name: str) -> Any:
        value = self._series[name][self._pos]
        if value is None or type(value).__name__ in ("NAType", "NaTType"):
            return None
        return None if value != value else value  # NaN, NaT -> None

    def __contains__(self, name: str) -> bool:
        return name in self._series


@dataclass(frozen=True)
class Column:
    """A column: its label, how a cell reads, and how it may be narrowed.

    `atomic` cells (numbers, dates, periods) are never cut in the middle: when
    the full text does not fit, `compact` gives a shorter form ("≥3,000"), and
    when that does not fit either, the column is dropped before it is cut.
    The `flex` column takes the room left, down to `least`. `optional`
    columns give way when the table is narrow, highest first.
    """

    label: str
    cell: Callable[[Row], str]
    sort_by: tuple[str, ...]
    needs: tuple[str, ...] = ()
    least: int = 4
    most: int = 60
    compact: Callable[[Row], str] | None = None
    atomic: bool = False
    #: A number: compacted after the text columns have narrowed.
    numeric: bool = False
    flex: bool = False
    align: str = "left"
    optional: int = 0


@dataclass(frozen=True)
class Measure:
    """How wide a column's cells are on the rows at hand."""

    full: int
    compact: int


def layout(columns: list[Column], measures: list[Measure], width: int) -> list[tuple[int, bool]]:
    """(width, compact) per column; width 0 hides a column.

    The order of concessions: atomic columns switch to their compact form,
    text columns narrow to their least, optional columns give way, the
    flexible column narrows; a number or a date is never cut in the middle.
    """
    want = [max(min(m.full, c.most), cell_len(c.label)) for c, m in zip(columns, measures)]
    short = [max(min(m.compact, c.most), cell_len(c.label)) for c, m in zip(columns, measures)]
    widths = list(want)
    compact = [False] * len(columns)
    shown = [True] * len(columns)

    def used() -> int:
        total = sum(w + 1 for w, s, c in zip(widths, shown, columns) if s and not c.flex)
        flexible = [c for c, s in zip(columns, shown) if s and c.flex]
        return total + sum(c.least + 1 for c in flexible)

    # Concessions in order, each made only while the columns still do not fit.
    # Dates go compact first ("17Oct24" reads as well), then optional columns
    # give way, then text narrows, then numbers go compact ("≥3,000").
    steps: list[tuple[str, int]] = []
    compactable = [i for i, c in enumerate(columns) if c.atomic and short[i] < want[i]]
    by_saving = sorted(compactable, key=lambda i: short[i] - want[i])
    steps += [("compact", i) for i in by_saving if not columns[i].numeric]
    by_order = sorted(
        (i for i, c in enumerate(columns) if c.optional), key=lambda i: -columns[i].optional
    )
    steps += [("hide", i) for i in by_order]
    steps += [("narrow", i) for i, c in enumerate(columns)
              if not c.atomic and not c.flex and c.least < want[i]]  # fmt: skip
    steps += [("compact", i) for i in by_saving if columns[i].numeric]
    for kind, i in steps:
        if used() <= width:
            break
        if kind == "compact":
            compact[i], widths[i] = True, short[i]
        elif kind == "narrow":
            widths[i] = max(columns[i].least, cell_len(columns[i].label))
        else:
            shown[i] = False
    flexible = [i for i, c in enumerate(columns) if c.flex and shown[i]]
    room = width - sum(w + 1 for w, s, c in zip(widths, shown, columns) if s and not c.flex)
    for i in flexible:
        widths[i] = max(room // len(flexible) - 1, 0)
    if not flexible and room > 0:  # no flexible column: the last text column takes the rest
        last = max((i for i, s in enumerate(shown) if s and not columns[i].atomic), default=None)
        if last is not None:
            widths[last] += room
    return [(w if s else 0, k) for w, s, k in zip(widths, shown, compact)]


#: Rows measured to size the columns: all of a small frame, a spread of a big one.
MEASURED_ROWS = 600


def needed_columns(columns: list[Column], frame: pd.DataFrame) -> list[str]:
    """The frame columns the table's cells read."""
    needed = {"id"}
    for column in columns:
        needed.update(column.needs)
    return [n for n in needed if n in frame.columns]


def arrays(part: pd.DataFrame, names: list[str]) -> dict[str, Any]:
    """Plain arrays of a few rows: reading one value is then an index, not a
    pandas call; the whole frame is never converted at once."""
    return {n: part[n].to_numpy(dtype=object) for n in names}


def cells(columns: list[Column], row: Row) -> tuple[list[str], list[str]]:
    """A row's cells, in full and in compact form, made inert."""
    full = [clean(column.cell(row)) for column in columns]
    compact = [clean(c.compact(row)) if c.compact else text for c, text in zip(columns, full)]
    return full, compact


def measure(
    columns: list[Column], frame: pd.DataFrame, order: np.ndarray | None = None
) -> list[Measure]:
    """How wide each column's cells are on a spread of rows (all of a small
    frame): the rows at positions `order` of `frame`, if given. No widget
    here: a pane measures its rows in the filter worker."""
    import numpy as np  # in the worker: numpy is loaded there

    names = needed_columns(columns, frame)
    rows = len(frame) if order is None else len(order)
    if rows <= MEASURED_ROWS and order is None:
        sample = frame
    else:
        step = rows / MEASURED_ROWS
        picked = (np.arange(rows) if rows <= MEASURED_ROWS else
                  np.array(sorted({int(i * step) for i in range(MEASURED_ROWS)} | {rows - 1})))  # fmt: skip
        sample = frame[names].take(picked if order is None else order[picked])
    values = arrays(sample, names)
    full = [0] * len(columns)
    short = [0] * len(columns)
    for position in range(len(sample)):
        texts, compact = cells(columns, Row(values, position))
        for i, (a, b) in enumerate(zip(texts, compact)):
            full[i] = max(full[i], cell_len(a))
            short[i] = max(short[i], cell_len(b))
    return [Measure(a, b) for a, b in zip(full, short)]


#: Rows read from the frame at a time, as plain arrays, when they come on screen.
CHUNK = 256


class FrameTable(ScrollView, can_focus=True):
    """Rows of a frame; enter selects, `s` sorts by the marked column."""

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
        Binding("enter", "select", "Open", tooltip="Open the row under the cursor"),
        Binding("equals_sign", "filter_value", "Filter on value", show=False, key_display="=",
                tooltip="Narrow the filter to the marked column's value in this row"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "frame-table--header",
        "frame-table--header-marked",
        "frame-table--cursor",
        "frame-table--empty",
    }

    DEFAULT_CSS = """
    FrameTable {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
    }
    FrameTable > .frame-table--header { text-style: bold; }
    FrameTable > .frame-table--header-marked { text-style: bold reverse; }
    FrameTable > .frame-table--cursor { text-style: reverse; }
    FrameTable:focus > .frame-table--cursor { text-style: bold reverse; }
    FrameTable > .frame-table--empty { text-style: italic; }
    """

    cursor: reactive[int] = reactive(0, repaint=False)
    marked_column: reactive[int] = reactive(0, repaint=False)

    class _RowMessage(Message):
        def __init__(self, table: FrameTable, row_id: str | None) -> None:
            super().__init__()
            self.table = table
            self.row_id = row_id

        @property
        def control(self) -> FrameTable:
            return self.table

    class Selected(_RowMessage):
        """Enter on a row."""

    class Highlighted(_RowMessage):
        """The cursor moved to a row."""

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
        empty: str = "Nothing to show.",
        name: str | None = None,
        id: str | None = None,  # noqa: A002
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.columns = columns
        self.empty_message = empty
        #: The rows shown; None until the first frame arrives.
        self.frame: pd.DataFrame | None = None
        #: Positions of `frame` shown, in this order (None: all, in its order):
        #: a table of a few rows of a big frame reads them where they are.
        self.order: np.ndarray | None = None
        self._needed: list[str] = []
        self._chunks: LRUCache[int, dict[str, Any]] = LRUCache(64)
        self._lines: LRUCache[int, tuple[list[str], list[str]]] = LRUCache(2048)
        self._sort: tuple[int, bool] | None = None
        self._measures: list[Measure] = [Measure(0, 0) for _ in columns]
        self._layout: list[tuple[int, bool]] = []

    # -- data ---------------------------------------------------------------

    @property
    def row_count(self) -> int:
        if self.frame is None:
            return 0
        return len(self.frame) if self.order is None else len(self.order)

    @property
    def shown(self) -> pd.DataFrame | None:
        """The rows shown, in the order given (a copy when `order` was given)."""
        if self.frame is None or self.order is None:
            return self.frame
        return self.frame.take(self.order)

    def set_frame(
        self,
        frame: pd.DataFrame,
        *,
        order: np.ndarray | None = None,
        keep_sort: bool = True,
        measures: list[Measure] | None = None,
    ) -> None:
        """Show these rows (in their order, unless a sort is in force): those
        at positions `order` of `frame`, if given. The column widths are
        measured here unless given (`measure`, in a worker)."""
        current = self.current_id
        self.frame = frame
        self.order = order
        self._needed = needed_columns(self.columns, frame)
        self._chunks.clear()
        self._lines.clear()
        self._measures = (measures if measures is not None
                          else measure(self.columns, frame, order))  # fmt: skip
        self._layout = []
        self.virtual_size = Size(self.size.width, self.row_count + 1)
        if keep_sort and self._sort is not None and self.row_count:
            column, descending = self._sort
            self._sort_in_worker(frame, order, column, descending)
        self._restore_cursor(current)
        self.refresh()

    def _arrays(self, part: pd.DataFrame) -> dict[str, Any]:
        return arrays(part, self._needed)

    def _restore_cursor(self, row_id: str | None) -> None:
        position = self.position_of(row_id) if row_id else None
        self.cursor = (
            position if position is not None else min(self.cursor, max(self.row_count - 1, 0))
        )
        self._scroll_to_cursor()

    def position_of(self, row_id: str) -> int | None:
        if not self.row_count:
            return None
        assert self.frame is not None
        import numpy as np

        from ..claims import ids

        found = ids.positions(self.frame, row_id)
        if self.order is not None and len(found):  # where those rows are shown
            found = np.isin(self.order, found).nonzero()[0]
        return int(found[0]) if len(found) else None

    @property
    def current_id(self) -> str | None:
        value = self.current_value("id")
        return None if value is None else str(value)

    def current_value(self, column: str) -> object:
        """A column's value in the row under the cursor (None: no row)."""
        if not (0 <= self.cursor < self.row_count):
            return None
        assert self.frame is not None
        at = self.cursor if self.order is None else int(self.order[self.cursor])
        return self.frame[column].iat[at]

    def move_to(self, row_id: str) -> bool:
        position = self.position_of(row_id)
        if position is None:
            return False
        self.cursor = position
        self._scroll_to_cursor(center=True)
        return True

    def _cells(self, position: int) -> tuple[list[str], list[str]]:
        cached = self._lines.get(position)
        if cached is None:
            index = position // CHUNK
            chunk = self._chunks.get(index)
            if chunk is None:
                assert self.frame is not None
                if self.order is None:
                    part = self.frame.iloc[index * CHUNK : (index + 1) * CHUNK]
                else:
                    part = self.frame[self._needed].take(
                        self.order[index * CHUNK : (index + 1) * CHUNK])
                chunk = self._arrays(part)
                self._chunks[index] = chunk
            cached = cells(self.columns, Row(chunk, position % CHUNK))
            self._lines[position] = cached
        return cached

    # -- rendering ----------------------------------------------------------

    def on_resize(self) -> None:
        self._layout = []
        self.virtual_size = Size(self.size.width, self.row_count + 1)

    def _widths(self) -> list[tuple[int, bool]]:
        if not self._layout:
            self._layout = layout(self.columns, self._measures, self.size.width - 1)
        return self._layout

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        if y == 0:
            return self._header(width, base)
        position = round(self.scroll_offset.y) + y - 1
        if not self.row_count:
            if y == 1:
                style = base + self.get_component_rich_style("frame-table--empty")
                message = self.empty_message if self.frame is not None else "Loading\u2026"
                return Strip([Segment(set_cell_size(f" {message}", width), style)])
            return Strip.blank(width, base)
        if position >= self.row_count:
            return Strip.blank(width, base)
        style = base
        if position == self.cursor:
            style = base + self.get_component_rich_style("frame-table--cursor")
        text = self._join(*self._cells(position))
        return Strip([Segment(set_cell_size(text, width), style)])

    def _join(self, cells: list[str], compact: list[str]) -> str:
        parts = []
        for full, short, column, (width, use_compact) in zip(
            cells, compact, self.columns, self._widths()
        ):
            if not width:
                continue
            cell = short if use_compact or cell_len(full) > width else full
            if cell_len(cell) > width:
                cell = set_cell_size(cell, width - 1) + "\u2026"
            parts.append(
                cell.rjust(width) if column.align == "right" else set_cell_size(cell, width)
            )
        return " ".join(parts)

    def _header(self, width: int, base: Style) -> Strip:
        header = base + self.get_component_rich_style("frame-table--header")
        marked = base + self.get_component_rich_style("frame-table--header-marked")
        segments = []
        for index, (column, (w, _)) in enumerate(zip(self.columns, self._widths())):
            if not w:
                continue
            label = column.label
            if self._sort and self._sort[0] == index:
                label += " \u25bc" if self._sort[1] else " \u25b2"
            label = set_cell_size(label, w) if column.align == "left" else label.rjust(w)[-w:]
            style = marked if index == self.marked_column and self.has_focus else header
            segments.append(Segment(label, style))
            segments.append(Segment(" ", header))
        strip = Strip(segments)
        return strip.crop(0, width).extend_cell_length(width, header)

    # -- keys ---------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_line(old + 1)
        self.refresh_line(new + 1)
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
        if self.row_count:
            self.cursor = max(0, min(self.row_count - 1, self.cursor + step))
            self._scroll_to_cursor()

    def action_page(self, direction: int) -> None:
        self.action_cursor(direction * max(self.size.height - 2, 1))

    def action_edge(self, direction: int) -> None:
        self.action_cursor(direction * self.row_count)

    def action_column(self, step: int) -> None:
        shown = [i for i, (w, _) in enumerate(self._widths()) if w] or list(
            range(len(self.columns))
        )
        here = shown.index(self.marked_column) if self.marked_column in shown else 0
        self.marked_column = shown[(here + step) % len(shown)]

    def action_select(self) -> None:
        row_id = self.current_id
        if row_id is not None:
            self.post_message(self.Selected(self, row_id))

    def action_filter_value(self) -> None:
        """Ask for the filter narrowed to the marked column's value (the
        dashboard says which columns it can filter on)."""
        from ..messages import FilterOnValue

        row_id = self.current_id
        if row_id is not None:
            column = self.columns[self.marked_column]
            self.post_message(FilterOnValue(row_id, column.sort_by, column.label))

    def action_sort(self) -> None:
        if not self.row_count:
            return
        assert self.frame is not None
        column = self.marked_column
        descending = bool(self._sort and self._sort[0] == column and not self._sort[1])
        self._sort_in_worker(self.frame, self.order, column, descending)

    def sort_by(self, column: int, descending: bool = False) -> None:
        self.marked_column = column
        if self.row_count:
            assert self.frame is not None
            self._sort_in_worker(self.frame, self.order, column, descending)

    @work(thread=True, exclusive=True, group="frame-table-sort")
    def _sort_in_worker(self, frame: pd.DataFrame, order: np.ndarray | None, column: int,
                        descending: bool) -> None:  # fmt: skip
        keys = [k for k in self.columns[column].sort_by if k in frame.columns]
        if order is not None:  # the rows shown, taken once to be sorted
            frame = frame.take(order)
        if not keys or frame.empty:
            return
        ordered = frame.sort_values(
            keys, ascending=not descending, kind="stable", na_position="last", key=_sort_key
        )
        self.post_message(self._Sorted(ordered, column, descending))

    def on_frame_table__sorted(self, message: _Sorted) -> None:
        message.stop()
        self._sort = (message.column, message.descending)
        self.set_frame(message.frame, keep_sort=False, measures=self._measures)

    @property
    def sort_state(self) -> tuple[str, bool] | None:
        if self._sort is None:
            return None
        return self.columns[self._sort[0]].label, self._sort[1]


def _sort_key(series: pd.Series) -> pd.Series:
    """Text sorts by its words whatever their case; categoricals by their text,
    not by the vocabulary's order."""
    import pandas as pd

    if (
        isinstance(series.dtype, pd.CategoricalDtype)
        or series.dtype == object
        or isinstance(series.dtype, pd.StringDtype)
    ):
        return (
            series.astype(object)
            .where(series.notna(), None)
            .map(lambda v: None if v is None else str(v).casefold())
        )
    return series
