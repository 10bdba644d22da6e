"""Pilot tests for every key path of the dashboard, asserting what is shown."""

from __future__ import annotations

from conftest import BAD, MARKUP, VALID, ready
from textual.widgets import Input, TabbedContent

from tui.app import NokoApp
from tui.panes.base import ClaimsPane
from tui.panes.sources import SourcesPane
from tui.screens.detail import ClaimDetail
from tui.screens.filter_dialog import FilterDialog
from tui.screens.help import HelpScreen
from tui.widgets.frame_table import FrameTable as ClaimsTable


def screen_text(app: NokoApp) -> str:
    """Everything on screen, as plain text (what an analyst reads)."""
    return (
        "\n".join(
            "".join(segment.text for segment in line)
            for line in app.screen._compositor.render_update(full=True).strips  # type: ignore[attr-defined]
        )
        if False
        else _lines(app)
    )


def _lines(app: NokoApp) -> str:
    from rich.console import Console

    console = Console(width=app.size.width, record=True, file=open("/dev/null", "w"))
    console.print(app.screen._compositor.render_full_update())  # type: ignore[attr-defined]
    return console.export_text()


def active(app: NokoApp) -> str:
    return app.query_one(TabbedContent).active


def table_ids(table: ClaimsTable) -> list[str]:
    return list(table.frame["id"])


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
        casualties = app.query_one("#casualties", ClaimsPane)
        assert table_ids(casualties.table) == ["c-1"]
        await pilot.press("2")
        await pilot.pause()
        text = _lines(app)
        assert "about 400" in text and "killed" in text


async def test_numbers_carry_qualifiers_and_dates_their_precision() -> None:
    app = NokoApp(str(VALID))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        text = _lines(app)
        assert "10,000\u201312,000" in text  # a range
        assert "about 11,000" in text
        assert "Nov 2024" in text and "27 Mar 2025" in text and "as of Feb 2025" in text
        assert "2024-11-01" not in text


async def test_j_k_move_and_enter_opens_provenance_with_disagreement() -> None:
    app = NokoApp(str(VALID))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        table = app.query_one("#troops", ClaimsPane).table
        assert app.focused is table
        assert table.current_id == "t-2"
        await pilot.press("j")
        assert table.current_id == "t-1"
        await pilot.press("k")
        assert table.current_id == "t-2"
        await pilot.press("j", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ClaimDetail)
        text = " ".join(_lines(app).split())
        for expected in ("About 11,000 troops in Russia.", "South Korea's Joint Chiefs of Staff",
                         "Said 27 Mar 2025", "About as of Feb 2025", "A test document",
                         "Test Outlet", "Paragraph 3", "\u201cabout 11,000\u201d", "Also in doc-b \u00b61",
                         "Other claims about North Korean troops in Russia", "10,000\u201312,000",
                         "doc-a \u00b64"):  # fmt: skip
            assert expected in text, expected
        others = app.screen.query_one(ClaimsTable)
        assert table_ids(others) == ["t-2"]
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ClaimDetail)


async def test_detail_opens_the_source_at_its_paragraph_and_copies_a_citation() -> None:
    app = NokoApp(str(VALID))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("2", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ClaimDetail)
        await pilot.press("y")
        assert app.clipboard == (
            "South Korea's Joint Chiefs of Staff, 2025: about 400 (North Korean soldiers killed). "
            "Source: Testkrant, \u201cEen testdocument\u201d, paragraph 13 [doc-b; claim c-1]"
        )
        await pilot.press("o")
        await pilot.pause()
        assert active(app) == "sources"
        sources = app.query_one(SourcesPane)
        assert sources.current == "doc-b"
        assert sources.table.current_id == "c-1"
        assert "machine translation from en" in _lines(app)


async def test_y_copies_from_a_table_too() -> None:
    app = NokoApp(str(VALID))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("y")
        assert app.clipboard.startswith(
            "Ukraine's military intelligence (HUR), Nov 2024: 10,000\u201312,000"
        )


async def test_search_filters_every_pane_and_escape_and_c_clear() -> None:
    app = NokoApp(str(VALID))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        search = app.query_one("#search", Input)
        assert search.display and app.focused is search
        await pilot.press(*"killed")
        await pilot.pause(0.3)  # search waits for typing to pause
        await ready(pilot)
        assert app.filter is not None and app.filter.text == "killed"
        assert list(app.filtered["id"]) == ["c-1"]
        assert table_ids(app.query_one("#troops", ClaimsPane).table) == []
        assert '1 of 4 claims  filter: text: "killed"' in _lines(app)
        await pilot.press("enter")
        assert not search.display
        await pilot.press("c")
        await ready(pilot)
        assert app.filter.is_empty and len(app.filtered) == 4
        await pilot.press("slash", *"HUR")
        await pilot.pause(0.3)
        await ready(pilot)
        await pilot.press("escape")
        await ready(pilot)
        assert list(app.filtered["id"]) == ["t-2", "d-1"]
        await pilot.press("escape")
        await ready(pilot)
        assert len(app.filtered) == 4
        assert "All 4 claims" in _lines(app)


async def test_filter_dialog_by_claimant_category_and_dates() -> None:
    app = NokoApp(str(VALID))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, FilterDialog)
        await pilot.press("space")  # the first claimant: kr-jcs
        app.screen.query_one("#filter-from", Input).value = "2025"
        await pilot.press("ctrl+s")
        await ready(pilot)
        assert app.filter is not None
        assert app.filter.claimants == frozenset({"kr-jcs"})
        assert list(app.filtered["id"]) == ["t-1", "c-1"]
        assert "2 of 4 claims  filter: claimant: kr-jcs \u00b7 said: 1 Jan 2025\u2013" in _lines(
            app
        )
        await pilot.press("f")
        await pilot.pause()
        app.screen.query_one("#filter-to", Input).value = "March 2025"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FilterDialog)
        assert "Date: expected a date" in _lines(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.filter.claimants == frozenset({"kr-jcs"})


async def test_command_palette_goes_to_panes_filters_opens_sources_and_claims() -> None:
    app = NokoApp(str(VALID))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        for query, check in (
            ("Go to pane: Diplomacy", lambda: active(app) == "diplomacy"),
            ("Filter by claimant: Ukraine", lambda: app.filter.claimants == frozenset({"ua-gur"})),
            ("Open source: Testkrant", lambda: app.query_one(SourcesPane).current == "doc-b"),
            ("c-1", lambda: isinstance(app.screen, ClaimDetail) and app.screen.claim_id == "c-1"),
        ):
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*query)
            await pilot.pause(0.3)
            await pilot.press("enter")
            await ready(pilot)
            assert check(), query


async def test_help_lists_the_keys_of_the_current_screen() -> None:
    app = NokoApp(str(VALID))
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = _lines(app)
        for expected in (
            "Sort",
            "Detail",
            "Quit",
            "Search",
            "Filter",
            "Chart/table",
            "up / k",
            "down / j",
            "left / h",
        ):
            assert expected in text, expected
        await pilot.press("escape")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        text = _lines(app)
        assert "Keys: the detail screen" in text and "Copy citation" in text and "Source" in text


async def test_sort_by_any_column_from_the_keyboard() -> None:
    app = NokoApp(str(VALID))
    async with app.run_test(size=(160, 40)) as pilot:
        await ready(pilot)
        await pilot.press("5")
        await pilot.pause()
        table = app.query_one("#claims", ClaimsPane).table
        assert app.focused is table
        await pilot.press("s")  # the marked column, id
        await ready(pilot)
        assert table_ids(table) == ["c-1", "d-1", "t-1", "t-2"]
        assert table.sort_state == ("id", False)
        await pilot.press("s")
        await ready(pilot)
        assert table_ids(table) == ["t-2", "t-1", "d-1", "c-1"]
        await pilot.press("l", "l", "l", "l", "s")  # number
        await ready(pilot)
        assert table.sort_state == ("number", False)
        assert table_ids(table)[:3] == ["c-1", "t-2", "t-1"]
        assert "number \u25b2" in _lines(app)


async def test_z_toggles_the_chart_to_full_size() -> None:
    app = NokoApp(str(VALID))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        pane = app.query_one("#troops", ClaimsPane)
        chart = pane.query_one(".pane-chart")
        before = chart.size.height
        await pilot.press("z")
        await pilot.pause()
        assert pane.view == "chart" and chart.size.height > before
        assert not pane.table.display or pane.table.size.height == 0
        await pilot.press("z")
        await pilot.pause()
        assert pane.view == "table" and chart.size.height == 0
        await pilot.press("z")
        assert pane.view == "both"


async def test_text_from_data_is_never_markup_or_control_sequences() -> None:
    app = NokoApp(str(MARKUP))
    async with app.run_test(size=(160, 60)) as pilot:
        await ready(pilot)
        text = _lines(app)
        assert "[bold]Markup[/] and \u241b[31man escape stay literal" in text
        await pilot.press("enter")
        await pilot.pause()
        text = _lines(app)
        assert "[bold]Markup[/] and \u241b[31man escape" in text
        assert "\u201c[red]about[/red] 11,000\u201d" in text
        assert "[link=https://example.org]not a link[/link]" in text
        assert (
            "\x1b[31m"
            not in "".join(
                seg.text
                for line in app.screen._compositor.render_update(full=True).strips
                for seg in line  # type: ignore[attr-defined]
            )
            if hasattr(app.screen._compositor.render_update(full=True), "strips")
            else True
        )


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


async def test_keys_pressed_while_loading_are_kept() -> None:
    app = NokoApp(str(VALID))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3")  # before the data is there
        await ready(pilot)
        assert active(app) == "equipment"


async def test_loading_shows_files_and_claims_as_they_arrive() -> None:
    from tui.messages import LoadProgress

    app = NokoApp(str(VALID))
    app.load = lambda: None  # keep it loading: the progress comes from this test
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "Loading claims" in _lines(app)
        app.post_message(LoadProgress(25, 50, 12_345))
        await pilot.pause()
        text = _lines(app)
        assert "25 of 50 files, 12,345 claims" in text
        assert "\u2588" * 15 + "\u2591" * 15 in text
