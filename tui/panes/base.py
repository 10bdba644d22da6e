"""The pane protocol: what every pane of the dashboard is and does.

A pane says, as class attributes, its number key and title; `prepare` turns
the filtered claims (and the record they were cut from) into what it shows (run in the filter worker, in the
model layer's terms); `show` draws that; `focus_within` puts the cursor in
it; `current_claim` names the claim under the cursor. The registry in
`panes/__init__.py` lists the panes in key order, and the dashboard builds
its tabs, keys and palette entries from it.

A pane's body is mounted when the pane is first needed (its data arrives, it
is shown or focused); once the mount completes, the pane draws what it was
given, takes the focus it was asked for and runs what waited for it
(`when_built`): no retry loops. (Textual's `Lazy` was measured
here: it mounts every pane's body right after the first paint, while the data
loads, and cost 85 ms of the first frame and 95 ms of the first chart.)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import TabPane

from ..messages import OpenClaim
from ..widgets.frame_table import Column, FrameTable

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from ..claims.record import Record
    from ..widgets.charts import Chart


class DashboardPane(TabPane):
    """One tab of the dashboard."""

    #: The pane's title on its tab, and its number key.
    title: ClassVar[str] = ""
    key: ClassVar[str] = ""
    #: Build the body at once, for the first paint (the first pane only).
    eager: ClassVar[bool] = False

    def __init__(self) -> None:
        super().__init__(f"{self.key} {self.title}", id=self.pane_id())
        self._data: Any = None
        self._drawn = True
        self._focus_wanted = False
        self._building = False
        self._ready = False
        self._when_built: list[Callable[[], object]] = []

    @classmethod
    def pane_id(cls) -> str:
        return cls.title.lower()

    @classmethod
    def prepare(cls, claims: pd.DataFrame, record: Record) -> Any:
        """What the pane shows for these (filtered) claims, cut from `record`
        (the record on the filter's known-on date: vocabularies, milestones);
        runs in a worker."""
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        if self.eager:
            yield PaneBody(self)

    def _build(self) -> None:
        """Mount the body, once."""
        if not self._building and not self.built:
            self._building = True
            self.call_later(self._mount_body)

    async def _mount_body(self) -> None:
        await self.mount(PaneBody(self))
        self.body_mounted()

    @property
    def built(self) -> bool:
        """The body and everything in it are mounted."""
        return self._ready

    def show(self, data: Any) -> None:
        """Draw this data now, or as soon as the body is mounted."""
        self._data, self._drawn = data, False
        if self.built:
            self._draw_pending()
        else:
            self._build()

    def _draw_pending(self) -> None:
        if not self._drawn:
            self._drawn = True
            self.draw(self._data)

    def draw(self, data: Any) -> None:
        raise NotImplementedError

    def body(self) -> ComposeResult:
        """The widgets of the pane's body."""
        raise NotImplementedError

    def focus_within(self) -> None:
        """Focus the pane's main widget, now or once it is built."""
        target = self.focus_target() if self.built else None
        if target is None:
            self._focus_wanted = True
            self._build()
        else:
            target.focus()

    def focus_target(self) -> Widget | None:
        raise NotImplementedError

    def when_built(self, callback: Callable[[], object]) -> None:
        """Call this now if the body is mounted, else once it is (and mount it)."""
        if self.built:
            callback()
        else:
            self._when_built.append(callback)
            self._build()

    def body_mounted(self) -> None:
        self._ready = True
        self._draw_pending()
        if self._focus_wanted:
            self._focus_wanted = False
            target = self.focus_target()
            if target is not None:
                target.focus()
        waiting, self._when_built = self._when_built, []
        for callback in waiting:
            callback()

    def current_claim(self) -> str | None:
        """The id of the claim under the cursor, if any."""
        return None

    def on_screen_claims(self) -> tuple[pd.DataFrame, np.ndarray | None] | None:
        """The claims the pane lists, as its table holds them: the frame and
        the positions shown, in order (None: all, in the frame's order); `e`
        exports them. None when it lists no claims. Read from the data the
        pane was given, whether its table is shown, hidden (chart only) or
        not built yet: never from a widget that may not exist."""
        return None

    @property
    def table_hidden(self) -> bool:
        """The pane's table is hidden (chart only): no row is under a cursor."""
        return False

    def chart_on_screen(self) -> Any:
        """The pane's chart when it is drawn on screen (the palette saves it)."""
        return None

    def zoom(self) -> None:
        """Cycle chart and table, where the pane has a chart."""

    @property
    def has_chart(self) -> bool:
        return False


class PaneBody(Vertical):
    """A pane's body: built when first needed, then it draws the pane's data."""

    def __init__(self, pane: DashboardPane) -> None:
        super().__init__(classes="pane-body")
        self.pane = pane

    def compose(self) -> ComposeResult:
        yield from self.pane.body()

    def on_mount(self) -> None:
        if self.pane.eager:  # composed with the pane: ready after its first refresh
            self.call_after_refresh(self.pane.body_mounted)


class ClaimsPane(DashboardPane):
    """A pane of claims: an optional chart above a table."""

    category: ClassVar[str | None] = None
    columns: ClassVar[list[Column]] = []
    #: The chart's class in `widgets.charts`, by name: plotext is imported
    #: with the data, after the first paint, not at start-up.
    chart_name: ClassVar[str | None] = None
    empty: ClassVar[str] = "No claims match the filter."

    #: "both", "chart" or "table": what fills the pane.
    view: reactive[str] = reactive("both")

    @classmethod
    def prepare(cls, claims: pd.DataFrame, record: Record) -> PaneData:
        from ..widgets.frame_table import measure

        rows = cls.rows(claims)
        return PaneData(rows, cls.chart_data(rows, record), measure(cls.columns, rows))

    @classmethod
    def rows(cls, claims: pd.DataFrame) -> pd.DataFrame:
        """The claims this pane lists, in its order."""
        from ..claims.queries import by_category  # in the filter worker

        if cls.category is None:
            return claims.sort_values(["said_at", "id"], na_position="last", kind="stable")
        return by_category(claims, cls.category)

    @classmethod
    def chart_data(cls, rows: pd.DataFrame, record: Record) -> object:
        """What the pane's chart draws (a function of `claims.charts`)."""
        return None

    def body(self) -> ComposeResult:
        if self.chart_name is not None:
            yield Vertical(classes="pane-chart")
        yield FrameTable(self.columns, empty=self.empty, classes="pane-table")

    @property
    def table(self) -> FrameTable:
        return self.query_one(FrameTable)

    def focus_target(self) -> Widget | None:
        return self.table if self.view != "chart" else None

    def current_claim(self) -> str | None:
        return self.table.current_id if self.built and not self.table_hidden else None

    @property
    def table_hidden(self) -> bool:
        return self.view == "chart"

    def draw(self, data: PaneData) -> None:
        self.table.set_frame(data.rows, measures=data.measures)
        if self.chart_name is not None:
            self.chart().show(data.chart)

    def chart(self) -> Chart:
        """The pane's chart, created on first use."""
        from ..widgets import charts

        slot = self.query_one(".pane-chart")
        found = slot.query(charts.Chart)
        if found:
            return found.first()
        chart = getattr(charts, self.chart_name or "")()
        slot.mount(chart)
        return chart

    @property
    def has_chart(self) -> bool:
        return self.chart_name is not None

    def on_screen_claims(self) -> tuple[pd.DataFrame, np.ndarray | None] | None:
        """The rows given to the pane, in its table's order once the table is
        drawn (a sort in force), else in the pane's own order."""
        data: PaneData | None = self._data
        if data is None:
            return None
        if self.built and self._drawn:
            table = self.table  # mounted with the body; hidden in chart only
            if table.frame is not None:
                return table.frame, table.order
        return data.rows, None

    def chart_on_screen(self) -> Any:
        if self.chart_name is None or not self.built or self.view == "table":
            return None
        found = self.query_one(".pane-chart").query("Chart")
        return found.first() if found else None

    def zoom(self) -> None:
        if self.chart_name is None:
            return
        order = ["both", "chart", "table"]
        self.view = order[(order.index(self.view) + 1) % len(order)]

    def watch_view(self, view: str) -> None:
        self.set_class(view == "chart", "-chart-only")
        self.set_class(view == "table", "-table-only")
        if view != "chart" and self.built:
            self.table.focus()

    def on_frame_table_selected(self, event: FrameTable.Selected) -> None:
        event.stop()
        self.post_message(OpenClaim(event.row_id))


class PaneData:
    """What a claims pane shows for the current filter: its rows, its chart,
    and how wide its columns' cells are (all measured in the worker)."""

    __slots__ = ("rows", "chart", "measures")

    def __init__(
        self, rows: pd.DataFrame, chart: object = None, measures: list | None = None
    ) -> None:
        self.rows = rows
        self.chart = chart
        self.measures = measures
