"""What the analyst asks for, carried out: one handler per intent.

Intents (`tui.messages`) bubble to the dashboard from its panes, and reach it
through the app from the screens above it and the palette. The dashboard is
a `BoardIntents`; the screens it opens get the pipeline's state and its
updates, never the dashboard.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from textual import on
from textual.screen import Screen

from .. import messages as m
from ..safe import clean

if TYPE_CHECKING:
    from ..claims.filters import Filter
    from ..pipeline import Pipeline
    from ..state import BoardState

#: `=`: the frame columns a table's column sorts by -> (filter field, claims column).
VALUE_FILTERS = {
    "claimant_short": ("claimants", "claimant"),
    "quantity_short": ("quantities", "quantity"),
    "category": ("categories", "category"),
}


class BoardIntents(Screen[None]):
    """The intent handlers of the dashboard (which supplies the rest)."""

    pipeline: Pipeline

    @property
    def state(self) -> BoardState:
        return self.pipeline.state

    def set_filter(self, new: Filter) -> None:
        raise NotImplementedError

    def action_show_pane(self, pane_id: str) -> None:
        raise NotImplementedError

    def action_clear_filter(self) -> None:
        raise NotImplementedError

    def action_milestones(self) -> None:
        raise NotImplementedError

    def open_source(self, source_id: str, paragraph: int | None) -> None:
        raise NotImplementedError

    @on(m.Intent)
    def _handled(self, message: m.Intent) -> None:
        message.stop()  # after its own handler: it goes no further

    def _to_front(self) -> None:
        """Back to the dashboard from any screen above it."""
        while self.app.screen is not self and len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    # -- opening ----------------------------------------------------------------

    @on(m.OpenClaim)
    def _open_claim(self, message: m.OpenClaim) -> None:
        dataset = self.state.dataset
        if dataset is None:
            return
        from .detail import ClaimDetail

        if dataset.claim(message.claim_id) is not None:
            self.app.push_screen(ClaimDetail(dataset, message.claim_id, self.state.record))

    @on(m.OpenQuantity)
    def _open_quantity(self, message: m.OpenQuantity) -> None:
        state = self.state
        if state.dataset is None or state.record is None or state.filtered is None:
            return
        from .quantity import QuantityScreen

        if message.quantity in state.dataset.quantities.index:
            self.app.push_screen(QuantityScreen(state, self.pipeline.published, message.quantity))

    @on(m.OpenFrequency)
    def _open_frequency(self) -> None:
        if self.state.dataset is None or self.state.filtered is None:
            return
        from .frequency import FrequencyScreen

        if not isinstance(self.app.screen, FrequencyScreen):
            self.app.push_screen(FrequencyScreen(self.state, self.pipeline.published))

    @on(m.OpenDigest)
    def _open_digest(self) -> None:
        from .digest import DigestScreen

        self._to_front()
        self.app.push_screen(DigestScreen(self.state, self.pipeline.published))

    @on(m.OpenSource)
    def _open_source(self, message: m.OpenSource) -> None:
        self._to_front()
        self.open_source(message.source_id, message.paragraph)

    @on(m.ShowPane)
    def _show_pane(self, message: m.ShowPane) -> None:
        self._to_front()
        self.action_show_pane(message.pane_id)

    # -- the filter -------------------------------------------------------------

    @on(m.SetFilter)
    def _set_filter(self, message: m.SetFilter) -> None:
        self.set_filter(message.filter)

    @on(m.ClearFilter)
    def _clear(self) -> None:
        self.action_clear_filter()

    @on(m.FilterBy)
    def _filter_by(self, message: m.FilterBy) -> None:
        wanted = self.pipeline.wanted
        if wanted is None:
            return
        if message.only:
            self.set_filter(wanted.only(message.field, message.value))
        else:
            self.set_filter(wanted.toggled(message.field, message.value))

    @on(m.ShowFiltered)
    def _show_filtered(self, message: m.ShowFiltered) -> None:
        self._to_front()
        self.set_filter(message.filter)
        if message.note:
            self.notify(clean(message.note), title="Filter", timeout=6, markup=False)

    @on(m.FilterOnValue)
    def _filter_on_value(self, message: m.FilterOnValue) -> None:
        """`=`: narrow the filter to the claim's value in the marked column."""
        dataset, wanted = self.state.dataset, self.pipeline.wanted
        if dataset is None or wanted is None:
            return
        found = next((VALUE_FILTERS[k] for k in message.keys if k in VALUE_FILTERS), None)
        if found is None:
            self.notify(f"= filters on the claimant, what or category column, not on "
                        f"{clean(message.label)}: h and l (\u2190 \u2192) mark another.",
                        title="Filter on value", timeout=5, markup=False)  # fmt: skip
            return
        field, column = found
        from ..claims.formatting import given

        row = dataset.claim(message.claim_id)
        value = None if row is None else row[column]
        if not given(value):
            self.notify(f"This claim has no {clean(message.label)} to filter on.",
                        title="Filter on value", timeout=4, markup=False)  # fmt: skip
            return
        self.set_filter(wanted.only(field, str(value)))

    @on(m.ToggleLatestOnly)
    def _latest_only(self) -> None:
        wanted = self.pipeline.wanted
        if wanted is not None:
            self.set_filter(replace(wanted, latest_only=not wanted.latest_only))

    @on(m.StepKnownOn)
    def _step_known(self, message: m.StepKnownOn) -> None:
        """Move the known-on date a month back or forward (`[` and `]`)."""
        current = self.pipeline.wanted
        if current is None or self.state.dataset is None:
            return
        newest = self.state.record.newest if self.state.record is not None else None
        if newest is None:
            return
        if current.known_on is None and message.months > 0:
            self.notify("Everything on the record is shown; [ steps back a month.",
                        title="Known on", timeout=3, markup=False)  # fmt: skip
            return
        self.set_filter(current.stepped(message.months, newest))

    @on(m.AskKnownOn)
    def _ask_known_on(self) -> None:
        """Ask which day's record to show; a month or year means its last day."""
        if self.state.filter is None:
            return
        from .known_on import ask_known_on

        def chosen(day: date | None) -> None:
            if self.pipeline.wanted is not None:
                self.set_filter(replace(self.pipeline.wanted, known_on=day))

        wanted = self.pipeline.wanted or self.state.filter
        ask_known_on(self, wanted.known_on, chosen)

    @on(m.ShowMilestones)
    def _milestones(self, message: m.ShowMilestones) -> None:
        if message.show != self.state.show_milestones:
            self.action_milestones()

    # -- taking work out --------------------------------------------------------

    @on(m.CopyCitation)
    def _copy(self, message: m.CopyCitation) -> None:
        dataset = self.state.dataset
        if dataset is None:
            return
        from ..claims.formatting import citation

        row = dataset.claim(message.claim_id)
        if row is None:
            return
        text = citation(row)
        self.app.copy_to_clipboard(text)
        self.app.notify(text, title="Citation copied", timeout=4, markup=False)

    @on(m.ExportClaims)
    def _export(self, message: m.ExportClaims) -> None:
        from .exporting import ask_export

        ask_export(self, message.claims, message.order, self._under_the_filter(message.what),
                   message.name)  # fmt: skip

    @on(m.SaveChart)
    def _save_chart(self, message: m.SaveChart) -> None:
        from .exporting import ask_save_chart

        ask_save_chart(self, message.chart,  # type: ignore[arg-type]
                       self._under_the_filter(message.what))

    def _under_the_filter(self, what: str) -> str:
        """`what`, saying the filter in force, if any (exports and charts)."""
        state = self.state
        if state.dataset is None or state.filter is None or state.filter.is_empty:
            return what
        return f"{what}, under the filter {state.filter.describe(state.names())}"
