"""Pilot tests for `d`, what changed, to the end of its effect: the first
opening remembers the revision; the next shows what was committed since;
`r` compares with another revision; a directory not kept in git says so."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SNAPSHOT, ready
from test_app import until
from test_digest import T4, T5, append, build_history, commit, init, isolated, needs_git
from textual.widgets import Input

from tui.app import NokoApp
from tui.claims import seen
from tui.screens.digest import DigestScreen
from tui.screens.prompt import PromptDialog

__all__ = ["isolated"]  # the autouse fixture: no user git configuration or state, UTC


def said(app: NokoApp) -> str:
    screen = app.screen
    return screen.said or "" if isinstance(screen, DigestScreen) else ""


async def open_digest(pilot) -> str:
    app = pilot.app
    await ready(pilot)
    await until(pilot, lambda: app.dashboard.state.seen_before is not None or
                seen.last_seen(app.dashboard.state.data_dir) is not None)  # fmt: skip
    await pilot.press("d")
    await until(pilot, lambda: said(pilot.app), seconds=15)
    return said(pilot.app)


@needs_git
async def test_d_shows_what_was_committed_since_the_last_opening(tmp_path: Path) -> None:
    repo = tmp_path / "record"
    init(repo)
    build_history(repo, repo)
    # History up to C5; C6 and C7 come after the first opening.
    shutil.rmtree(repo / ".git")
    init(repo)
    (repo / "claims" / "c.yaml").write_text(
        (repo / "claims" / "c.yaml").read_text().replace(T4, "").replace(T5, ""))
    commit(repo, "The record as first opened", 5)
    app = NokoApp(str(repo))
    async with app.run_test(size=(100, 30)) as pilot:
        text = await open_digest(pilot)
        assert "had not been opened on this data directory before" in text
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, DigestScreen))
    append(repo / "claims" / "c.yaml", T4)
    commit(repo, "HUR's February level", 6)
    append(repo / "claims" / "c.yaml", T5)
    commit(repo, "DoD's new high", 7)
    app = NokoApp(str(repo))
    async with app.run_test(size=(100, 30)) as pilot:
        text = await open_digest(pilot)
        assert "The record as first opened" in text
        assert "2 new claims" in text and "t-4" in text and "t-5" in text
        assert "at least 25,000" in text  # the qualifier stays with the number
        assert "New highs" in text
        await pilot.press("j", "G", "g")  # it moves
        # Enter on an item opens its claim as the record has it now.
        from textual.widgets import OptionList

        from tui.screens.detail import ClaimDetail

        listing = app.screen.query_one(OptionList)
        at = next(i for i in range(listing.option_count)
                  if app.screen.items.get(listing.get_option_at_index(i).id or "") == "t-5")
        listing.highlighted = at
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ClaimDetail))
        assert app.screen.claim_id == "t-5"
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, DigestScreen))
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, PromptDialog))
        app.screen.query_one(Input).value = "HEAD~1"
        await pilot.press("enter")
        await until(pilot, lambda: "DoD's new high" not in said(app).split("\n")[0]
                    and "1 new claim" in said(app), seconds=15)  # fmt: skip
        assert "t-5" in said(app) and "t-4" not in said(app).split("New claims")[1][:200]
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, DigestScreen))


async def test_d_on_data_not_kept_in_git_says_so(tmp_path: Path) -> None:
    data = tmp_path / "plain"
    shutil.copytree(SNAPSHOT, data)
    app = NokoApp(str(data))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("d")
        await until(pilot, lambda: said(app))
        assert "not kept in git" in said(app)
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, PromptDialog))
        app.screen.query_one(Input).value = "HEAD~1"
        await pilot.press("enter")
        await until(pilot, lambda: said(app) and "git" in said(app))
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, DigestScreen))


@pytest.mark.parametrize("size", [(40, 12)])
@needs_git
async def test_d_reads_at_a_small_size(tmp_path: Path, size) -> None:
    repo = tmp_path / "record"
    build_history(repo, repo)
    app = NokoApp(str(repo))
    async with app.run_test(size=size, notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("d")
        await until(pilot, lambda: said(app), seconds=15)
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, PromptDialog))
        app.screen.query_one(Input).value = "v1"
        await pilot.press("enter")
        await until(pilot, lambda: "new claim" in said(app), seconds=15)
        # A removed claim cannot be opened, and says why.
        from test_frequency import toasts
        from textual.widgets import OptionList

        listing = app.screen.query_one(OptionList)
        listing.highlighted = next(
            i for i in range(listing.option_count)
            if app.screen.items.get(listing.get_option_at_index(i).id or "") == "d-1")
        await pilot.press("enter")
        await until(pilot, lambda: "not on the record now" in toasts(app))
        assert isinstance(app.screen, DigestScreen)
        await pilot.press("G", "escape")
        await until(pilot, lambda: not isinstance(app.screen, DigestScreen))
