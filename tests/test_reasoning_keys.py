"""Pilot tests for the reasoning keys, each to the end of its effects: the
quantity view (v, from a row, the detail and the palette), latest only (n),
known on ([ and ], the palette's prompt, the filter dialog), milestones (m),
and the contested marks in tables."""

from __future__ import annotations

import datetime as dt

from conftest import SNAPSHOT, ready, settle
from test_app import board, flat, screen_text, table_ids, until
from textual.widgets import Checkbox, Input

from tui.app import NokoApp
from tui.panes.base import ClaimsPane
from tui.screens.detail import ClaimDetail
from tui.screens.filter_dialog import FilterDialog
from tui.screens.quantity import QuantityScreen
from tui.widgets.frame_table import FrameTable


def casualties(app: NokoApp) -> FrameTable:
    return board(app).query_one("#casualties", ClaimsPane).table


async def on_casualties(pilot, claim: str) -> None:
    await ready(pilot)
    await pilot.press("2")
    await until(pilot, lambda: table_ids(casualties(pilot.app)))
    casualties(pilot.app).move_to(claim)
    await pilot.pause()


def status(app: NokoApp) -> str:
    """The status line's text (a toast may cover it on screen)."""
    return str(board(app).query_one("#status").render())


async def open_view(pilot, claim: str) -> QuantityScreen:
    """The quantity view of a casualty claim's quantity, once computed."""
    await on_casualties(pilot, claim)
    await pilot.press("v")
    await until(pilot, lambda: quantity_screen(pilot.app) is not None)
    screen = quantity_screen(pilot.app)
    await until(pilot, lambda: screen.view is not None)
    return screen


async def palette(pilot, words: str) -> None:
    """Open the palette and type `words`, leaving time for its search."""
    await pilot.press("ctrl+p")
    await pilot.pause(0.2)
    for key in words:
        await pilot.press("space" if key == " " else key)
    await pilot.pause(0.6)


def quantity_screen(app: NokoApp) -> QuantityScreen | None:
    return app.screen if isinstance(app.screen, QuantityScreen) else None


async def test_v_opens_the_quantity_view_and_enter_a_figures_claim(monkeypatch) -> None:
    # "Now" on the frozen fixture data (the picture is as of a date).
    monkeypatch.setattr("tui.claims.quantity_view.today", lambda: dt.date(2025, 7, 1))
    app = NokoApp(str(SNAPSHOT))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_view(pilot, "s000-p05-killed-or-wounded")
        view = screen.view
        assert view.quantity == "killed_or_wounded"
        # Six reports: two each by Zelensky and the UK MoD, one by the JCS, and
        # one in which Zelensky relays the Ukrainian military's count.
        assert view.reports == 6 and view.origins == 4
        text = flat(app)
        assert "6 reports, 4 origins \u00b7 \u2260 1 disagreement" in text
        # The most recent figure first, as of the day the picture is of.
        assert "Now, as of 1 Jul 2025" in text and "UK MoD: more than 6,000" in text
        await pilot.press("tab")  # to the notes, read to their end
        await pilot.press("G")
        await pilot.pause()
        assert "Bands: about \u00b115%" in flat(app)
        notes = str(screen.query_one("#quantity-picture").render())
        # December's figure is past the 180 days a toll stays current: stale.
        stale = notes.split("Stale", 1)[1].split("Contested", 1)[0]
        assert "UA military: more than 3,000" in stale and "6 months old" in stale
        assert "Contested" in notes
        assert "Mar 2025: JCS about 4,000 vs UK MoD more than 5,000: 400 apart, 1.2\u00d7" in notes
        await pilot.press("shift+tab")
        table = screen.query_one(FrameTable)
        assert table_ids(table)[0] == view.rows["id"].iat[0]
        # The chart draws the claimant under the cursor in full, the others faint.
        chart = screen.query_one("TroopsChart").data
        under = view.rows["claimant"].iat[0]
        assert chart.selected == under
        assert all(m.faint == (m.claimant_id != under) for m in chart.marks)
        await pilot.press("j")
        await pilot.pause()
        assert screen.query_one("TroopsChart").data.selected == view.rows["claimant"].iat[1]
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ClaimDetail))
        assert app.screen.claim_id == view.rows["id"].iat[1]
        assert "Standing" in flat(app)
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is screen)
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is board(app))


async def test_the_detail_says_revised_by_whom_and_who_disagrees_then_v() -> None:
    app = NokoApp(str(SNAPSHOT))
    async with app.run_test(size=(120, 50)) as pilot:
        await on_casualties(pilot, "s000-p05-killed-or-wounded")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ClaimDetail))
        text = flat(app)
        assert "Standing" in text and "JCS's latest for this quantity" in text
        assert "Contested Mar 2025: JCS about 4,000 vs UK MoD more than 5,000" in text
        await pilot.press("v")
        await until(pilot, lambda: quantity_screen(app) is not None)
        assert quantity_screen(app).quantity == "killed_or_wounded"


async def test_a_relayed_claim_names_its_origin_in_the_detail() -> None:
    app = NokoApp(str(SNAPSHOT))
    async with app.run_test(size=(120, 50)) as pilot:
        await on_casualties(pilot, "c-2024-12-23-urdupoint-afp-zelensky-3000-p3-kia-wia")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ClaimDetail))
        assert "the claimant passes on their information" in flat(app)


async def test_v_on_a_claim_that_counts_nothing_says_so() -> None:
    app = NokoApp(str(SNAPSHOT))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("4")
        table = board(app).query_one("#diplomacy", ClaimsPane).table
        await until(pilot, lambda: table_ids(table))
        await pilot.press("v")
        await until(pilot, lambda: "there is no quantity to view" in flat(app))
        assert app.screen is board(app)


async def test_the_palette_opens_a_quantity() -> None:
    app = NokoApp(str(SNAPSHOT))
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await palette(pilot, "quantity killed")
        assert "Quantity: killed" in flat(app)
        await pilot.press("enter")
        await until(pilot, lambda: quantity_screen(app) is not None)
        assert quantity_screen(app).quantity.startswith("killed")


async def test_n_shows_only_latest_figures_and_the_status_says_so() -> None:
    app = NokoApp(str(SNAPSHOT))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        everything = len(board(app).state.filtered)
        await pilot.press("n")
        await until(pilot, lambda: board(app).state.filter.latest_only)
        await settle(app)
        shown = board(app).state.filtered
        assert len(shown) < everything and shown["latest"].all()
        assert "latest only" in screen_text(app)
        await pilot.press("n")
        await until(pilot, lambda: not board(app).state.filter.latest_only)
        assert len(board(app).state.filtered) == everything
        assert "All 66 claims" in screen_text(app)


async def test_brackets_step_what_was_known_by_month() -> None:
    app = NokoApp(str(SNAPSHOT))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("right_square_bracket")  # nothing to step forward from
        await until(pilot, lambda: "[ steps back a month" in flat(app))
        await pilot.press("left_square_bracket", "left_square_bracket", "left_square_bracket")
        # The newest claim was certainly said by 30 Nov 2025: the first step
        # back is to 1 Nov, then 1 Oct, then 1 Sep.
        await until(pilot, lambda: board(app).state.filter.known_on == dt.date(2025, 9, 1))
        await settle(app)
        assert "known on 1 Sep 2025" in screen_text(app)
        said = board(app).state.filtered["stated_on"].dropna()
        assert (said < "2025-09-02").all() and len(board(app).state.filtered) < 66
        for _ in range(3):
            await pilot.press("right_square_bracket")
        await until(pilot, lambda: board(app).state.filter.known_on is None)
        assert "All 66 claims" in screen_text(app)


async def test_the_quantity_view_follows_the_known_on_date() -> None:
    app = NokoApp(str(SNAPSHOT))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_view(pilot, "s000-p05-killed-or-wounded")
        before = screen.view.reports
        for _ in range(10):
            await pilot.press("left_square_bracket")
        await until(pilot, lambda: screen.view is not None and screen.view.reports < before)
        assert "known on" in flat(app)


async def test_the_palette_asks_for_a_known_on_date() -> None:
    app = NokoApp(str(SNAPSHOT))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await ready(pilot)
        await palette(pilot, "known on")
        await pilot.press("enter")
        await until(pilot, lambda: app.screen.query("#prompt-input"))
        prompt = app.screen.query_one("#prompt-input", Input)
        prompt.value = "2025-13"
        await pilot.press("enter")
        await until(pilot, lambda: "no such date" in flat(app))
        assert board(app).state.filter.known_on is None
        await palette(pilot, "known on")
        await pilot.press("enter")
        await until(pilot, lambda: app.screen.query("#prompt-input"))
        app.screen.query_one("#prompt-input", Input).value = "2025-01"
        await pilot.press("enter")
        await until(pilot, lambda: board(app).state.filter.known_on == dt.date(2025, 1, 31))
        assert "known on 31 Jan 2025" in screen_text(app)


async def test_the_filter_dialog_sets_known_on_and_latest_only() -> None:
    app = NokoApp(str(SNAPSHOT))
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("f")
        await until(pilot, lambda: isinstance(app.screen, FilterDialog))
        app.screen.query_one("#filter-known-on", Input).value = "2025-02-01"
        app.screen.query_one("#filter-latest", Checkbox).value = True
        await pilot.press("ctrl+s")
        await until(pilot, lambda: board(app).state.filter.known_on == dt.date(2025, 2, 1))
        assert board(app).state.filter.latest_only
        assert "known on 1 Feb 2025 \u00b7 latest only" in screen_text(app)


async def test_m_hides_and_shows_the_milestones() -> None:
    app = NokoApp(str(SNAPSHOT))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot)
        await until(pilot, lambda: board(app).state.record is not None)
        assert [m.label for m in board(app).state.record.milestones] == [
            "NK and Russia acknowledge troops"
        ]
        chart = board(app).query_one("#troops .pane-chart TroopsChart")
        await until(pilot, lambda: chart.data is not None and chart.data.milestones)
        await pilot.press("m")
        await until(pilot, lambda: "Milestone lines hidden" in flat(app))
        await until(pilot, lambda: not chart.data.milestones)
        await until(pilot, lambda: "milestones hidden (m)" in status(app))
        await pilot.press("m")
        await until(pilot, lambda: chart.data.milestones)


async def test_contested_claims_are_marked_in_the_casualties_table() -> None:
    app = NokoApp(str(SNAPSHOT))
    async with app.run_test(size=(160, 50)) as pilot:
        await on_casualties(pilot, "s000-p05-killed-or-wounded")
        text = screen_text(app)
        assert "\u2260 about 4,000" in text and "\u2260 more than 5,000" in text
