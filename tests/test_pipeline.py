"""The pipeline drops stale results: a filter's result (or a pane's data)
that arrives after a newer filter was asked for never shows."""

from __future__ import annotations

from conftest import VALID, ready, settle
from test_app import board

from tui.app import NokoApp
from tui.claims.filters import Filter
from tui.messages import FilterApplied, PanePrepared


async def test_an_older_generation_finishing_after_a_newer_one_is_dropped() -> None:
    applied: list[FilterApplied] = []

    def hook(message: object) -> None:
        if isinstance(message, FilterApplied):
            applied.append(message)

    app = NokoApp(str(VALID))
    async with app.run_test(size=(100, 30), message_hook=hook) as pilot:
        await ready(pilot)
        dashboard, pipeline = board(app), board(app).pipeline
        before = dashboard.state
        # Two filters asked for at once: the first is replaced before its result arrives.
        dashboard.set_filter(Filter(text="no claim says this"))
        dashboard.set_filter(Filter(text="killed"))
        newest = pipeline.generation
        await settle(app)
        await pilot.pause()
        assert {m.generation for m in applied} >= {newest}
        assert dashboard.state.generation == newest
        assert dashboard.state.filter.text == "killed"
        assert list(dashboard.state.filtered["id"]) == ["c-1"]
        shown = dashboard.state
        prepared = dict(dashboard._prepared)
        assert prepared.get("troops") is not None
        # The first filter's results arrive only now, after the newer one's.
        dashboard.post_message(FilterApplied(newest - 1, Filter(text="no claim says this"),
                                             before.filtered, 0.0, before.record))  # fmt: skip
        dashboard.post_message(PanePrepared(newest - 1, "troops", None))
        await pilot.pause()
        await pilot.pause()
        assert dashboard.state is shown
        assert dashboard.state.filter.text == "killed"
        assert list(dashboard.state.filtered["id"]) == ["c-1"]
        assert dashboard._prepared.keys() == prepared.keys()
        assert all(dashboard._prepared[k] is data for k, data in prepared.items())
        assert pipeline.accept(FilterApplied(newest - 1, Filter(), before.filtered, 0.0)) is None
