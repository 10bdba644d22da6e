"""SVG snapshots of every pane at 80x24 and 120x40, and of help, the filter
dialog, the palette, search, the detail scrolled to its end, the empty state
and the loading state: all on the frozen fixture data (`tests/data/snapshot`),
never on the growing embedded data. Look at every new or changed SVG before
accepting it (`pytest --snapshot-update`): convert it with rsvg-convert, or
run the app in tmux at that size."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import SNAPSHOT, ready, settle

from tui.app import NokoApp
from tui.panes import PANES as REGISTRY

#: Every pane's number key, from the registry: a new pane gets its snapshots.
PANES = [pane.key for pane in REGISTRY]
#: "Now" on the frozen fixture data: the current picture is as of this day.
FIXTURE_TODAY = dt.date(2025, 7, 1)


@pytest.fixture(autouse=True)
def _frozen_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tui.claims.quantity_view.today", lambda: FIXTURE_TODAY)
SIZES = [(80, 24), (120, 40)]


def app() -> NokoApp:
    return NokoApp(str(SNAPSHOT))


async def shown(pilot, *keys: str) -> None:
    """Press keys and wait until everything they start is drawn: a pane is
    built when first shown, its chart redrawn once it has a size."""
    await ready(pilot)
    for key in keys:
        await pilot.press(key)
        await pilot.pause(0.05)
    for _ in range(3):
        await pilot.pause(0.1)
        await settle(pilot.app)
    await pilot.pause()


class TestPanes:
    """Each pane as an analyst first sees it, at the two sizes that matter."""

    @pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
    @pytest.mark.parametrize("pane", PANES)
    def test_pane(self, snap_compare, pane: str, size: tuple[int, int]) -> None:
        async def before(pilot) -> None:
            await shown(pilot, pane)

        assert snap_compare(app(), terminal_size=size, run_before=before)

    def test_no_color(self, snap_compare, monkeypatch: pytest.MonkeyPatch) -> None:
        """Markers, fills and the reversed cursor row carry it without colour."""
        monkeypatch.setenv("NO_COLOR", "1")

        async def before(pilot) -> None:
            await shown(pilot, "1")

        assert snap_compare(app(), terminal_size=(80, 24), run_before=before)


class TestDetail:
    """The provenance of a derived figure, read to its end from the keyboard."""

    @pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
    def test_detail_scrolled_to_its_end(self, snap_compare, size: tuple[int, int]) -> None:
        async def before(pilot) -> None:
            await shown(pilot, "2")
            table = pilot.app.dashboard.query_one("#casualties").table
            table.move_to("c-2025-02-27-kyivindependent-nis-additional-p8-zelensky-killed")
            await shown(pilot, "enter", "G")

        assert snap_compare(app(), terminal_size=size, run_before=before)


    def test_grades_and_arithmetic(self, snap_compare) -> None:
        """A graded claim's detail: its grades with reasons, and the sum it is part of."""

        async def before(pilot) -> None:
            await shown(pilot, "2")
            table = pilot.app.dashboard.query_one("#casualties").table
            table.move_to("s000-p13-killed-lawmaker")
            await shown(pilot, "enter", *["j"] * 15)

        assert snap_compare(app(), terminal_size=(80, 24), run_before=before)


class TestQuantity:
    """The quantity view: killed or wounded, where origins disagree (Mar 2025),
    a relay counts once, the cursor's claimant drawn in full."""

    @pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
    def test_quantity_view(self, snap_compare, size: tuple[int, int]) -> None:
        async def before(pilot) -> None:
            await shown(pilot, "2")
            table = pilot.app.dashboard.query_one("#casualties").table
            table.move_to("s000-p05-killed-or-wounded")
            await shown(pilot, "v")
            await settle(pilot.app)
            await shown(pilot)

        assert snap_compare(app(), terminal_size=size, run_before=before)

    def test_known_on_and_latest_only(self, snap_compare) -> None:
        """The troops pane as known on 1 Jan 2025, latest figures only: the
        status line says both."""

        async def before(pilot) -> None:
            from datetime import date

            from tui.claims.filters import Filter

            await shown(pilot, "1")
            pilot.app.dashboard.set_filter(Filter(known_on=date(2025, 1, 1), latest_only=True))
            await shown(pilot)

        assert snap_compare(app(), terminal_size=(80, 24), run_before=before)


class TestFrequency:
    """Who says what: claimants by quantity, the cursor on a cell of the
    claimant with most claims, the Total row and column pinned."""

    def test_who_says_what(self, snap_compare) -> None:
        async def before(pilot) -> None:
            await shown(pilot, "F")
            await shown(pilot, "j", "l", "l", "l")

        assert snap_compare(app(), terminal_size=(80, 24), run_before=before)


class TestScreens:
    """Help, the filter dialog, the palette and search, at 80x24."""

    def test_help(self, snap_compare) -> None:
        async def before(pilot) -> None:
            await shown(pilot, "question_mark")

        assert snap_compare(app(), terminal_size=(80, 24), run_before=before)

    def test_filter_dialog(self, snap_compare) -> None:
        async def before(pilot) -> None:
            await shown(pilot, "f", "n", "i", "s", "space", "escape")

        assert snap_compare(app(), terminal_size=(80, 24), run_before=before)

    def test_palette(self, snap_compare) -> None:
        async def before(pilot) -> None:
            await shown(pilot, "ctrl+p", "N", "I", "S")
            await pilot.pause(0.5)

        assert snap_compare(app(), terminal_size=(80, 24), run_before=before)

    def test_search(self, snap_compare) -> None:
        async def before(pilot) -> None:
            await shown(pilot, "2", "slash", "k", "i", "l", "l", "e", "d")
            await pilot.pause(0.4)
            await settle(pilot.app)

        assert snap_compare(app(), terminal_size=(80, 24), run_before=before)


class TestStates:
    """Before the data, and when the filter keeps nothing."""

    def test_empty(self, snap_compare) -> None:
        async def before(pilot) -> None:
            await shown(pilot, "slash", "z", "z", "q", "x", "enter")
            await pilot.pause(0.4)
            await shown(pilot)

        assert snap_compare(app(), terminal_size=(80, 24), run_before=before)

    def test_loading(self, snap_compare) -> None:
        from tui.messages import LoadProgress

        loading = app()
        loading.dashboard.load = lambda: None  # stays loading; the progress comes from here

        async def before(pilot) -> None:
            await pilot.pause()
            loading.dashboard.post_message(LoadProgress(3, 6, 1_234))
            await pilot.pause()

        assert snap_compare(loading, terminal_size=(80, 24), run_before=before)
