"""A claimant's figures for one quantity in the order it gave them.

When a claimant gives a new figure for a quantity it gave before, the new
claim revises the old. Figures of a per-period quantity (a wave, a year's
supply) revise only a figure for the same period: a figure for another
period is news, not a revision. A figure of one part of a quantity (one
engagement, unit, region, place or stretch of time: its `extent`) revises
only a figure of the same part, and is never a revision of the total, nor
the total of it: "at least 30 in a two-day engagement" and "about 4,000 in
all" are two sequences. Claims are ordered by when they were said
(the middle of a reduced-precision date, as everywhere), then as they stand
in the files; an
undated claim comes before the dated ones of its claimant.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .intervals import compare_groups, per_period, time_slots
from .timeline import said_order


def sequence_keys(claims: pd.DataFrame) -> np.ndarray:
    """The sequence each claim belongs to: claimant, quantity and part
    (`intervals.compare_groups`) and, for per-period figures, the period; -1
    for claims that count nothing."""
    claimant = np.asarray(claims["claimant"].cat.codes, dtype=np.int64)
    quantity = compare_groups(claims)
    per = per_period(claims)
    # Period slots are compressed to small codes so the key fits in an int64.
    period_code = np.zeros(len(claims), dtype=np.int64)
    if per.any():
        slots = claims["slot"].to_numpy()[per] if "slot" in claims else time_slots(claims[per])
        period_code[per] = np.unique(slots, return_inverse=True)[1].ravel() + 1
    key = (claimant * (int(quantity.max(initial=0)) + 2) + quantity) * (
        int(period_code.max(initial=0)) + 1
    ) + period_code
    return np.where(quantity >= 0, key, -1)


def _order(claims: pd.DataFrame, key: np.ndarray) -> np.ndarray:
    return np.lexsort((said_order(claims), key))  # stable: the files' order breaks ties


def revisions(claims: pd.DataFrame) -> pd.DataFrame:
    """For each claim (same index): `latest` (no later figure in its sequence;
    True for claims that count nothing), `revises` and `revised_by` (the index
    labels of the figures before and after it, -1 for none: labels, not ids,
    so that 100,000 claims need no strings), `change` (its best value less the
    one before, where both exist) and `position` (1 for the first figure of
    its sequence)."""
    n = len(claims)
    key = sequence_keys(claims)
    order = _order(claims, key)
    k = key[order]
    labels = claims.index.to_numpy(dtype=np.int64)[order]
    best = claims["best"].to_numpy(dtype=float, na_value=np.nan)[order]
    same_prev = np.zeros(n, dtype=bool)
    same_prev[1:] = (k[1:] == k[:-1]) & (k[1:] >= 0)
    same_next = np.zeros(n, dtype=bool)
    same_next[:-1] = same_prev[1:]
    revises = np.full(n, -1, dtype=np.int64)
    revised_by = np.full(n, -1, dtype=np.int64)
    revises[1:] = np.where(same_prev[1:], labels[:-1], -1)
    revised_by[:-1] = np.where(same_next[:-1], labels[1:], -1)
    change = np.full(n, np.nan)
    change[1:] = np.where(same_prev[1:], best[1:] - best[:-1], np.nan)
    starts = np.flatnonzero(~same_prev)
    position = np.arange(n) - np.repeat(starts, np.diff(np.append(starts, n))) + 1
    out = np.empty(n, dtype=np.int64)
    out[order] = np.arange(n)  # each row's place in the sorted order
    return pd.DataFrame({
        "latest": ~same_next[out],
        "revises": revises[out],
        "revised_by": revised_by[out],
        "change": change[out],
        "position": position[out],
    }, index=claims.index)  # fmt: skip


def claim_id(claims: pd.DataFrame, label: int) -> str | None:
    """The id of the claim at an index label (`revises`, `revised_by`)."""
    if label is None or label < 0 or label not in claims.index:
        return None
    return str(claims.at[label, "id"])


def sequence(claims: pd.DataFrame, claim_id: str) -> pd.DataFrame:
    """Every figure in the sequence of `claim_id`, oldest first."""
    found = np.flatnonzero(claims["id"].to_numpy(dtype=object) == claim_id)
    if not len(found):
        return claims.iloc[0:0]
    key = sequence_keys(claims)
    mine = key[found[0]]
    if mine < 0:
        return claims.iloc[found[:1]]
    rows = claims[key == mine]
    return rows.iloc[_order(rows, key[key == mine])]
