"""Messages the workers post to the app."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    import pandas as pd

    from .claims import Dataset, Problem
    from .claims.filters import Filter
    from .panes.base import PaneData


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
    """The filter, the claims it keeps, and each pane's data for them."""

    filter: Filter
    claims: pd.DataFrame
    panes: dict[str, PaneData]
    seconds: float
