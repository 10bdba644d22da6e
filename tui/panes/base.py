"""The base of the category panes: a chart above a table of claims.

Each pane says which claims it shows and what its chart draws, as functions
of the filtered claims table (`prepare`, run in the filter worker); the
widgets only draw the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.css.query import NoMatches
from textual.reactive import reactive
from textual.widgets import TabPane

from ..widgets.claims_table import ClaimsTable, Column

if TYPE_CHECKING:
    from ..widgets.charts import Chart


if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class PaneData:
    """What a pane shows for the current filter."""

    rows: pd.DataFrame
    chart: object = None


class ClaimsPane(TabPane):
    """A pane of one category of claims, with an optional chart."""

    #: The pane's title on its tab, and its number key.
    title: ClassVar[str] = ""
    key: ClassVar[str] = ""
    category: ClassVar[str | None] = None
    columns: ClassVar[list[Column]] = []
    #: The chart's class in `widgets.charts`, by name: plotext is imported
    #: with the data, after the first paint, not at start-up.
    chart_name: ClassVar[str | None] = None
    empty: ClassVar[str] = "No claims match the filter."

    #: "both", "chart" or "table": what fills the pane.
    view: reactive[str] = reactive("both")

    def __init__(self) -> None:
        super().__init__(f"{self.key} {self.title}", id=self.pane_id())

    @classmethod
    def pane_id(cls) -> str:
        return cls.title.lower()

    def compose(self) -> ComposeResult:
        # Only the first pane is built for the first paint; the others when
        # the data arrives or they are first shown, whichever comes first.
        if self.key == "1":
            yield from self._body()

    def _body(self) -> ComposeResult:
        if self.chart_name is not None:
            yield Vertical(classes="pane-chart")
        yield self.compose_table()

    def ensure_built(self) -> None:
        if not self.query(ClaimsTable):
            self.mount_all(list(self._body()))

    @property
    def table(self) -> ClaimsTable:
        return self.query_one(ClaimsTable)

    @classmethod
    def prepare(cls, claims: pd.DataFrame) -> PaneData:
        """The pane's rows and chart data from the filtered claims; runs in a worker."""
        rows = cls.rows(claims)
        return PaneData(rows, cls.chart_data(rows))

    @classmethod
    def rows(cls, claims: pd.DataFrame) -> pd.DataFrame:
        """The claims this pane lists, in its order."""
        from ..claims.queries import by_category  # in the filter worker

        if cls.category is None:
            return claims.sort_values(["stated_on", "id"], na_position="last", kind="stable")
        return by_category(claims, cls.category)

    @classmethod
    def chart_data(cls, rows: pd.DataFrame) -> object:
        """What the pane's chart draws (a function of `claims.views`)."""
        return None

    def compose_table(self) -> ClaimsTable:
        return ClaimsTable(self.columns, empty="Loading claims\u2026", classes="pane-table")

    def show(self, data: PaneData) -> None:
        self.ensure_built()
        self.table.empty_message = self.empty
        self.table.set_frame(data.rows)
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

    def zoom(self) -> None:
        """Cycle what fills the pane: chart and table, chart only, table only."""
        if self.chart_name is None:
            return
        order = ["both", "chart", "table"]
        self.view = order[(order.index(self.view) + 1) % len(order)]

    def watch_view(self, view: str) -> None:
        self.set_class(view == "chart", "-chart-only")
        self.set_class(view == "table", "-table-only")
        if view != "chart" and self.is_mounted:
            self.table.focus()

    def focus_table(self) -> None:
        self.ensure_built()
        try:
            self.table.focus()
        except NoMatches:  # not mounted yet (a key pressed at start-up)
            self.call_after_refresh(self.focus_table)
