"""Where independent origins disagree about a number.

A claim's **origin** is the claimant whose information it is: the claimant
it `relays`, else its own claimant. Claims of one origin are one voice
however many report them, so a lawmaker passing on the NIS and the NIS
itself never confirm or contest each other.

For each quantity and each time the figures can be compared at (a month for
levels and running totals, a period for per-period flows; `intervals.py`),
the latest figure of each origin is taken (a figure the origin revised in
the same month no longer speaks for it). Where no value fits all of those
figures' intervals, the figure is **contested**, and the claims flagged are
the ones that contradict another origin: a figure whose interval lies wholly
below another's, or wholly above. (For intervals, a value fits all exactly
when every two of them meet, so these are the claims in some disagreeing
pair.)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .intervals import claim_intervals, gap, meet, slot_label, time_slots
from .tolerances import DEFAULT, Tolerances


@dataclass(frozen=True)
class Comparable:
    """The figures that can be compared: each origin's latest per quantity and time."""

    rows: np.ndarray  # positions in the claims frame
    quantity: np.ndarray  # quantity codes
    slot: np.ndarray
    origin: np.ndarray  # origin codes
    lo: np.ndarray
    hi: np.ndarray


def comparable(claims: pd.DataFrame, tolerances: Tolerances = DEFAULT) -> Comparable:
    """Each origin's latest figure for each quantity and time slot, sorted by
    (quantity, slot)."""
    lo, hi = claim_intervals(claims, tolerances)
    slot = time_slots(claims)
    quantity = np.asarray(claims["quantity"].cat.codes, dtype=np.int64)
    origin = np.asarray(claims["origin"].cat.codes, dtype=np.int64)
    said = claims["said_at"].to_numpy(dtype=float)
    said = np.where(np.isnan(said), -np.inf, said)
    ok = np.flatnonzero((quantity >= 0) & (slot >= 0) & ~np.isnan(lo) & (origin >= 0))
    order = ok[np.lexsort((ok, said[ok], origin[ok], slot[ok], quantity[ok]))]
    q, s, o = quantity[order], slot[order], origin[order]
    last = np.ones(len(order), dtype=bool)  # the last of each (quantity, slot, origin)
    last[:-1] = (q[1:] != q[:-1]) | (s[1:] != s[:-1]) | (o[1:] != o[:-1])
    rows = order[last]
    return Comparable(rows, quantity[rows], slot[rows], origin[rows], lo[rows], hi[rows])


def contested_flags(claims: pd.DataFrame, tolerances: Tolerances = DEFAULT) -> np.ndarray:
    """Per claim: True where it contradicts another origin's figure for the
    same quantity and time (see the module)."""
    flags = np.zeros(len(claims), dtype=bool)
    c = comparable(claims, tolerances)
    if not len(c.rows):
        return flags
    starts = np.flatnonzero(
        np.concatenate([[True], (c.quantity[1:] != c.quantity[:-1]) | (c.slot[1:] != c.slot[:-1])])
    )
    sizes = np.diff(np.append(starts, len(c.rows)))
    max_lo = np.repeat(np.maximum.reduceat(c.lo, starts), sizes)
    min_hi = np.repeat(np.minimum.reduceat(c.hi, starts), sizes)
    flags[c.rows[(c.hi < max_lo) | (c.lo > min_hi)]] = True
    return flags


@dataclass(frozen=True)
class Disagreement:
    """Two origins' figures that no one value fits."""

    when: str  # the month or period they are about
    low_claim: str  # the claim whose interval lies below
    high_claim: str
    low_origin: str  # origin ids
    high_origin: str
    #: How far apart the two intervals are, in the quantity's unit.
    by: float
    #: The higher best value over the lower (inf when the lower is 0).
    ratio: float


def disagreements(
    claims: pd.DataFrame, quantity: str, tolerances: Tolerances = DEFAULT
) -> list[Disagreement]:
    """Every disagreeing pair of origins' figures about one quantity, latest
    time first."""
    rows = claims[(claims["quantity"] == quantity).to_numpy()]
    if rows.empty:
        return []
    c = comparable(rows, tolerances)
    ids = rows["id"].to_numpy(dtype=object)
    best = rows["best"].to_numpy(dtype=float, na_value=np.nan)
    origins = rows["origin"].cat.categories
    found: list[Disagreement] = []
    for slot in sorted(set(c.slot.tolist()), reverse=True):
        here = np.flatnonzero(c.slot == slot)
        for i, a in enumerate(here):
            for b in here[i + 1 :]:
                if meet(c.lo[a], c.hi[a], c.lo[b], c.hi[b]):
                    continue
                lower, upper = (a, b) if c.hi[a] < c.lo[b] else (b, a)
                low_best, high_best = best[c.rows[lower]], best[c.rows[upper]]
                ratio = high_best / low_best if low_best else float("inf")
                found.append(Disagreement(
                    slot_label(slot), str(ids[c.rows[lower]]), str(ids[c.rows[upper]]),
                    str(origins[c.origin[lower]]), str(origins[c.origin[upper]]),
                    gap(c.lo[a], c.hi[a], c.lo[b], c.hi[b]), float(ratio),
                ))  # fmt: skip
    return found
