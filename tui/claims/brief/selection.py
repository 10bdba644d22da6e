"""Which claims and figures a brief reports, as positions in the record.

Every claim is worded from the record (`record.claims`), whose positions all
the analyses speak in; the claims a filter keeps are marked among them. Each
list is capped here (the `*_SHOWN` numbers) and says how many it leaves out,
so 100,000 claims make a brief about as long as 300 do. Nothing here words
anything: `wording.py` does, top to bottom.
"""

from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..consistency import Consistency
from ..contested import disagreements
from ..filters import stated_last_day
from ..formatting import text
from ..quantity_view import QuantityView, quantity_view
from ..relations import relations
from ..timeline import said_order

if TYPE_CHECKING:
    from ..load import Dataset
    from ..record import Record

#: Lines a list shows at most; each says how many more there are.
PICTURE_SHOWN = 12
DISAGREEMENTS_SHOWN = 5
REVISIONS_SHOWN = 8
FINDINGS_SHOWN = 6
STATEMENTS_SHOWN = 5
#: With a filter, disagreements are read latest first up to this many to
#: find those about the claims kept; the arithmetic words this many
#: inconsistencies to pick the latest from (100,000 claims can give 200,000).
DISAGREEMENTS_READ = 200
FINDINGS_WORDED = 500

_FIELDS = ("id", "category", "qualifier", "value", "low", "high", "unit", "inferred", "as_of",
           "as_of_precision", "period_start", "period_start_precision", "period_end",
           "period_end_precision", "stated_on", "stated_on_precision", "source", "paragraph",
           "claimant", "origin", "reliability", "credibility", "suggested", "summary",
           "key_phrase", "revises", "change", "position", "source_published",
           "source_published_precision")  # fmt: skip


class Rows:
    """The record's claims read one at a time, only those the brief words."""

    def __init__(self, claims: pd.DataFrame) -> None:
        self.frame = claims[[f for f in _FIELDS if f in claims]]
        self._rows: dict[int, dict[str, Any]] = {}

    def __getitem__(self, position: int) -> dict[str, Any]:
        row = self._rows.get(position)
        if row is None:
            row = self._rows[position] = self.frame.iloc[int(position)].to_dict()
        return row


@dataclass(frozen=True)
class Extent:
    """The lowest and highest of the origins' current figures of the whole.

    `kind` is "range" (`low` to `high`), "one" (one origin's figure only,
    `low`), "none current" (figures, none current) or "none" (no number)."""

    kind: str
    low: Any = None
    high: Any = None
    #: A per-period quantity whose current figures are for different periods.
    periods: bool = False


@dataclass(frozen=True)
class Disputes:
    """Where origins disagree about a quantity, on the record."""

    #: False when the record has no claim of the quantity at all.
    known: bool
    #: Disagreeing pairs on the record.
    total: int = 0
    #: The latest pairs listed (involving a claim kept, with a filter):
    #: (disagreement, low figure's position, high figure's position).
    shown: tuple[tuple[Any, int, int], ...] = ()


@dataclass(frozen=True)
class Revisions:
    """The revisions listed for a quantity, latest first."""

    count: int
    #: (the revising claim's position, the revised claim's; -1 if not found).
    shown: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Arithmetic:
    """The sums and conversions that make a quantity, and those that do not add up."""

    comparisons: int
    inconsistent: int
    #: The latest findings listed: (finding, its claims' record positions, the whole last).
    shown: tuple[tuple[Any, tuple[int, ...]], ...] = ()


class Selection:
    """What a brief of `claims` (already filtered, annotated rows of
    `record.claims`) reports."""

    def __init__(self, dataset: Dataset, record: Record, claims: pd.DataFrame,
                 previous: _dt.date | None) -> None:  # fmt: skip
        self.dataset, self.record, self.claims, self.previous = dataset, record, claims, previous
        rec = self.rec = record.claims
        self.filtered = claims is not rec
        # Where each kept claim stands in the record.
        self.in_record = (np.arange(len(rec)) if not self.filtered
                          else rec.index.get_indexer(claims.index))  # fmt: skip
        if (self.in_record < 0).any():
            raise ValueError("the claims of a brief must be rows of record.claims")
        self.kept = np.zeros(len(rec), dtype=bool)
        self.kept[self.in_record] = True
        self.rows = Rows(rec)
        short = dataset.claimants["short"]
        self.names = {str(k): text(v) or str(k) for k, v in zip(short.index, short)}
        self._ids: dict[str, int] | None = None
        self._evidence: dict = {}
        self.said = said_order(rec)
        # "Since the previous brief" is what was not yet on the record that
        # day (`filters.known_mask`): a claim dated "Mar 2025" is new to a
        # brief of 15 March.
        self.new = (None if previous is None
                    else stated_last_day(rec) > np.datetime64(previous, "D"))  # fmt: skip
        self.totals = {r.total for r in relations(dataset.quantities)}
        self.counts = claims["quantity"].value_counts()

    def position(self, claim_id: str) -> int | None:
        """A claim's position in the record, by id."""
        if self._ids is None:
            self._ids = {str(i): k for k, i in enumerate(self.rec["id"].to_numpy(dtype=object))}
        return self._ids.get(str(claim_id))

    def category(self, category: str) -> tuple[list[str], np.ndarray]:
        """A category's quantities that have claims kept, and the record
        positions of its kept claims that count nothing (events, statements)."""
        quantities, counts = self.dataset.quantities, self.counts
        mine = [str(q) for q, c in zip(quantities.index, quantities["category"])
                if text(c) == category and counts.get(q, 0) > 0]  # fmt: skip
        claims = self.claims
        counts_nothing = claims["quantity"].isna() & (claims["category"] == category)
        return mine, self.in_record[counts_nothing.to_numpy(dtype=bool)]

    def view(self, quantity: str, as_of: _dt.date | None) -> QuantityView:
        """The quantity's picture as the dashboard's quantity view has it."""
        record, dataset = self.record, self.dataset
        return quantity_view(self.claims, self.rec, quantity, dataset.quantities,
                             dataset.claimants, (), record.tolerances, as_of=as_of)  # fmt: skip

    def evidence(self, claim_id: str) -> str:
        """Why the record suggests a claim's credibility (`grades.evidence`)."""
        from ..grades import evidence

        at = self.position(claim_id)
        if at is None:
            return ""
        claimants = self.dataset.claimants
        grades = ({str(k): v for k, v in zip(claimants.index, claimants["reliability"])
                   if isinstance(v, str)} if "reliability" in claimants else {})  # fmt: skip
        found = evidence(self.rec, self.rec.index[at], self.names, self.record.tolerances,
                         grades, self._evidence)  # fmt: skip
        return found.brief_text()

    def extent(self, view: Any) -> Extent:
        """The lowest and highest of the origins' current figures of the
        whole: by best value, as the quantity view ranks them; of equal best
        values, the figure whose stated range reaches lowest (highest). A
        stale figure, or a part's, is never in the range."""
        numbered = [(p, self.position(p.claim_id)) for p in view.current if not math.isnan(p.best)]
        numbered = [(p, at) for p, at in numbered if at is not None]
        if not numbered:
            if any(not math.isnan(p.best) for p in view.picture):
                return Extent("none current")
            return Extent("none")
        if len(numbered) == 1:
            return Extent("one", numbered[0][0])

        def end(pa: tuple[Any, int], field: str) -> float:
            stated = self.rows[pa[1]][field]
            return pa[0].best if pd.isna(stated) else float(stated)

        low = min(numbered, key=lambda pa: (pa[0].best, end(pa, "low")))
        high = max((pa for pa in numbered if pa is not low),
                   key=lambda pa: (pa[0].best, end(pa, "high")))  # fmt: skip
        whens = {p.when for p in view.current}
        quantities = self.dataset.quantities
        per_period = (view.quantity in quantities.index
                      and text(quantities.at[view.quantity, "scope"]) == "per period")  # fmt: skip
        return Extent("range", low[0], high[0], per_period and len(whens) > 1)

    def disputes(self, quantity: str) -> Disputes:
        """Where origins disagree: on the record (`contested.py`), whatever the
        filter, as the dashboard shows it; with a filter, the pairs listed are
        those involving a claim kept."""
        rec = self.rec
        codes = np.asarray(rec["quantity"].array.codes)
        known = rec["quantity"].cat.categories
        if quantity not in known:
            return Disputes(False)
        # Both figures of a disagreeing pair are flagged contested: only those
        # need comparing (as `quantity_view` does).
        at = np.flatnonzero((codes == known.get_loc(quantity))
                            & rec["contested"].to_numpy(dtype=bool))  # fmt: skip
        most = DISAGREEMENTS_READ if self.filtered else DISAGREEMENTS_SHOWN
        found, total = disagreements(rec, quantity, self.record.tolerances, most=most, at=at)
        pairs = []
        for d in found if total else ():
            low, high = self.position(d.low_claim), self.position(d.high_claim)
            if low is None or high is None:
                continue
            if self.filtered and not (self.kept[low] or self.kept[high]):
                continue
            pairs.append((d, low, high))
        return Disputes(True, total, tuple(pairs[:DISAGREEMENTS_SHOWN]))

    def revisions(self, quantity: str) -> Revisions:
        """With a previous brief, the revisions said after it; else each
        claimant's latest revision."""
        rec = self.rec
        mine = self.in_record[(self.claims["quantity"] == quantity).to_numpy(dtype=bool)]
        mine = mine[rec["revises"].to_numpy()[mine] >= 0]
        if self.new is not None:
            chosen = mine[self.new[mine]]
        else:
            # Each claimant's latest: the last of each claimant in said order
            # (of one statement entered twice, the claim standing for it).
            claimant = np.asarray(rec["claimant"].array.codes)[mine]
            stands = (rec["stands"].to_numpy(dtype=bool)[mine] if "stands" in rec
                      else np.ones(len(mine), dtype=bool))  # fmt: skip
            order = np.lexsort((stands, self.said[mine], claimant))
            last = np.r_[claimant[order][1:] != claimant[order][:-1], True] if len(order) \
                else np.zeros(0, dtype=bool)  # fmt: skip
            chosen = mine[order[last]]
        if not len(chosen):
            return Revisions(0)
        chosen = chosen[np.argsort(-self.said[chosen], kind="stable")]  # latest first
        revised = rec.index.get_indexer(rec["revises"].to_numpy()[chosen[:REVISIONS_SHOWN]])
        shown = tuple((int(at), int(before))
                      for at, before in zip(chosen[:REVISIONS_SHOWN], revised))  # fmt: skip
        return Revisions(len(chosen), shown)

    def arithmetic(self, quantity: str) -> Arithmetic | None:
        """The sums and conversions that make `quantity`; None when there are none."""
        if quantity not in self.totals:
            return None
        # Worked over the claims the filter keeps, not the record: a finding
        # then involves only claims this brief covers, and each origin's
        # latest figure compared is the one the picture shows (also of the
        # claims kept). Finding positions are into `self.claims`, so they go
        # through `in_record` to be worded from the record.
        sums = Consistency(self.claims, self.dataset.quantities.loc[[quantity]],
                           self.record.tolerances)  # fmt: skip
        if not sums.comparisons:
            return None
        bad = sums.inconsistencies
        if not bad:
            return Arithmetic(sums.comparisons, 0)
        found = sums.findings(inconsistent_only=True, limit=FINDINGS_WORDED)
        found.sort(key=lambda f: -self.said[self.in_record[f.claims[-1]]])  # latest whole first
        shown = tuple((finding, tuple(int(self.in_record[p]) for p in finding.claims))
                      for finding in found[:FINDINGS_SHOWN])  # fmt: skip
        return Arithmetic(sums.comparisons, bad, shown)

    def statements(self, mine: np.ndarray) -> tuple[np.ndarray, int]:
        """The latest of a category's claims that count nothing (their record
        positions `mine`), at most STATEMENTS_SHOWN, and how many there are."""
        mine = mine[np.argsort(-self.said[mine], kind="stable")]
        return mine[:STATEMENTS_SHOWN], len(mine)
