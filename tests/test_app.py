"""Pilot tests for every key path of the dashboard, each to the end of its
effects: what is on screen, the toast rendered, the screen popped."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from conftest import BAD, MARKUP, SNAPSHOT, VALID, ready, settle
from textual.command import CommandPalette
from textual.widgets import Input, TabbedContent

from tui.app import NokoApp
from tui.panes.base import ClaimsPane
from tui.panes.sources import SourcesPane
from tui.screens.dashboard import Dashboard
from tui.screens.detail import ClaimDetail
from tui.widgets.card import Card
from tui.screens.filter_dialog import FilterDialog
from tui.screens.help import HelpScreen
from tui.widgets.checklist import TICKED, UNTICKED, CheckList
from tui.widgets.frame_table import FrameTable


def screen_text(app: NokoApp) -> str:
    """Everything on screen, as plain text (what an analyst reads)."""
    from rich.console import Console

    with open("/dev/null", "w") as sink:
        console = Console(width=app.size.width, record=True, file=sink)
        console.print(app.screen._compositor.render_full_update())  # type: ignore[attr-defined]
    return console.export_text()


def flat(app: NokoApp) -> str:
    return " ".join(screen_text(app).split())


def board(app: NokoApp) -> Dashboard:
    return app.dashboard


def active(app: NokoApp) -> str:
    return board(app).query_one(TabbedContent).active


def table_ids(table: FrameTable) -> list[str]:
    return [] if table.shown is None else list(table.shown["id"])


async def until(pilot, condition, seconds: float = 5.0) -> None:
    """Wait for something the app does in its own time (a toast, a worker)."""
    for _ in range(int(seconds / 0.02)):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("the app never got there")


# -- panes and tables -------------------------------------------------------------


async def test_number_keys_switch_panes_and_the_active_one_shows() -> None:
    app = NokoApp(str(VALID))
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert active(app) == "troops"
        for key, pane in (("2", "casualties"), ("3", "equipment"), ("4", "diplomacy"),
                          ("5", "claims"), ("6", "sources"), ("1", "troops")):  # fmt: skip
            await pilot.press(key)
            await pilot.pause()
            assert active(app) == pane
        await pilot.press("2")
        await until(pilot, lambda: table_ids(board(app).query_one("#casualties", ClaimsPane).table))
        assert table_ids(board(app).query_one("#casualties", ClaimsPane).table) == ["c-1"]
        text = screen_text(app)
        assert "about 400" in text and "killed" in text


async def test_every_number_says_what_it_counts_its_unit_and_period() -> None:
    app = NokoApp(str(SNAPSHOT))
    async with app.run_test(size=(200, 50)) as pilot:
        await ready(pilot)
        await pilot.press("3")
        await until(pilot, lambda: table_ids(board(app).query_one("#equipment", ClaimsPane).table))
        text = screen_text(app)
        # The what, the unit (not soldiers) and the period, on one row, nothing cut at 200.
        row = next(line for line in text.splitlines() if "more than 20,000 containers" in line)
        assert "containers" in row and "Dec 2023\u20138 Jan 2025" in row
        assert "\u2026" not in row.split("The US told")[0]  # only the summary gives way
        await pilot.press("1")
        await pilot.pause()
        text = screen_text(app)
        row = next(line for line in text.splitlines() if "at least 3,000" in line and "JCS" in line)
        assert "more sent" in row and "Jan\u2013Feb 2025" in row


async def test_derived_numbers_are_marked_in_table_detail_and_citation() -> None:
    app = NokoApp(str(SNAPSHOT))
    async with app.run_test(size=(200, 50), notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("2")
        table = board(app).query_one("#casualties", ClaimsPane).table
        await until(pilot, lambda: table_ids(table))
        claim = "c-2025-02-27-kyivindependent-nis-additional-p8-zelensky-killed"
        assert table.move_to(claim)
        await pilot.pause()
        assert "about 2,667 (derived)" in screen_text(app)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ClaimDetail))
        text = flat(app)
        assert "Derived the data computed this number" in text
        await pilot.press("y")
        await until(pilot, lambda: "Citation copied" in screen_text(app))
        assert "derived from \u201ctwo-thirds of whom have been killed\u201d" in app.clipboard


async def test_j_k_move_and_enter_opens_provenance_that_scrolls_to_its_end() -> None:
    app = NokoApp(str(VALID))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        table = board(app).query_one("#troops", ClaimsPane).table
        assert app.focused is table
        assert table.current_id == "t-2"  # Nov 2024 before 27 Mar 2025
        await pilot.press("j")
        assert table.current_id == "t-1"
        await pilot.press("k")
        assert table.current_id == "t-2"
        await pilot.press("j", "enter")
        await until(pilot, lambda: isinstance(app.screen, ClaimDetail))
        card = app.screen.query_one(Card)
        assert app.focused is card
        text = flat(app)
        for expected in ("About 11,000 troops in Russia.", "Counts North Korean troops in Russia",
                         "Number about 11,000", "Other claims about North Korean troops in Russia",
                         "10,000\u201312,000", "\u00b64 doc-a"):  # fmt: skip
            assert expected in text, expected
        assert "Citation" not in text  # below the fold at 80x24
        await pilot.press("G")
        await pilot.pause()
        text = flat(app)
        for expected in ("Citation", "https://example.org/a", "Also in doc-b \u00b61"):
            assert expected in text, expected
        await pilot.press("g")
        await pilot.pause()
        assert "About 11,000 troops in Russia." in flat(app)
        # The detail's footer offers only what applies there.
        footer = screen_text(app).splitlines()[-1]
        assert "Back" in footer and "Search" not in footer and "Filter" not in footer
        await pilot.press("tab")
        others = app.screen.query_one(FrameTable)
        assert app.focused is others and table_ids(others) == ["t-2"]
        await pilot.press("enter")
        await until(
            pilot, lambda: isinstance(app.screen, ClaimDetail) and app.screen.claim_id == "t-2"
        )
        await pilot.press("escape")
        await until(pilot, lambda: getattr(app.screen, "claim_id", None) == "t-1")
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is board(app))


async def test_detail_opens_the_source_at_its_paragraph_and_copies_a_citation() -> None:
    app = NokoApp(str(VALID))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("2")
        await until(pilot, lambda: table_ids(board(app).query_one("#casualties", ClaimsPane).table))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ClaimDetail))
        await pilot.press("y")
        await until(pilot, lambda: "Citation copied" in screen_text(app))
        assert app.clipboard == (
            "South Korea's Joint Chiefs of Staff, 2025: about 400 (North Korean soldiers killed). "
            "Source: Testkrant, \u201cEen testdocument\u201d, paragraph 13 [doc-b; claim c-1]"
        )
        await pilot.press("o")
        await until(pilot, lambda: active(app) == "sources" and app.screen is board(app))
        sources = board(app).query_one(SourcesPane)
        await until(pilot, lambda: sources.current == "doc-b" and sources.table.current_id == "c-1")
        assert app.focused is sources.table
        assert "machine translation from en" in screen_text(app)


async def test_y_copies_from_a_table_and_the_toast_renders() -> None:
    app = NokoApp(str(VALID))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("y")
        await until(pilot, lambda: "Citation copied" in screen_text(app))
        assert app.clipboard.startswith(
            "Ukraine's military intelligence (HUR), Nov 2024: 10,000\u201312,000"
        )
        await pilot.press("j")  # the app lives on after the toast
        assert board(app).query_one("#troops", ClaimsPane).table.current_id == "t-1"


async def test_sort_by_any_column_dates_by_their_whole_span_claimants_by_letters() -> None:
    app = NokoApp(str(VALID))
    async with app.run_test(size=(160, 40)) as pilot:
        await ready(pilot)
        await pilot.press("5")
        table = board(app).query_one("#claims", ClaimsPane).table
        await until(pilot, lambda: app.focused is table and table.row_count == 4)
        # By said: "2025" (mid-year) after 27 Mar 2025; undated last.
        assert table_ids(table) == ["t-2", "t-1", "c-1", "d-1"]
        await pilot.press("s")  # the marked column: said
        await ready(pilot)
        assert table.sort_state == ("said", False)
        assert table_ids(table) == ["t-2", "t-1", "c-1", "d-1"]
        await pilot.press("s")
        await ready(pilot)
        assert table_ids(table)[:3] == ["c-1", "t-1", "t-2"]
        await pilot.press("l", "s")  # claimant
        await ready(pilot)
        assert table.sort_state == ("claimant", False)
        assert "claimant \u25b2" in screen_text(app)


async def test_z_toggles_the_chart_to_full_size() -> None:
    app = NokoApp(str(VALID))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        pane = board(app).query_one("#troops", ClaimsPane)
        chart = pane.query_one(".pane-chart")
        before = chart.size.height
        await pilot.press("z")
        await pilot.pause()
        assert pane.view == "chart" and chart.size.height > before
        await pilot.press("z")
        await pilot.pause()
        assert pane.view == "table" and chart.size.height == 0
        await pilot.press("z")
        assert pane.view == "both"


async def test_equipment_charts_one_unit_at_a_time() -> None:
    app = NokoApp(str(SNAPSHOT))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("3")
        await until(pilot, lambda: "(1 of " in screen_text(app))
        first = screen_text(app)
        await pilot.press("u")
        await until(pilot, lambda: "(2 of " in screen_text(app))
        assert screen_text(app) != first


# -- search, filter, escape ----------------------------------------------------------


async def test_search_filters_every_pane_escape_keeps_it_and_c_clears() -> None:
    app = NokoApp(str(VALID))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        search = board(app).query_one("#search", Input)
        assert search.display and app.focused is search
        await pilot.press(*"killed")
        await pilot.pause(0.3)  # search waits for typing to pause
        await ready(pilot)
        assert board(app).state.filter.text == "killed"
        assert list(board(app).state.filtered["id"]) == ["c-1"]
        assert '1 of 4 claims  filter: text: "killed"  (c clears)' in screen_text(app)
        await pilot.press("escape")  # backs out of the search line, keeps the filter
        await ready(pilot)
        assert not search.display and board(app).state.filter.text == "killed"
        await pilot.press("escape")  # nothing left to back out of: the filter stays
        await ready(pilot)
        assert board(app).state.filter.text == "killed"
        await pilot.press("c")
        await ready(pilot)
        assert board(app).state.filter.is_empty and len(board(app).state.filtered) == 4
        assert "All 4 claims" in screen_text(app)


async def test_a_pause_while_typing_a_search_keeps_the_search_line_focused() -> None:
    """The claims of the first letters arrive while the analyst still types:
    the search line keeps the focus (found by a flaky snapshot)."""
    app = NokoApp(str(SNAPSHOT))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("2", "slash", "k", "i")
        await pilot.pause(0.4)  # longer than the search waits: "ki" is applied
        await settle(app)
        assert board(app).state.filter.text == "ki"
        assert app.focused is board(app).query_one("#search", Input)
        await pilot.press(*"lled")
        await pilot.pause(0.4)
        await ready(pilot)
        assert board(app).state.filter.text == "killed"


async def test_escape_out_of_a_detail_never_drops_the_filter() -> None:
    app = NokoApp(str(VALID))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"HUR", "enter")
        await pilot.pause(0.3)
        await ready(pilot)
        assert list(board(app).state.filtered["id"]) == ["t-2", "d-1"]
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ClaimDetail))
        await pilot.press("escape", "escape", "escape")
        await ready(pilot)
        assert app.screen is board(app)
        assert list(board(app).state.filtered["id"]) == ["t-2", "d-1"]


async def test_search_and_clear_keys_are_not_dashboard_keys_on_a_detail() -> None:
    """Enter then `/` or `c` crashed when the search line had never been opened."""
    app = NokoApp(str(VALID))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("enter", "slash", "c", "f", "z")
        await pilot.pause()
        assert isinstance(app.screen, ClaimDetail)
        assert app.return_code is None


async def test_a_find_that_looks_like_markup_is_shown_as_typed() -> None:
    """Typing "[/)" into a list's find once ended the app: the border title read it as markup."""
    app = NokoApp(str(SNAPSHOT))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("f")
        await until(pilot, lambda: isinstance(app.screen, FilterDialog))
        await pilot.press("left_square_bracket", "slash", "right_parenthesis")
        await pilot.pause()
        assert "find: [/)" in screen_text(app)
        assert app.screen.query_one("#filter-claimants", CheckList).find == "[/)"


async def test_filter_dialog_type_ahead_tick_only_this_and_dates() -> None:
    app = NokoApp(str(SNAPSHOT))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("f")
        await until(pilot, lambda: isinstance(app.screen, FilterDialog))
        await until(pilot, lambda: "none ticked = all" in screen_text(app))  # drawn, on a busy machine
        text = screen_text(app)
        assert "none ticked = all" in text and "Apply" in text.splitlines()[-1]
        claimants = app.screen.query_one("#filter-claimants", CheckList)
        assert app.focused is claimants
        labels = [choice.label for choice in claimants.choices]
        assert labels == sorted(labels, key=str.casefold)
        await pilot.press(*"nis")  # type-ahead narrows the list
        await pilot.pause()
        assert [c.value for c in claimants.visible()] == ["kr-nis"]
        assert "find: nis" in screen_text(app)
        await pilot.press("space")
        await pilot.pause()
        assert claimants.selected == {"kr-nis"}
        assert f"{TICKED} " in screen_text(app)
        await pilot.press("escape")  # clears the find first
        await pilot.pause()
        assert isinstance(app.screen, FilterDialog) and claimants.find == ""
        assert UNTICKED in screen_text(app)
        await pilot.press(*"jcs", "enter")  # enter: only this one
        await pilot.pause()
        assert claimants.selected == {"kr-jcs"}
        app.screen.query_one("#filter-from", Input).value = "2025"
        await pilot.press("ctrl+s")
        await ready(pilot)
        assert app.screen is board(app)
        assert board(app).state.filter.claimants == frozenset({"kr-jcs"})
        assert set(board(app).state.filtered["claimant"]) == {"kr-jcs"}
        assert "filter: claimant: JCS \u00b7 said: 1 Jan 2025\u2013" in screen_text(app)
        await pilot.press("f")
        await until(pilot, lambda: isinstance(app.screen, FilterDialog))
        app.screen.query_one("#filter-to", Input).value = "March 2025"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FilterDialog)
        assert "Date: expected a date" in screen_text(app)
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is board(app))
        assert board(app).state.filter.claimants == frozenset({"kr-jcs"})


# -- the palette -------------------------------------------------------------------


async def test_palette_ranks_commands_above_claims_and_shows_claim_summaries() -> None:
    from tui.commands import NokoCommands

    app = NokoApp(str(SNAPSHOT))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        provider = NokoCommands(app.screen)
        hits = [hit async for hit in provider.search("NIS")]
        hits.sort(key=lambda h: -h.score)
        assert str(hits[0].text).startswith("Filter: only claimant NIS")
        claims = [h for h in hits if str(h.text).startswith("Claim:")]
        assert claims and all(h.score < hits[0].score for h in claims)
        assert all(h.help for h in claims)  # each claim hit carries its summary
        names = [c.name for c in provider.commands()]
        assert "Filter: clear" not in names  # no filter set
        assert "Go to pane: Troops" not in names  # already there
        sources = [h async for h in provider.search("2025-05-29-joongang")]
        assert any("Sanctions monitoring team" in str(h.text) for h in sources)


@pytest.mark.parametrize(("query", "check"), [
    ("pane: Diplomacy", lambda app: active(app) == "diplomacy"),
    ("only claimant NIS", lambda app: board(app).state.filter.claimants == frozenset({"kr-nis"})),
    ("msmt-first-report", lambda app: board(app).query_one(SourcesPane).current
     == "2025-05-29-joongang-msmt-first-report"),
    ("s000-p05-killed-or", lambda app: getattr(app.screen, "claim_id", "")
     == "s000-p05-killed-or-wounded"),
])  # fmt: skip
async def test_palette_commands_do_what_they_say(query: str, check) -> None:
    app = NokoApp(str(SNAPSHOT))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*query)
        await pilot.pause(0.4)
        await pilot.press("enter")
        await ready(pilot)
        await until(pilot, lambda: check(app))


async def test_palette_screenshot_saves_where_it_says(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = NokoApp(str(VALID))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"save here")
        await pilot.pause(0.4)
        await pilot.press("enter")
        await until(pilot, lambda: list(tmp_path.glob("*.svg")))
        saved = next(tmp_path.glob("*.svg"))
        await until(pilot, lambda: "Saved" in screen_text(app))
        assert saved.name[:20] in flat(app).replace(" ", "") or "Saved" in flat(app)
    app = NokoApp(str(VALID))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await ready(pilot)
        assert app.screenshot(str(tmp_path / "no-such-directory")) is None
        await until(pilot, lambda: "Could not save" in screen_text(app))


async def test_palette_escape_twice_after_a_command_never_pops_the_dashboard() -> None:
    """Keys queued to the palette as it closes must not close another screen."""
    from test_soak import _type

    app = NokoApp(str(SNAPSHOT))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        for _ in range(5):
            await pilot.press("ctrl+p")
            # Typed into the palette, not into the dashboard while the palette opens.
            await until(pilot, lambda: isinstance(app.screen, CommandPalette))
            await _type(app, [*"only claimant NIS", "enter", "escape", "escape"])
            await pilot.pause(0.2)
            await settle(app)
            assert app.return_code is None and app.screen is board(app)
        await pilot.pause(0.5)  # every queued key handled before the app closes
        await settle(app)


async def test_palette_page_down_in_a_tiny_terminal() -> None:
    app = NokoApp(str(SNAPSHOT))
    async with app.run_test(size=(50, 15)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press("pagedown", "pagedown", "pageup", "J", "pagedown", "escape")
        await pilot.pause()
        assert app.return_code is None and app.screen is board(app)


# -- help ------------------------------------------------------------------------------


async def test_help_groups_the_keys_scrolls_and_explains_the_charts() -> None:
    app = NokoApp(str(VALID))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        text = screen_text(app)
        for expected in ("Panes", "Moving", "up / k", "down / j"):
            assert expected in text, expected
        assert "Reading the charts" not in text and "help_quit" not in text
        await pilot.press("G")
        await pilot.pause()
        text = flat(app)
        assert "contested" in text and "a milestone" in text and "grey marks" in text
        await pilot.press("pageup")
        await pilot.pause()
        text = flat(app)
        assert "Reading the charts" in text and "an open bound" in text
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is board(app))
        await pilot.press("enter", "question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        text = flat(app)
        assert "Keys on the claim's detail" in text and "Copy citation" in text
        assert "Search" not in text


# -- sources -----------------------------------------------------------------------


async def test_sources_pane_moves_with_j_k_g_G_and_counts_also_in() -> None:
    app = NokoApp(str(SNAPSHOT))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("6")
        sources = board(app).query_one(SourcesPane)
        await until(pilot, lambda: sources.built and sources.listing.row_count > 0)
        listing = sources.listing
        assert app.focused is listing
        first = sources.current
        await pilot.press("j")
        await until(pilot, lambda: sources.current != first)
        await pilot.press("G")
        await until(pilot, lambda: listing.cursor == listing.row_count - 1)
        await pilot.press("g")
        await until(pilot, lambda: sources.current == first)
        # A source cited only in also_in lists that claim, marked "also".
        assert listing.move_to("2025-04-02-theasiareview-ukmod-5000")
        await until(pilot, lambda: sources.current == "2025-04-02-theasiareview-ukmod-5000")
        assert table_ids(sources.table) == [
            "c-2025-04-02-nationpress-ukmod-5000-p6-casualties",
            "c-2025-04-02-nationpress-ukmod-5000-p6-killed",
        ]
        assert list(sources.table.frame["cited_as"]) == ["also", "also"]
        assert "\u00b6 claimant" in screen_text(app)
        # Tab moves to the claims, and the next digit key still switches panes.
        await pilot.press("tab")
        await pilot.press("1")
        await pilot.pause()
        assert active(app) == "troops"


# -- trust: never a crash ------------------------------------------------------------


async def test_keys_pressed_while_loading_are_kept_and_sorting_before_data_is_safe() -> None:
    app = NokoApp(str(VALID))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("5", "s", "y", "3")  # before the data is there, or as it arrives
        await ready(pilot)
        assert active(app) == "equipment"
        assert app.return_code is None


async def test_a_pane_shown_as_soon_as_data_arrives_is_drawn() -> None:
    """A pane was once marked shown before its data existed, and stayed empty."""
    from test_soak import _type

    app = NokoApp(str(SNAPSHOT))
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: board(app).state.filtered is not None)
        await _type(app, ["5", "s"])
        await ready(pilot)
        table = board(app).query_one("#claims", ClaimsPane).table
        await until(pilot, lambda: table.row_count == 66)


async def test_text_from_data_is_never_markup_or_control_sequences() -> None:
    app = NokoApp(str(MARKUP))
    async with app.run_test(size=(160, 60), notifications=True) as pilot:
        await ready(pilot)
        text = screen_text(app)
        assert "[bold]Markup[/] and \u241b[31man escape stay literal" in text
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ClaimDetail))
        text = screen_text(app)
        assert "[bold]Markup[/] and \u241b[31man escape" in text
        assert "\u201c[red]about[/red] 11,000\u201d" in text
        assert "[link=https://example.org]not a link[/link]" in text
        await pilot.press("y")
        await until(pilot, lambda: "Citation copied" in screen_text(app))
        assert "\x1b" not in app.clipboard


async def test_bad_data_exits_1_with_every_problem() -> None:
    app = NokoApp(str(BAD / "duplicate-ids"))
    async with app.run_test() as pilot:
        for _ in range(200):
            if app.return_code is not None:
                break
            await pilot.pause(0.05)
    assert app.return_code == 1
    assert [str(p) for p in app.problems] == [
        f"{BAD}/duplicate-ids/claims/b.yaml:12: id: duplicate id 'dup-1' "
        f"(first at {BAD}/duplicate-ids/claims/a.yaml:1)"
    ]


async def test_loading_shows_files_and_claims_as_they_arrive() -> None:
    from tui.messages import LoadProgress

    app = NokoApp(str(VALID))
    app.dashboard.load = lambda: None  # keep it loading: the progress comes from this test
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "Loading claims" in screen_text(app)
        app.dashboard.post_message(LoadProgress(25, 50, 12_345))
        await pilot.pause()
        text = screen_text(app)
        assert "25 of 50 files, 12,345 claims" in text
        assert "\u2588" * 15 + "\u2591" * 15 in text


async def test_no_color_cursor_is_reverse_video(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = NokoApp(str(VALID))
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        table = board(app).query_one("#troops", ClaimsPane).table
        strip = table.render_line(1)  # the cursor row
        assert all(
            segment.style and segment.style.reverse for segment in strip if segment.text.strip()
        )
        await asyncio.sleep(0)


async def test_an_unsafe_cache_directory_is_said_once_in_a_toast(
    tmp_path: Path, monkeypatch
) -> None:
    shared = tmp_path / "shared-cache"
    shared.mkdir()
    shared.chmod(0o777)  # anyone could plant an entry here
    monkeypatch.setenv("NOKO_TUI_CACHE_DIR", str(shared))
    app = NokoApp(str(VALID))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await ready(pilot)
        await until(pilot, lambda: "not using the parse cache" in screen_text(app))
        assert len(app._notifications) == 1
    assert shared.stat().st_mode & 0o777 == 0o777  # refused, not "fixed" behind the user's back
    assert list(shared.iterdir()) == []


async def test_palette_shows_bracketed_titles_and_names_literally() -> None:
    """A title that looks like markup ("[News Today] ...") keeps its brackets."""
    from conftest import EMBEDDED

    app = NokoApp(str(EMBEDDED))
    async with app.run_test(size=(160, 40)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"ADDITIONAL NK SOLDIERS")
        await until(pilot, lambda: "ADDITIONAL NK SOLDIERS DEPLOYED" in screen_text(app))
        assert "[News Today] ADDITIONAL NK SOLDIERS DEPLOYED" in screen_text(app)


async def test_the_theme_picker_is_the_guarded_palette() -> None:
    """Paging the theme list before it was laid out once ended the app (a soak found it)."""
    from tui.commands import NokoPalette

    app = NokoApp(str(SNAPSHOT))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        app.search_themes()
        await pilot.press("pageup", "pagedown", "pageup")
        await pilot.pause()
        assert isinstance(app.screen, NokoPalette) and app.return_code is None
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, NokoPalette)
