"""The dashboard: the panes under the one filter, and what the analyst asks for.

The pipeline (`tui.pipeline`) loads and filters off the UI thread and keeps
the state (`tui.state.BoardState`); a pane is drawn when its data for the
current generation exists and it is on screen. Each intent from a pane, a
screen or the palette (open a claim or a source, filter by a value, copy a
citation) has its handler here; screens above get the state, never this.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import Footer, Input, Static, TabbedContent

from .. import messages as m
from ..panes import PANES, DashboardPane
from ..panes.sources import SourcesPane
from ..pipeline import Pipeline
from ..safe import clean
from ..trace import Trace
from .intents import BoardIntents
from .keys import DASHBOARD_KEYS
from .search_bar import SearchBar
from .status import loading_line, status_line

if TYPE_CHECKING:
    from ..claims.filters import Filter


class Dashboard(BoardIntents):
    """Every pane of claims, under one filter."""

    BINDINGS: ClassVar[list[BindingType]] = DASHBOARD_KEYS

    def __init__(self, data_dir: str, *, use_cache: bool = True) -> None:
        super().__init__(id="dashboard")
        self.trace = Trace.from_env()
        self.pipeline = Pipeline(self, data_dir, use_cache=use_cache, trace=self.trace)
        self._prepared: dict[str, Any] = {}
        self._drawn: set[str] = set()
        self._pending_source: tuple[str, int | None] | None = None

    def compose(self) -> ComposeResult:
        with TabbedContent(id="panes"):
            for pane in PANES:
                yield pane()
        # One line of text, not a ProgressBar: the frame paints faster with
        # fewer widgets, and nothing animates (writes to the terminal) while idle.
        yield Static("Loading claims\u2026", id="loading")
        yield Static("Loading\u2026", id="status")
        yield Footer()

    def on_mount(self) -> None:
        if self.trace:
            self.trace.log("mounted")
            self.call_after_refresh(self.trace.log, "first-refresh")
            self.trace.heartbeat(self)
        # After the first paints (the footer fills in on the second): the whole
        # frame shows before the import of pandas competes for the interpreter.
        self.call_after_refresh(self.call_after_refresh, self.load)

    def load(self) -> None:
        self.pipeline.load()

    # -- the pipeline's stages --------------------------------------------------

    def on_load_progress(self, message: m.LoadProgress) -> None:
        self.query_one("#loading", Static).update(loading_line(message))

    def on_load_failed(self, message: m.LoadFailed) -> None:
        self.app.problems = message.problems  # type: ignore[attr-defined]
        self.app.exit(None, 1)

    def on_data_loaded(self, message: m.DataLoaded) -> None:
        from ..claims.filters import Filter

        self.pipeline.loaded(message.dataset)
        self.set_filter(Filter())
        self.pipeline.remember_revision()
        for note in message.dataset.notes:  # e.g. why the parse cache is not used
            self.notify(clean(note), title="noko-tui", severity="warning", timeout=10, markup=False)

    def set_filter(self, new: Filter) -> None:
        self.pipeline.set_filter(new, self.active_pane_id())

    def on_filter_applied(self, message: m.FilterApplied) -> None:
        state = self.pipeline.accept(message)  # screens above follow it
        if state is None:  # an older filter's: a newer one was asked for
            return
        self._prepared = {}
        self._drawn = set()
        loading = self.query_one("#loading")
        if loading.display:
            loading.display = False
        origin = getattr(self.app, "origin", "given")
        self.query_one("#status", Static).update(status_line(state, origin))

    def on_pane_prepared(self, message: m.PanePrepared) -> None:
        if not self.pipeline.current(message):
            return
        started = time.perf_counter()
        self._prepared[message.pane_id] = message.data
        if message.pane_id == self.active_pane_id():
            with self.app.batch_update():
                self._show_active()
            self.call_after_refresh(self.pipeline.first_painted.set)
            if self.trace:
                self.trace.shown(self, started, self.state.filtered)

    def _show_active(self) -> None:
        """Draw the pane on screen if its data is here and not drawn yet."""
        pane = self.active_pane()
        if pane is None:
            return
        pane_id = pane.pane_id()
        if pane_id in self._prepared and pane_id not in self._drawn:
            self._drawn.add(pane_id)
            pane.show(self._prepared[pane_id])
            # Only when nothing here has focus: typing in the search line
            # must not lose its focus when the claims it asked for arrive.
            focused = self.app.focused
            if self._pending_source is None and (focused is None or focused.screen is not self):
                pane.focus_within()
        if isinstance(pane, SourcesPane) and self._pending_source and pane_id in self._drawn:
            pane.when_built(lambda: self._open_pending_source(pane))

    def _open_pending_source(self, pane: SourcesPane) -> None:
        """Open the source asked for, once the Sources pane is built and drawn."""
        if self._pending_source is None:
            return
        source, paragraph = self._pending_source
        self._pending_source = None
        pane.open_at(source, paragraph)

    # -- keys -----------------------------------------------------------------

    def action_clear_filter(self) -> None:
        from ..claims.filters import Filter

        self._close_search()
        if self.pipeline.wanted is not None and not self.pipeline.wanted.is_empty:
            self.set_filter(Filter())

    def action_latest_only(self) -> None:
        self._latest_only()

    def action_step_known(self, months: int) -> None:
        self._step_known(m.StepKnownOn(months))

    def action_milestones(self) -> None:
        self.pipeline.show_milestones(not self.state.show_milestones)
        if self.pipeline.wanted is not None:
            self.set_filter(self.pipeline.wanted)
        self.notify("Milestone lines " + ("shown" if self.state.show_milestones else "hidden")
                    + " on the charts.", title="Milestones", timeout=3, markup=False)  # fmt: skip

    def action_quantity(self) -> None:
        """The quantity view of the claim under the cursor's quantity."""
        claim = self._claim_under_cursor()
        if claim is None or self.state.dataset is None:
            return
        from ..claims.formatting import given

        row = self.state.dataset.claim(claim)
        if row is None or not given(row["quantity"]):
            self.notify("This claim counts nothing: there is no quantity to view.",
                        title="Quantity view", timeout=3, markup=False)  # fmt: skip
            return
        self._open_quantity(m.OpenQuantity(str(row["quantity"])))

    def action_frequency(self) -> None:
        self._open_frequency()

    def action_back(self) -> None:
        """Escape backs out of the search line; it never drops the filter."""
        self._close_search()

    def action_search(self) -> None:
        if self.state.filter is not None:
            SearchBar.open_on(self, self.state.filter.text, self._search, before="#status")

    def _search(self, text: str) -> None:
        wanted = self.pipeline.wanted
        if wanted is not None and text.strip() != wanted.text:
            self.set_filter(wanted.with_text(text))

    @on(Input.Submitted, "#search")
    def _close_search(self) -> None:
        if SearchBar.close_on(self):
            pane = self.active_pane()
            if pane is not None:
                pane.focus_within()

    def action_filter(self) -> None:
        if self.state.dataset is None or self.state.filter is None:
            return
        from .filter_dialog import FilterDialog

        def chosen(result: Filter | None) -> None:
            if result is not None:
                self.set_filter(result)

        self.app.push_screen(FilterDialog(self.pipeline.wanted or self.state.filter,
                                          self.state.dataset), chosen)  # fmt: skip

    def active_pane_id(self) -> str:
        return self.query_one(TabbedContent).active or PANES[0].pane_id()

    def active_pane(self) -> DashboardPane | None:
        active = self.query_one(TabbedContent).active_pane
        return active if isinstance(active, DashboardPane) else None

    def action_show_pane(self, pane_id: str) -> None:
        self.query_one(TabbedContent).active = pane_id
        if self._pending_source is None:
            self.query_one(f"#{pane_id}", DashboardPane).focus_within()

    @on(TabbedContent.TabActivated)
    def _tab_activated(self) -> None:
        self._show_active()

    def action_zoom(self) -> None:
        pane = self.active_pane()
        if pane is not None:
            pane.zoom()

    def action_next_unit(self) -> None:
        """`u` where the pane's table has no focus (chart only): the pane's
        chart steps to its next unit all the same, as its header says."""
        step = getattr(self.active_pane(), "action_next_unit", None)
        if step is not None:
            step()

    def action_copy(self) -> None:
        claim = self._claim_under_cursor()
        if claim is not None:
            self._copy(m.CopyCitation(claim))

    def action_digest(self) -> None:
        self._open_digest()

    def action_export(self) -> None:
        """`e`: the claims on screen in the order shown (the pane's table
        under its sort), else every claim the filter keeps."""
        if self.state.filtered is None:
            return
        pane = self.active_pane()
        if pane is not None:
            # A pane switched to an instant ago (`3 e` typed at once) gets
            # its data now, not after the tab's message arrives.
            self._show_active()
            if pane.pane_id() not in self._prepared:
                self.notify(f"The {pane.title} pane is still being prepared: press e again "
                            "in a moment.", title="Export", timeout=4, markup=False)  # fmt: skip
                return
        shown = pane.on_screen_claims() if pane is not None else None
        if pane is None or shown is None:
            self._export(m.ExportClaims(self.state.filtered, None, "every claim", "claims"))
            return
        self._export(m.ExportClaims(*shown, pane.title, pane.pane_id()))

    def _claim_under_cursor(self) -> str | None:
        """The claim under the pane's cursor; in chart only, say there is no row."""
        pane = self.active_pane()
        if self.action_table_key():
            return None
        return pane.current_claim() if pane is not None else None

    def action_table_key(self) -> bool:
        """`enter`, `s` and `=` reach the dashboard only when no table has the
        focus: in chart only, they say why they do nothing (True)."""
        pane = self.active_pane()
        if pane is None or not pane.table_hidden:
            return False
        self.notify("Chart only: the table is hidden, so no row is under the cursor; "
                    "z shows it.", title=pane.title, timeout=4, markup=False)  # fmt: skip
        return True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "zoom":
            pane = self.active_pane()
            return pane is not None and pane.has_chart
        if action == "next_unit":
            return hasattr(self.active_pane(), "action_next_unit")
        # The other keys do nothing until the data is there, but stay listed:
        # a footer that changed when the data arrived would be rebuilt just
        # as the first pane is drawn.
        return True

    def open_source(self, source_id: str, paragraph: int | None) -> None:
        self._pending_source = (source_id, paragraph)
        self.action_show_pane("sources")
        self._show_active()
