"""The Textual application: loads the data in a worker and lists the claims."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header, LoadingIndicator

from .resources import stylesheet

if TYPE_CHECKING:
    from .claims import Dataset, Problem


class NokoApp(App[None]):
    """noko-tui: claims about North Korea's military support to Russia."""

    TITLE = "noko-tui"
    SUB_TITLE = "North Korea's military support to Russia: the claims"
    CSS_PATH = str(stylesheet())
    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, data_dir: str, *, use_cache: bool = True) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.use_cache = use_cache
        self.dataset: Dataset | None = None
        #: Problems in the data, if it could not be loaded; `run` prints them.
        self.problems: list[Problem] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield LoadingIndicator(id="loading")
        yield DataTable(id="claims", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#claims").display = False
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        from .claims import DataError, load_dataset

        try:
            dataset = load_dataset(self.data_dir, cache=self.use_cache)
        except DataError as error:
            self.problems = error.problems
            self.call_from_thread(self.exit, None, 1)
            return
        self.call_from_thread(self._show, dataset)

    def _show(self, dataset: Dataset) -> None:
        from .claims.formatting import claim_number, partial_date

        self.dataset = dataset
        table = self.query_one("#claims", DataTable)
        table.add_columns("id", "category", "claimant", "number", "said", "source ¶")
        claims = dataset.claims
        for row in claims.itertuples(index=False):
            number = claim_number(row.qualifier, row.value, row.low, row.high)
            said = partial_date(row.stated_on, row.stated_on_precision)
            cells = [row.id, row.category, row.claimant_name, number, said,
                     f"{row.source} ¶{row.paragraph}"]  # fmt: skip
            table.add_row(*(Text(str(c)) for c in cells), key=row.id)
        self.query_one("#loading").display = False
        table.display = True
        table.focus()


def run(data_dir: str, *, use_cache: bool = True) -> int:
    app = NokoApp(data_dir, use_cache=use_cache)
    app.run()
    for problem in app.problems:  # plain text: never read as markup
        print(problem)
    return app.return_code or 0

