"""The Textual application: panes, the one filter, provenance, keys.

pandas is imported and the data loaded in a worker after the first paint, so
the frame (tabs, status line, footer, a loading indicator) appears at once.
Filtering runs in a worker too: the filter is applied to the claims table
once, each pane's data is computed from the result off the UI thread, and the
panes only draw it.
"""

from __future__ import annotations

import os
import time
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.timer import Timer
from textual.widgets import (
    Footer,
    Input,
    Static,
    TabbedContent,
)
from textual.worker import get_current_worker

from .messages import DataLoaded, FilterApplied, LoadFailed, LoadProgress
from .panes.base import ClaimsPane
from .panes.casualties import CasualtiesPane
from .panes.claims import ClaimsListPane
from .panes.diplomacy import DiplomacyPane
from .panes.equipment import EquipmentPane
from .panes.sources import SourcesPane
from .panes.troops import TroopsPane
from .resources import stylesheet
from .safe import plain
from .widgets.claims_table import ClaimsTable

if TYPE_CHECKING:
    import pandas as pd

    from .claims import Dataset, Problem
    from .claims.filters import Filter
    from .panes.base import PaneData

CLAIM_PANES: tuple[type[ClaimsPane], ...] = (
    TroopsPane, CasualtiesPane, EquipmentPane, DiplomacyPane, ClaimsListPane,
)  # fmt: skip


class NokoApp(App[None]):
    """noko-tui: claims about North Korea's military support to Russia."""

    TITLE = "noko-tui"
    CSS_PATH = str(stylesheet())
    #: Nothing is focused until the data is shown (the app's keys work without
    #: focus): each focus change makes the footer rebuild, delaying the frame.
    AUTO_FOCUS = None
    COMMANDS = App.COMMANDS | {lambda: _commands()}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("slash", "search", "Search", key_display="/"),
        Binding("f", "filter", "Filter"),
        Binding("c", "clear_filter", "Clear"),
        Binding("escape", "clear_filter", "Clear filter", show=False),
        Binding("y", "copy", "Copy citation", show=False),
        Binding("z", "zoom", "Chart/table", tooltip="Cycle: chart and table, chart only, table only"),
        *[Binding(str(n), f"show_pane('{pane}')", title, show=False)
          for n, title, pane in (
              (1, "Troops", "troops"), (2, "Casualties", "casualties"),
              (3, "Equipment", "equipment"), (4, "Diplomacy", "diplomacy"),
              (5, "Claims", "claims"), (6, "Sources", "sources"))],
    ]  # fmt: skip

    def __init__(self, data_dir: str, *, use_cache: bool = True) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.use_cache = use_cache
        self.dataset: Dataset | None = None
        #: Problems in the data, if it could not be loaded; `run` prints them.
        self.problems: list[Problem] = []
        self.filter: Filter | None = None
        self.filtered: pd.DataFrame | None = None
        self._pane_data: dict[str, PaneData] = {}
        #: Panes drawn since the filter last changed.
        self._shown: set[str] = set()
        self._search_timer: Timer | None = None
        self._trace = os.environ.get("NOKO_TUI_TRACE")

    # -- layout ---------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with TabbedContent(id="panes"):
            for pane_class in CLAIM_PANES:
                yield pane_class()
            yield SourcesPane()
        # One line of text, not a ProgressBar: the frame paints faster with
        # fewer widgets, and nothing animates (writes to the terminal) while idle.
        yield Static("Loading claims\u2026", id="loading")
        yield Static(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#status", Static).update("Loading\u2026")
        if self._trace:
            self._log("mounted")
            self.call_after_refresh(self._log, "first-refresh")
            self._heartbeat_start()
        # After the first paints (the footer fills in on the second): the whole
        # frame shows before the import of pandas competes for the interpreter.
        self.call_after_refresh(self.call_after_refresh, self.load)

    # -- loading --------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load")
    def load(self) -> None:
        if self._trace:
            self._log("load-start")
        from .claims import DataError, load_dataset
        from .widgets import charts  # noqa: F401  (plotext, imported off the UI thread)

        last = 0.0

        def progress(files: int, total: int, claims: int) -> None:
            nonlocal last
            now = time.monotonic()
            if now - last > 0.05 or files == total:
                last = now
                self.post_message(LoadProgress(files, total, claims))

        try:
            dataset = load_dataset(self.data_dir, cache=self.use_cache, progress=progress)
        except DataError as error:
            self.post_message(LoadFailed(error.problems))
            return
        self.post_message(DataLoaded(dataset))

    def on_load_progress(self, message: LoadProgress) -> None:
        share = message.files / message.total if message.total else 1.0
        bar = "\u2588" * round(share * 30) + "\u2591" * (30 - round(share * 30))
        self.query_one("#loading", Static).update(
            f"Loading claims  {bar}  {message.files:,} of {message.total:,} files, "
            f"{message.claims:,} claims"
        )

    def on_load_failed(self, message: LoadFailed) -> None:
        self.problems = message.problems
        self.exit(None, 1)

    def on_data_loaded(self, message: DataLoaded) -> None:
        from .claims.filters import Filter

        self.dataset = message.dataset
        self.set_filter(Filter())

    # -- the one filter -------------------------------------------------------

    def set_filter(self, new: Filter) -> None:
        if self.dataset is not None:
            self.apply_filter(new, self.query_one(TabbedContent).active)

    @work(thread=True, exclusive=True, group="filter")
    def apply_filter(self, new: Filter, first: str) -> None:
        """Apply the filter to the claims once; compute every pane's data,
        the pane on screen (`first`) first, and post it at once."""
        assert self.dataset is not None
        worker = get_current_worker()
        started = time.perf_counter()
        claims = new.apply(self.dataset.claims)
        order = sorted(CLAIM_PANES, key=lambda pane: pane.pane_id() != first)
        panes = {}
        for pane in order:
            if worker.is_cancelled:  # a newer filter replaced this one: stop competing with it
                return
            panes[pane.pane_id()] = pane.prepare(claims)
            if pane.pane_id() == first:
                if self._trace:
                    self._log(f"filter-done pandas={1000 * (time.perf_counter() - started):.1f}ms")
                self.post_message(
                    FilterApplied(new, claims, dict(panes), time.perf_counter() - started)
                )
        if first not in panes and self._trace:  # the Sources pane is on screen
            self._log(f"filter-done pandas={1000 * (time.perf_counter() - started):.1f}ms")
        self.post_message(FilterApplied(new, claims, panes, time.perf_counter() - started))

    def on_filter_applied(self, message: FilterApplied) -> None:
        started = time.perf_counter()
        if message.filter is self.filter and message.claims is self.filtered:
            self._pane_data = message.panes  # the rest of the panes' data for the same filter
            self._show_active()
            return
        self.filter = message.filter
        self.filtered = message.claims
        self._pane_data = message.panes
        self._shown = set()
        loading = self.query_one("#loading")
        if loading.display:
            loading.display = False
        with self.batch_update():
            # Only the pane on screen is drawn now; the others when first shown.
            self._show_active()
            self._update_status()
        if self._trace:
            shown = 1000 * (time.perf_counter() - started)
            self._log(f"filter-shown show={shown:.1f}ms rows={len(message.claims)}")
            self.call_after_refresh(self._log, "painted")
            chart = self.query_one("#troops .pane-chart")  # the chart's slot
            self._log(f"chart-region {chart.region.y} {chart.region.bottom}")
        pane = self.active_pane()
        if pane is not None and self.focused is None:
            pane.focus_table()

    def _update_status(self) -> None:
        assert self.dataset is not None and self.filter is not None and self.filtered is not None
        total, shown = len(self.dataset.claims), len(self.filtered)
        status = Text()
        if self.filter.is_empty:
            status.append(f"All {total:,} claims", style="bold")
            status.append("  \u00b7  / search  f filter  ? help", style="dim")
        else:
            names = dict(zip(self.dataset.claimants.index, self.dataset.claimants["short"]))
            names |= dict(zip(self.dataset.quantities.index, self.dataset.quantities["label"]))
            status.append(f"{shown:,} of {total:,} claims", style="bold")
            status.append("  filter: ", style="bold")
            status.append_text(plain(self.filter.describe(names), one_line=True))
            status.append("  (c clears)", style="dim")
        self.query_one("#status", Static).update(status)

    def action_clear_filter(self) -> None:
        search = self._search_input()
        if search.display:
            self._close_search()
            return
        if self.filter is not None and not self.filter.is_empty:
            from .claims.filters import Filter

            self.set_filter(Filter())

    def _search_input(self) -> Input:
        """The search line, made when first needed."""
        found = self.query("#search")
        if found:
            return found.first(Input)
        search = Input(placeholder="search summaries, key phrases, claimants, notes", id="search")
        self.mount(search, before="#status")
        return search

    def action_search(self) -> None:
        if self.filter is None:
            return
        search = self._search_input()
        search.value = self.filter.text
        search.display = True
        search.focus()

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        """Filter as the analyst types, once typing pauses (0.15 s)."""
        if self.filter is None or not event.input.display:
            return
        if self._search_timer is not None:
            self._search_timer.stop()
        text = event.value
        self._search_timer = self.set_timer(0.15, lambda: self._search_now(text))

    def _search_now(self, text: str) -> None:
        self._search_timer = None
        if self.filter is not None and text.strip() != self.filter.text:
            self.set_filter(self.filter.with_text(text))

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_now(event.value)
        self._close_search()

    def _close_search(self) -> None:
        search = self._search_input()
        search.display = False
        pane = self.active_pane()
        if pane is not None:
            pane.focus_table()

    def action_filter(self) -> None:
        if self.dataset is None or self.filter is None:
            return
        from .screens.filter_dialog import FilterDialog

        def chosen(result: Filter | None) -> None:
            if result is not None:
                self.set_filter(result)

        self.push_screen(FilterDialog(self.filter, self.dataset.claimants, self.dataset.quantities),
                         chosen)  # fmt: skip

    def filter_by_claimant(self, claimant_id: str) -> None:
        if self.filter is not None:
            self.set_filter(self.filter.toggled("claimants", claimant_id))

    # -- panes, detail, sources ----------------------------------------------

    def pane_list(self) -> list[tuple[str, str, str]]:
        return [(p.key, p.title, p.pane_id()) for p in CLAIM_PANES] + [("6", "Sources", "sources")]

    def active_pane(self) -> ClaimsPane | SourcesPane | None:
        active = self.query_one(TabbedContent).active_pane
        return active if isinstance(active, ClaimsPane | SourcesPane) else None

    def action_show_pane(self, pane_id: str) -> None:
        self.show_pane(pane_id)

    def show_pane(self, pane_id: str) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.query_one(TabbedContent).active = pane_id
        pane = self.active_pane()
        if pane is not None:
            self.call_after_refresh(pane.focus_table)

    def _show_active(self) -> None:
        pane = self.active_pane()
        if pane is None or self.filtered is None or pane.id in self._shown:
            return
        self._shown.add(str(pane.id))
        if isinstance(pane, SourcesPane):
            assert self.dataset is not None
            pane.show_sources(self.dataset.sources, self.filtered)
        elif pane.pane_id() in self._pane_data:
            pane.show(self._pane_data[pane.pane_id()])

    @on(TabbedContent.TabActivated)
    def _tab_activated(self) -> None:
        self._show_active()
        pane = self.active_pane()
        if pane is not None and self.dataset is not None:
            self.call_after_refresh(pane.focus_table)

    def on_claims_table_selected(self, event: ClaimsTable.Selected) -> None:
        self.show_detail(event.claim_id)

    def show_detail(self, claim_id: str) -> None:
        if self.dataset is None:
            return
        from .screens.detail import ClaimDetail

        self.push_screen(ClaimDetail(self.dataset.claims, claim_id))

    def open_source(self, source_id: str, paragraph: int | None) -> None:
        self.show_pane("sources")
        self._show_active()
        self.query_one(SourcesPane).open_at(source_id, paragraph)

    def copy_citation(self, claim_id: str) -> None:
        if self.dataset is None:
            return
        from .claims.formatting import citation

        claims = self.dataset.claims
        row = claims[claims["id"] == claim_id].iloc[0]
        text = citation(row)
        self.copy_to_clipboard(text)
        self.notify(plain(text, one_line=True), title="Citation copied", timeout=4)

    def action_copy(self) -> None:
        focused = self.focused
        if isinstance(focused, ClaimsTable) and focused.current_id is not None:
            self.copy_citation(focused.current_id)

    def action_zoom(self) -> None:
        pane = self.active_pane()
        if isinstance(pane, ClaimsPane):
            pane.zoom()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "zoom":
            pane = self.active_pane()
            return isinstance(pane, ClaimsPane) and pane.chart_name is not None
        return True

    def action_help(self) -> None:
        from .screens.help import HelpScreen, keys_in_force

        where = "the detail screen" if len(self.screen_stack) > 1 else "the dashboard"
        self.push_screen(HelpScreen(keys_in_force(self.screen.active_bindings), where))

    # -- measuring (NOKO_TUI_TRACE=FILE) --------------------------------------

    def _log(self, line: str) -> None:
        assert self._trace is not None
        with open(self._trace, "a", encoding="utf-8") as fh:
            fh.write(f"{time.monotonic():.6f} {line}\n")

    def _heartbeat_start(self) -> None:
        """Log the longest gap between 20 ms ticks: how long the loop was blocked."""
        self._beat = time.monotonic()
        self._worst = 0.0

        def beat() -> None:
            now = time.monotonic()
            gap = now - self._beat
            self._beat = now
            if gap > self._worst + 0.001:
                self._worst = gap
                self._log(f"heartbeat-worst {gap * 1000:.1f}ms")

        self.set_interval(0.02, beat)


def _commands() -> type:
    """The palette's provider, imported when the palette first opens."""
    from .commands import NokoCommands

    return NokoCommands


def run(data_dir: str, *, use_cache: bool = True) -> int:
    app = NokoApp(data_dir, use_cache=use_cache)
    app.run()
    for problem in app.problems:  # plain text: never read as markup
        print(problem)
    return app.return_code or 0
