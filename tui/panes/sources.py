"""Pane 6: the source documents, and the claims that cite each one.

Left, every source on one line (under a filter, every source its claims
cite): the claims the filter keeps that cite it as their source and in
`also_in`, its date, outlet and title. Right, the
highlighted source's card and its claims by paragraph. The counting and
ordering are the model's (`queries.source_table`, `queries.citing`), done in
the filter worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Static

from ..claims.formatting import partial_date
from ..messages import OpenClaim
from ..safe import plain
from ..widgets import columns
from ..widgets.card import Card
from ..widgets.frame_table import Column, FrameTable
from .base import DashboardPane

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from ..claims.record import Record


@dataclass(frozen=True)
class SourcesData:
    """The source list for the filter, the sources' records and the claims kept."""

    table: pd.DataFrame
    sources: pd.DataFrame
    claims: pd.DataFrame
    also: pd.DataFrame
    measures: list


CITED = Column(
    "\u00b6", lambda r: f"{r['cited']}" + (" also" if r["cited_as"] == "also" else ""),
    ("cited",), needs=("cited", "cited_as"), align="right", atomic=True,
    compact=lambda r: f"{r['cited']}" + ("+" if r["cited_as"] == "also" else ""),
)  # fmt: skip
CITING = [CITED, *columns.BY_PARAGRAPH[1:]]


class SourceCard(Card):
    """The source's card: it scrolls from the keyboard (a long card, such as
    a translation's list of problems, is taller than its room)."""


class SourcesPane(DashboardPane):
    """Sources on the left; the highlighted one's card and claims on the right."""

    title = "Sources"
    key = "6"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "cycle(1)", "List/card/claims",
                tooltip="The list of sources, the source's card (j/k scroll it), its claims"),
        Binding("shift+tab", "cycle(-1)", "Back", show=False),
    ]  # fmt: skip

    def __init__(self) -> None:
        super().__init__()
        self.current: str | None = None

    @classmethod
    def prepare(cls, claims: pd.DataFrame, record: Record) -> SourcesData:
        from ..claims.queries import also_in_table, source_table  # in the filter worker

        from ..widgets.frame_table import measure

        also = also_in_table(claims)
        # Under a filter, the sources its claims cite (the counts are theirs).
        filtered = len(claims) < len(record.claims) or record.known_on is not None
        table = source_table(record.sources, claims, also, cited_only=filtered)
        return SourcesData(
            table, record.sources, claims, also, measure(columns.SOURCE_LIST, table)
        )

    def body(self) -> ComposeResult:
        listing = FrameTable(columns.SOURCE_LIST, empty="No source is cited by the claims "
                             "the filter keeps.", id="source-list")  # fmt: skip
        claims = FrameTable(CITING, empty="No claims of this source match the filter.",
                            id="source-claims")  # fmt: skip
        info = SourceCard(Static(id="source-info"), id="source-info-scroll")
        yield Horizontal(listing, Vertical(info, claims, id="source-side"))

    def action_cycle(self, step: int) -> None:
        """Tab: the list, the card, the claims, in turn (the card only when
        it has more than its room shows)."""
        if not self.built:
            return
        card = self.query_one(SourceCard)
        parts: list[Widget] = [self.listing, card, self.table]
        if card.max_scroll_y <= 0:
            parts.remove(card)
        focused = self.app.focused
        at = parts.index(focused) if focused in parts else -step
        parts[(at + step) % len(parts)].focus()

    @property
    def listing(self) -> FrameTable:
        return self.query_one("#source-list", FrameTable)

    @property
    def table(self) -> FrameTable:
        return self.query_one("#source-claims", FrameTable)

    def focus_target(self) -> Widget | None:
        return self.listing

    def current_claim(self) -> str | None:
        if not self.built or self.focused_table() is not self.table:
            return None
        return self.table.current_id

    def on_screen_claims(self) -> tuple[pd.DataFrame, np.ndarray | None] | None:
        """The claims citing the source under the cursor, as listed; before
        the pane is built, those citing the source it will open on."""
        data: SourcesData | None = self._data
        if data is None:
            return None
        if not (self.built and self._drawn):
            source = self._opening(data)
            if source is None:
                return None
            from ..claims.queries import citing

            rows = citing(data.claims, source, data.also)
            return (rows, None) if len(rows) else None
        table = self.table
        if table.frame is None or not table.row_count:
            return None
        return table.frame, table.order

    def focused_table(self) -> FrameTable | None:
        focused = self.app.focused
        return (
            focused
            if isinstance(focused, FrameTable) and focused in self.query(FrameTable)
            else None
        )

    def draw(self, data: SourcesData) -> None:
        self.listing.set_frame(data.table, measures=data.measures)
        keep = self._opening(data)
        if keep is not None:
            self.listing.move_to(keep)
            self._keep_in_view(keep)
            self.show_source(keep)

    def _keep_in_view(self, source_id: str) -> None:
        """Scroll the list to its cursor once the pane is laid out: moved to
        while the tab was being switched to, the list had no height yet and
        stayed on its first rows, the source under the cursor off screen."""
        listing = self.listing

        def scroll() -> None:
            if listing.current_id == source_id:
                listing.move_to(source_id)

        listing.call_after_refresh(scroll)

    def _opening(self, data: SourcesData) -> str | None:
        """The source the pane shows on drawing this data: the one shown
        before, if the filter keeps it, else the first."""
        if self.current in set(data.table["id"]):
            return self.current
        return str(data.table["id"].iat[0]) if len(data.table) else None

    @on(FrameTable.Highlighted, "#source-list")
    def _highlighted(self, event: FrameTable.Highlighted) -> None:
        event.stop()
        if event.row_id:
            self.show_source(event.row_id)

    @on(FrameTable.Selected, "#source-list")
    def _selected(self, event: FrameTable.Selected) -> None:
        event.stop()
        self.table.focus()

    @on(FrameTable.Selected, "#source-claims")
    def _claim_selected(self, event: FrameTable.Selected) -> None:
        event.stop()
        self.post_message(OpenClaim(event.row_id))

    @on(FrameTable.Highlighted, "#source-claims")
    def _claim_highlighted(self, event: FrameTable.Highlighted) -> None:
        event.stop()

    def show_source(self, source_id: str) -> None:
        data: SourcesData | None = self._data
        if data is None or source_id not in data.sources.index:
            return
        from ..claims.queries import citing

        self.current = source_id
        row = data.sources.loc[source_id]
        self.query_one("#source-info", Static).update(describe(row))
        self.table.set_frame(citing(data.claims, source_id, data.also))

    def open_at(self, source_id: str, paragraph: int | None = None) -> None:
        """Show one source, with the cursor on the first claim at or after a paragraph."""
        if not self.built or self._data is None:
            return
        self.listing.move_to(source_id)
        self._keep_in_view(source_id)
        self.show_source(source_id)
        frame = self.table.shown
        if paragraph is not None and frame is not None and len(frame):
            hits = (frame["cited"].fillna(0) >= paragraph).to_numpy().nonzero()[0]
            if len(hits):
                self.table.move_to(str(frame["id"].iat[int(hits[0])]))
        self.table.focus()


def describe(row: pd.Series) -> Text:
    """A source's card: title, outlet, date, language, translation, address, notes."""
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
    text.overflow = "fold"  # an address folds onto the next line; it is never cut
    return text
