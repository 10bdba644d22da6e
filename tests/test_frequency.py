"""Who says what (`F`) and filtering on the value under the cursor (`=`):
the counts, the month buckets, the sorting and the filter each cell builds
(on a frame built by hand and on the frozen fixture), then the keys, each to
the end of its effects."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from conftest import ROOT, SNAPSHOT, ready, settle
from test_app import board, flat, screen_text, table_ids, until

from tui.app import NokoApp
from tui.claims import load_dataset
from tui.claims.filters import Filter
from tui.claims.frequency import DIMENSIONS, NO_QUANTITY, UNDATED, YEAR_ONLY, frequency
from tui.panes.base import ClaimsPane
from tui.screens.frequency import FIRST, NAME, TOTAL, FrequencyScreen, FrequencyTable

# -- the model ----------------------------------------------------------------------

#: (claimant, quantity, category, stated_on, precision)
ROWS = [
    ("jcs", "killed", "casualties", "2025-03-27", "day"),
    ("jcs", "killed", "casualties", "2025-03-01", "month"),
    ("jcs", "troops", "troops", "2025-04-02", "day"),
    ("jcs", "troops", "troops", "2025-01-01", "year"),
    ("nis", "troops", "troops", "2024-11-05", "day"),
    ("nis", "troops", "troops", "2025-03-10", "day"),
    ("nis", None, "diplomacy", None, None),
    ("ukr", "killed", "casualties", "2025-03-15", "day"),
    ("ukr", "troops", "troops", "2025-04-01", "month"),
]
SHORT = {"jcs": "JCS", "nis": "NIS", "ukr": "Zelensky", "unused": "Nobody"}
QUANTITY_SHORT = {"killed": "killed", "troops": "in Russia"}


def hand_frame(rows: list[tuple] = ROWS) -> pd.DataFrame:
    """Claims as the loader types them: categoricals of ids (with a claimant
    who said nothing), dates as their first day plus a precision."""
    claimant, quantity, category, stated, precision = (list(c) for c in zip(*rows))
    return pd.DataFrame({
        "id": [f"c{i}" for i in range(len(rows))],
        "claimant": pd.Categorical(claimant, categories=["jcs", "nis", "ukr", "unused"]),
        "claimant_short": pd.Categorical([SHORT[c] for c in claimant]),
        "quantity": pd.Categorical(quantity, categories=["troops", "killed"]),
        "quantity_short": pd.Categorical([QUANTITY_SHORT.get(q) for q in quantity]),
        "category": pd.Categorical(category, categories=["troops", "casualties", "diplomacy"]),
        "stated_on": pd.to_datetime(pd.Series(stated)).astype("datetime64[s]"),
        "stated_on_precision": pd.Categorical(precision, categories=["year", "month", "day"]),
    })  # fmt: skip


def cell(counted, name: str, label: str) -> int:
    return int(counted.counts[counted.names.index(name), counted.labels.index(label)])


def test_counts_and_totals_by_quantity() -> None:
    counted = frequency(hand_frame(), "quantity")
    # Rows by total, descending; a claimant with no claims is left out.
    assert counted.names == ("JCS", "NIS", "Zelensky")
    assert counted.claimants == ("jcs", "nis", "ukr")
    # Columns in the vocabulary's order, the claims that count nothing last.
    assert counted.labels == ("in Russia", "killed", NO_QUANTITY)
    assert counted.counts.tolist() == [[2, 2, 0], [2, 0, 1], [1, 1, 0]]
    assert counted.row_totals.tolist() == [4, 3, 2]
    assert counted.column_totals.tolist() == [5, 3, 1]
    assert counted.total == 9


def test_counts_by_category_leave_out_empty_columns() -> None:
    counted = frequency(hand_frame(), "category")
    assert counted.labels == ("troops", "casualties", "diplomacy")
    assert cell(counted, "NIS", "diplomacy") == 1 and cell(counted, "JCS", "casualties") == 2
    only_troops = frequency(hand_frame([r for r in ROWS if r[2] == "troops"]), "category")
    assert only_troops.labels == ("troops",)


def test_months_said_with_year_only_and_undated_buckets() -> None:
    counted = frequency(hand_frame(), "month")
    # A day and a month in March 2025 are both March; a date known only to
    # its year is in no month, and an undated claim is counted apart.
    assert counted.labels == ("Nov 2024", "Mar 2025", "Apr 2025", YEAR_ONLY, UNDATED)
    assert cell(counted, "JCS", "Mar 2025") == 2
    assert cell(counted, "JCS", YEAR_ONLY) == 1
    assert cell(counted, "NIS", UNDATED) == 1
    assert counted.column_totals.tolist() == [1, 4, 2, 1, 1]
    assert counted.columns[1].said == (dt.date(2025, 3, 1), dt.date(2025, 3, 31))
    # A filter on a 2025 month also keeps JCS's claim dated only to 2025.
    assert counted.spill[counted.names.index("JCS")].tolist() == [0, 1, 1, 0, 0]
    assert counted.spill[counted.names.index("NIS")].tolist() == [0, 0, 0, 0, 0]


def test_sorting_by_total_name_and_a_column() -> None:
    counted = frequency(hand_frame(), "quantity")
    assert counted.sort == ("total", True)
    assert counted.sorted("name").names == ("JCS", "NIS", "Zelensky")
    assert counted.sorted("name", descending=True).names == ("Zelensky", "NIS", "JCS")
    assert counted.sorted("total", descending=False).names == ("Zelensky", "NIS", "JCS")
    killed = counted.labels.index("killed")
    by_killed = counted.sorted(killed)  # 2, 1, 0
    assert by_killed.names == ("JCS", "Zelensky", "NIS")
    assert by_killed.sorted(killed, descending=False).names == ("NIS", "Zelensky", "JCS")
    # The rows move whole: counts, totals and spill with their claimant.
    assert by_killed.counts[1].tolist() == [1, 1, 0] and by_killed.row_totals[1] == 2
    troops = counted.labels.index("in Russia")
    # JCS and NIS both said 2: the tie goes to the larger total (4 to 3).
    assert counted.sorted(troops).names == ("JCS", "NIS", "Zelensky")


def test_the_filter_a_cell_builds() -> None:
    claims = hand_frame()
    counted = frequency(claims, "quantity")
    jcs, killed = counted.names.index("JCS"), counted.labels.index("killed")
    pick = counted.pick(jcs, killed)
    assert pick.filter == Filter(claimants=frozenset({"jcs"}), quantities=frozenset({"killed"}))
    assert pick.count == 2 and not pick.note
    # The Total row and the Total column filter on one dimension only.
    assert counted.pick(None, killed).filter == Filter(quantities=frozenset({"killed"}))
    assert counted.pick(jcs, None).filter == Filter(claimants=frozenset({"jcs"}))
    assert counted.pick(None, None).filter == Filter()
    # Claims that count nothing cannot be picked out: the cell says why.
    nothing = counted.pick(counted.names.index("NIS"), counted.labels.index(NO_QUANTITY))
    assert nothing.filter is None and "count nothing" in nothing.note
    by_category = frequency(claims, "category")
    pick = by_category.pick(None, by_category.labels.index("casualties"))
    assert pick.filter == Filter(categories=frozenset({"casualties"})) and pick.count == 3


def test_a_cell_narrows_the_filter_it_was_counted_under() -> None:
    base = Filter(text="troops", latest_only=True, said_from=dt.date(2025, 3, 20))
    counted = frequency(hand_frame(), "month")
    pick = counted.pick(counted.names.index("JCS"), counted.labels.index("Mar 2025"), base)
    assert pick.filter is not None
    assert pick.filter.text == "troops" and pick.filter.latest_only
    assert pick.filter.claimants == frozenset({"jcs"})
    assert (pick.filter.said_from, pick.filter.said_to) == (dt.date(2025, 3, 20),
                                                            dt.date(2025, 3, 31))  # fmt: skip


def test_a_month_cell_says_what_else_its_filter_keeps() -> None:
    claims = hand_frame()
    counted = frequency(claims, "month")
    jcs, march = counted.names.index("JCS"), counted.labels.index("Mar 2025")
    pick = counted.pick(jcs, march)
    assert pick.filter == Filter(claimants=frozenset({"jcs"}), said_from=dt.date(2025, 3, 1),
                                 said_to=dt.date(2025, 3, 31))  # fmt: skip
    assert pick.count == 3 == len(pick.filter.apply(claims))  # 2 in March, 1 of "2025"
    assert "also keeps 1 claim by JCS dated only to 2025" in pick.note
    for label in (YEAR_ONLY, UNDATED):
        pick = counted.pick(jcs, counted.labels.index(label))
        assert pick.filter is None and "cannot pick out" in pick.note


@pytest.mark.parametrize("dimension", DIMENSIONS)
def test_every_cell_filter_keeps_exactly_what_it_counts(dimension: str) -> None:
    """On the frozen fixture, under a filter: each cell's filter, applied to
    every claim, keeps the cell's count (plus the year-only claims a month
    also keeps, which the pick counts and names)."""
    claims = load_dataset(SNAPSHOT).claims
    base = Filter(categories=frozenset({"troops", "casualties", "diplomacy"}))
    counted = frequency(base.apply(claims), dimension)
    assert counted.total == len(base.apply(claims))
    assert counted.row_totals.sum() == counted.column_totals.sum() == counted.counts.sum()
    checked = 0
    rows = [None, *range(len(counted.claimants))]
    columns = [None, *range(len(counted.columns))]
    for row in rows:
        for column in columns:
            pick = counted.pick(row, column, base)
            if pick.filter is None:
                continue
            kept = pick.filter.apply(claims)
            assert len(kept) == pick.count, (row, column, pick)
            if row is not None:
                assert set(kept["claimant"].astype(str)) <= {counted.claimants[row]}
            checked += 1
    assert checked > len(rows) * 2
    if dimension == "month":
        assert counted.spill.sum() > 0  # the fixture has claims dated only to 2025


def test_an_empty_frame_counts_nothing() -> None:
    for dimension in DIMENSIONS:
        counted = frequency(hand_frame().iloc[:0], dimension)
        assert counted.total == 0 and counted.claimants == () and counted.labels == ()


def test_no_such_dimension() -> None:
    with pytest.raises(ValueError, match="no such dimension"):
        frequency(hand_frame(), "source")


def test_the_model_does_not_import_textual() -> None:
    script = "import sys, tui.claims.frequency; print(' '.join(sys.modules))"
    modules = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                             text=True, check=True).stdout.split()  # fmt: skip
    assert not [m for m in modules if m.split(".")[0] == "textual"]


def test_counts_are_bincounts_not_loops() -> None:
    """A quick sanity check of scale (the budget is in bench/frequency.py):
    200,000 claims are counted by month without a loop over claims."""
    claims = pd.concat([hand_frame()] * 22_223, ignore_index=True)
    counted = frequency(claims, "month")
    assert counted.total == len(claims)
    assert np.array_equal(counted.counts, frequency(hand_frame(), "month").counts * 22_223)


# -- the keys -----------------------------------------------------------------------


def frequency_screen(app: NokoApp) -> FrequencyScreen | None:
    return app.screen if isinstance(app.screen, FrequencyScreen) else None


async def open_frequency(pilot) -> FrequencyScreen:
    """`F` from the dashboard, once the counts are shown."""
    await ready(pilot)
    await pilot.press("F")
    await until(pilot, lambda: frequency_screen(pilot.app) is not None)
    screen = frequency_screen(pilot.app)
    await until(pilot, lambda: screen.frequency is not None and screen.table.row_count)
    return screen


def toasts(app: NokoApp) -> str:
    """The text of the toasts on screen (as drawn, one line)."""
    from textual.widgets._toast import Toast

    return " ".join(" ".join(str(t.render()).split()) for t in app.screen.query(Toast))


def claims_shown(app: NokoApp) -> list[str]:
    return table_ids(board(app).query_one("#claims", ClaimsPane).table)


async def test_F_counts_who_says_what_and_enter_filters_to_a_cell() -> None:
    app = NokoApp(str(SNAPSHOT))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("5")  # the Claims pane lists every claim the filter keeps
        screen = await open_frequency(pilot)
        counted = screen.frequency
        assert counted.dimension == "quantity" and counted.total == 66
        text = screen_text(app)
        assert "Who says what" in text and "66 claims" in text and "All claimants" in text
        # The first claimant (most claims), its first quantity.
        column = int(counted.counts[0].nonzero()[0][0])
        await pilot.press("j", "l", "l", *["l"] * column)
        assert screen.table.cursor_coordinate == (1, FIRST + column)
        claimant, quantity = counted.claimants[0], counted.columns[column].value
        want = counted.counts[0, column]
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is board(app))
        wanted = Filter(claimants=frozenset({claimant}), quantities=frozenset({quantity}))
        await until(pilot, lambda: board(app).state.filter == wanted)
        claims = board(app).state.dataset.claims
        expected = claims[(claims["claimant"] == claimant) & (claims["quantity"] == quantity)]
        await until(pilot, lambda: sorted(claims_shown(app)) == sorted(expected["id"]))
        assert len(expected) == want
        status = str(board(app).query_one("#status").render())
        assert f"{want} of 66 claims" in status and f"claimant: {counted.names[0]}" in status


async def test_a_total_cell_filters_on_one_dimension_and_the_view_follows_the_filter() -> None:
    app = NokoApp(str(SNAPSHOT))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_frequency(pilot)
        await pilot.press("tab")  # quantity -> category
        await until(pilot, lambda: screen.frequency.dimension == "category")
        counted = screen.frequency
        column = counted.labels.index("casualties")
        screen.table.move_cursor(row=0, column=column + FIRST)  # the Total row
        await pilot.press("enter")
        await until(pilot, lambda: board(app).state.filter == Filter(categories=frozenset({"casualties"})))
        assert app.screen is board(app)
        assert f"{counted.column_totals[column]} of 66 claims" in screen_text(app)
        # Opened again, it counts under that filter, and says so.
        screen = await open_frequency(pilot)
        assert screen.frequency.total == counted.column_totals[column]
        assert "under the filter: category: casualties" in flat(app)
        await pilot.press("ctrl+p")
        await pilot.pause(0.2)
        for key in "clear":
            await pilot.press(key)
        await pilot.pause(0.6)
        await pilot.press("enter")  # "Filter: clear", from the palette over the view
        await until(pilot, lambda: screen.frequency.total == 66)
        assert frequency_screen(app) is screen


async def test_tab_cycles_the_dimension_s_sorts_and_escape_closes() -> None:
    app = NokoApp(str(SNAPSHOT))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_frequency(pilot)
        seen = []
        for _ in DIMENSIONS:
            seen.append(screen.frequency.dimension)
            await pilot.press("tab")
            await until(pilot, lambda: screen.frequency.dimension != seen[-1])
        assert seen == list(DIMENSIONS) and screen.frequency.dimension == "quantity"
        await pilot.press("shift+tab")
        await until(pilot, lambda: screen.frequency.dimension == "month")
        assert "year only" in screen_text(app) or YEAR_ONLY in screen.frequency.labels
        # s on the name column sorts by name; again reverses.
        screen.table.move_cursor(row=3, column=NAME)
        under = screen.frequency.claimants[2]
        await pilot.press("s")
        names = [n.casefold() for n in screen.frequency.names]
        assert screen.sort == ("name", False) and names == sorted(names)
        assert screen.frequency.claimants[screen.table.cursor_row - 1] == under  # it stays
        await pilot.press("s")
        assert screen.sort == ("name", True)
        assert [n.casefold() for n in screen.frequency.names] == sorted(names, reverse=True)
        assert "claimant \u25bc" in screen_text(app)
        # On a column: by its count, most first.
        screen.table.move_cursor(column=FIRST + screen.frequency.labels.index("Mar 2025"))
        await pilot.press("s")
        column = screen.frequency.counts[:, screen.frequency.labels.index("Mar 2025")]
        assert list(column) == sorted(column, reverse=True)
        # The sort holds across a filter change; a dimension without the column falls back.
        await pilot.press("tab")
        await until(pilot, lambda: screen.frequency.dimension == "quantity")
        assert screen.sort == ("total", True)
        screen.table.move_cursor(column=TOTAL)
        await pilot.press("s")
        assert screen.sort == ("total", False)
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is board(app))
        await pilot.press("escape")  # a second escape leaves the dashboard in place
        await pilot.pause()
        assert app.screen is board(app)


async def test_a_month_cell_says_what_else_it_keeps_and_year_only_cannot_be_picked() -> None:
    app = NokoApp(str(SNAPSHOT))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await open_frequency(pilot)
        await pilot.press("shift+tab")
        await until(pilot, lambda: screen.frequency.dimension == "month")
        counted = screen.frequency
        screen.table.move_cursor(row=0, column=FIRST + counted.labels.index(YEAR_ONLY))
        await pilot.press("enter")
        await until(pilot, lambda: "cannot pick out the claims dated only" in toasts(app))
        assert app.screen is screen and board(app).state.filter == Filter()
        march = counted.labels.index("Mar 2025")
        screen.table.move_cursor(row=0, column=FIRST + march)
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is board(app))
        await until(pilot, lambda: board(app).state.filter.said_to == dt.date(2025, 3, 31))
        assert board(app).state.filter.said_from == dt.date(2025, 3, 1)
        spill = int(counted.spill[:, march].sum())
        shown = int(counted.column_totals[march]) + spill
        await until(pilot, lambda: f"{shown} of 66 claims" in screen_text(app))
        await until(pilot, lambda: "also keeps" in toasts(app))
        assert spill and f"also keeps {spill} claims by any claimant dated only to 2025" in toasts(app)


async def test_the_palette_opens_who_says_what() -> None:
    app = NokoApp(str(SNAPSHOT))
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause(0.2)
        for key in "who says":
            await pilot.press("space" if key == " " else key)
        await pilot.pause(0.6)
        assert "Who says what (frequency)" in screen_text(app)
        await pilot.press("enter")
        await until(pilot, lambda: frequency_screen(app) is not None)
        await until(pilot, lambda: frequency_screen(app).frequency is not None)


async def test_who_says_what_at_40x12_scrolls_and_survives_every_key() -> None:
    app = NokoApp(str(SNAPSHOT))
    async with app.run_test(size=(40, 12), notifications=True) as pilot:
        screen = await open_frequency(pilot)
        for key in ["j"] * 30 + ["l"] * 30 + ["G", "end", "s", "s", "home", "g", "tab", "l",
                                               "l", "pagedown", "pageup", "shift+tab", "tab"]:
            await pilot.press(key)
        await settle(app)
        await pilot.pause()
        assert isinstance(app.screen.focused, FrequencyTable)
        assert "All claimants" in screen_text(app)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.press("question_mark")
        await until(pilot, lambda: "Keys on who says what" in flat(app))
        text = flat(app)
        assert "Filter to cell" in text and "Quantity/category/month" in text
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is screen)


# -- `=`: the value under the cursor ----------------------------------------------------


def claims_table(app: NokoApp):
    return board(app).query_one("#claims", ClaimsPane).table


async def test_equals_filters_on_the_claimant_under_the_cursor() -> None:
    app = NokoApp(str(SNAPSHOT))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("5")
        table = claims_table(app)
        await until(pilot, lambda: table_ids(table))
        await pilot.press("j", "j", "l")  # the claimant column
        assert table.columns[table.marked_column].label == "claimant"
        claimant = str(table.current_value("claimant"))
        short = str(table.current_value("claimant_short"))
        await pilot.press("equals_sign")
        await until(pilot, lambda: board(app).state.filter == Filter(claimants=frozenset({claimant})))
        claims = board(app).state.dataset.claims
        expected = claims.loc[claims["claimant"] == claimant, "id"]
        await until(pilot, lambda: sorted(table_ids(table)) == sorted(expected))
        status = str(board(app).query_one("#status").render())
        assert f"{len(expected)} of 66 claims" in status and f"claimant: {short}" in status
        # It adds to the filter: then the quantity of one of its claims, on "what".
        counting = expected[claims.loc[expected.index, "quantity"].notna()].iat[0]
        quantity = str(claims.loc[claims["id"] == counting, "quantity"].iat[0])
        assert table.move_to(counting)
        await pilot.press("l")
        assert table.columns[table.marked_column].label == "what"
        await pilot.press("equals_sign")
        both = Filter(claimants=frozenset({claimant}), quantities=frozenset({quantity}))
        await until(pilot, lambda: board(app).state.filter == both)
        await until(pilot, lambda: counting in table_ids(table))
        assert len(table_ids(table)) < len(expected) or claims.loc[
            expected.index, "quantity"].nunique() == 1


async def test_equals_on_another_column_says_where_it_works() -> None:
    app = NokoApp(str(SNAPSHOT))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("5")
        table = claims_table(app)
        await until(pilot, lambda: table_ids(table))
        assert table.columns[table.marked_column].label == "said"
        await pilot.press("equals_sign")
        await until(pilot, lambda: "Filter on value" in flat(app))
        await until(pilot, lambda: "Filter on value" in toasts(app))
        assert "filters on the claimant, what or category column, not on said" in toasts(app)
        assert board(app).state.filter == Filter()


async def test_names_from_the_data_are_shown_inert() -> None:
    """Control sequences and markup in claimant and quantity names reach the
    screen as visible symbols and literal brackets, never as effects."""
    from conftest import TESTS

    app = NokoApp(str(TESTS / "data" / "hostile"))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_frequency(pilot)
        for _ in DIMENSIONS:
            text = screen_text(app)
            assert "\x1b" not in text and "\x07" not in text
            assert "\u241b" in text  # ␛, where a name held an escape
            dimension = screen.frequency.dimension
            await pilot.press("tab")
            await until(pilot, lambda was=dimension: screen.frequency.dimension != was)
        assert app.return_code is None
