"""A claim's provenance: everything about where a number comes from.

The value with its range and qualifier (and whether the data derived it);
the claimant and the chain it came through; when it was said and what time it
is about; the source document, its address and the paragraph; the summary
and notes; the citation; and the other claims about the same quantity, so
that disagreement is one key away. The card scrolls from the keyboard
(j/k, page keys, g/G); tab moves to the other claims.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import pandas as pd
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Static

from ..claims import ids, queries
from ..claims.statements import outlets
from ..claims.formatting import about, citation, is_derived, partial_date, row_number
from ..claims.schema import BASES
from ..messages import CopyCitation, OpenClaim, OpenQuantity, OpenSource
from ..safe import plain
from ..widgets import columns
from ..widgets.card import Card
from ..widgets.frame_table import FrameTable
from .closing import ClosesOnce

if TYPE_CHECKING:
    from ..claims import Dataset
    from ..claims.record import Record


class ClaimDetail(ClosesOnce, Screen[None]):
    """The provenance of one claim."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding(
            "o", "open_source", "Source \u00b6", tooltip="Open the source's pane at this paragraph"
        ),
        Binding("y", "copy", "Copy citation"),
        Binding("v", "quantity", "Quantity view",
                tooltip="Every claim about this claim's quantity, by origin"),
        Binding("tab", "app.focus_next", "Card/claims"),
        Binding("shift+tab", "app.focus_previous", "Previous", show=False),
    ]

    def __init__(self, dataset: Dataset, claim_id: str, record: Record | None = None) -> None:
        super().__init__()
        self.dataset = dataset
        self.record = record
        self.claim_id = claim_id
        # The annotated record (revisions, contested) when the claim is on it.
        annotated = ids.row(record.claims, claim_id) if record is not None else None
        self.row = annotated if annotated is not None else dataset.claim(claim_id)

    def compose(self) -> ComposeResult:
        with Card(id="detail-body"):
            yield Static(describe(self.row, self._standing(), self._grades(), self._arithmetic()),
                         id="detail-card")  # fmt: skip
        yield Static(self._others_title(), id="detail-others-title")
        yield FrameTable(columns.OTHERS, empty="No other claims about this quantity.",
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
        title.append("  (tab: here; enter: open)", style="dim")
        return title

    def on_mount(self) -> None:
        others = queries.same_quantity(self.dataset.claims, self.claim_id)
        table = self.query_one(FrameTable)
        table.set_frame(others)
        # As tall as its rows (at most 10), so a lone claim leaves room for the card.
        table.styles.height = min(max(len(others), 1) + 1, 10)
        self.query_one(Card).focus()

    def on_frame_table_selected(self, event: FrameTable.Selected) -> None:
        event.stop()
        self.post_message(OpenClaim(event.row_id))

    def on_frame_table_highlighted(self, event: FrameTable.Highlighted) -> None:
        event.stop()

    def action_back(self) -> None:
        self.dismiss()

    def _standing(self) -> list[tuple[str, str]]:
        """Where the claim stands: its origin, its place in its claimant's
        figures, the claims it disagrees with (from the record)."""
        if self.record is None or "latest" not in self.row:
            return []
        from ..claims.quantity_view import claim_disagreements
        from ..claims.revisions import claim_id

        row, claims = self.row, self.record.claims
        names = dict(zip(self.dataset.claimants.index, self.dataset.claimants["short"].astype(str)))
        lines: list[tuple[str, str]] = []
        if isinstance(row["relays"], str):
            lines.append(("Origin", f"{row['relays_name']}: the claimant passes on their "
                                    "information, so it is not an independent report"))
        if pd.isna(row["quantity"]):
            return lines
        on = "" if self.record.known_on is None else f" (as known on {self.record.known_on:%d %b %Y})"
        if row["latest"]:
            later = "the only figure" if row["position"] == 1 else f"figure {row['position']}"
            lines.append(("Sequence", f"{names.get(row['claimant'], row['claimant'])}'s latest for "
                                      f"this quantity{on}; {later} in its sequence"))
        else:
            later = claim_id(claims, int(row["revised_by"]))
            lines.append(("Sequence", f"revised{on} by {_figure(claims, later)}"))
        earlier = claim_id(claims, int(row["revises"]))
        if earlier is not None:
            lines.append(("Revises", _figure(claims, earlier)))
        statement = _statement(claims, row)
        if statement:
            lines.append(("Statement", statement))
        found = claim_disagreements(claims, self.claim_id, names, self.record.tolerances)
        for line in found:
            lines.append(("Contested", line))
        if row["contested"] and not found:
            lines.append(("Contested", "yes"))
        return lines

    def _grades(self) -> list[tuple[str, str]]:
        """The source's reliability and the claim's credibility, with reasons
        (the suggestion and the figures behind it from the record)."""
        from ..claims.grades import Evidence, evidence, grade_lines

        claimants = self.dataset.claimants
        who = self.row["claimant"]
        claimant = claimants.loc[who] if who in claimants.index else None
        found: Evidence | tuple[list[str], list[str]] = ([], [])
        if self.record is not None and "suggested" in self.row:
            names = dict(zip(claimants.index, claimants["short"].astype(str)))
            grades = (dict(zip(claimants.index, claimants["reliability"]))
                      if "reliability" in claimants else {})  # fmt: skip
            found = evidence(self.record.claims, self.row.name, names, self.record.tolerances,
                             {k: v for k, v in grades.items() if isinstance(v, str)})  # fmt: skip
        return grade_lines(self.row, claimant, found)

    def _arithmetic(self) -> list[tuple[str, str]]:
        """The sums and conversions this claim takes part in (`consistency.py`)."""
        from ..claims.consistency import claim_findings

        claims = self.record.claims if self.record is not None else self.dataset.claims
        if self.row.name not in claims.index or claims["id"].iat[
                claims.index.get_loc(self.row.name)] != self.claim_id:  # fmt: skip
            return []
        position = claims.index.get_loc(self.row.name)
        tolerances = self.record.tolerances if self.record is not None else self.dataset.tolerances
        found = claim_findings(claims, self.dataset.quantities, position, tolerances)
        return [("Not compared" if f.uncompared else "Consistent" if f.consistent
                 else "Inconsistent", f.text) for f in found]  # fmt: skip

    def action_quantity(self) -> None:
        if pd.isna(self.row["quantity"]):
            self.notify("This claim counts nothing: there is no quantity to view.",
                        title="Quantity view", timeout=3, markup=False)  # fmt: skip
            return
        self.post_message(OpenQuantity(str(self.row["quantity"])))

    def action_open_source(self) -> None:
        self.post_message(OpenSource(str(self.row["source"]), int(self.row["paragraph"])))

    def action_copy(self) -> None:
        self.post_message(CopyCitation(self.claim_id))


def _statement(claims: pd.DataFrame, row: pd.Series) -> str:
    """What the claim is when its claimant said the same of the same
    quantity on the same day in other claims: one statement entered again,
    and which claim stands for it (`revisions.py`)."""
    from ..claims.statements import same_statement

    others = same_statement(claims, row.name)
    if not others:
        return ""
    copies = "; ".join(_figure(claims, claims.at[o, "id"]) for o in others)
    head = (f"one statement with {copies}, entered more than once (the same claimant, "
            "quantity and day): none revises another")  # fmt: skip
    if "stands" not in row or row["stands"]:
        return f"{head}; this claim, the most cautious wording, stands for it"
    standing = [o for o in others if bool(claims.at[o, "stands"])]
    who = claims.at[standing[0], "id"] if standing else others[0]
    return f"{head}; claim {who}, the most cautious wording, stands for it"


def _figure(claims: pd.DataFrame, claim_id: object) -> str:
    """Another claim as "about 300 (said 13 Jan 2025; claim ID)"."""
    other = ids.row(claims, claim_id)
    if other is None:
        return str(claim_id)
    said = partial_date(other["stated_on"], other["stated_on_precision"]) or "undated"
    return f"{row_number(other) or 'no number'} (said {said}; claim {other['id']})"


def describe(row: pd.Series, standing: list[tuple[str, str]] | None = None,
             grades: list[tuple[str, str]] | None = None,
             arithmetic: list[tuple[str, str]] | None = None) -> Table:  # fmt: skip
    """The claim's card, all of it from data and so all of it plain text."""
    card = Table.grid(padding=(0, 1))
    card.add_column(style="bold", no_wrap=True, min_width=11)
    card.add_column(ratio=1, overflow="fold")  # an address folds; it is never cut

    def section(label: str) -> None:
        card.add_row(Text(""), Text(""))
        card.add_row(Text(label, style="bold underline"), Text(""))

    def line(label: str, value: object, style: str = "") -> None:
        if value is None or value == "" or (not isinstance(value, str) and pd.isna(value)):
            return
        card.add_row(Text(label), plain(value, style=style))

    number = row_number(row)
    card.add_row(Text("Claim", style="bold"), plain(row["summary"], style="bold"))
    section("The number")
    line("Counts", row["quantity_label"])
    line("Number", number or "none (a statement or event)")
    if number and is_derived(row["inferred"]):
        line("Derived", "the data computed this number from the source's words; see Notes")
    line("Qualifier", row["qualifier"])
    if pd.notna(row["low"]) or pd.notna(row["high"]):
        low = "open" if pd.isna(row["low"]) else f"{row['low']:,.0f}"
        high = "open" if pd.isna(row["high"]) else f"{row['high']:,.0f}"
        line("Range", f"{low} to {high}")
    line("Unit", row["unit"])
    extent = row.get("extent")
    if isinstance(extent, str) and extent != "total":
        note = row.get("extent_note")
        part = f"{extent}: {note}" if isinstance(note, str) else extent
        line("Extent", f"{part} (a part: compared only with the same part, never the total)")
    elif isinstance(row.get("quantity"), str):
        line("Extent", "total (the whole of what it counts)")
    basis = row.get("basis")
    line("Basis", f"{basis}: {BASES[basis]}" if basis in BASES else basis)
    line("Category", row["category"])
    if isinstance(row.get("milestone"), str):
        line("Milestone", f"{row['milestone']} (a line on the charts)")
    if standing:
        section("Standing")
        for label, value in standing:
            line(label, value)
    if grades:
        section("Grades")
        for label, value in grades:
            line(label, value)
    if arithmetic:
        section("Arithmetic")
        for label, value in arithmetic:
            line(label, value, style="" if label == "Consistent" else "bold")
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
    line("URL", row["source_url"])
    line("Paragraph", row["paragraph"])
    line("Key phrase", f"\u201c{row['key_phrase']}\u201d", style="italic")
    line("Source id", row["source"])
    if isinstance(row["also_in"], str) and row["also_in"]:
        # One line per outlet, with its own wording of the statement where
        # the data keeps one (`statements.py`).
        for k, outlet in enumerate(outlets(row["also_in"], row.get("also_in_wording"))):
            line("Also in" if k == 0 else "", outlet.describe())
    line("Claim id", row["id"])
    if isinstance(row["notes"], str) and row["notes"]:
        section("Notes")
        card.add_row(Text(""), plain(row["notes"]))
    section("Citation")
    card.add_row(Text("y copies"), plain(citation(row)))
    return card
