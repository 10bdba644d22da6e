"""Reference (a): a bare Textual app showing a 50-row DataTable."""

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer


class BareTable(App[None]):
    def compose(self) -> ComposeResult:
        yield DataTable(cursor_type="row", id="table")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("said", "claimant", "number", "summary")
        table.add_rows(
            [
                (
                    f"2025-03-{i % 28 + 1:02d}",
                    f"claimant {i % 7}",
                    f"about {i * 100:,}",
                    f"reference row {i} : a summary of a claim, as long as a real one",
                )
                for i in range(50)
            ]  # fmt: skip
        )
        table.focus()


if __name__ == "__main__":
    BareTable().run()
