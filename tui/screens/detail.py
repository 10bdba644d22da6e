"""A claim's provenance: everything about where a number comes from.

The value with its range and qualifier; the claimant and the chain it came
through; when it was said and what time it is about; the source document and
the paragraph; the summary and notes; and the other claims about the same
quantity, so that disagreement is one key away.
"""

from __future__ import annotations

from typing import ClassVar

import pandas as pd
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from ..claims import queries
from ..claims.claimfile import parse_locators
from ..claims.formatting import about, citation, claim_number, partial_date
from ..safe import plain
from ..widgets import columns
from ..widgets.claims_table import ClaimsTable


class ClaimDetail(Screen[None]):
    """The provenance of one claim."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("o", "open_source", "Source ¶", tooltip="Open the source's pane at this paragraph"),
        Binding("y", "copy", "Copy citation"),
        Binding("tab", "focus_next", "Next", show=False),
        Binding("shift+tab", "focus_previous", "Previous", show=False),
    ]

    def __init__(self, claims: pd.DataFrame, claim_id: str) -> None:
        super().__init__()
        self.all_claims = claims
        self.claim_id = claim_id
        self.row = claims[claims["id"] == claim_id].iloc[0]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="detail-body"):
            yield Static(describe(self.row), id="detail-card")
        yield Static(self._others_title(), id="detail-others-title")
        yield ClaimsTable(columns.OTHERS, empty="No other claims about this quantity.",
                          id="detail-others")  # fmt: skip
        yield Footer()

    def _others_title(self) -> Text:
        label = self.row["quantity_label"]
        if pd.isna(label):
            return Text(
                "This claim counts nothing; there are no others to compare.", style="italic"
            )
        title = Text("Other claims about ", style="bold")
        title.append_text(plain(label, style="bold"))
        return title

    def on_mount(self) -> None:
        others = queries.same_quantity(self.all_claims, self.claim_id)
        table = self.query_one(ClaimsTable)
        table.set_frame(others)
        # As tall as its rows (at most 10), so a lone claim leaves room for the card.
        table.styles.height = min(max(len(others), 1) + 1, 10)
        table.focus()

    def on_claims_table_selected(self, event: ClaimsTable.Selected) -> None:
        event.stop()
        self.app.push_screen(ClaimDetail(self.all_claims, event.claim_id))

    def action_open_source(self) -> None:
        self.app.open_source(str(self.row["source"]), int(self.row["paragraph"]))  # type: ignore[attr-defined]

    def action_copy(self) -> None:
        self.app.copy_citation(self.claim_id)  # type: ignore[attr-defined]


def describe(row: pd.Series) -> Table:
    """The claim's card, all of it from data and so all of it plain text."""
    card = Table.grid(padding=(0, 1))
    card.add_column(style="bold", no_wrap=True, min_width=11)
    card.add_column(ratio=1)

    def section(label: str) -> None:
        card.add_row(Text(""), Text(""))
        card.add_row(Text(label, style="bold underline"), Text(""))

    def line(label: str, value: object, style: str = "") -> None:
        if value is None or value == "" or (not isinstance(value, str) and pd.isna(value)):
            return
        card.add_row(Text(label), plain(value, style=style))

    number = claim_number(row["qualifier"], row["value"], row["low"], row["high"])
    card.add_row(Text("Claim", style="bold"), plain(row["summary"], style="bold"))
    section("The number")
    line("Quantity", row["quantity_label"])
    line("Number", number or "none (a statement or event)")
    line("Qualifier", row["qualifier"])
    if pd.notna(row["low"]) or pd.notna(row["high"]):
        low = "open" if pd.isna(row["low"]) else f"{row['low']:,.0f}"
        high = "open" if pd.isna(row["high"]) else f"{row['high']:,.0f}"
        line("Range", f"{low} to {high}")
    line("Category", row["category"])
    section("Who")
    line("Claimant", f"{row['claimant_name']} ({row['claimant_kind']}, {row['claimant_country']})")
    line("Via", row["via"])
    section("When")
    line("Said", partial_date(row["stated_on"], row["stated_on_precision"]) or "not given")
    line("About", about(row) or "the time it was said")
    line("Inferred", row["inferred"], style="italic")
    section("Where")
    line("Source", row["source_title"])
    line("Outlet", row["source_outlet"])
    line("Published", partial_date(row["source_published"], row["source_published_precision"])
         or "no date")  # fmt: skip
    line("Language", row["source_language"])
    if isinstance(row["source_translation"], str):
        line("Translation",
             f"{row['source_translation']} translation from {row['source_translated_from']}")  # fmt: skip
    line("Paragraph", row["paragraph"])
    line("Key phrase", f"\u201c{row['key_phrase']}\u201d", style="italic")
    line("Source id", row["source"])
    if isinstance(row["also_in"], str) and row["also_in"]:
        others = [
            f"{source} \u00b6{paragraph}" for source, paragraph in parse_locators(row["also_in"])
        ]
        line("Also in", "; ".join(others))
    line("Claim id", row["id"])
    if isinstance(row["notes"], str) and row["notes"]:
        section("Notes")
        card.add_row(Text(""), plain(row["notes"]))
    section("Citation")
    card.add_row(Text("y copies"), plain(citation(row)))
    return card
