"""Loading and filtering, off the UI thread, one generation at a time.

pandas is imported and the data loaded in a worker; the filter is applied
to the claims once, in a worker, which then prepares each pane's data (the
pane on screen first). Each stage is its own message (`tui.messages`),
posted to the host screen, tagged with the filter's generation: `accept`
drops a result of an older generation, so that a filter replaced while it
ran never shows. Each accepted result is published as a new `BoardState`.
"""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from textual.signal import Signal
from textual.worker import get_current_worker

from .messages import DataLoaded, FilterApplied, LoadFailed, LoadProgress, PanePrepared
from .panes import PANES
from .state import BoardState

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from .claims import Dataset
    from .claims.filters import Filter
    from .trace import Trace


class Pipeline:
    """Owns the board's state and the workers that make it."""

    def __init__(self, host: DOMNode, data_dir: str, *, use_cache: bool = True,
                 trace: Trace | None = None) -> None:  # fmt: skip
        #: The node whose workers run the stages and which gets their messages.
        self.host = host
        self.trace = trace
        self.state = BoardState(data_dir, use_cache)
        #: Each filter change is a generation; results of older ones are dropped.
        self.generation = 0
        #: The filter last asked for, until its result arrives.
        self._wanted: Filter | None = None
        #: Set once the pane on screen is painted: the worker waits for it before
        #: preparing the other panes, so that they do not compete for the
        #: interpreter with the one the analyst is looking at.
        self.first_painted = threading.Event()
        self._published: Signal[BoardState] | None = None

    @property
    def published(self) -> Signal[BoardState]:
        """Each new state, as it is accepted (screens above the dashboard follow it)."""
        if self._published is None:
            self._published = Signal(self.host, "board-state")
        return self._published

    @property
    def wanted(self) -> Filter | None:
        """The filter last asked for: keys pressed before it is applied build
        on it, not on the one still shown."""
        return self._wanted or self.state.filter

    def _publish(self, state: BoardState) -> BoardState:
        self.state = state
        if self._published is not None:
            self._published.publish(state)
        return state

    def _log(self, line: str) -> None:
        if self.trace is not None:
            self.trace.log(line)

    # -- loading ----------------------------------------------------------------

    def load(self) -> None:
        self.host.run_worker(self._load, thread=True, exclusive=True, group="load")

    def _load(self) -> None:
        self._log("load-start")
        from .claims import DataError, load_dataset
        from .widgets import charts  # noqa: F401  (plotext, imported off the UI thread)

        last = 0.0

        def progress(files: int, total: int, claims: int) -> None:
            nonlocal last
            now = time.monotonic()
            if now - last > 0.05 or files == total:
                last = now
                self.host.post_message(LoadProgress(files, total, claims))

        self._log("imported")
        try:
            dataset = load_dataset(self.state.data_dir, cache=self.state.use_cache,
                                   progress=progress)  # fmt: skip
        except DataError as error:
            self.host.post_message(LoadFailed(error.problems))
            return
        self._log("loaded")
        self.host.post_message(DataLoaded(dataset))

    def loaded(self, dataset: Dataset) -> None:
        self._publish(replace(self.state, dataset=dataset))

    def remember_revision(self) -> None:
        """Note the data's git revision as seen, keeping the one seen last
        time for `d`; nothing when the data is not kept in git."""
        self.host.run_worker(self._remember_revision, thread=True, group="seen")

    def _remember_revision(self) -> None:
        from .claims.startup import opened

        previous = opened(self.state.data_dir).previous
        self.host.app.call_from_thread(self._seen, previous)

    def _seen(self, previous: str | None) -> None:
        self._publish(replace(self.state, seen_before=previous))

    # -- filtering --------------------------------------------------------------

    def show_milestones(self, show: bool) -> None:
        """Draw the milestone lines on the charts, or not (from the next filter applied)."""
        self._publish(replace(self.state, show_milestones=show))

    def set_filter(self, new: Filter, first: str) -> None:
        """Apply `new` in a new generation, preparing pane `first` before the others."""
        dataset = self.state.dataset
        if dataset is None:
            return
        self._wanted = new
        self.generation += 1
        work = partial(self._apply, dataset, new, self.generation, first,
                       self.state.show_milestones)  # fmt: skip
        self.host.run_worker(work, thread=True, exclusive=True, group="filter")

    def _apply(self, dataset: Dataset, new: Filter, generation: int, first: str,
               milestones: bool) -> None:  # fmt: skip
        """Take the record on the filter's known-on date (annotated: revisions,
        contested figures), apply the rest of the filter to it once, then
        prepare each pane's data, the pane on screen (`first`) first."""
        from .claims.record import record_for

        worker = get_current_worker()
        started = time.perf_counter()
        self.first_painted.clear()
        record = record_for(dataset, new.known_on, show_milestones=milestones)
        claims = new.apply(record.claims, known=True)
        self._log("filtered")
        self.host.post_message(
            FilterApplied(generation, new, claims, time.perf_counter() - started, record)
        )
        for pane in sorted(PANES, key=lambda p: p.pane_id() != first):
            if worker.is_cancelled:  # a newer filter replaced this one: stop competing with it
                return
            data = pane.prepare(claims, record)
            if pane.pane_id() == first:
                self._log(f"filter-done pandas={1000 * (time.perf_counter() - started):.1f}ms")
            self.host.post_message(PanePrepared(generation, pane.pane_id(), data))
            if pane.pane_id() == first:
                self.first_painted.wait(0.5)

    def accept(self, message: FilterApplied) -> BoardState | None:
        """The new state, or None when the result is of an older generation."""
        if message.generation != self.generation:
            return None
        return self._publish(replace(self.state, filter=message.filter, filtered=message.claims,
                                     record=message.record, generation=message.generation))

    def current(self, message: PanePrepared) -> bool:
        """Whether a pane's data belongs to the filter asked for last."""
        return message.generation == self.generation
