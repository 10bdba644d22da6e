"""`f`: the filter dialog (claimants, categories, quantities, dates, text)."""

from __future__ import annotations

import datetime as _dt
from typing import (
    TYPE_CHECKING,
    ClassVar,  # noqa: I001
)

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, SelectionList, Static

from ..claims.dates import last_day, parse_partial
from ..claims.filters import Filter
from ..claims.schema import CATEGORIES
from ..safe import plain

if TYPE_CHECKING:
    import pandas as pd


class FilterDialog(ModalScreen[Filter | None]):
    """Choose what the one filter keeps; ctrl+s or Apply applies it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "apply", "Apply"),
        Binding("ctrl+r", "reset", "Reset"),
    ]

    def __init__(self, current: Filter, claimants: pd.DataFrame, quantities: pd.DataFrame) -> None:
        super().__init__()
        self.current = current
        self.claimants = claimants
        self.quantities = quantities

    def compose(self) -> ComposeResult:
        f = self.current
        with Vertical(id="filter-dialog"):
            yield Static("Filter claims", id="filter-title")
            with Horizontal(id="filter-lists"):
                yield SelectionList[str](
                    *[(plain(row["name"], one_line=True), str(cid), cid in f.claimants)
                      for cid, row in self.claimants.iterrows()],
                    id="filter-claimants",
                )  # fmt: skip
                yield SelectionList[str](
                    *[(c, c, c in f.categories) for c in CATEGORIES], id="filter-categories"
                )
                yield SelectionList[str](
                    *[(plain(f"{row['short']}: {row['label']}", one_line=True), str(qid),
                       qid in f.quantities)
                      for qid, row in self.quantities.iterrows()],
                    id="filter-quantities",
                )  # fmt: skip
            with Horizontal(id="filter-dates"):
                yield Label("said from")
                yield Input(_iso(f.said_from), placeholder="YYYY[-MM[-DD]]", id="filter-from")
                yield Label("to")
                yield Input(_iso(f.said_to), placeholder="YYYY[-MM[-DD]]", id="filter-to")
            with Horizontal(id="filter-text-row"):
                yield Label("text")
                yield Input(f.text, placeholder="words in summary, key phrase, claimant, notes",
                            id="filter-text")  # fmt: skip
            yield Static("", id="filter-error")
            with Horizontal(id="filter-buttons"):
                yield Button("Apply", variant="primary", id="filter-apply")
                yield Button("Reset", id="filter-reset")
                yield Button("Cancel", id="filter-cancel")

    def on_mount(self) -> None:
        self.query_one("#filter-claimants").border_title = "claimants"
        self.query_one("#filter-categories").border_title = "categories"
        self.query_one("#filter-quantities").border_title = "quantities"
        self.query_one("#filter-claimants").focus()

    def _chosen(self) -> Filter | None:
        error = self.query_one("#filter-error", Static)
        try:
            said_from = _date(self.query_one("#filter-from", Input).value, end=False)
            said_to = _date(self.query_one("#filter-to", Input).value, end=True)
        except ValueError as exc:
            error.update(plain(f"Date: {exc}"))
            return None
        if said_from and said_to and said_from > said_to:
            error.update("The start date is after the end date.")
            return None
        return Filter(
            claimants=frozenset(self.query_one("#filter-claimants", SelectionList).selected),
            categories=frozenset(self.query_one("#filter-categories", SelectionList).selected),
            quantities=frozenset(self.query_one("#filter-quantities", SelectionList).selected),
            said_from=said_from,
            said_to=said_to,
            text=self.query_one("#filter-text", Input).value.strip(),
        )

    def action_apply(self) -> None:
        chosen = self._chosen()
        if chosen is not None:
            self.dismiss(chosen)

    def action_reset(self) -> None:
        self.dismiss(Filter())

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#filter-apply")
    def _apply(self) -> None:
        self.action_apply()

    @on(Button.Pressed, "#filter-reset")
    def _reset(self) -> None:
        self.action_reset()

    @on(Button.Pressed, "#filter-cancel")
    def _cancel(self) -> None:
        self.action_cancel()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_apply()


def _iso(day: _dt.date | None) -> str:
    return day.isoformat() if day else ""


def _date(text: str, *, end: bool) -> _dt.date | None:
    """A typed date; `2025-03` means its first day as a start, its last as an end."""
    text = text.strip()
    if not text:
        return None
    first, precision = parse_partial(text)
    return last_day(first, precision) if end else first
