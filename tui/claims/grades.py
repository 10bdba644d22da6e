"""Grades: a source's reliability and a claim's credibility, and the
credibility the record suggests where the analyst gave none.

The two axes of the NATO "Admiralty" system (`schema.RELIABILITY`, A-F, in
claimants.yaml; `schema.CREDIBILITY`, 1-6, on a claim) are kept apart and
never merged into one score: "B2" is a usually reliable source's probably
true claim.

Where a claim carries no credibility grade, one is **suggested** from the
record, and always shown as a suggestion ("4?"), never as the analyst's.
Each other independent origin's latest figure for the same quantity and time
either contradicts the claim (their intervals do not meet), agrees with it
and **constrains** it, or merely does not rule it out. Agreement constrains
only when the two figures say about as much (`tolerances.py`):

- where either is an open bound ("at least 30", "up to 5,000"), the bounds
  on that side are within `bound_reach` of each other (0.5: a factor of
  two): HUR's "at least 30" is consistent with the JCS's "more than 1,000"
  and its "about 1,100", and is confirmed by neither;
- where both are bounded, neither's spread (log high/low) is more than
  `width_reach` (3) times the other's, each counted at least as wide as an
  "about" figure: "hundreds" and "about 300" do not test each other.

Agreement is mutual: a figure that cannot test a claim is not tested by it.

Then:

- 1 confirmed: another origin's figure for the same quantity, part
  (`intervals.compare_groups`) and time constrains it and agrees, none contradicts;
- 3 possibly true: some constrain it and agree, some contradict;
- 4 doubtful: other origins' figures contradict it, none that constrains agrees;
- 6 cannot be judged: it stands alone, the others cannot judge it (they do
  not rule it out but are too loose, or it is too loose for them), or it has
  no number or no time to compare. An analyst would not call "at least 30"
  confirmed because the others give thousands: the record cannot test it.

Origins, intervals and times are those of the contested analysis
(`contested.py`, `intervals.py`): a relay never confirms its origin, and a
claim is compared with each other origin's latest figure for its time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .contested import comparable
from .formatting import SUGGESTED, given
from .intervals import compare_groups, intervals_of, slot_label
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
    agree: np.ndarray  # int: agree and constrain it
    disagree: np.ndarray  # int
    #: Agree but do not constrain it (or it is too loose for them to judge).
    loose: np.ndarray | None = None


def constrains(lo: np.ndarray, hi: np.ndarray, other_lo: np.ndarray, other_hi: np.ndarray,
               tolerances: Tolerances = DEFAULT) -> np.ndarray:  # fmt: skip
    """Per pair of meeting intervals: whether the other figure's agreement
    constrains the claim's (see the module), elementwise."""
    mine, theirs = _facts(lo, hi, tolerances), _facts(other_lo, other_hi, tolerances)
    return _constrains(lo, hi, mine, other_lo, other_hi, theirs, tolerances)


def _facts(lo: np.ndarray, hi: np.ndarray, tolerances: Tolerances
           ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # fmt: skip
    """(open upwards, open downwards, spread) of intervals: the spread is
    log(high/low), at least an "about" figure's."""
    about = (np.log((1 + tolerances.about) / (1 - tolerances.about))
             if tolerances.about < 1 else np.inf)  # fmt: skip
    with np.errstate(divide="ignore", invalid="ignore"):
        spread = np.maximum(np.log(hi / lo), about)
    return np.isinf(hi), lo <= 0, spread


def _constrains(lo: np.ndarray, hi: np.ndarray, mine: tuple, other_lo: np.ndarray,
                other_hi: np.ndarray, theirs: tuple, tolerances: Tolerances) -> np.ndarray:  # fmt: skip
    """`constrains` from the pairs' ends and `_facts`."""
    reach = tolerances.bound_reach
    open_up = mine[0] | theirs[0]  # an "at least" on either side
    open_down = mine[1] | theirs[1]  # an "up to" on either side
    with np.errstate(invalid="ignore"):
        lows = np.minimum(lo, other_lo) >= reach * np.maximum(lo, other_lo)
        highs = np.minimum(hi, other_hi) >= reach * np.maximum(hi, other_hi)
        narrow = np.maximum(mine[2], theirs[2]) <= tolerances.width_reach * np.minimum(
            mine[2], theirs[2])
    return (~open_up | lows) & (~open_down | highs) & (open_up | open_down | narrow)


def suggest(claims: pd.DataFrame, tolerances: Tolerances = DEFAULT) -> Suggestions:
    """The suggested credibility of every claim (see the module).

    Vectorised: each claim's interval is placed among the other origins'
    latest intervals for its (quantity, time) with two binary searches, so
    the record of 100,000 claims costs a few sorts, not a loop; whether the
    meeting figures constrain it is then worked over (claim, figure) pairs
    of the claims some figure meets, as arrays."""
    n = len(claims)
    agree = np.zeros(n, dtype=np.int64)
    disagree = np.zeros(n, dtype=np.int64)
    loose = np.zeros(n, dtype=np.int64)
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
        meeting = meets - own_meets
        disagree[mine] = above + below - own_above - own_below
        # Which of the meeting figures constrain the claim, worked over (claim,
        # figure) pairs. Two narrow bounded figures (spread at most `width_reach`
        # abouts) always test each other, so a narrow claim is paired only with
        # its cell's open or wide figures; an open or wide one with all.
        not_useful = np.zeros(len(mine), dtype=np.int64)
        x_facts = _facts(lo[mine], hi[mine], tolerances)
        y_facts = _facts(c.lo, c.hi, tolerances)
        about = (np.log((1 + tolerances.about) / (1 - tolerances.about))
                 if tolerances.about < 1 else np.inf)  # fmt: skip
        narrow = ~x_facts[0] & ~x_facts[1] & (x_facts[2] <= tolerances.width_reach * about)
        loose_latest = y_facts[0] | y_facts[1] | (y_facts[2] > tolerances.width_reach * about)
        for claims_of, figures in ((narrow, np.flatnonzero(loose_latest)),
                                   (~narrow, np.arange(len(c.rows)))):  # fmt: skip
            some = np.flatnonzero(claims_of & (meeting > 0))
            if not len(some) or not len(figures):
                continue
            ordered = figures[np.argsort(cell_of_latest[figures], kind="stable")]
            cells_of = cell_of_latest[ordered]
            first = np.searchsorted(cells_of, cell[some])
            count = np.searchsorted(cells_of, cell[some], side="right") - first
            pair_of = np.repeat(np.arange(len(some)), count)
            offsets = np.arange(len(pair_of)) - np.repeat(np.cumsum(count) - count, count)
            other = ordered[np.repeat(first, count) + offsets]
            x = some[pair_of]  # positions in `mine`
            me = mine[x]
            a_lo, a_hi, y_lo, y_hi = lo[me], hi[me], c.lo[other], c.hi[other]
            meets_it = (c.origin[other] != origin[me]) & (y_lo <= a_hi) & (y_hi >= a_lo)
            loose_ones = meets_it & ~_constrains(
                a_lo, a_hi, tuple(f[x] for f in x_facts), y_lo, y_hi,
                tuple(f[other] for f in y_facts), tolerances)
            not_useful[some] += np.bincount(pair_of, weights=loose_ones,
                                            minlength=len(some)).astype(np.int64)  # fmt: skip
        agreeing = meeting - not_useful
        agree[mine] = agreeing
        loose[mine] = meeting - agreeing
    grade = np.full(n, UNJUDGED, dtype=np.int8)
    grade[(agree > 0) & (disagree == 0)] = CONFIRMED
    grade[(agree > 0) & (disagree > 0)] = POSSIBLY
    grade[(agree == 0) & (disagree > 0)] = DOUBTFUL
    return Suggestions(grade, agree, disagree, loose)


def suggestion_reason(grade: int, agree: int, disagree: int, comparable_claim: bool | None,
                      loose: int = 0) -> str:  # fmt: skip
    """Why the record suggests `grade`, in a few words (after its meaning)."""
    def origins(n: int, verb: str = "") -> str:
        said = f" {verb}{'s' if n == 1 else ''}" if verb else ""
        return f"{n} other origin{'s' if n != 1 else ''}{said}"

    if comparable_claim is None:
        return "it has no number to compare with other figures"
    if not comparable_claim:
        return ("its time is not known to the month (or the period), so no other "
                "figure stands at the same time")  # fmt: skip
    if grade == CONFIRMED:
        return f"{origins(agree, 'agree')} within tolerance for the same time"
    if grade == POSSIBLY:
        return f"{origins(agree, 'agree')}, {origins(disagree, 'contradict')} it"
    if grade == DOUBTFUL:
        return f"{origins(disagree, 'contradict')} it, none that can test it agrees"
    if loose:
        return (f"{origins(loose, 'fit')} it but cannot test it (an open bound far "
                "from the other figure, or a span much wider)")  # fmt: skip
    return "no other origin gives a figure for the same time"


@dataclass(frozen=True)
class Witness:
    """Another origin's latest figure for a claim's quantity and time."""

    origin: str  # claimant id
    name: str  # its short label
    reliability: str  # its grade in claimants.yaml, "" if none
    number: str  # as the claim words it: "about 11,000"
    claim_id: str
    best: float

    def __str__(self) -> str:
        return f"{self.name} {self.number} (claim {self.claim_id})"


@dataclass(frozen=True)
class Evidence:
    """The other origins' figures behind a suggestion: those that agree and
    constrain the claim, those that agree but cannot test it, and those that
    contradict it. Unpacks as (agreeing texts, contradicting texts)."""

    agree: tuple[Witness, ...] = ()
    loose: tuple[Witness, ...] = ()
    disagree: tuple[Witness, ...] = ()
    best: float = float("nan")  # the claim's own best value
    when: str = ""

    def __iter__(self):  # type: ignore[no-untyped-def]
        yield [str(w) for w in self.agree]
        yield [str(w) for w in self.disagree]

    @property
    def origins(self) -> tuple[Witness, ...]:
        return (*self.agree, *self.loose, *self.disagree)

    def brief_text(self) -> str:
        """'evidence: 2 other independent origins for Jan 2025 (JCS B, HUR F);
        agreement high: ...', or '' when there is no time to compare at."""
        if not self.when:
            return ""
        if not self.origins:
            return f"no other origin for {self.when}"
        return f"evidence: {self.evidence_text()}; agreement {self.agreement_text()}"

    def evidence_text(self) -> str:
        """'2 other origins for Dec 2024 (JCS B, HUR F)'."""
        found = self.origins
        if not found:
            return f"no other origin gives a figure for {self.when or 'the same time'}"
        grades = ", ".join(f"{w.name} {w.reliability or '–'}" for w in found)
        many = "s" if len(found) != 1 else ""
        return f"{len(found)} other independent origin{many} for {self.when} ({grades})"

    def agreement_text(self) -> str:
        """'high: both within 5% of its figure (JCS about 11,000, HUR about 11,500)'."""
        def listed(ws: tuple[Witness, ...]) -> str:
            """The figures, or how many when more than two (each is listed
            below the agreement in the detail, with its claim id)."""
            if len(ws) > 2:
                return f"{len(ws)} figures"
            return ", ".join(f"{w.name} {w.number}" for w in ws)

        if not self.origins:
            return "none to judge"
        if self.agree and not self.disagree:
            spread = _within(self.best, self.agree)
            who = "both " if len(self.agree) == 2 else ("" if len(self.agree) == 1 else "all ")
            how = f"{who}within {spread} of its figure" if spread else f"{who or 'it '}agrees"
            return f"high: {how} ({listed(self.agree)})"
        if self.agree:
            return (f"medium: {listed(self.agree)} {_verb('agree', self.agree)}; "
                    f"{listed(self.disagree)} {_verb('contradict', self.disagree)}")  # fmt: skip
        if self.disagree:
            return (f"low: {listed(self.disagree)} {_verb('contradict', self.disagree)}; "
                    "none that tests it agrees")  # fmt: skip
        one = len(self.loose) == 1
        return (f"none that tests it: {listed(self.loose)} {'fits' if one else 'fit'} but "
                f"{'says' if one else 'say'} too little")  # fmt: skip


def _verb(verb: str, who: tuple[Witness, ...]) -> str:
    return verb + ("s" if len(who) == 1 else "")


def _within(best: float, witnesses: tuple[Witness, ...]) -> str:
    """How far the agreeing figures' best values lie from the claim's: '5%'."""
    if not (best == best) or best <= 0:
        return ""
    shares = [abs(w.best / best - 1) for w in witnesses if w.best == w.best]
    if not shares:
        return ""
    worst = max(shares)
    return f"{max(1, math.ceil(worst * 100)):.0f}%" if worst < 10 else ""


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
             tolerances: Tolerances = DEFAULT, reliability: dict[str, str] | None = None,
             cache: dict | None = None) -> Evidence:  # fmt: skip
    """The other origins' latest figures for a claim's quantity and time:
    those that agree and constrain it, those that agree but cannot test it,
    and those that contradict it (see the module), each with its origin's
    reliability grade (`reliability`: claimant id to letter). `cache`, if
    given, keeps each quantity's comparable figures for the next call (the
    brief asks for every figure it lists)."""
    from .formatting import claim_number, is_derived

    at_label = claims.index.get_loc(label)
    quantity = claims["quantity"].iat[at_label]
    if quantity is None or quantity != quantity:
        return Evidence()
    lo, hi, slot = intervals_of(claims, tolerances)
    me = int(at_label)
    if slot[me] < 0 or np.isnan(lo[me]):
        return Evidence()
    if cache is not None and quantity in cache:
        where, c = cache[quantity]
    else:
        where = np.flatnonzero((claims["quantity"] == quantity).to_numpy())
        c = comparable(claims, tolerances, where)
        if cache is not None:
            cache[quantity] = (where, c)
    origin_codes = np.asarray(claims["origin"].array.codes)
    mine = origin_codes[me]
    group = compare_groups(claims)[me]  # a part only with the same part
    others = [i for i in range(len(c.rows))
              if c.slot[i] == slot[me] and c.quantity[i] == group and c.origin[i] != mine]
    categories = list(claims["origin"].cat.categories)
    grades = reliability or {}
    found: dict[str, list[Witness]] = {"agree": [], "loose": [], "disagree": []}
    for i in others:
        row = claims.iloc[int(where[c.rows[i]])]
        number = claim_number(row["qualifier"], row["value"], row["low"], row["high"],
                              derived=is_derived(row["inferred"]))  # fmt: skip
        who = str(categories[c.origin[i]])
        best = row.get("best")
        witness = Witness(who, names.get(who, who), str(grades.get(who) or ""), number,
                          str(row["id"]), float(best) if given(best) else float("nan"))  # fmt: skip
        meets = not (c.lo[i] > hi[me] or c.hi[i] < lo[me])
        tests = bool(constrains(*(np.array([v]) for v in (lo[me], hi[me], c.lo[i], c.hi[i])),
                                tolerances)[0])  # fmt: skip
        found["disagree" if not meets else "agree" if tests else "loose"].append(witness)
    best = claims["best"].iat[me] if "best" in claims else None
    return Evidence(tuple(found["agree"]), tuple(found["loose"]), tuple(found["disagree"]),
                    float(best) if given(best) else float("nan"), slot_label(int(slot[me])))  # fmt: skip


def grade_lines(row: pd.Series, claimant: pd.Series | None,
                found: Evidence | tuple[list[str], list[str]]) -> list[tuple[str, str]]:  # fmt: skip
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
    loose = [str(w) for w in found.loose] if isinstance(found, Evidence) else []
    analyst = row.get("credibility")
    if given(analyst):
        lines.append(("Credibility", f"{int(analyst)} {credibility_meaning(analyst)}: "  # type: ignore[call-overload]
                                     f"{text(row.get('credibility_reason'))} (the analyst's grade)"))
    suggested = row.get("suggested")
    if given(suggested):
        grade = int(suggested)  # type: ignore[call-overload]
        reason = suggestion_reason(grade, len(agree), len(disagree), _comparable_row(row),
                                   len(loose))  # fmt: skip
        label = "Suggested" if given(analyst) else "Credibility"
        lines.append((label, f"{grade}{SUGGESTED} {credibility_meaning(grade)}: {reason} "
                             "(suggested from the record, not an analyst's grade)"))  # fmt: skip
        if isinstance(found, Evidence) and found.when:
            lines.append(("Evidence", found.evidence_text()))
            lines.append(("Agreement", found.agreement_text()))
    for text_ in agree:
        lines.append(("Agrees", text_))
    for text_ in loose:
        lines.append(("Cannot test", text_))
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
