"""The reliability the record gives each origin: one threshold rule.

A claim is **tested** when another independent origin gives a figure for
the same quantity, part and time (the comparison of `grades.evidence`): it
is **confirmed** when more of those figures meet and constrain it than miss
it, **contradicted** when more miss it than meet and constrain it; met and
missed alike, it counts neither way, and a figure that meets it too loosely
to test it does not count. A claim the analyst graded credibility 5
(improbable: a denial later reversed, a figure shown false) counts as
contradicted, whatever the figures say. A claim counts for its **origin**
(a relay for the claimant it relays, never for the relaying one). Then:

- A: at least 6 confirmed and none contradicted;
- B: at least 3 confirmed, and at most 1 contradicted for every 3 confirmed;
- C: at least 1 confirmed, and at least as many confirmed as contradicted;
- D: more contradicted than confirmed, with fewer than 3 tested or some confirmed;
- E: at least 3 tested, none confirmed and at least one contradicted;
- F: no claim tested, or only claims met and missed alike.

The grades in `claimants.yaml` are the analyst's; `noko-tui check --grades`
names each origin whose grade is not the rule's, with the counts.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .grades import evidence
from .tolerances import DEFAULT, Tolerances

IMPROBABLE = 5


@dataclass(frozen=True)
class Record:
    """One origin's tested claims, by id, and the grade the rule gives."""

    origin: str
    confirmed: tuple[str, ...] = ()
    contradicted: tuple[str, ...] = ()
    even: tuple[str, ...] = ()  # met and missed alike

    @property
    def tested(self) -> int:
        return len(self.confirmed) + len(self.contradicted) + len(self.even)

    @property
    def grade(self) -> str:
        return grade_for(len(self.confirmed), len(self.contradicted), self.tested)

    def counts(self) -> str:
        text = f"{self.tested} tested: {len(self.confirmed)} confirmed, " \
               f"{len(self.contradicted)} contradicted"
        return text + (f", {len(self.even)} met and missed alike" if self.even else "")


def grade_for(confirmed: int, contradicted: int, tested: int) -> str:
    """The rule, as data/README.md's Grades section writes it."""
    if tested == 0:
        return "F"
    if confirmed >= 6 and contradicted == 0:
        return "A"
    if confirmed >= 3 and 3 * contradicted <= confirmed:
        return "B"
    if confirmed >= 1 and confirmed >= contradicted:
        return "C"
    if confirmed == 0 and contradicted and tested >= 3:
        return "E"
    if contradicted > confirmed:
        return "D"
    return "F"  # tested, but only met and missed alike


def records(claims: pd.DataFrame, tolerances: Tolerances = DEFAULT) -> dict[str, Record]:
    """Every origin's record, from the whole table (never a filtered one:
    a filter hides the figures that test a claim)."""
    found: dict[str, dict[str, list[str]]] = {}
    cache: dict = {}
    improbable = (claims["credibility"] == IMPROBABLE).fillna(False) if "credibility" in claims \
        else pd.Series(False, index=claims.index)
    for label in claims.index:
        origin = str(claims.at[label, "origin"])
        claim_id = str(claims.at[label, "id"])
        mine = found.setdefault(origin, {"confirmed": [], "contradicted": [], "even": []})
        if improbable.at[label]:
            mine["contradicted"].append(claim_id)
            continue
        seen = evidence(claims, label, {}, tolerances, cache=cache)
        agree, disagree = len(seen.agree), len(seen.disagree)
        if agree > disagree:
            mine["confirmed"].append(claim_id)
        elif disagree > agree:
            mine["contradicted"].append(claim_id)
        elif agree:
            mine["even"].append(claim_id)
    return {o: Record(o, tuple(r["confirmed"]), tuple(r["contradicted"]), tuple(r["even"]))
            for o, r in found.items()}  # fmt: skip


def disagreements(claims: pd.DataFrame, claimants: pd.DataFrame,
                  tolerances: Tolerances = DEFAULT) -> list[tuple[str, str, Record]]:  # fmt: skip
    """(claimant id, its recorded grade, its record) for every claimant whose
    grade in claimants.yaml is not the rule's (an ungraded one is not listed)."""
    rules = records(claims, tolerances)
    out = []
    for row in claimants.itertuples():
        grade = getattr(row, "reliability", None)
        if not isinstance(grade, str) or not grade:
            continue
        record = rules.get(str(row.id), Record(str(row.id)))
        if record.grade != grade:
            out.append((str(row.id), grade, record))
    return out
