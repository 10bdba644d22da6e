"""The dashboard: the panes, the one filter, the status line and search.

pandas is imported and the data loaded in a worker after the first paint, so
the frame (tabs, loading line, footer) appears at once. The filter is applied
to the claims table once, in a worker, which then prepares each pane's data
(the pane on screen first); each stage is its own message, tagged with the
filter's generation so that a stale result is dropped. A pane is drawn when
its data for the current generation exists and it is on screen.

Intents from panes and screens (open a claim or a source, filter by a value,
copy a citation) are routed here.
"""

from __future__ import annotations

import os
import threading
import time
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, Static, TabbedContent
from textual.worker import get_current_worker

from ..messages import (
    AskKnownOn,
    ClearFilter,
    CopyCitation,
    DataLoaded,
    ExportClaims,
    FilterApplied,
    FilterBy,
    FilterOnValue,
    Intent,
    LoadFailed,
    LoadProgress,
    OpenClaim,
    OpenDigest,
    OpenFrequency,
    OpenQuantity,
    OpenSource,
    PanePrepared,
    SaveChart,
    SetFilter,
    ShowFiltered,
    ShowMilestones,
    ShowPane,
)
from ..panes import PANES, DashboardPane
from ..panes.sources import SourcesPane
from ..safe import clean, plain

if TYPE_CHECKING:
    import pandas as pd

    from ..claims import Dataset
    from ..claims.filters import Filter
    from ..claims.record import Record


#: `=`: the frame columns a table's column sorts by -> (filter field, claims column).
VALUE_FILTERS = {
    "claimant_short": ("claimants", "claimant"),
    "quantity_short": ("quantities", "quantity"),
    "category": ("categories", "category"),
}


class Dashboard(Screen[None]):
    """Every pane of claims, under one filter."""

    BINDINGS: ClassVar[list[BindingType]] = [
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

    def __init__(self, data_dir: str, *, use_cache: bool = True) -> None:
        super().__init__(id="dashboard")
        self.data_dir = data_dir
        self.use_cache = use_cache
        self.dataset: Dataset | None = None
        self.filter: Filter | None = None
        self.filtered: pd.DataFrame | None = None
        #: The record on the filter's known-on date (the filtered claims are cut from it).
        self.record: Record | None = None
        #: Milestones drawn on the charts (`m`).
        self.show_milestones = True
        #: Each filter change is a generation; results of older ones are dropped.
        self.generation = 0
        self._prepared: dict[str, Any] = {}
        self._drawn: set[str] = set()
        self._pending_source: tuple[str, int | None] | None = None
        #: Set once the pane on screen is painted: the worker waits for it before
        #: preparing the other panes, so that they do not compete for the
        #: interpreter with the one the analyst is looking at.
        self._first_painted = threading.Event()
        self._search_timer: Timer | None = None
        self._wanted: Filter | None = None
        self._trace = os.environ.get("NOKO_TUI_TRACE")
        #: The git revision of the data seen when the app was last opened
        #: here (`d` compares with it); None until known, or never seen.
        self.seen_before: str | None = None

    # -- layout ---------------------------------------------------------------

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
        from ..claims import DataError, load_dataset
        from ..widgets import charts  # noqa: F401  (plotext, imported off the UI thread)

        last = 0.0

        def progress(files: int, total: int, claims: int) -> None:
            nonlocal last
            now = time.monotonic()
            if now - last > 0.05 or files == total:
                last = now
                self.post_message(LoadProgress(files, total, claims))

        if self._trace:
            self._log("imported")
        try:
            dataset = load_dataset(self.data_dir, cache=self.use_cache, progress=progress)
        except DataError as error:
            self.post_message(LoadFailed(error.problems))
            return
        if self._trace:
            self._log("loaded")
        self.post_message(DataLoaded(dataset))

    def on_load_progress(self, message: LoadProgress) -> None:
        share = message.files / message.total if message.total else 1.0
        bar = "\u2588" * round(share * 30) + "\u2591" * (30 - round(share * 30))
        self.query_one("#loading", Static).update(
            f"Loading claims  {bar}  {message.files:,} of {message.total:,} files, "
            f"{message.claims:,} claims"
        )

    def on_load_failed(self, message: LoadFailed) -> None:
        self.app.problems = message.problems  # type: ignore[attr-defined]
        self.app.exit(None, 1)

    def on_data_loaded(self, message: DataLoaded) -> None:
        from ..claims.filters import Filter

        self.dataset = message.dataset
        self.set_filter(Filter())
        self.remember_revision()
        for note in message.dataset.notes:  # e.g. why the parse cache is not used
            self.notify(clean(note), title="noko-tui", severity="warning", timeout=10, markup=False)

    @work(thread=True, group="seen")
    def remember_revision(self) -> None:
        """Note the data's git revision as seen, keeping the one seen last
        time for `d`; nothing when the data is not kept in git."""
        from ..claims.startup import opened

        self.seen_before = opened(self.data_dir).previous

    # -- the one filter -------------------------------------------------------

    @property
    def wanted(self) -> Filter | None:
        """The filter last asked for: keys pressed before it is applied build
        on it, not on the one still shown."""
        return self._wanted or self.filter

    def set_filter(self, new: Filter) -> None:
        if self.dataset is not None:
            self._wanted = new
            self.generation += 1
            self.apply_filter(new, self.generation, self.active_pane_id(), self.show_milestones)

    @work(thread=True, exclusive=True, group="filter")
    def apply_filter(self, new: Filter, generation: int, first: str, milestones: bool) -> None:
        """Take the record on the filter's known-on date (annotated: revisions,
        contested figures), apply the rest of the filter to it once, then
        prepare each pane's data, the pane on screen (`first`) first."""
        from ..claims.record import record_for

        assert self.dataset is not None
        worker = get_current_worker()
        started = time.perf_counter()
        self._first_painted.clear()
        record = record_for(self.dataset, new.known_on, show_milestones=milestones)
        claims = new.apply(record.claims, known=True)
        if self._trace:
            self._log("filtered")
        self.post_message(
            FilterApplied(generation, new, claims, time.perf_counter() - started, record)
        )
        for pane in sorted(PANES, key=lambda p: p.pane_id() != first):
            if worker.is_cancelled:  # a newer filter replaced this one: stop competing with it
                return
            data = pane.prepare(claims, record)
            if self._trace and pane.pane_id() == first:
                self._log(f"filter-done pandas={1000 * (time.perf_counter() - started):.1f}ms")
            self.post_message(PanePrepared(generation, pane.pane_id(), data))
            if pane.pane_id() == first:
                self._first_painted.wait(0.5)

    def on_filter_applied(self, message: FilterApplied) -> None:
        if message.generation != self.generation:
            return
        self.filter = message.filter
        self.filtered = message.claims
        self.record = message.record
        from .frequency import FrequencyScreen
        from .quantity import QuantityScreen

        for screen in self.app.screen_stack:  # an open view follows the filter
            if isinstance(screen, (QuantityScreen, FrequencyScreen)):
                screen.build()
        self._prepared = {}
        self._drawn = set()
        loading = self.query_one("#loading")
        if loading.display:
            loading.display = False
        self._update_status()

    def on_pane_prepared(self, message: PanePrepared) -> None:
        if message.generation != self.generation:
            return
        started = time.perf_counter()
        self._prepared[message.pane_id] = message.data
        if message.pane_id == self.active_pane_id():
            with self.app.batch_update():
                self._show_active()
            self.call_after_refresh(self._first_painted.set)
            if self._trace:
                self._log(f"filter-shown show={1000 * (time.perf_counter() - started):.1f}ms "
                          f"rows={len(self.filtered) if self.filtered is not None else 0}")  # fmt: skip
                self.call_after_refresh(self._log, "painted")
                chart = self.query_one("#troops .pane-chart")
                self._log(f"chart-region {chart.region.y} {chart.region.bottom}")

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

    def _update_status(self) -> None:
        assert self.dataset is not None and self.filter is not None and self.filtered is not None
        total, shown = len(self.dataset.claims), len(self.filtered)
        status = Text()
        if self.filter.is_empty:
            status.append(f"All {total:,} claims", style="bold")
            status.append_text(self._origin())
            status.append("  \u00b7  / search  f filter  ? help", style="dim")
        else:
            from ..claims.filters import vocabulary_names

            names = vocabulary_names(self.dataset.claimants, self.dataset.quantities)
            status.append(f"{shown:,} of {total:,} claims", style="bold")
            status.append("  filter: ", style="bold")
            status.append_text(plain(self.filter.describe(names), one_line=True))
            status.append("  (c clears)", style="dim")
        if not self.show_milestones:  # a view option, not part of the filter
            status.append("  \u00b7 milestones hidden (m)", style="dim")
        self.query_one("#status", Static).update(status)

    def _origin(self) -> Text:
        """Which data this is, when it is not the embedded copy."""
        origin = getattr(self.app, "origin", "given")
        if origin == "the embedded data":
            return Text()
        where = os.path.relpath(self.data_dir)
        if where.startswith(".."):
            where = self.data_dir
        return plain(f" in {where}", style="dim", one_line=True)

    def action_clear_filter(self) -> None:
        from ..claims.filters import Filter

        self._close_search()
        if self.wanted is not None and not self.wanted.is_empty:
            self.set_filter(Filter())

    def action_latest_only(self) -> None:
        from dataclasses import replace

        if self.wanted is not None:
            self.set_filter(replace(self.wanted, latest_only=not self.wanted.latest_only))

    def action_step_known(self, months: int) -> None:
        """Move the known-on date a month back or forward (`[` and `]`)."""
        current = self.wanted
        if current is None or self.dataset is None:
            return
        newest = self.record.newest if self.record is not None else None
        if newest is None:
            return
        if current.known_on is None and months > 0:
            self.notify("Everything on the record is shown; [ steps back a month.",
                        title="Known on", timeout=3, markup=False)  # fmt: skip
            return
        self.set_filter(current.stepped(months, newest))

    def action_milestones(self) -> None:
        self.show_milestones = not self.show_milestones
        if self.wanted is not None:
            self.set_filter(self.wanted)
        self.notify("Milestone lines " + ("shown" if self.show_milestones else "hidden")
                    + " on the charts.", title="Milestones", timeout=3, markup=False)  # fmt: skip

    def action_quantity(self) -> None:
        """The quantity view of the claim under the cursor's quantity."""
        if self._table_hidden():
            return
        pane = self.active_pane()
        claim = pane.current_claim() if pane is not None else None
        if claim is None or self.dataset is None:
            return
        claims = self.dataset.claims
        found = claims.loc[claims["id"] == claim, "quantity"]
        if found.empty or found.isna().iat[0]:
            self.notify("This claim counts nothing: there is no quantity to view.",
                        title="Quantity view", timeout=3, markup=False)  # fmt: skip
            return
        self.route(OpenQuantity(str(found.iat[0])))

    def action_frequency(self) -> None:
        self.route(OpenFrequency())

    def action_back(self) -> None:
        """Escape backs out of the search line; it never drops the filter."""
        self._close_search()

    # -- search ---------------------------------------------------------------

    def _search_input(self) -> Input:
        """The search line, made when first needed."""
        found = self.query("#search")
        if found:
            return found.first(Input)
        search = Input(placeholder="search summaries, key phrases, claimants, notes", id="search")
        self.mount(search, before=self.query_one("#status"))
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
        if self.wanted is not None and text.strip() != self.wanted.text:
            self.set_filter(self.wanted.with_text(text))

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_now(event.value)
        self._close_search()

    def _close_search(self) -> None:
        found = self.query("#search")
        if not found or not found.first().display:
            return
        if self._search_timer is not None:  # what was typed is kept, not dropped
            self._search_timer.stop()
            self._search_now(found.first(Input).value)
        found.first().display = False
        pane = self.active_pane()
        if pane is not None:
            pane.focus_within()

    # -- the filter dialog ----------------------------------------------------

    def action_filter(self) -> None:
        if self.dataset is None or self.filter is None:
            return
        from .filter_dialog import FilterDialog

        def chosen(result: Filter | None) -> None:
            if result is not None:
                self.set_filter(result)

        self.app.push_screen(FilterDialog(self.wanted or self.filter, self.dataset), chosen)

    # -- panes ----------------------------------------------------------------

    def active_pane_id(self) -> str:
        return self.query_one(TabbedContent).active or PANES[0].pane_id()

    def active_pane(self) -> DashboardPane | None:
        active = self.query_one(TabbedContent).active_pane
        return active if isinstance(active, DashboardPane) else None

    def pane(self, pane_id: str) -> DashboardPane:
        return self.query_one(f"#{pane_id}", DashboardPane)

    def action_show_pane(self, pane_id: str) -> None:
        self.query_one(TabbedContent).active = pane_id
        if self._pending_source is None:
            self.pane(pane_id).focus_within()

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
        pane = self.active_pane()
        step = getattr(pane, "action_next_unit", None)
        if step is not None:
            step()

    def action_copy(self) -> None:
        if self._table_hidden():
            return
        pane = self.active_pane()
        claim = pane.current_claim() if pane is not None else None
        if claim is not None:
            self.route(CopyCitation(claim))

    def action_digest(self) -> None:
        self.route(OpenDigest())

    def action_export(self) -> None:
        """`e`: the claims on screen in the order shown (the pane's table
        under its sort), else every claim the filter keeps."""
        if self.filtered is None:
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
            self.route(ExportClaims(self.filtered, None, "every claim", "claims"))
            return
        self.route(ExportClaims(*shown, pane.title, pane.pane_id()))

    def _table_hidden(self) -> bool:
        """Say so when the pane on screen shows its chart only: the keys that
        act on the row under the cursor have no row to act on."""
        pane = self.active_pane()
        if pane is None or not pane.table_hidden:
            return False
        self.notify("Chart only: the table is hidden, so no row is under the cursor; "
                    "z shows it.", title=pane.title, timeout=4, markup=False)  # fmt: skip
        return True

    def action_table_key(self) -> None:
        """`enter`, `s` and `=` reach the dashboard only when no table has the
        focus: in chart only, they say why they do nothing."""
        self._table_hidden()

    def _under_the_filter(self, what: str) -> str:
        """`what`, saying the filter in force, if any (exports and charts)."""
        if self.dataset is None or self.filter is None or self.filter.is_empty:
            return what
        from ..claims.filters import vocabulary_names

        names = vocabulary_names(self.dataset.claimants, self.dataset.quantities)
        return f"{what}, under the filter {self.filter.describe(names)}"

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

    # -- intents --------------------------------------------------------------

    @on(Intent)
    def _intent(self, message: Intent) -> None:
        message.stop()
        self.route(message)

    def route(self, message: Intent) -> None:
        """Carry out what a pane or a screen asked for."""
        if isinstance(message, OpenClaim):
            self._open_claim(message.claim_id)
        elif isinstance(message, OpenQuantity):
            self._open_quantity(message.quantity)
        elif isinstance(message, AskKnownOn):
            self._ask_known_on()
        elif isinstance(message, ShowMilestones):
            if message.show != self.show_milestones:
                self.action_milestones()
        elif isinstance(message, OpenSource):
            self._to_front()
            self._pending_source = (message.source_id, message.paragraph)
            self.action_show_pane("sources")
            self._show_active()
        elif isinstance(message, ShowPane):
            self._to_front()
            self.action_show_pane(message.pane_id)
        elif isinstance(message, FilterBy) and self.wanted is not None:
            if message.only:
                self.set_filter(self.wanted.only(message.field, message.value))
            else:
                self.set_filter(self.wanted.toggled(message.field, message.value))
        elif isinstance(message, SetFilter):
            self.set_filter(message.filter)
        elif isinstance(message, OpenFrequency):
            self._open_frequency()
        elif isinstance(message, ShowFiltered):
            self._to_front()
            self.set_filter(message.filter)
            if message.note:
                self.notify(clean(message.note), title="Filter", timeout=6, markup=False)
        elif isinstance(message, FilterOnValue):
            self._filter_on_value(message)
        elif isinstance(message, ClearFilter):
            self.action_clear_filter()
        elif isinstance(message, CopyCitation):
            self._copy(message.claim_id)
        elif isinstance(message, OpenDigest):
            from .digest import DigestScreen

            self._to_front()
            self.app.push_screen(DigestScreen(self))
        elif isinstance(message, ExportClaims):
            from .exporting import ask_export

            ask_export(self, message.claims, message.order, self._under_the_filter(message.what),
                       message.name)  # fmt: skip
        elif isinstance(message, SaveChart):
            from .exporting import ask_save_chart

            ask_save_chart(self, message.chart,  # type: ignore[arg-type]
                           self._under_the_filter(message.what))

    def _to_front(self) -> None:
        """Back to the dashboard from any screen above it."""
        while self.app.screen is not self and len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    def _open_claim(self, claim_id: str) -> None:
        if self.dataset is None:
            return
        from .detail import ClaimDetail

        if (self.dataset.claims["id"] == claim_id).any():
            self.app.push_screen(ClaimDetail(self.dataset, claim_id, self.record))

    def _ask_known_on(self) -> None:
        """Ask which day's record to show; a month or year means its last day."""
        if self.filter is None:
            return
        from dataclasses import replace

        from ..claims.dates import typed_day
        from .prompt import PromptDialog

        def chosen(answer: str | None) -> None:
            if answer is None or self.wanted is None:
                return
            if not answer:
                self.set_filter(replace(self.wanted, known_on=None))
                return
            try:
                day = typed_day(answer, end=True)
            except ValueError as error:
                self.notify(str(error), title="Known on", severity="error", timeout=5,
                            markup=False)  # fmt: skip
                return
            self.set_filter(replace(self.wanted, known_on=day))

        wanted = self.wanted or self.filter
        current = wanted.known_on.isoformat() if wanted.known_on else ""
        self.app.push_screen(PromptDialog(
            "What was on the record on which day? (YYYY-MM-DD; a month or year means its "
            "last day; empty: everything)", current), chosen)  # fmt: skip

    def _open_quantity(self, quantity: str) -> None:
        if self.dataset is None or self.record is None or self.filtered is None:
            return
        from .quantity import QuantityScreen

        if quantity in self.dataset.quantities.index:
            self.app.push_screen(QuantityScreen(self, quantity))

    def _open_frequency(self) -> None:
        if self.dataset is None or self.filtered is None:
            return
        from .frequency import FrequencyScreen

        if not isinstance(self.app.screen, FrequencyScreen):
            self.app.push_screen(FrequencyScreen(self))

    def _filter_on_value(self, message: FilterOnValue) -> None:
        """`=`: narrow the filter to the claim's value in the marked column."""
        if self.dataset is None or self.wanted is None:
            return
        found = next((VALUE_FILTERS[k] for k in message.keys if k in VALUE_FILTERS), None)
        if found is None:
            self.notify(f"= filters on the claimant, what or category column, not on "
                        f"{clean(message.label)}: h and l (\u2190 \u2192) mark another.",
                        title="Filter on value", timeout=5, markup=False)  # fmt: skip
            return
        field, column = found
        claims = self.dataset.claims
        values = claims.loc[claims["id"] == message.claim_id, column]
        if values.empty or values.isna().iat[0]:
            self.notify(f"This claim has no {clean(message.label)} to filter on.",
                        title="Filter on value", timeout=4, markup=False)  # fmt: skip
            return
        self.set_filter(self.wanted.only(field, str(values.iat[0])))

    def _copy(self, claim_id: str) -> None:
        if self.dataset is None:
            return
        from ..claims.formatting import citation

        claims = self.dataset.claims
        found = claims[claims["id"] == claim_id]
        if found.empty:
            return
        text = citation(found.iloc[0])
        self.app.copy_to_clipboard(text)
        self.app.notify(text, title="Citation copied", timeout=4, markup=False)

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
