"""What the dashboard shows, as one immutable value.

The pipeline (`tui.pipeline`) publishes a new `BoardState` with each result
(the data loaded, a filter applied, the revision seen before); screens read
the one they were given or the latest one published, and never the
dashboard. Each state is frozen: a worker that took one keeps a consistent
set of dataset, record and filtered claims whatever happens meanwhile.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    import pandas as pd

    from .claims import Dataset
    from .claims.filters import Filter
    from .claims.record import Record


@dataclass(frozen=True, eq=False)
class BoardState:
    """The current results of loading and filtering."""

    data_dir: str
    use_cache: bool = True
    dataset: Dataset | None = None
    #: The filter in force (the one `filtered` was cut with).
    filter: Filter | None = None
    filtered: pd.DataFrame | None = None
    #: The record on the filter's known-on date (the filtered claims are cut from it).
    record: Record | None = None
    #: The git revision of the data seen when the app was last opened here
    #: (`d` compares with it); None until known, or never seen.
    seen_before: str | None = None
    #: Milestones drawn on the charts (`m`): a view option, not part of the filter.
    show_milestones: bool = True
    #: The filter generation `filter` and `filtered` belong to.
    generation: int = 0

    def names(self) -> dict[str, str]:
        """Claimants' and quantities' short names, to say a filter in words."""
        if self.dataset is None:
            return {}
        from .claims.filters import vocabulary_names

        return vocabulary_names(self.dataset.claimants, self.dataset.quantities)


@runtime_checkable
class ShowsBoard(Protocol):
    """A screen that shows the board's state (the palette finds it under itself)."""

    @property
    def state(self) -> BoardState: ...
