"""Grades: a source's reliability and a claim's credibility, and the
credibility the record suggests where the analyst gave none.

The two axes of the NATO "Admiralty" system (`schema.RELIABILITY`, A-F, in
claimants.yaml; `schema.CREDIBILITY`, 1-6, on a claim) are kept apart and
never merged into one score: "B2" is a usually reliable source's probably
true claim.

Where a claim carries no credibility grade, one is **suggested** from the
record, and always shown as a suggestion ("4?"), never as the analyst's:

- 1 confirmed: another independent origin's latest figure for the same
  quantity, part (`intervals.compare_groups`) and time agrees within tolerance (their intervals meet);
- 4 doubtful: other origins' figures contradict it, none agrees;
- 3 possibly true: some agree, some contradict;
- 6 cannot be judged: it stands alone (no other origin gives a figure for
  that time), or it has no number or no time to compare.

Origins, intervals and times are those of the contested analysis
(`contested.py`, `intervals.py`): a relay never confirms its origin, and a
claim is compared with each other origin's latest figure for its time.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .contested import comparable
from .formatting import SUGGESTED, given
from .intervals import compare_groups, intervals_of
from .schema import CREDIBILITY, RELIABILITY
from .tolerances import DEFAULT, Tolerances

CONFIRMED, POSSIBLY, DOUBTFUL, UNJUDGED = 1, 3, 4, 6

#: Grades drawn faint on the charts (the legend says so): sources not usually
#: reliable or unreliable, claims doubtful or improbable.
LOW_RELIABILITY = frozenset({"D", "E"})
LOW_CREDIBILITY = frozenset({4, 5})



@dataclass(frozen=True)
class Suggestions:
    """Per claim: the suggested credibility and how many other origins'
    figures for its time agree with it and contradict it."""

    grade: np.ndarray  # int8, 1-6
    agree: np.ndarray  # int
    disagree: np.ndarray  # int


def suggest(claims: pd.DataFrame, tolerances: Tolerances = DEFAULT) -> Suggestions:
    """The suggested credibility of every claim (see the module).

    Vectorised: each claim's interval is placed among the other origins'
    latest intervals for its (quantity, time) with two binary searches, so
    the record of 100,000 claims costs a few sorts, not a loop."""
    n = len(claims)
    agree = np.zeros(n, dtype=np.int64)
    disagree = np.zeros(n, dtype=np.int64)
    lo, hi, slot = intervals_of(claims, tolerances)
    quantity = compare_groups(claims)  # the same codes as `comparable`'s
    origin = np.asarray(claims["origin"].array.codes).astype(np.int64)
    c = comparable(claims, tolerances)
    ok = (quantity >= 0) & (slot >= 0) & ~np.isnan(lo) & (origin >= 0)
    if len(c.rows) and ok.any():
        # One integer per (quantity, time): the cells the latest figures are in.
        span = int(max(slot.max(), c.slot.max())) + 1
        cells, cell_of_latest = np.unique(c.quantity * span + c.slot, return_inverse=True)
        cell_of_latest = cell_of_latest.ravel()
        mine = np.flatnonzero(ok)
        key = quantity[mine] * span + slot[mine]
        at = np.searchsorted(cells, key)
        found = (at < len(cells)) & (cells[np.minimum(at, len(cells) - 1)] == key)
        mine, cell = mine[found], at[found]
        # Queries in cell order: the binary searches below then walk their
        # arrays forward instead of jumping about (several times quicker).
        by_cell = np.argsort(cell.astype(np.int32), kind="stable")
        mine, cell = mine[by_cell], cell[by_cell]
        # Ranks of all interval ends together, so that (cell, end) is one integer.
        ends = np.concatenate([c.lo, c.hi, lo[mine], hi[mine]])
        rank = np.unique(ends, return_inverse=True)[1].ravel().astype(np.int64)
        k = len(c.lo)
        r_lo_latest, r_hi_latest = rank[:k], rank[k : 2 * k]
        r_lo, r_hi = rank[2 * k : 2 * k + len(mine)], rank[2 * k + len(mine) :]
        width = int(rank.max()) + 2
        latest_lo = np.sort(cell_of_latest * width + r_lo_latest)
        latest_hi = np.sort(cell_of_latest * width + r_hi_latest)
        start = np.searchsorted(latest_lo, cell * width)
        stop = np.searchsorted(latest_lo, (cell + 1) * width)
        # Above: latest figures whose low end is above this claim's high end;
        # below: those whose high end is below its low end.
        above = stop - np.searchsorted(latest_lo, cell * width + r_hi, side="right")
        below = np.searchsorted(latest_hi, cell * width + r_lo) - start
        meets = (stop - start) - above - below
        # The claim's own origin is no confirmation nor contradiction of it.
        origins = int(max(origin.max(), c.origin.max())) + 1
        own_keys = cell_of_latest * origins + c.origin
        order = np.argsort(own_keys)
        own_sorted = own_keys[order]
        want = cell * origins + origin[mine]
        hit = np.searchsorted(own_sorted, want)
        has_own = (hit < len(own_sorted)) & (own_sorted[np.minimum(hit, len(own_sorted) - 1)] == want)
        own = order[np.minimum(hit, len(order) - 1)]
        own_above = has_own & (c.lo[own] > hi[mine])
        own_below = has_own & (c.hi[own] < lo[mine])
        own_meets = has_own & ~own_above & ~own_below
        agree[mine] = meets - own_meets
        disagree[mine] = above + below - own_above - own_below
    grade = np.full(n, UNJUDGED, dtype=np.int8)
    grade[(agree > 0) & (disagree == 0)] = CONFIRMED
    grade[(agree > 0) & (disagree > 0)] = POSSIBLY
    grade[(agree == 0) & (disagree > 0)] = DOUBTFUL
    return Suggestions(grade, agree, disagree)


def suggestion_reason(grade: int, agree: int, disagree: int, comparable_claim: bool | None) -> str:
    """Why the record suggests `grade`, in a few words (after its meaning)."""
    def origins(n: int) -> str:
        return f"{n} other origin{'s' if n != 1 else ''}"

    if comparable_claim is None:
        return "it has no number to compare with other figures"
    if not comparable_claim:
        return ("its time is not known to the month (or the period), so no other "
                "figure stands at the same time")  # fmt: skip
    if grade == CONFIRMED:
        return f"{origins(agree)} agree within tolerance for the same time"
    if grade == POSSIBLY:
        return f"{origins(agree)} agree, {origins(disagree)} contradict it"
    if grade == DOUBTFUL:
        return f"{origins(disagree)} contradict it, none agrees"
    return "no other origin gives a figure for the same time"


def reliability_meaning(grade: object) -> str:
    return RELIABILITY.get(str(grade), "") if given(grade) else ""


def credibility_meaning(grade: object) -> str:
    return CREDIBILITY.get(int(grade), "") if given(grade) else ""  # type: ignore[call-overload]


def low_grades(claims: pd.DataFrame) -> np.ndarray:
    """`low_grade` for every claim, from the analyst's grades only: a chart
    never fades a figure on the strength of a suggestion (contested figures
    carry their own mark)."""
    low = np.zeros(len(claims), dtype=bool)
    if "reliability" in claims:
        low |= np.asarray(claims["reliability"].isin(LOW_RELIABILITY), dtype=bool)
    if "credibility" in claims:
        low |= np.asarray(claims["credibility"].isin(LOW_CREDIBILITY), dtype=bool)
    return low


def evidence(claims: pd.DataFrame, label: object, names: dict[str, str],
             tolerances: Tolerances = DEFAULT) -> tuple[list[str], list[str]]:  # fmt: skip
    """The other origins' latest figures for a claim's quantity and time that
    agree with it and that contradict it, worded ("NIS about 300, claim X")."""
    from .formatting import claim_number, is_derived

    at_label = claims.index.get_loc(label)
    quantity = claims["quantity"].iat[at_label]
    if quantity is None or quantity != quantity:
        return [], []
    where = np.flatnonzero((claims["quantity"] == quantity).to_numpy())
    lo, hi, slot = intervals_of(claims, tolerances)
    me = int(at_label)
    if slot[me] < 0 or np.isnan(lo[me]):
        return [], []
    c = comparable(claims, tolerances, where)
    origin_codes = np.asarray(claims["origin"].array.codes)
    mine = origin_codes[me]
    group = compare_groups(claims)[me]  # a part only with the same part
    others = [i for i in range(len(c.rows))
              if c.slot[i] == slot[me] and c.quantity[i] == group and c.origin[i] != mine]
    categories = list(claims["origin"].cat.categories)
    agree, disagree = [], []
    for i in others:
        row = claims.iloc[int(where[c.rows[i]])]
        number = claim_number(row["qualifier"], row["value"], row["low"], row["high"],
                              derived=is_derived(row["inferred"]))  # fmt: skip
        who = str(categories[c.origin[i]])
        text = f"{names.get(who, who)} {number} (claim {row['id']})"
        meets = not (c.lo[i] > hi[me] or c.hi[i] < lo[me])
        (agree if meets else disagree).append(text)
    return agree, disagree


def grade_lines(row: pd.Series, claimant: pd.Series | None,
                found: tuple[list[str], list[str]]) -> list[tuple[str, str]]:  # fmt: skip
    """A claim's grades for its detail, each with its reason: the source's
    reliability, then the claim's credibility (the analyst's, or the
    record's suggestion, said to be one), and the figures behind it."""
    from .formatting import partial_date, text

    lines: list[tuple[str, str]] = []
    graded = claimant.get("reliability") if claimant is not None else None
    if given(graded):
        when = partial_date(claimant.get("reliability_graded"),  # type: ignore[union-attr]
                            claimant.get("reliability_graded_precision"))  # type: ignore[union-attr]
        reason = text(claimant.get("reliability_reason"))  # type: ignore[union-attr]
        lines.append(("Reliability", f"{graded} {reliability_meaning(graded)}: {reason}"
                                     + (f" (graded {when})" if when else "")))  # fmt: skip
    else:
        lines.append(("Reliability", "not graded: claimants.yaml gives the claimant no grade"))
    agree, disagree = found
    analyst = row.get("credibility")
    if given(analyst):
        lines.append(("Credibility", f"{int(analyst)} {credibility_meaning(analyst)}: "  # type: ignore[call-overload]
                                     f"{text(row.get('credibility_reason'))} (the analyst's grade)"))
    suggested = row.get("suggested")
    if given(suggested):
        grade = int(suggested)  # type: ignore[call-overload]
        reason = suggestion_reason(grade, len(agree), len(disagree), _comparable_row(row))
        label = "Suggested" if given(analyst) else "Credibility"
        lines.append((label, f"{grade}{SUGGESTED} {credibility_meaning(grade)}: {reason} "
                             "(suggested from the record, not an analyst's grade)"))  # fmt: skip
    for text_ in agree:
        lines.append(("Agrees", text_))
    for text_ in disagree:
        lines.append(("Contradicts", text_))
    return lines


def _comparable_row(row: pd.Series) -> bool | None:
    """Whether a claim has a time the analysis can compare it at (None: it
    has no number at all)."""
    if not given(row.get("best")) and not given(row.get("interval_lo")):
        return None
    slot = row.get("slot")
    return given(slot) and int(slot) >= 0  # type: ignore[call-overload]
