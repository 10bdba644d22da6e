"""Chart only (`z`) and panes not built yet: the keys that read a pane's
table, pressed as fast as a typist does, each to the end of its effect.

`z` hides a pane's table; a pane is built only when first shown, so `3 e`
typed at once reaches a pane whose table does not exist yet. `e` exports
the rows the pane holds all the same (its filter and sort), and the keys
that need a visible cursor (`enter`, `s`, `=`, `y`, `v`) say why they do
nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SNAPSHOT, ready
from test_app import board, until
from test_frequency import toasts
from test_soak import _type

from textual.widgets import Input

from tui.app import NokoApp
from tui.claims import formats
from tui.panes.base import ClaimsPane
from tui.screens.prompt import PromptDialog


async def answer(pilot, text: str) -> None:
    """Type `text` over the prompt's default and press enter, once the
    prompt is composed (keys typed at once open it a moment later)."""
    app = pilot.app
    await until(pilot, lambda: isinstance(app.screen, PromptDialog) and app.screen.query(Input))
    app.screen.query_one(Input).value = text
    await pilot.press("enter")


def pane(app: NokoApp, pane_id: str) -> ClaimsPane:
    return board(app).query_one(f"#{pane_id}", ClaimsPane)


def expected_ids(app: NokoApp, pane_id: str) -> list[str]:
    """The pane's rows under the filter in force, in the pane's own order."""
    dashboard = board(app)
    return list(type(pane(app, pane_id)).rows(dashboard.state.filtered)["id"])


@pytest.mark.parametrize("keys", [["2", "z", "3", "e"], ["3", "z", "e"], ["6", "e"]],
                         ids=" ".join)  # fmt: skip
async def test_e_typed_at_once_on_a_pane_not_built_exports_its_rows(
    keys: list[str], tmp_path: Path
) -> None:
    """The crash of issue 19: NoMatches for the FrameTable of a pane whose
    body was not mounted yet (exit 1)."""
    app = NokoApp(str(SNAPSHOT))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ready(pilot)
        await _type(app, keys)
        await until(pilot, lambda: isinstance(app.screen, PromptDialog))
        target = tmp_path / "out.csv"
        await answer(pilot, str(target))
        await until(pilot, lambda: "Wrote" in toasts(app), seconds=10)
        written = list(formats.read_csv(target)["id"])
        if keys[0] == "6":  # the claims citing the first source, as the pane lists them
            sources = board(app).query_one("#sources")
            assert written == list(sources.table.shown["id"]) and written
        else:
            assert written == expected_ids(app, "equipment") and written
            assert pane(app, "equipment").view == ("chart" if keys[1] == "z" and keys[0] == "3"
                                                   else "both")  # fmt: skip
        assert app.return_code is None


async def test_e_in_chart_only_exports_the_hidden_table_as_sorted(tmp_path: Path) -> None:
    app = NokoApp(str(SNAPSHOT))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("5")
        table = pane(app, "claims").table
        await until(pilot, lambda: app.focused is table and table.row_count)
        await pilot.press("l", "s")  # sort by claimant
        await until(pilot, lambda: table.sort_state is not None)
        shown = list(table.shown["id"])
        assert shown != expected_ids(app, "claims")  # the sort changed the order
        await pilot.press("z")  # the Claims pane has no chart: nothing hides
        await pilot.press("2")
        await until(pilot, lambda: pane(app, "casualties").built)
        await pilot.press("z")
        assert pane(app, "casualties").view == "chart"
        assert not pane(app, "casualties").table.display or not pane(app, "casualties").table.region
        await pilot.press("e")
        await answer(pilot, str(tmp_path / "kw.json"))
        await until(pilot, lambda: "Wrote" in toasts(app), seconds=10)
        records = formats.read_json(tmp_path / "kw.json")
        assert [r["id"] for r in records] == expected_ids(app, "casualties")
        await pilot.press("5", "e")  # the sorted table, as shown
        await answer(pilot, str(tmp_path / "all.csv"))
        await until(pilot, lambda: toasts(app).count("Wrote") == 2, seconds=10)
        assert list(formats.read_csv(tmp_path / "all.csv")["id"]) == shown


@pytest.mark.parametrize("key", ["enter", "s", "equals_sign", "y", "v"])
async def test_table_keys_in_chart_only_say_the_table_is_hidden(key: str) -> None:
    app = NokoApp(str(SNAPSHOT))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ready(pilot)
        troops = pane(app, "troops")
        await until(pilot, lambda: troops.built and troops.table.row_count)
        before = list(troops.table.shown["id"])
        await pilot.press("z")
        assert troops.view == "chart"
        await pilot.press(key)
        await until(pilot, lambda: "table is hidden" in toasts(app))
        assert "z shows it" in toasts(app)
        assert app.screen is board(app)  # no detail, no quantity view opened
        assert "Citation copied" not in toasts(app)
        assert list(troops.table.shown["id"]) == before and troops.table.sort_state is None
        await pilot.press("z")  # table only: the keys work again
        await until(pilot, lambda: app.focused is troops.table)
        await pilot.press("y")
        await until(pilot, lambda: "Citation copied" in toasts(app))
