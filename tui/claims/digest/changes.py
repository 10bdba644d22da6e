"""The comparison: what changed between two states of the record.

Claims are matched by id; the analysis of each side's whole record
(`record.annotate`) is compared: claims added, removed and edited, the
revisions among the new claims, the corrections of the record (an existing
claim whose figure was edited), figures newly contested and no longer
contested, and new highs and lows per quantity. The result, a `Digest`, is
plain frozen values; `wording.py` words it.

No pandas at import: the app asks `head` before the data is loaded.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..formatting import about, claim_number, is_derived, number, partial_date, text, unit_text
from ..history import Revision
from . import wording

if TYPE_CHECKING:
    import pandas as pd

    from ..load import Dataset

#: Newly contested claims whose contradicting figures are looked up.
CONTRADICTIONS_LOOKED_UP = 500


@dataclass(frozen=True)
class ClaimRef:
    """A claim as the digest cites it; every text is as in the data (not yet inert)."""

    id: str
    claimant: str  # short name
    figure: str  # 'about 4,000', 'at least 6,700 containers (derived)', 'hundreds', ''
    quantity: str  # what it counts, '' for none
    about: str  # 'as of Feb 2025', 'Jan–Feb 2025', ''
    said: str  # '27 Mar 2025', 'undated'
    source: str
    paragraph: int | None
    summary: str
    #: 'data/claims/a.yaml:12'; at a revision 'abc1234:data/claims/a.yaml:12'.
    where: str
    best: float | None = None
    unit: str = ""

    @property
    def cite(self) -> str:
        return f"{self.source} \u00b6{self.paragraph}" if self.paragraph else self.source


@dataclass(frozen=True)
class FieldChange:
    """One field of an edited claim, before and after, as the dashboard words them."""

    field: str
    old: str
    new: str


@dataclass(frozen=True)
class Edited:
    claim: ClaimRef  # as it is now
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True)
class Revised:
    """A new claim that revises its claimant's earlier figure for the same
    quantity: the claimant said something new."""

    claim: ClaimRef
    previous: ClaimRef
    #: Its best value less the previous one's; None when either has no number.
    change: float | None
    #: Always False: an edited claim is a correction (`Corrected`), never a revision.
    edited: bool = False
    #: The id of a later figure that revises it in turn, if any.
    revised_by: str | None = None


#: The fields that make a claim's figure: an edit of one is a correction.
FIGURE_FIELDS = ("qualifier", "value", "low", "high")


@dataclass(frozen=True)
class Corrected:
    """An existing claim whose figure was edited: a correction of the record
    (the claim was entered wrong), not a new statement by its claimant."""

    claim: ClaimRef  # as it is now
    was: ClaimRef  # as it was
    #: Its best value now less before; None when either has no number.
    change: float | None
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True)
class Uncontested:
    """A figure contested before and not now, and what contradicted it then."""

    claim: ClaimRef  # as it is now
    before: tuple[Contradiction, ...] = ()


@dataclass(frozen=True)
class Contradiction:
    """Another origin's figure that no one value fits together with the claim's."""

    claim_id: str
    claimant: str
    figure: str
    when: str  # the month or period both are about
    apart: float  # the gap between the two intervals
    above: bool  # True when the other figure lies above the claim's


@dataclass(frozen=True)
class Contested:
    """A figure contested now and not before."""

    claim: ClaimRef
    new: bool  # a new claim (else on the record before, now contradicted)
    against: tuple[Contradiction, ...] = ()


@dataclass(frozen=True)
class Extreme:
    """A new highest or lowest figure for a quantity, set by a new or edited claim."""

    high: bool
    quantity: str  # the quantity's id
    label: str
    claim: ClaimRef
    previous: ClaimRef  # the holder of the extreme before (the latest said, if several)


@dataclass(frozen=True)
class Digest:
    """What changed between two states of the record (see the module)."""

    added: tuple[ClaimRef, ...] = ()
    removed: tuple[ClaimRef, ...] = ()
    #: Claims edited in other fields than their figure (those are `corrections`).
    edited: tuple[Edited, ...] = ()
    revisions: tuple[Revised, ...] = ()
    contested: tuple[Contested, ...] = ()
    corrections: tuple[Corrected, ...] = ()
    uncontested: tuple[Uncontested, ...] = ()
    highs: tuple[Extreme, ...] = ()
    lows: tuple[Extreme, ...] = ()
    #: The revision compared with; None when two data sets were compared directly.
    since: Revision | None = None
    #: What it was compared with.
    to: str = "the working tree"
    #: HEAD when the digest was made, the commits from `since` to it, and
    #: whether the data directory had uncommitted changes (which count).
    head: Revision | None = None
    commits: int | None = None
    dirty: bool = False

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.removed or self.edited or self.contested
                    or self.corrections or self.uncontested)  # fmt: skip

    def counts(self) -> dict[str, int]:
        """Each section's count, in the order the digest lists them."""
        return {"new claims": len(self.added), "revisions": len(self.revisions),
                "corrections": len(self.corrections), "removed": len(self.removed),
                "edited": len(self.edited), "newly contested": len(self.contested),
                "no longer contested": len(self.uncontested), "new highs": len(self.highs),
                "new lows": len(self.lows)}  # fmt: skip

    def summary(self) -> str:
        """'4 new claims, 2 revisions, 1 correction, 1 removed, 0 edited, 2
        newly contested, 0 no longer contested, 1 new high, 0 new lows'."""
        return wording.summary(self)

    def title(self) -> str:
        """'What changed since abc1234 (3 Apr 2025, “Subject”) to the working tree', inert."""
        return wording.title(self)

    def situation(self) -> str:
        """Where HEAD stands and whether uncommitted changes count, inert."""
        return wording.situation(self)

    def sections(self, limit: int | None = wording.LIMIT) -> list[wording.Section]:
        """The sections that have items, in order, each worded line by line
        (at most `limit` lines a section; None: all), for a screen to show."""
        return wording.sections(self, limit)

    def text(self, limit: int = wording.LIMIT) -> str:
        """Plain text for a terminal (`wording.text`)."""
        return wording.text(self, limit)

    def markdown(self, limit: int = wording.LIMIT) -> str:
        """Markdown (`wording.markdown`)."""
        return wording.markdown(self, limit)


def compare(old: Dataset, new: Dataset) -> Digest:
    """What changed from `old` to `new`: claims matched by id (`file` and
    `line` are where a claim is, not what it says, and are not compared), the
    analysis of each side's whole record (`record.annotate`) compared."""
    import numpy as np

    from ..record import annotate

    before = annotate(old.claims.reset_index(drop=True), old.tolerances)
    after = annotate(new.claims.reset_index(drop=True), new.tolerances)
    old_ids = before["id"].astype(str).to_numpy(dtype=object)
    new_ids = after["id"].astype(str).to_numpy(dtype=object)
    old_at = {claim: i for i, claim in enumerate(old_ids)}
    new_at = {claim: i for i, claim in enumerate(new_ids)}
    added = np.array([i for i, c in enumerate(new_ids) if c not in old_at], dtype=np.int64)
    removed = np.array([i for i, c in enumerate(old_ids) if c not in new_at], dtype=np.int64)
    kept_new = np.array([i for i, c in enumerate(new_ids) if c in old_at], dtype=np.int64)
    kept_old = np.array([old_at[c] for c in new_ids[kept_new]], dtype=np.int64)
    edits = _edits(before, after, kept_old, kept_new)
    # An edit of a claim's figure corrects the record; other edits are edits.
    corrected_at = {i: c for i, c in edits.items() if any(f.field in FIGURE_FIELDS for f in c)}

    refs_new = _Refs(after)
    refs_old = _Refs(before)
    names = _names(new)
    edited_at = np.array(sorted(edits), dtype=np.int64)
    changed = np.union1d(added, edited_at)

    revisions = _revisions(after, added, refs_new)
    contested = _contested(before, after, new, old_ids, new_ids, set(added.tolist()), refs_new,
                           names)  # fmt: skip
    uncontested = _uncontested(before, after, old, new_ids, old_at, refs_new, names)
    highs, lows = _extremes(before, after, changed, set(added.tolist()), refs_old, refs_new)
    corrections = []
    for i in _by_said(after, sorted(corrected_at)):
        was = refs_old.one(old_at[str(new_ids[i])])
        now = refs_new.one(i)
        change = None if now.best is None or was.best is None or (
            math.isnan(now.best) or math.isnan(was.best)) else now.best - was.best  # fmt: skip
        corrections.append(Corrected(now, was, change, corrected_at[i]))
    others = [i for i in edited_at if int(i) not in corrected_at]
    return Digest(
        added=tuple(refs_new.many(_by_said(after, added))),
        removed=tuple(refs_old.many(_by_said(before, removed))),
        edited=tuple(Edited(refs_new.one(i), edits[i]) for i in _by_said(after, others)),
        revisions=revisions, contested=contested, highs=highs, lows=lows,
        corrections=tuple(corrections), uncontested=uncontested,
    )  # fmt: skip


def _by_said(claims: pd.DataFrame, at: Any) -> list[int]:
    """Positions in the order the claims were said (undated first), then by id."""
    import numpy as np

    at = np.asarray(at, dtype=np.int64)
    if not len(at):
        return []
    said = claims["said_at"].to_numpy(dtype=float)[at]
    said = np.where(np.isnan(said), -np.inf, said)
    ids = claims["id"].astype(str).to_numpy(dtype=object)[at]
    return [int(at[k]) for k in sorted(range(len(at)), key=lambda k: (said[k], ids[k]))]


def _names(dataset: Dataset) -> dict[str, str]:
    claimants = dataset.claimants
    shorts = claimants["short"].astype(object) if "short" in claimants else None
    out = {}
    for i, claimant in enumerate(claimants.index.astype(str)):
        short = shorts.iat[i] if shorts is not None else None
        out[claimant] = text(short) or claimant
    return out


class _Refs:
    """ClaimRefs of one annotated table, made once per claim."""

    COLUMNS = ("id", "claimant", "claimant_short", "qualifier", "value", "low", "high", "unit",
               "inferred", "quantity_label", "as_of", "as_of_precision", "period_start",
               "period_start_precision", "period_end", "period_end_precision", "stated_on",
               "stated_on_precision", "source", "paragraph", "summary", "file", "line",
               "best")  # fmt: skip

    def __init__(self, claims: pd.DataFrame) -> None:
        self.claims = claims
        self.made: dict[int, ClaimRef] = {}

    def many(self, at: list[int]) -> list[ClaimRef]:
        wanted = [i for i in at if i not in self.made]
        if wanted:
            rows = self.claims.iloc[wanted][list(self.COLUMNS)].astype(object)
            rows = rows.where(rows.notna(), None)
            for i, row in zip(wanted, rows.to_dict("records")):
                self.made[i] = _ref(row)
        return [self.made[i] for i in at]

    def one(self, i: int) -> ClaimRef:
        return self.many([int(i)])[0]


def _ref(row: dict[str, Any]) -> ClaimRef:
    figure = claim_number(row["qualifier"], row["value"], row["low"], row["high"],
                          unit=row["unit"], derived=is_derived(row["inferred"]))  # fmt: skip
    best = row["best"]
    return ClaimRef(
        id=text(row["id"]), claimant=text(row["claimant_short"]) or text(row["claimant"]),
        figure=figure, quantity=text(row["quantity_label"]), about=about(row),
        said=partial_date(row["stated_on"], row["stated_on_precision"]) or "undated",
        source=text(row["source"]),
        paragraph=None if row["paragraph"] is None else int(row["paragraph"]),
        summary=text(row["summary"]), where=f"{text(row['file'])}:{row['line']}",
        best=None if best is None else float(best), unit=unit_text(row["unit"]),
    )  # fmt: skip


def _edits(before: pd.DataFrame, after: pd.DataFrame, kept_old: Any, kept_new: Any,
           ) -> dict[int, tuple[FieldChange, ...]]:  # fmt: skip
    """For each claim kept whose fields changed (position in `after`): the changes."""
    import numpy as np

    from ..schema import CLAIM_FIELDS

    found: dict[int, list[FieldChange]] = {}
    if not len(kept_new):
        return {}
    for name, spec in CLAIM_FIELDS.items():
        if name == "id":
            continue
        columns = [name, f"{name}_precision"] if spec.kind == "date" else [name]
        old = [_objects(before[c], kept_old) for c in columns]
        new = [_objects(after[c], kept_new) for c in columns]
        differ = np.zeros(len(kept_new), dtype=bool)
        for a, b in zip(old, new):
            differ |= np.asarray(a != b, dtype=bool)
        for k in np.flatnonzero(differ):
            was = _shown(name, spec.kind, [a[k] for a in old])
            now = _shown(name, spec.kind, [b[k] for b in new])
            found.setdefault(int(kept_new[k]), []).append(FieldChange(name, was, now))
    return {i: tuple(changes) for i, changes in found.items()}


def _objects(column: pd.Series, at: Any) -> Any:
    """The column's values at positions `at` as Python objects, None for missing."""
    part = column.iloc[at].astype(object)
    return part.where(part.notna(), None).to_numpy(dtype=object)


def _shown(name: str, kind: str, values: list[Any]) -> str:
    value = values[0]
    if value is None:
        return "none"
    if kind == "date":
        return partial_date(value, values[1]) or "none"
    if name in ("value", "low", "high"):
        return number(value)
    if kind == "int":
        return str(int(value))
    words = text(value)
    return words if len(words) <= 60 else words[:59] + "\u2026"


def _revisions(after: pd.DataFrame, added: Any, refs: _Refs) -> tuple[Revised, ...]:
    """The new claims that revise their claimant's earlier figure. An edited
    claim is never one: its edit corrects the record (`Corrected`)."""
    import numpy as np

    revises = after["revises"].to_numpy(dtype=np.int64)
    revised_by = after["revised_by"].to_numpy(dtype=np.int64)
    change = after["change"].to_numpy(dtype=float)
    new_ids = after["id"].astype(str).to_numpy(dtype=object)
    out = []
    for i in _by_said(after, [int(i) for i in added if revises[i] >= 0]):
        later = new_ids[revised_by[i]] if revised_by[i] >= 0 else None
        out.append(Revised(
            refs.one(i), refs.one(int(revises[i])),
            None if math.isnan(change[i]) else float(change[i]), False, later,
        ))  # fmt: skip
    return tuple(out)


def _contested(before: pd.DataFrame, after: pd.DataFrame, new: Dataset, old_ids: Any,
               new_ids: Any, added: set[int], refs: _Refs, names: dict[str, str],
               ) -> tuple[Contested, ...]:  # fmt: skip
    import numpy as np

    was = dict(zip(old_ids, before["contested"].to_numpy(dtype=bool)))
    now = after["contested"].to_numpy(dtype=bool)
    newly = [int(i) for i in np.flatnonzero(now) if not was.get(new_ids[i], False)]
    out = []
    for n, i in enumerate(_by_said(after, newly)):
        against = _against(after, new, i, names) if n < CONTRADICTIONS_LOOKED_UP else ()
        out.append(Contested(refs.one(i), i in added, against))
    return tuple(out)


def _uncontested(before: pd.DataFrame, after: pd.DataFrame, old: Dataset, new_ids: Any,
                 old_at: dict[str, int], refs: _Refs, names: dict[str, str],
                 ) -> tuple[Uncontested, ...]:  # fmt: skip
    """The claims still on the record that were contested before and are not
    now, each with what contradicted it before."""
    import numpy as np

    was = before["contested"].to_numpy(dtype=bool)
    now = after["contested"].to_numpy(dtype=bool)
    ended = [int(i) for i in np.flatnonzero(~now)
             if str(new_ids[i]) in old_at and was[old_at[str(new_ids[i])]]]  # fmt: skip
    out = []
    for n, i in enumerate(_by_said(after, ended)):
        then = (_against(before, old, old_at[str(new_ids[i])], names)
                if n < CONTRADICTIONS_LOOKED_UP else ())  # fmt: skip
        out.append(Uncontested(refs.one(i), then))
    return tuple(out)


def _against(claims: pd.DataFrame, dataset: Dataset, i: int, names: dict[str, str],
             ) -> tuple[Contradiction, ...]:  # fmt: skip
    """The other origins' figures that contradict the claim at position `i`."""
    from ..contested import disagreements

    quantity = claims["quantity"].iat[i]
    if quantity is None or (isinstance(quantity, float) and math.isnan(quantity)):
        return ()
    mine = str(claims["id"].iat[i])
    found, _ = disagreements(claims, str(quantity), dataset.tolerances,
                             involving=claims.index[i])  # fmt: skip
    out = []
    for d in found:
        above = d.low_claim == mine
        other, origin, figure = ((d.high_claim, d.high_origin, d.high_number) if above
                                 else (d.low_claim, d.low_origin, d.low_number))  # fmt: skip
        out.append(Contradiction(other, names.get(origin, origin), figure, d.when, d.by, above))
    return tuple(out)


def _extremes(before: pd.DataFrame, after: pd.DataFrame, changed: Any, added: set[int],
              refs_old: _Refs, refs_new: _Refs,
              ) -> tuple[tuple[Extreme, ...], tuple[Extreme, ...]]:  # fmt: skip
    """Per quantity, the highest and lowest best value now against before,
    where a new or edited claim set a new one."""
    import numpy as np

    def table(claims: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        quantity = claims["quantity"].astype(object).to_numpy(dtype=object)
        best = claims["best"].to_numpy(dtype=float, na_value=np.nan)
        said = claims["said_at"].to_numpy(dtype=float)
        return quantity, best, np.where(np.isnan(said), -np.inf, said)

    old_q, old_best, old_said = table(before)
    new_q, new_best, new_said = table(after)
    changed_set = {int(i) for i in changed}
    candidates = sorted({str(new_q[i]) for i in changed_set
                         if isinstance(new_q[i], str) and not np.isnan(new_best[i])})  # fmt: skip
    highs, lows = [], []
    for q in candidates:
        old_rows = np.flatnonzero((old_q == q) & ~np.isnan(old_best))
        new_rows = np.flatnonzero((new_q == q) & ~np.isnan(new_best))
        if not len(old_rows) or not len(new_rows):
            continue  # a quantity's first figures are news, not records
        for high, pick, out in ((True, np.max, highs), (False, np.min, lows)):
            was, now = pick(old_best[old_rows]), pick(new_best[new_rows])
            if (now <= was) if high else (now >= was):
                continue
            holders = [int(i) for i in new_rows[new_best[new_rows] == now] if int(i) in changed_set]
            if not holders:
                continue
            holder = max(holders, key=lambda i: (i in added, new_said[i], -i))
            before_holder = max((int(i) for i in old_rows[old_best[old_rows] == was]),
                                key=lambda i: (old_said[i], -i))  # fmt: skip
            ref = refs_new.one(holder)
            out.append(Extreme(high, q, ref.quantity or q, ref, refs_old.one(before_holder)))
    return tuple(highs), tuple(lows)
