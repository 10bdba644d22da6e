"""A small chart gives its plot the room (the legend folds to one line, `?`
shows it whole), and the Sources pane: its card scrolls from the keyboard,
its list keeps the source under the cursor in view after `o`, and under a
filter it lists the sources the filter's claims cite, with their counts."""

from __future__ import annotations

import pytest
from conftest import EMBEDDED, settle
from test_app import board, until

from tui.app import NokoApp
from tui.claims.filters import Filter
from tui.screens.help import HelpScreen
from tui.widgets import charts


async def started(pilot) -> None:
    await until(pilot, lambda: board(pilot.app).state.filtered is not None, seconds=20)
    await settle(pilot.app)
    await pilot.pause(0.1)


@pytest.mark.parametrize(("size", "rows"), [((60, 20), 4), ((80, 24), 6)],
                         ids=["60x20", "80x24"])  # fmt: skip
async def test_the_troops_chart_gets_the_room_and_its_legend_one_line(size, rows) -> None:
    """It was 2 rows high under a 5-line legend at 80x24, 1 row at 60x20."""
    app = NokoApp(str(EMBEDDED))
    async with app.run_test(size=size) as pilot:
        await started(pilot)
        chart = board(app).query_one("#troops").query_one(charts.TroopsChart)
        await until(pilot, lambda: chart.full_legend.plain != "")
        plot = chart.query_one(charts.Plot)
        # The plot's inner rows: its height less the frame and the tick labels.
        assert plot.size.height - 3 >= rows
        legend = chart.query_one(".chart-legend")
        assert legend.size.height == 1
        shown = str(legend.render())
        assert "? legend" in shown and "\u25021" in shown  # milestones by number
        # `?` shows the whole legend, every claimant and milestone named.
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        whole = app.screen.chart_legend.plain
        for entry in chart.data.legend:
            assert entry.label in whole
        assert all(m.label in whole for m in chart.milestones_drawn)


def source_of_title(pane, words: str) -> str:
    data = pane._data
    return next(i for i in data.table["id"] if words in str(data.sources.at[i, "title"]))


async def test_the_dutch_sources_card_scrolls_from_the_keyboard() -> None:
    app = NokoApp(str(EMBEDDED))
    async with app.run_test(size=(120, 40)) as pilot:
        await started(pilot)
        await pilot.press("6")
        pane = board(app).query_one("#sources")
        await until(pilot, lambda: pane.built and pane._data is not None)
        pane.open_at(source_of_title(pane, "Noord"))
        card = pane.query_one("#source-info-scroll")
        await until(pilot, lambda: card.max_scroll_y > 0)
        assert card.max_scroll_y > 0  # taller than its room: it must scroll
        pane.listing.focus()
        await pilot.press("tab")
        assert app.focused is card
        await pilot.press("j", "j", "space")
        await until(pilot, lambda: card.scroll_y > 0)
        assert card.scroll_y > 0
        await pilot.press("G")
        await until(pilot, lambda: card.scroll_y == card.max_scroll_y)
        assert card.scroll_y == card.max_scroll_y
        await pilot.press("tab")
        assert app.focused is pane.table


async def test_after_o_the_list_shows_the_source_under_its_cursor() -> None:
    """The list stayed on its first rows, the source opened far below."""
    app = NokoApp(str(EMBEDDED))
    async with app.run_test(size=(120, 40)) as pilot:
        await started(pilot)
        await pilot.press("5")
        await pilot.pause(0.2)
        await pilot.press("G", "enter")
        await pilot.pause(0.3)
        await pilot.press("o")
        pane = board(app).query_one("#sources")
        await until(pilot, lambda: pane.built and pane.current is not None)
        await pilot.pause(0.3)
        listing = pane.listing
        assert listing.current_id == pane.current
        top = round(listing.scroll_offset.y)
        assert listing.cursor > 30  # far down the list: the case that failed
        assert top <= listing.cursor < top + listing.size.height - 1


async def test_under_a_filter_the_list_holds_the_sources_cited_with_their_counts() -> None:
    app = NokoApp(str(EMBEDDED))
    async with app.run_test(size=(120, 40)) as pilot:
        await started(pilot)
        await pilot.press("6")
        board(app).set_filter(Filter(claimants=frozenset({"kr-nis"})))
        pane = board(app).query_one("#sources")
        await until(pilot, lambda: pane._data is not None and len(pane._data.claims) < 100)
        await settle(app)
        await pilot.pause(0.2)
        table = pane.listing.shown
        claims = board(app).state.filtered
        assert len(table) and ((table["claims"] + table["also"]) > 0).all()
        cited = set(claims["source"].astype(str))
        assert cited <= set(table["id"])
        for _, row in table.iterrows():
            assert row["claims"] == int((claims["source"].astype(str) == row["id"]).sum())
