"""The record as it stood on a date, with what the analysis says of each claim.

The dashboard's filter worker builds one `Record` per filter: the claims
known on the filter's date (all of them when it has none), each annotated
with its place in its claimant's sequence (`revisions.py`) and whether it is
contested (`contested.py`), and the milestones to mark on the charts. The
other narrowing (claimants, categories, text, latest only) is applied to
`Record.claims` afterwards, so a claim contested on the record stays marked
when the analyst looks at one claimant alone.
"""

from __future__ import annotations

import datetime as _dt
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .contested import contested_flags
from .formatting import text
from .grades import suggest
from .intervals import with_intervals
from .revisions import revisions
from .timeline import middle
from .tolerances import DEFAULT, Tolerances

if TYPE_CHECKING:
    from .load import Dataset

def annotate(claims: pd.DataFrame, tolerances: Tolerances = DEFAULT) -> pd.DataFrame:
    """The claims with the analysis' columns added: `latest`, `revises`,
    `revised_by`, `change`, `position`, `stands` (`revisions.py`), `contested`, and the
    credibility the record suggests (`grades.py`: `suggested`, with the
    counts of other origins that `agree` and `disagree`) and the one shown
    (`credibility_shown`: the analyst's grade, else the suggestion)."""
    found = revisions(claims)
    suggested = suggest(claims, tolerances)
    given = claims["credibility"].to_numpy(dtype="float64", na_value=np.nan)
    shown = np.where(np.isnan(given), suggested.grade, given).astype(np.int8)
    return claims.assign(
        latest=found["latest"].to_numpy(),
        revises=found["revises"].to_numpy(),
        revised_by=found["revised_by"].to_numpy(),
        change=found["change"].to_numpy(),
        position=found["position"].to_numpy(),
        stands=found["stands"].to_numpy(),
        contested=contested_flags(claims, tolerances, found["stands"].to_numpy()),
        suggested=suggested.grade,
        agree=suggested.agree,
        disagree=suggested.disagree,
        credibility_shown=shown,
    )


@dataclass(frozen=True)
class Milestone:
    """A dated event drawn as a labelled vertical line."""

    claim_id: str  # the first claim (by id) that reports it
    label: str
    at: float  # fractional year
    date: str  # as the chart labels it
    #: How many claims report it (the same label on the same date).
    reports: int = 1


def milestones(claims: pd.DataFrame) -> tuple[Milestone, ...]:
    """The events the claims flag as `milestone`, in date order, placed at the
    middle of their period's start (else of when they were said). The claims
    that report one event (the same label, whatever its spacing and case, on
    the same date) are one milestone: a treaty relayed by 250 outlets is one
    line on a chart and one entry in its legend."""
    if "milestone" not in claims:
        return ()
    fields = ["id", "milestone", "period_start", "period_start_precision", "stated_on",
              "stated_on_precision"]  # fmt: skip
    flagged = claims.loc[claims["milestone"].notna().to_numpy(), fields]
    if flagged.empty:
        return ()
    from .formatting import short_date

    start = middle(flagged["period_start"], flagged["period_start_precision"])
    said = middle(flagged["stated_on"], flagged["stated_on_precision"])
    at = np.where(np.isnan(start), said, start)
    events: dict[tuple[str, float, str], list[Milestone]] = {}
    for i, row in enumerate(flagged.itertuples(index=False)):
        if np.isnan(at[i]):
            continue
        dated = not pd.isna(row.period_start)
        date = (short_date(row.period_start, row.period_start_precision) if dated
                else short_date(row.stated_on, row.stated_on_precision))  # fmt: skip
        label = text(row.milestone)
        key = (" ".join(label.split()).casefold(), float(at[i]), date)
        events.setdefault(key, []).append(Milestone(str(row.id), label, float(at[i]), date))
    out = []
    for reports in events.values():
        first = min(reports, key=lambda m: m.claim_id)
        out.append(Milestone(first.claim_id, first.label, first.at, first.date, len(reports)))
    return tuple(sorted(out, key=lambda m: (m.at, m.claim_id)))


@dataclass(frozen=True)
class Record:
    """What was on the record on `known_on` (None: everything), annotated."""

    dataset: Dataset
    claims: pd.DataFrame
    known_on: _dt.date | None = None
    tolerances: Tolerances = DEFAULT
    #: Milestones to draw (empty when the analyst turned them off).
    milestones: tuple[Milestone, ...] = field(default=())
    #: The last day by which the newest claim on the whole record was said.
    newest: _dt.date | None = None

    @property
    def claimants(self) -> pd.DataFrame:
        return self.dataset.claimants

    @property
    def sources(self) -> pd.DataFrame:
        return self.dataset.sources

    @property
    def quantities(self) -> pd.DataFrame:
        return self.dataset.quantities


#: (claims frame id, date, tolerances) -> (that frame, its annotated record).
#: The frame is kept so that its id cannot be reused by another.
_lock = threading.Lock()
_prepared: dict[tuple[int, Tolerances], tuple[pd.DataFrame, pd.DataFrame, _dt.date | None]] = {}


def prepared(claims: pd.DataFrame, tolerances: Tolerances) -> pd.DataFrame:
    """The claims with their intervals and time slots (`intervals.with_intervals`),
    computed once per table and tolerances: they do not change with the filter."""
    return _prepare(claims, tolerances)[0]


def _prepare(claims: pd.DataFrame, tolerances: Tolerances) -> tuple[pd.DataFrame, _dt.date | None]:
    """`prepared`, and the last day by which the newest claim was certainly said
    (where `[` starts stepping back from), both once per table."""
    from .filters import stated_last_day

    key = (id(claims), tolerances)
    kept = _prepared.get(key)
    if kept is not None and kept[0] is claims:
        return kept[1], kept[2]
    out = with_intervals(claims, tolerances)
    days = stated_last_day(claims)
    days = days[~np.isnat(days)]
    newest = days.max().item() if len(days) else None
    with _lock:
        _prepared.clear()  # one table at a time
        _prepared[key] = (claims, out, newest)
    return out, newest


_memo: dict[tuple[int, _dt.date | None, Tolerances], tuple[pd.DataFrame, pd.DataFrame]] = {}


def record_for(
    dataset: Dataset,
    known_on: _dt.date | None = None,
    *,
    show_milestones: bool = True,
) -> Record:
    """The record on a date, annotated (the last few dates' results are kept)."""
    from .filters import known_mask

    tolerances = getattr(dataset, "tolerances", DEFAULT)
    key = (id(dataset.claims), known_on, tolerances)
    kept = _memo.get(key)
    annotated = kept[1] if kept is not None and kept[0] is dataset.claims else None
    claims, newest = _prepare(dataset.claims, tolerances)
    if annotated is None:
        if known_on is not None:
            claims = claims[known_mask(claims, known_on)]
        annotated = annotate(claims, tolerances)
        with _lock:  # filter workers replaced by newer ones may still be here
            while len(_memo) >= 4:
                _memo.pop(next(iter(_memo)), None)
            _memo[key] = (dataset.claims, annotated)
    marks = milestones(annotated) if show_milestones else ()
    return Record(dataset, annotated, known_on, tolerances, marks, newest)


__all__ = ["Milestone", "Record", "annotate", "milestones", "prepared",
           "record_for"]  # fmt: skip
