"""Where independent origins disagree about a number.

A claim's **origin** is the claimant whose information it is: the claimant
it `relays`, else its own claimant. Claims of one origin are one voice
however many report them, so a lawmaker passing on the NIS and the NIS
itself never confirm or contest each other.

For each quantity (and each part of it: a figure of one engagement, unit,
region, place or stretch of time is compared only with figures of the same
part, `intervals.compare_groups`) and each time the figures can be compared at (a month for
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

from .intervals import _SPAN, compare_groups, gap, intervals_of, slot_label
from .timeline import said_order
from .tolerances import DEFAULT, Tolerances


@dataclass(frozen=True)
class Comparable:
    """The figures that can be compared: each origin's latest per quantity and time."""

    rows: np.ndarray  # positions in the claims frame
    quantity: np.ndarray  # (quantity, part) codes: `intervals.compare_groups`
    slot: np.ndarray
    origin: np.ndarray  # origin codes
    lo: np.ndarray
    hi: np.ndarray


def comparable(claims: pd.DataFrame, tolerances: Tolerances = DEFAULT,
               at: np.ndarray | None = None) -> Comparable:  # fmt: skip
    """Each origin's latest figure for each quantity and time slot, sorted by
    (quantity, slot); of the claims at positions `at` only, if given (`rows`
    are then positions in `at`)."""
    lo, hi, slot = intervals_of(claims, tolerances)
    quantity = compare_groups(claims)  # a part is compared with the same part only
    origin = np.asarray(claims["origin"].array.codes)
    said = said_order(claims, at)
    if at is not None:
        lo, hi, slot, quantity, origin = (a[at] for a in (lo, hi, slot, quantity, origin))
    quantity, origin = quantity.astype(np.int64), origin.astype(np.int64)
    ok = np.flatnonzero((quantity >= 0) & (slot >= 0) & ~np.isnan(lo) & (origin >= 0))
    # One int64 key for (quantity, slot, origin): slots counted from the first
    # (months, or month pairs for periods, so the key stays far below 2**63).
    slot_off = slot[ok] - slot[ok].min(initial=0)
    origins = int(origin.max(initial=0)) + 1
    key = (quantity[ok] * (int(slot_off.max(initial=0)) + 1) + slot_off) * origins + origin[ok]
    # lexsort is stable: file order breaks ties, after the claim that stands
    # for a statement entered more than once (`revisions.py`), which comes last.
    stands = (claims["stands"].to_numpy(dtype=bool) if "stands" in claims
              else np.ones(len(claims), dtype=bool))  # fmt: skip
    if at is not None:
        stands = stands[at]
    order = ok[np.lexsort((stands[ok], said[ok], key))]
    q, s, o = quantity[order], slot[order], origin[order]
    last = np.ones(len(order), dtype=bool)  # the last of each (quantity, slot, origin)
    last[:-1] = (q[1:] != q[:-1]) | (s[1:] != s[:-1]) | (o[1:] != o[:-1])
    rows = order[last]
    return Comparable(rows, quantity[rows], slot[rows], origin[rows], lo[rows], hi[rows])


#: Most (quantity, time, origin) cells worked as a dense array; beyond, a sort.
DENSE_CELLS = 4_000_000


def contested_flags(claims: pd.DataFrame, tolerances: Tolerances = DEFAULT,
                    stands: np.ndarray | None = None) -> np.ndarray:  # fmt: skip
    """Per claim: True where it contradicts another origin's figure for the
    same quantity and time (see the module). Of an origin's figures said at
    the same time, the one that `stands` for its statement (`revisions.py`)
    is taken, else the last in the files.

    Runs on every filter change over the whole record, so it avoids sorting:
    (quantity, time, origin) is made a dense cell number and each cell's
    latest figure, and each (quantity, time)'s highest low and lowest high,
    are gathered with scatter-max/min in one pass each."""
    flags = np.zeros(len(claims), dtype=bool)
    lo, hi, slot = intervals_of(claims, tolerances)
    quantity = compare_groups(claims)  # a part is compared with the same part only
    origin = np.asarray(claims["origin"].cat.codes, dtype=np.int64)
    ok = np.flatnonzero((quantity >= 0) & (slot >= 0) & ~np.isnan(lo) & (origin >= 0))
    if not len(ok):
        return flags
    start, end = np.divmod(slot[ok], _SPAN)
    starts = int(start.max() - start.min()) + 1
    ends = int(end.max() - end.min()) + 1
    quantities = int(quantity[ok].max()) + 1
    origins = int(origin[ok].max()) + 1
    times = quantities * starts * ends
    if times * origins > DENSE_CELLS:  # a very wide spread of periods: sort instead
        if stands is not None and "stands" not in claims:
            claims = claims.assign(stands=stands)
        return _flags_sorted(claims, tolerances, flags)
    when = (quantity[ok] * starts + (start - start.min())) * ends + (end - end.min())
    cell = when * origins + origin[ok]
    said = said_order(claims)[ok]
    # Each origin's latest figure per (quantity, time); ties: the last in the files.
    latest = np.full(times * origins, -np.inf)
    np.maximum.at(latest, cell, said)
    newest = said == latest[cell]
    row = np.full(times * origins, -1, dtype=np.int64)
    tied = np.flatnonzero(newest)
    if stands is None and "stands" in claims:
        stands = claims["stands"].to_numpy(dtype=bool)
    preferred = tied + (stands[ok][tied].astype(np.int64) * len(ok) if stands is not None else 0)
    np.maximum.at(row, cell[newest], preferred)
    chosen = row[row >= 0] % len(ok)
    # Over those latest figures: the highest low and lowest high per (quantity, time).
    max_lo = np.full(times, -np.inf)
    min_hi = np.full(times, np.inf)
    np.maximum.at(max_lo, when[chosen], lo[ok][chosen])
    np.minimum.at(min_hi, when[chosen], hi[ok][chosen])
    w = when[chosen]
    hit = (hi[ok][chosen] < max_lo[w]) | (lo[ok][chosen] > min_hi[w])
    flags[ok[chosen[hit]]] = True
    return flags


def _flags_sorted(claims: pd.DataFrame, tolerances: Tolerances, flags: np.ndarray) -> np.ndarray:
    """The same flags, through a sort of the comparable figures."""
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
    #: The two figures as the claims word them ("about 300", "at least 1,000").
    low_number: str = ""
    high_number: str = ""


def disagreements(
    claims: pd.DataFrame,
    quantity: str,
    tolerances: Tolerances = DEFAULT,
    *,
    most: int | None = None,
    involving: object = None,
    at: np.ndarray | None = None,
) -> tuple[list[Disagreement], int]:
    """The disagreeing pairs of origins' figures about one quantity, latest
    time first: at most `most` of them (only those of the claim at index
    label `involving`, if given), and how many there are in all. `at`, if
    given, are the positions of the quantity's claims in `claims`: they are
    read where they are, not copied."""
    from .formatting import claim_number, is_derived

    if at is None:
        at = np.flatnonzero((claims["quantity"] == quantity).to_numpy())
    if not len(at):
        return [], 0
    c = comparable(claims, tolerances, at)
    if not len(c.rows):  # nothing about this quantity can be compared
        return [], 0
    origins = list(claims["origin"].cat.categories)
    only = None
    if involving is not None:
        hits = np.flatnonzero(at == claims.index.get_loc(involving))
        if not len(hits):
            return [], 0
        only = int(hits[0])
    pairs: list[tuple[int, int, int]] = []  # (slot, lower, upper) positions in c
    total = 0
    order = np.lexsort((c.slot,))[::-1]  # latest time first
    bounds = np.flatnonzero(np.r_[True, c.slot[order][1:] != c.slot[order][:-1], True])
    for first, last in zip(bounds[:-1], bounds[1:]):
        here = order[first:last]
        if only is not None:
            here_rows = c.rows[here]
            if only not in here_rows:
                continue
        # A figure disagrees with every figure whose low end is above its high end:
        # counted by a binary search, listed only while more are wanted.
        low_ends = np.sort(c.lo[here])
        above = len(here) - np.searchsorted(low_ends, c.hi[here], side="right")
        if only is not None:
            mine = here[c.rows[here] == only][0]
            partners = [(int(a), int(mine)) for a in here if c.hi[a] < c.lo[mine]]
            partners += [(int(mine), int(b)) for b in here if c.lo[b] > c.hi[mine]]
            total += len(partners)
            pairs.extend((int(c.slot[mine]), a, b) for a, b in partners)
            continue
        total += int(above.sum())
        if most is not None and len(pairs) >= most:
            continue
        slot = int(c.slot[here[0]])
        for a, n in zip(here, above):
            if n:
                pairs.extend((slot, int(a), int(b)) for b in here[c.lo[here] > c.hi[a]])
    pairs = pairs[:most] if most is not None else pairs
    if not pairs:
        return [], total
    used = sorted({c.rows[i] for _, a, b in pairs for i in (a, b)})
    part = {name: claims[name].array.take(at[used])
            for name in ("id", "best", "qualifier", "value", "low", "high", "inferred")}
    at = {row: i for i, row in enumerate(used)}
    ids = np.asarray(part["id"], dtype=object)
    best = part["best"].to_numpy(dtype=float, na_value=np.nan)
    words = [claim_number(q, v, lo, hi, derived=is_derived(inf)) for q, v, lo, hi, inf in zip(
        np.asarray(part["qualifier"], dtype=object), part["value"], part["low"], part["high"],
        part["inferred"])]  # fmt: skip
    found: list[Disagreement] = []
    for slot, a, b in pairs:
        i, j = at[c.rows[a]], at[c.rows[b]]
        ratio = best[j] / best[i] if best[i] else float("inf")
        found.append(Disagreement(
            slot_label(slot), str(ids[i]), str(ids[j]), str(origins[c.origin[a]]),
            str(origins[c.origin[b]]), gap(c.lo[a], c.hi[a], c.lo[b], c.hi[b]), float(ratio),
            words[i], words[j],
        ))  # fmt: skip
    return found, total
