"""The casualties chart: bars side by side, one group per claimant and date,
one bar per claim, each quantity with its fixed fill and colour.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import domain
from ..formatting import claim_number, is_derived, plural, short_date
from ..grades import low_grades
from ..record import Milestone
from ..timeline import about_when
from .reading import as_float, bound_of, contested_flags, numbered


@dataclass(frozen=True)
class Bar:
    """One claim as a bar: its quantity's fill, its number and qualifier."""

    claim_id: str
    quantity: str
    value: float
    qualifier: str
    bound: str | None
    derived: bool
    low: float | None
    high: float | None
    label: str
    contested: bool = False
    #: A low grade: drawn faint (`grades.low_grade`).
    low_grade: bool = False


@dataclass(frozen=True)
class BarGroup:
    """The bars of one claimant at one date, labelled with the date that orders them."""

    label: str
    at: float
    claimant: str
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class Series:
    """A quantity's bars: its name, fill and colour, fixed for the quantity."""

    quantity: str
    label: str
    fill: str
    color: str


@dataclass(frozen=True)
class CasualtiesChartData:
    title: str
    #: The latest groups (at most CASUALTY_GROUPS_KEPT), oldest first.
    groups: tuple[BarGroup, ...]
    series: tuple[Series, ...]
    summary: str
    y_top: float
    #: How many groups and claims there are in all, kept or not.
    total_groups: int = 0
    total_claims: int = 0
    #: Dated events, drawn as vertical lines between the groups they fall between.
    milestones: tuple[Milestone, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.groups

    def window(self, most: int) -> tuple[tuple[BarGroup, ...], str]:
        """The latest `most` groups and what that shows of the whole."""
        shown = self.groups[-max(most, 1) :]
        if len(shown) == self.total_groups:
            return shown, self.summary
        claims = sum(len(g.bars) for g in shown)
        return shown, (
            f"the latest {len(shown)} of {self.total_groups:,} claimant-dates, {claims} of "
            f"{self.total_claims:,} claims (wider: more; the table: all)"
        )


def casualty_series(quantities: Iterable[str], labels: dict[str, str]) -> list[Series]:
    """Series in their fixed order, with fills and colours fixed per quantity."""
    present = set(quantities)
    ordered = [q for q in domain.CASUALTY_ORDER if q in present]
    spare = sorted(present - set(ordered))
    series = [Series(q, labels.get(q, q), domain.CASUALTY_FILLS[q], domain.CASUALTY_COLORS[q])
              for q in ordered]  # fmt: skip
    for i, q in enumerate(spare):
        series.append(Series(q, labels.get(q, q), domain.SPARE_FILLS[i % len(domain.SPARE_FILLS)],
                             domain.SPARE_COLORS[i % len(domain.SPARE_COLORS)]))  # fmt: skip
    return series


#: Groups of bars kept for drawing: more than any terminal is wide enough for.
CASUALTY_GROUPS_KEPT = 60


def casualties_chart(
    claims: pd.DataFrame, milestones: Iterable[Milestone] = ()
) -> CasualtiesChartData:
    """Bars side by side, one group per claimant and date, one bar per claim,
    groups in the order of the date that labels them (a second claim of the
    same quantity by the same claimant on the same date starts a group of its
    own). The chart shows the latest groups that fit (`window`) and says so."""
    cas = numbered(claims[(claims["chart"] == "casualties").to_numpy()])
    if cas.empty:
        return CasualtiesChartData("NK casualties: no numbers to chart", (), (), "", 1.0)
    x0, _ = about_when(cas)
    frame = pd.DataFrame({
        "at": x0,
        "claimant": cas["claimant"].cat.codes.to_numpy(),
        "quantity": cas["quantity"].astype(object).to_numpy(),
        "id": cas["id"].astype(object).to_numpy(),
        "row": np.arange(len(cas)),
    })  # fmt: skip
    undated = int(np.isnan(x0).sum())
    frame = frame[~np.isnan(x0)].sort_values(["at", "claimant", "quantity", "id"], kind="stable")
    frame["k"] = frame.groupby(["claimant", "at", "quantity"], sort=False).cumcount()
    keys = frame[["at", "claimant", "k"]].drop_duplicates().sort_values(["at", "claimant", "k"])
    total_groups = len(keys)
    kept = frame.merge(keys.tail(CASUALTY_GROUPS_KEPT), on=["at", "claimant", "k"])
    kept = kept.sort_values(["at", "claimant", "k", "quantity", "id"], kind="stable")
    # The few kept claims as plain values, read once (not a pandas call per bar).
    sub = cas.iloc[kept["row"].to_numpy()]
    fields = ("id", "quantity", "best", "qualifier", "value", "low", "high", "inferred",
              "claimant", "claimant_short", "as_of", "as_of_precision", "stated_on",
              "stated_on_precision")  # fmt: skip
    values = {f: sub[f].astype(object).to_numpy() for f in fields}
    hits = contested_flags(sub)
    weak = low_grades(sub)
    groups: list[BarGroup] = []
    bars: list[Bar] = []
    previous: tuple | None = None
    first: dict = {}
    for i, key in enumerate(zip(kept["at"], kept["claimant"], kept["k"])):
        if key != previous and bars:
            groups.append(_bar_group(previous[0], first, bars))  # type: ignore[index]
            bars = []
        if key != previous:
            first = {f: values[f][i] for f in fields}
            previous = key
        q = str(values["qualifier"][i])
        derived = is_derived(values["inferred"][i])
        low, high, value = values["low"][i], values["high"][i], values["value"][i]
        bars.append(Bar(str(values["id"][i]), str(values["quantity"][i]), float(values["best"][i]),
                        q, bound_of(q), derived, as_float(low), as_float(high),
                        claim_number(q, value, low, high, compact=True, derived=derived),
                        bool(hits[i]), bool(weak[i])))  # fmt: skip
    if bars:
        groups.append(_bar_group(previous[0], first, bars))  # type: ignore[index]
    summary = f"every claim with a number: {plural(len(frame), 'claim')}"
    if undated:
        summary += f"; {undated:,} undated are in the table only"
    labels = dict(zip(cas["quantity"].astype(object), cas["quantity_short"].astype(object)))
    used = [b.quantity for g in groups for b in g.bars]
    series = casualty_series(used, {k: str(v) for k, v in labels.items()})
    top = max((b.high or b.value for g in groups for b in g.bars), default=1.0)
    return CasualtiesChartData("NK casualties by claimant and date (one bar per claim)",
                               tuple(groups), tuple(series), summary, top * 1.12 or 1.0,
                               total_groups, len(frame), tuple(milestones))  # fmt: skip


def _bar_group(at: float, first: dict, bars: list[Bar]) -> BarGroup:
    """A group labelled with its claimant and the date that orders it."""
    date = short_date(first["as_of"], first["as_of_precision"]) or short_date(
        first["stated_on"], first["stated_on_precision"]
    )
    return BarGroup(
        f"{first['claimant_short']} {date}", float(at), str(first["claimant"]), tuple(bars)
    )
