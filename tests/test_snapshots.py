"""SVG snapshots of each pane, the detail and help screens, a filtered state,
and NO_COLOR. Look at every new or changed SVG before accepting it
(`pytest --snapshot-update`); tests/README.md says how."""

from __future__ import annotations

import pytest
from conftest import EMBEDDED, ready

from tui.app import NokoApp

PANES = ["1", "2", "3", "4", "5", "6"]
SIZES = [(80, 24), (120, 40)]


def app() -> NokoApp:
    return NokoApp(str(EMBEDDED))


async def shown(pilot, pane: str) -> None:
    """Show a pane and wait until it is drawn: a pane is built when first shown,
    its chart redrawn once it has a size, the Sources list filled after mounting."""
    from tui.panes.sources import SourcesPane

    await ready(pilot)
    await pilot.press(pane)
    for _ in range(100):
        await pilot.pause(0.02)
        if pane != "6" or pilot.app.query_one(SourcesPane).table.frame.shape[0]:
            break
    await pilot.pause(0.3)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("pane", PANES)
def test_pane(snap_compare, pane: str, size: tuple[int, int]) -> None:
    async def before(pilot) -> None:
        await shown(pilot, pane)

    assert snap_compare(app(), terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_detail(snap_compare, size: tuple[int, int]) -> None:
    # Troops, second row: the JCS's "about 11,000", whose notes dispute the reading.
    assert snap_compare(app(), press=["1", "j", "enter"], terminal_size=size, run_before=ready)


def test_filtered(snap_compare) -> None:
    async def search(pilot) -> None:
        await ready(pilot)
        await pilot.press("slash", *"JCS", "enter")
        await ready(pilot)

    assert snap_compare(app(), press=["2", "wait:400"], terminal_size=(120, 40), run_before=search)


def test_help(snap_compare) -> None:
    assert snap_compare(app(), press=["question_mark"], terminal_size=(100, 40), run_before=ready)


def test_no_color(snap_compare, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(app(), press=["1", "wait:400"], terminal_size=(80, 24), run_before=ready)
