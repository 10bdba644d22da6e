"""Reference (b): reference (a) plus pandas and a textual-plotext bar chart
beside the table: the floor for any app built on these libraries."""

import pandas as pd
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.widgets import DataTable, Footer
from textual_plotext import PlotextPlot


class PandasChart(App[None]):
    def compose(self) -> ComposeResult:
        with Horizontal():
            yield DataTable(cursor_type="row", id="table")
            yield PlotextPlot(id="chart")
        yield Footer()

    def on_mount(self) -> None:
        frame = pd.DataFrame(
            {"said": [f"2025-03-{i % 28 + 1:02d}" for i in range(50)],
             "claimant": [f"claimant {i % 7}" for i in range(50)],
             "number": [i * 100 for i in range(50)]}
        )  # fmt: skip
        table = self.query_one(DataTable)
        table.add_columns("said", "claimant", "number")
        table.add_rows([(r.said, r.claimant, f"about {r.number:,}") for r in frame.itertuples()])
        totals = frame.groupby("claimant")["number"].sum()
        plt = self.query_one(PlotextPlot).plt
        plt.bar(list(totals.index), list(totals.values))
        plt.title("reference chart")
        table.focus()


if __name__ == "__main__":
    PandasChart().run()
