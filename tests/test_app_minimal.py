"""The entry point opens a real Textual screen on the loaded claims."""

from __future__ import annotations

from textual.widgets import DataTable

from conftest import BAD, VALID
from tui.app import NokoApp


async def test_the_app_lists_the_claims() -> None:
    app = NokoApp(str(VALID))
    async with app.run_test(size=(100, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.query_one("#claims", DataTable)
        assert table.row_count == 4
        ids = [table.get_row_at(i)[0].plain for i in range(table.row_count)]
        assert ids == ["t-1", "t-2", "c-1", "d-1"]


async def test_bad_data_exits_1_with_every_problem() -> None:
    app = NokoApp(str(BAD / "duplicate-ids"))
    async with app.run_test() as pilot:
        for _ in range(200):  # the load worker exits the app when it finds problems
            if app.return_code is not None:
                break
            await pilot.pause(0.05)
    assert app.return_code == 1
    assert [str(p) for p in app.problems] == [
        f"{BAD}/duplicate-ids/claims/b.yaml:12: id: duplicate id 'dup-1' "
        f"(first at {BAD}/duplicate-ids/claims/a.yaml:1)"
    ]
