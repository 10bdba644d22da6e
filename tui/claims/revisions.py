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

A claim is never a revision of a claim of the same statement: the
claimant's figures said on the same day (both dates to the day) are one
statement entered more than once (`statements.py`; `check` warns), and
they are one step of the sequence. None of them revises another; together
they revise the step before and are revised by the step after, and all of
the last step are the claimant's latest. The most cautious of them (the
widest interval, then the weakest qualifier) **stands** for the statement:
it is the figure the step before is compared with (`change`), the one the
next step names as revised, and the one the current picture shows.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import ids
from .intervals import claim_intervals, compare_groups, per_period, time_slots
from .statements import CAUTION, statement_days
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


def _caution(claims: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Each claim's interval width (-1 without one) and qualifier weakness
    (`statements.caution`): larger is more cautious."""
    if "interval_lo" in claims:
        lo, hi = claims["interval_lo"].to_numpy(), claims["interval_hi"].to_numpy()
    else:
        lo, hi = claim_intervals(claims)
    with np.errstate(invalid="ignore"):
        width = np.where(np.isnan(lo) | np.isnan(hi), -1.0, hi - lo)
    qualifier = claims["qualifier"]
    if isinstance(qualifier.dtype, pd.CategoricalDtype):
        codes = np.asarray(qualifier.cat.codes, dtype=np.int64)
        words = [str(w) for w in qualifier.cat.categories]
    else:
        codes, uniques = pd.factorize(qualifier.astype(object), use_na_sentinel=True)
        words = [str(w) for w in uniques]
    weakness = np.array([len(CAUTION) - CAUTION.index(w) if w in CAUTION else len(CAUTION) + 1
                         for w in words] + [0], dtype=np.int64)  # fmt: skip
    return width, weakness[np.where(codes < 0, len(words), codes)]


def revisions(claims: pd.DataFrame) -> pd.DataFrame:
    """For each claim (same index): `latest` (no later figure in its sequence;
    True for claims that count nothing), `revises` and `revised_by` (the index
    labels of the figures before and after it, -1 for none: labels, not ids,
    so that 100,000 claims need no strings), `change` (its best value less the
    one before, where both exist), `position` (1 for the first figure of
    its sequence) and `stands` (False for a claim of a statement entered more
    than once that its most cautious claim stands for; see the module). Claims
    of one statement share a position and are never each other's revision."""
    n = len(claims)
    key = sequence_keys(claims)
    day = statement_days(claims)
    width, weakness = _caution(claims)
    order = np.lexsort((said_order(claims), key))  # stable: the files' order breaks ties
    k, d = key[order], day[order]
    labels = claims.index.to_numpy(dtype=np.int64)[order]
    best = claims["best"].to_numpy(dtype=float, na_value=np.nan)[order]
    same_seq = np.zeros(n, dtype=bool)  # the one before is in the same sequence
    same_seq[1:] = (k[1:] == k[:-1]) & (k[1:] >= 0)
    same_step = np.zeros(n, dtype=bool)  # ... and of the same statement
    same_step[1:] = same_seq[1:] & (d[1:] == d[:-1]) & (d[1:] >= 0)
    step = np.cumsum(~same_step) - 1  # each sorted place's step
    steps = int(step[-1]) + 1 if n else 0
    # The claim that stands for each step: the most cautious, the first of equals.
    rank = np.lexsort((-np.arange(n), weakness[order], width[order], step))
    ranked_step = step[rank]
    last = np.ones(n, dtype=bool)
    last[:-1] = ranked_step[1:] != ranked_step[:-1]
    stands_at = rank[last]  # the last of each step in that order: its most cautious
    starts = np.flatnonzero(~same_step)  # each step's first sorted place
    step_first_seq = same_seq[starts]  # the step has a step before it in its sequence
    prev_stand = np.full(steps, -1, dtype=np.int64)
    prev_stand[1:] = np.where(step_first_seq[1:], stands_at[:-1], -1)
    next_stand = np.full(steps, -1, dtype=np.int64)
    next_stand[:-1] = np.where(step_first_seq[1:], stands_at[1:], -1)
    before, after = prev_stand[step], next_stand[step]
    revises = np.where(before >= 0, labels[np.maximum(before, 0)], -1)
    revised_by = np.where(after >= 0, labels[np.maximum(after, 0)], -1)
    # A step's change is its standing claim's, so that copies say one thing.
    standing_best = best[stands_at][step] if n else best
    change = np.where(before >= 0, standing_best - best[np.maximum(before, 0)], np.nan)
    seq_starts = np.flatnonzero(~step_first_seq)  # steps that start a sequence
    step_position = (np.arange(steps)
                     - np.repeat(seq_starts, np.diff(np.append(seq_starts, steps))) + 1)
    stands = np.zeros(n, dtype=bool)
    stands[stands_at] = True
    out = np.empty(n, dtype=np.int64)
    out[order] = np.arange(n)  # each row's place in the sorted order
    return pd.DataFrame({
        "latest": (after < 0)[out],
        "revises": revises[out],
        "revised_by": revised_by[out],
        "change": change[out],
        "position": step_position[step][out] if n else np.zeros(0, dtype=np.int64),
        "stands": stands[out],
    }, index=claims.index)  # fmt: skip


def claim_id(claims: pd.DataFrame, label: int) -> str | None:
    """The id of the claim at an index label (`revises`, `revised_by`)."""
    if label is None or label < 0 or label not in claims.index:
        return None
    return str(claims.at[label, "id"])


def sequence(claims: pd.DataFrame, claim_id: str) -> pd.DataFrame:
    """Every figure in the sequence of `claim_id`, oldest first."""
    found = ids.positions(claims, claim_id)
    if not len(found):
        return claims.iloc[0:0]
    key = sequence_keys(claims)
    mine = key[found[0]]
    if mine < 0:
        return claims.iloc[found[:1]]
    rows = claims[key == mine]
    return rows.iloc[_order(rows, key[key == mine])]
