"""Messages: one per stage of loading and filtering, and the intents that
panes and screens post for the dashboard to route.

The pipeline: `LoadProgress`* → `DataLoaded` (or `LoadFailed`) →
`FilterApplied` (the filtered claims) → `PanePrepared` (one per pane, the
pane on screen first). Each filter change has a `generation`; a message from
an older generation is dropped.

Intents bubble from any widget or screen to the app, which hands them to the
dashboard (one handler per intent); nothing calls the app or the dashboard
directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from .claims import Dataset, Problem
    from .claims.filters import Filter
    from .claims.record import Record


@dataclass
class LoadProgress(Message):
    """Files and claims read so far."""

    files: int
    total: int
    claims: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, LoadProgress)


@dataclass
class DataLoaded(Message):
    dataset: Dataset


@dataclass
class LoadFailed(Message):
    problems: list[Problem]


@dataclass
class FilterApplied(Message):
    """The filter of one generation and the claims it keeps."""

    generation: int
    filter: Filter
    claims: pd.DataFrame
    seconds: float
    #: The record on the filter's known-on date, annotated (`claims` is cut from it).
    record: Record | None = None


@dataclass
class PanePrepared(Message):
    """One pane's data for the claims of one generation."""

    generation: int
    pane_id: str
    data: object


# -- intents ------------------------------------------------------------------


class Intent(Message):
    """Something the analyst asked for, routed by the dashboard."""


@dataclass
class OpenClaim(Intent):
    claim_id: str


@dataclass
class OpenSource(Intent):
    source_id: str
    paragraph: int | None = None


@dataclass
class ShowPane(Intent):
    pane_id: str


@dataclass
class FilterBy(Intent):
    """Add (or remove) one claimant, category or quantity; `only` keeps just it."""

    field: str
    value: str
    only: bool = False


@dataclass
class OpenQuantity(Intent):
    """Open the quantity view of one quantity."""

    quantity: str


@dataclass
class OpenFrequency(Intent):
    """Open "who says what": the claims counted by claimant and quantity,
    category or month said."""


@dataclass
class ShowFiltered(Intent):
    """Set the filter and show the dashboard with what it keeps (enter on a
    cell of "who says what"); `note`, if any, is said in a toast."""

    filter: Filter
    note: str = ""


@dataclass
class FilterOnValue(Intent):
    """Narrow the filter to one claim's value in a table column: `keys` are
    the frame columns the table's column sorts by, `label` its heading."""

    claim_id: str
    keys: tuple[str, ...]
    label: str


@dataclass
class AskKnownOn(Intent):
    """Ask the analyst for the known-on date of the filter."""


@dataclass
class ShowMilestones(Intent):
    """Draw milestone lines on the charts, or not."""

    show: bool


@dataclass
class SetFilter(Intent):
    filter: Filter


@dataclass
class ClearFilter(Intent):
    pass


@dataclass
class ToggleLatestOnly(Intent):
    """Only each claimant's latest figure per quantity, or every figure again (`n`)."""


@dataclass
class StepKnownOn(Intent):
    """Move the known-on date `months` back or forward (`[` and `]`)."""

    months: int


@dataclass
class CopyCitation(Intent):
    claim_id: str


@dataclass
class ExportClaims(Intent):
    """Write claims to a file the analyst names: the rows of `claims` at
    positions `order` (all of them, in their order, when None), taken in
    the worker that writes them; `what` says what they are ("Troops")."""

    claims: pd.DataFrame
    order: np.ndarray | None
    what: str
    #: A word for the default file name ("troops", "killed_or_wounded").
    name: str = "claims"


@dataclass
class SaveChart(Intent):
    """Save this chart (a `widgets.charts.Chart` on screen) as SVG in a
    directory the analyst names."""

    chart: object
    what: str


class OpenDigest(Intent):
    """Show what changed in the record since the revision last seen."""
