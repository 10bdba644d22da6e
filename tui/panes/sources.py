"""Pane 6: the source documents, and each one's claims by paragraph."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import OptionList, Static, TabPane
from textual.widgets.option_list import Option

from ..claims.formatting import partial_date
from ..safe import plain
from ..widgets import columns
from ..widgets.claims_table import ClaimsTable

if TYPE_CHECKING:
    import pandas as pd


class SourcesPane(TabPane):
    """Sources on the left; the highlighted one's details and claims on the right."""

    title = "Sources"
    key = "6"

    def __init__(self) -> None:
        super().__init__(f"{self.key} {self.title}", id="sources")
        self.sources: pd.DataFrame | None = None
        self.claims: pd.DataFrame | None = None
        self.current: str | None = None

    def compose(self) -> ComposeResult:
        return []  # built with the data (see `ensure_built`), not for the first paint

    def ensure_built(self) -> None:
        if self.query("#source-list"):
            return
        table = ClaimsTable(columns.BY_PARAGRAPH, empty="No claims from this source match.",
                            id="source-claims")  # fmt: skip
        side = Vertical(VerticalScroll(Static(id="source-info"), id="source-info-scroll"), table,
                        id="source-side")  # fmt: skip
        self.mount(Horizontal(OptionList(id="source-list"), side))

    @property
    def table(self) -> ClaimsTable:
        return self.query_one("#source-claims", ClaimsTable)

    def focus_table(self) -> None:
        self.ensure_built()
        found = self.query("#source-list")
        if found:
            found.first().focus()
        else:
            self.call_after_refresh(self.focus_table)

    def show_sources(self, sources: pd.DataFrame, claims: pd.DataFrame) -> None:
        """All sources, with how many of their claims the filter keeps."""
        self.ensure_built()
        self.sources, self.claims = sources, claims
        if not self.query(OptionList):  # built just now: its children mount after this
            self.call_after_refresh(self._list_sources)
        else:
            self._list_sources()

    def _list_sources(self) -> None:
        sources, claims = self.sources, self.claims
        assert sources is not None and claims is not None
        counts = claims["source"].value_counts().to_dict()
        # Oldest first, undated last; one line each: claims kept, date, outlet, title.
        sources = sources.sort_values(["published", "id"], na_position="last", kind="stable")
        self.sources = sources
        options = []
        for source_id, row in sources.iterrows():
            published = partial_date(row.get("published"), row.get("published_precision"))
            label = Text(f"{int(counts.get(source_id, 0)):>3} {published:<11} ", style="dim")
            label.append_text(plain(f"{row['outlet']}: {row['title']}", one_line=True))
            label.no_wrap = True
            label.overflow = "ellipsis"
            options.append(Option(label, id=str(source_id)))
        listing = self.query_one(OptionList)
        listing.clear_options()
        listing.add_options(options)
        if options:
            keep = self.current if self.current in sources.index else str(sources.index[0])
            listing.highlighted = list(sources.index.astype(str)).index(keep)
            self.show_source(keep)

    @on(OptionList.OptionHighlighted, "#source-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self.show_source(event.option.id)

    def show_source(self, source_id: str) -> None:
        if self.sources is None or self.claims is None or source_id not in self.sources.index:
            return
        self.current = source_id
        row = self.sources.loc[source_id]
        self.query_one("#source-info", Static).update(describe(row))
        from ..claims.queries import by_source

        self.table.set_frame(by_source(self.claims, source_id))

    def open_at(self, source_id: str, paragraph: int | None = None) -> None:
        """Show one source, with the cursor on the first claim of a paragraph."""
        found = self.query("#source-list")
        if not found or found.first().option_count == 0:
            if self.sources is not None:  # being built: try again once it is mounted
                self.call_after_refresh(self.open_at, source_id, paragraph)
            return
        listing = found.first()
        ids = [str(i) for i in self.sources.index] if self.sources is not None else []
        if source_id in ids:
            listing.highlighted = ids.index(source_id)
        self.show_source(source_id)
        if paragraph is not None and not self.table.frame.empty:
            hits = (self.table.frame["paragraph"] >= paragraph).to_numpy().nonzero()[0]
            if len(hits):
                self.table.move_to(str(self.table.frame["id"].iat[int(hits[0])]))
        self.table.focus()


def describe(row: pd.Series) -> Text:
    """A source's card: title, outlet, date, language, translation, notes."""
    import pandas as pd

    text = Text()

    def line(label: str, value: object) -> None:
        if value is None or (isinstance(value, float) and pd.isna(value)) or value == "":
            return
        text.append(f"{label}: ", style="bold")
        text.append_text(plain(value))
        text.append("\n")

    line("Title", row.get("title"))
    line("Outlet", row.get("outlet"))
    published = partial_date(row.get("published"), row.get("published_precision"))
    line("Published", published or "no date")
    line("Date basis", row.get("published_basis"))
    line("Language", row.get("language"))
    if isinstance(row.get("translation"), str):
        line("Translation", f"{row['translation']} translation from {row.get('translated_from')}")
        line("Translation notes", row.get("translation_notes"))
    else:
        line("Translation", "none (original text)")
    line("Paragraphs", None if pd.isna(row.get("paragraphs")) else int(row["paragraphs"]))
    line("URL", row.get("url"))
    line("Id", row.get("id"))
    line("Notes", row.get("notes"))
    text.rstrip()
    return text
