"""Pilot tests for taking work out of the app, each to the end of its effect:
`e` writes the claims on screen (filter and sort kept) to the file the
analyst confirms and a toast says where; an existing file is replaced only
after a yes; the quantity view exports its table; the palette saves the
chart on screen as SVG in a directory that exists."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SNAPSHOT, ready
from test_app import board, screen_text, table_ids, until
from test_frequency import toasts
from textual.widgets import Input

from tui.app import NokoApp
from tui.claims import formats
from tui.panes.base import ClaimsPane
from tui.screens.prompt import ConfirmDialog, PromptDialog
from tui.screens.quantity import QuantityScreen


def claims_table(app: NokoApp):
    return board(app).query_one("#claims", ClaimsPane).table


async def answer(pilot, text: str) -> None:
    """Type `text` over the prompt's default and press enter."""
    app = pilot.app
    await until(pilot, lambda: isinstance(app.screen, PromptDialog))
    app.screen.query_one(Input).value = text
    await pilot.press("enter")


async def test_e_writes_the_claims_on_screen_in_the_order_shown(tmp_path: Path,
                                                                monkeypatch) -> None:  # fmt: skip
    monkeypatch.chdir(tmp_path)
    app = NokoApp(str(SNAPSHOT))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("5")
        table = claims_table(app)
        await until(pilot, lambda: app.focused is table and table.row_count)
        await pilot.press("l", "s")  # sort by claimant
        await ready(pilot)
        shown = table_ids(table)
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, PromptDialog))
        default = app.screen.query_one(Input).value
        assert default.startswith(str(tmp_path)) and default.endswith(".csv")
        assert "Export" in screen_text(app) and f"{len(shown)} claims" in screen_text(app)
        await pilot.press("enter")
        await until(pilot, lambda: "Wrote" in toasts(app), seconds=10)
        written = Path(default)
        assert str(written.name) in toasts(app).replace(" ", "")
        back = formats.read_csv(written)
        assert list(back["id"]) == shown  # the sort in force, every claim on screen
        assert not isinstance(app.screen, PromptDialog)


async def test_e_asks_before_replacing_a_file_and_no_keeps_it(tmp_path: Path) -> None:
    target = tmp_path / "mine.json"
    target.write_text("precious")
    app = NokoApp(str(SNAPSHOT))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("5")
        await until(pilot, lambda: claims_table(app).row_count)
        await pilot.press("e")
        await answer(pilot, str(target))
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        # The question names the whole path (it wraps in the dialog, so read it whole).
        assert app.screen.question == f"{target} exists. Replace it?"
        assert "Replace it?" in screen_text(app)
        await pilot.press("n")
        await until(pilot, lambda: not isinstance(app.screen, ConfirmDialog))
        await pilot.pause(0.3)
        assert target.read_text() == "precious"
        await pilot.press("e")
        await answer(pilot, str(target))
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await until(pilot, lambda: "Wrote" in toasts(app), seconds=10)
        records = formats.read_json(target)
        assert len(records) == claims_table(app).row_count
        assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.json"]


@pytest.mark.parametrize(("path", "said"), [
    ("{tmp}/no/such/dir/out.csv", "No such directory"),
    ("{tmp}/out.xlsx", "no format writes '.xlsx'"),
])  # fmt: skip
async def test_e_says_why_it_cannot_write(tmp_path: Path, path: str, said: str) -> None:
    app = NokoApp(str(SNAPSHOT))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("e")
        await answer(pilot, path.format(tmp=tmp_path))
        await until(pilot, lambda: said in toasts(app))
        assert list(tmp_path.iterdir()) == []
        await pilot.press("j")  # the app goes on


async def test_the_quantity_view_exports_its_table(tmp_path: Path) -> None:
    app = NokoApp(str(SNAPSHOT))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot)
        from tui.messages import OpenQuantity

        app.post_message(OpenQuantity("killed_or_wounded"))
        await until(pilot, lambda: isinstance(app.screen, QuantityScreen)
                    and app.screen.view is not None)  # fmt: skip
        screen = app.screen
        expected = list(screen.view.rows["id"])
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, PromptDialog))
        assert "killed" in app.screen.query_one(Input).value
        await answer(pilot, str(tmp_path / "kw.md"))
        await until(pilot, lambda: "Wrote" in toasts(app), seconds=10)
        text = (tmp_path / "kw.md").read_text()
        assert len(text.splitlines()) == len(expected) + 2
        assert app.screen is screen  # back on the view


async def test_the_palette_saves_the_chart_as_svg(tmp_path: Path) -> None:
    app = NokoApp(str(SNAPSHOT))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"save as svg")
        await pilot.pause(0.4)
        await pilot.press("enter")
        await answer(pilot, str(tmp_path / "missing"))
        await until(pilot, lambda: "No such directory" in toasts(app))
        assert not (tmp_path / "missing").exists()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"save as svg")
        await pilot.pause(0.4)
        await pilot.press("enter")
        await answer(pilot, str(tmp_path))
        await until(pilot, lambda: list(tmp_path.glob("*.svg")))
        saved = next(tmp_path.glob("*.svg"))
        assert saved.name.startswith("noko-troops-chart-")
        svg = saved.read_text()
        import html
        import re

        words = html.unescape("".join(re.findall(r">([^<]*)</text>", svg))).replace("\xa0", " ")
        # What the chart summarises and its legend travel with it.
        assert "noko-tui: Troops chart" in html.unescape(svg).replace("\xa0", " ")
        assert "15 claims by 8 claimants" in words and "contested" in words, words
        await until(pilot, lambda: "Chart saved" in toasts(app))


async def test_the_palette_offers_no_chart_where_none_is_drawn() -> None:
    app = NokoApp(str(SNAPSHOT))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("5")  # the claims pane has no chart
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"save as svg")
        await pilot.pause(0.4)
        assert "Chart: save as SVG" not in screen_text(app)
