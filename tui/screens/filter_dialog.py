"""`f`: the filter dialog (claimants, categories, quantities, dates, what was
known on a day, latest figures only, text).

Each list is sorted by name with its number of claims; typing narrows it,
space ticks, enter ticks only the one under the cursor; none ticked means
all. The footer shows the dialog's own keys.
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Footer, Input, Label, Static

from ..claims.dates import typed_day
from ..claims.filters import Filter, grade_digits, grade_letters, parse_credibility, parse_reliability
from ..claims.schema import CATEGORIES
from ..safe import plain
from ..widgets.checklist import CheckList, Choice, TickBox
from .closing import ClosesOnce

if TYPE_CHECKING:
    from ..claims import Dataset


class FilterDialog(ClosesOnce, ModalScreen[Filter | None]):
    """Choose what the one filter keeps; ctrl+s applies it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "apply", "Apply"),
        Binding("ctrl+r", "reset", "Reset all"),
        Binding("escape", "cancel", "Cancel"),
        Binding("tab", "app.focus_next", "Next list", show=False),
    ]

    def __init__(self, current: Filter, dataset: Dataset) -> None:
        super().__init__()
        self.current = current
        self.dataset = dataset

    def compose(self) -> ComposeResult:
        f = self.current
        claims = self.dataset.claims
        counts = {
            name: claims[name].astype(object).value_counts().to_dict()
            for name in ("claimant", "category", "quantity")
        }
        claimants = sorted(
            (Choice(str(cid), f"{row['short']} \u00b7 {row['name']}" if row["short"] != row["name"]
                    else str(row["name"]), counts["claimant"].get(cid, 0))
             for cid, row in self.dataset.claimants.iterrows()),
            key=lambda c: c.label.casefold(),
        )  # fmt: skip
        quantities = sorted(
            (Choice(str(qid), f"{row['short']} \u00b7 {row['label']}",
                    counts["quantity"].get(qid, 0))
             for qid, row in self.dataset.quantities.iterrows()),
            key=lambda c: c.label.casefold(),
        )  # fmt: skip
        categories = [Choice(c, c, counts["category"].get(c, 0)) for c in CATEGORIES]
        with Vertical(id="filter-dialog"):
            yield Static(
                "Filter claims: type to find, space ticks, enter ticks only this; "
                "none ticked = all",
                id="filter-title",
            )
            with Horizontal(id="filter-lists"):
                yield CheckList(claimants, f.claimants, title="claimants", id="filter-claimants")
                yield CheckList(categories, f.categories, title="categories",
                                id="filter-categories")  # fmt: skip
                yield CheckList(quantities, f.quantities, title="quantities",
                                id="filter-quantities")  # fmt: skip
            with Horizontal(id="filter-dates"):
                yield Label("said from")
                yield Input(_iso(f.said_from), placeholder="YYYY[-MM[-DD]]", id="filter-from")
                yield Label("to")
                yield Input(_iso(f.said_to), placeholder="YYYY[-MM[-DD]]", id="filter-to")
            with Horizontal(id="filter-known"):
                yield Label("known on")
                yield Input(_iso(f.known_on), placeholder="YYYY[-MM[-DD]]",
                            id="filter-known-on")  # fmt: skip
                yield TickBox("latest only", f.latest_only, id="filter-latest",
                               tooltip="Each claimant's latest figure per quantity")  # fmt: skip
            with Horizontal(id="filter-grades"):
                yield Label("sources graded")
                yield Input(grade_letters(f.reliability).replace(", ", ""), placeholder="e.g. A-B",
                            id="filter-reliability")  # fmt: skip
                yield Label("hide credibility")
                yield Input(grade_digits(f.hide_credibility).replace(", ", ""),
                            placeholder="e.g. 4-5", id="filter-credibility")  # fmt: skip
            with Horizontal(id="filter-text-row"):
                yield Label("text")
                yield Input(f.text, placeholder="words in summary, key phrase, claimant, notes",
                            id="filter-text")  # fmt: skip
            yield Static("", id="filter-error")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#filter-claimants").focus()

    def _chosen(self) -> Filter | None:
        error = self.query_one("#filter-error", Static)
        try:
            said_from = typed_day(self.query_one("#filter-from", Input).value, end=False)
            said_to = typed_day(self.query_one("#filter-to", Input).value, end=True)
            known_on = typed_day(self.query_one("#filter-known-on", Input).value, end=True)
        except ValueError as exc:
            error.update(plain(f"Date: {exc}"))
            return None
        try:
            reliability = parse_reliability(self.query_one("#filter-reliability", Input).value)
            hidden = parse_credibility(self.query_one("#filter-credibility", Input).value)
        except ValueError as exc:
            error.update(plain(f"Grades: {exc}"))
            return None
        if said_from and said_to and said_from > said_to:
            error.update("The start date is after the end date.")
            return None
        return Filter(
            claimants=self.query_one("#filter-claimants", CheckList).selected,
            categories=self.query_one("#filter-categories", CheckList).selected,
            quantities=self.query_one("#filter-quantities", CheckList).selected,
            said_from=said_from,
            said_to=said_to,
            text=self.query_one("#filter-text", Input).value.strip(),
            known_on=known_on,
            latest_only=self.query_one("#filter-latest", Checkbox).value,
            reliability=reliability,
            hide_credibility=hidden,
        )

    def action_apply(self) -> None:
        chosen = self._chosen()
        if chosen is not None:
            self.dismiss(chosen)

    def action_reset(self) -> None:
        self.dismiss(Filter())

    def action_cancel(self) -> None:
        focused = self.focused
        if isinstance(focused, CheckList) and focused.find:  # escape first clears the find
            focused.clear_find()
            return
        self.dismiss(None)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_apply()


def _iso(day: _dt.date | None) -> str:
    return day.isoformat() if day else ""


