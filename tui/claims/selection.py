"""The claims a filter keeps, as the dashboard computes them, for commands
that run without it (`export`, `brief`): one path, so the command line and
the app never disagree about what a filter keeps."""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING

from .filters import Filter

if TYPE_CHECKING:
    import pandas as pd

    from .load import Dataset
    from .record import Record


def select(dataset: Dataset, chosen: Filter) -> tuple[Record, pd.DataFrame]:
    """The record on the filter's known-on date (annotated) and the claims
    the filter keeps of it, in file order."""
    from .record import record_for

    record = record_for(dataset, chosen.known_on, show_milestones=False)
    return record, chosen.apply(record.claims, known=True)


class FilterError(ValueError):
    """A filter given on the command line names something the data lacks."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def build_filter(
    dataset: Dataset,
    *,
    categories: list[str] = (),  # type: ignore[assignment]
    claimants: list[str] = (),  # type: ignore[assignment]
    quantities: list[str] = (),  # type: ignore[assignment]
    since: str | None = None,
    until: str | None = None,
    known_on: str | None = None,
    latest: bool = False,
    text: str = "",
) -> Filter:
    """A `Filter` from command-line words; raise FilterError naming every
    word that is not a category, claimant or quantity id of the data, or
    not a date. Dates are partial (`2025`, `2025-03`, `2025-03-27`): `since`
    starts at the first day, `until` and `known_on` end at the last."""
    from . import schema
    from .dates import typed_day

    problems: list[str] = []

    def ids(kind: str, given: list[str], known: object) -> frozenset[str]:
        words = {w.strip() for item in given for w in item.split(",") if w.strip()}
        unknown = sorted(w for w in words if w not in known)  # type: ignore[operator]
        if unknown:
            names = sorted(map(str, known))  # type: ignore[call-overload]
            shown = ", ".join(names[:12]) + (f" and {len(names) - 12} more" if len(names) > 12
                                             else "")  # fmt: skip
            problems.append(f"--{kind}: not in the data: {', '.join(unknown)} (known: {shown})")
        return frozenset(words)

    def day(option: str, value: str | None, *, end: bool) -> _dt.date | None:
        try:
            return typed_day(value or "", end=end)
        except ValueError as error:
            problems.append(f"--{option}: {error}")
            return None

    chosen = Filter(
        categories=ids("category", categories, schema.CATEGORIES),
        claimants=ids("claimant", claimants, set(dataset.claimants.index)),
        quantities=ids("quantity", quantities, set(dataset.quantities.index)),
        said_from=day("since", since, end=False),
        said_to=day("until", until, end=True),
        known_on=day("known-on", known_on, end=True),
        latest_only=latest,
        text=(text or "").strip(),
    )
    if problems:
        raise FilterError(problems)
    return chosen
