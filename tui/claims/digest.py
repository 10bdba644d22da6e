"""What changed in the record since a git revision or date: the digest.

When the data directory is kept in git, `digest_since` loads the data as it
was at a revision (`history.py`) and compares it with the data as it is now,
in the working tree (so uncommitted edits count), and says what changed:
claims added, removed and edited; the **revisions** among the new claims (a
new statement by a claimant superseding its earlier figure for a quantity,
by how much); the **corrections of the record** (an existing claim whose
figure was edited: the record was wrong, the claimant said nothing new);
figures newly contested and those no longer contested; and new highs and
lows per quantity. `Digest.text()` words it for a terminal,
`Digest.markdown()` for a document; every item names the claim's id, its
claimant and its source and paragraph.

No pandas at import: the app asks `head` and `opened` before the data is
loaded.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from .formatting import about, claim_number, is_derived, number, partial_date, text, unit_text
from .history import (
    DigestError,
    Revision,
    commits_between,
    dataset_at,
    dataset_in,
    head,
    head_in,
    is_dirty,
    locate,
    resolve,
    resolve_in,
)
from .safetext import clean

if TYPE_CHECKING:
    import pandas as pd

    from .load import Dataset


#: Items listed per section, by default; the rest are counted.
LIMIT = 50
#: Newly contested claims whose contradicting figures are looked up.
CONTRADICTIONS_LOOKED_UP = 500


# ------------------------------------------------------------------ the comparison


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
        return ", ".join(_counted(n, what) for what, n in self.counts().items())

    def title(self) -> str:
        """'What changed since abc1234 (3 Apr 2025, “Subject”) to the working tree', inert."""
        if self.since is None:
            return f"What changed between two data sets, to {self.to}"
        return f"What changed since {self.since.describe()} to {self.to}"

    def situation(self) -> str:
        """Where HEAD stands and whether uncommitted changes count, inert."""
        parts = []
        if self.head is not None and self.since is not None:
            if self.head.hash == self.since.hash:
                parts.append(f"HEAD is {self.head.short}")
            else:
                later = f", {_counted(self.commits, 'commits')} later" if self.commits else ""
                parts.append(f"HEAD is {self.head.describe()}{later}")
        if self.since is not None:
            parts.append("uncommitted changes in the data directory count" if self.dirty
                         else "no uncommitted changes")  # fmt: skip
        return "; ".join(parts)

    def sections(self, limit: int | None = LIMIT) -> list[Section]:
        """The sections that have items, in order, each worded line by line
        (at most `limit` lines a section; None: all), for a screen to show."""
        return _sections(self, limit)

    def text(self, limit: int = LIMIT) -> str:
        """Plain text for a terminal: the counts, then each section aligned;
        at most `limit` items a section. Data text is inert."""
        out = [self.title()]
        if self.situation():
            out.append(_sentence(self.situation()))
        out.append("")
        if self.unchanged:
            out.append(NOTHING)
            return "\n".join(out) + "\n"
        out.append(self.summary())
        for section in self.sections(limit):
            note = f": {section.note}" if section.note else ""
            out += ["", f"{section.heading} ({section.count}){note}"]
            width = min(max(len(clean(line.id)) for line in section.lines), 28)
            who = min(max(len(clean(line.claimant)) for line in section.lines), 16)
            for line in section.lines:
                out.append(f"  {clean(line.id):<{width}}  {clean(line.claimant):<{who}}  "
                           f"{line.words}  [{clean(line.cite)}]")  # fmt: skip
            if section.more:
                out.append(f"  ... and {section.more} more")
        return "\n".join(out) + "\n"

    def markdown(self, limit: int = LIMIT) -> str:
        """Markdown: a heading, the counts, a section each; data text escaped."""
        from .formats import markdown_text as md

        if self.since is None:
            out = [f"# {md(self.title())}", ""]
        else:
            out = [f"# What changed since {md(self.since.short)}", "",
                   f"{md(self.title())}."]  # fmt: skip
            if self.situation():
                out.append(md(_sentence(self.situation())))
            out.append("")
        if self.unchanged:
            out.append(NOTHING)
            return "\n".join(out) + "\n"
        counted = (_counted(n, what).split(" ", 1) for what, n in self.counts().items())
        out.append(", ".join(f"**{n}** {what}" for n, what in counted) + ".")
        for section in self.sections(limit):
            out += ["", f"## {section.heading} ({section.count})", ""]
            if section.note:
                out += [_sentence(md(section.note)), ""]
            for line in section.lines:
                words = "".join(f"**{md(w)}**" if strong and w else md(w)
                                for w, strong in line.pieces)  # fmt: skip
                out.append(f"- {md(line.id)} ({md(line.claimant)}): {words}. "
                           f"Source: {md(line.cite)}.")  # fmt: skip
            if section.more:
                out.append(f"- ... and {section.more} more")
        return "\n".join(out) + "\n"


def _sentence(words: str) -> str:
    return f"{words[:1].upper()}{words[1:]}."


#: What the digest says when nothing changed.
NOTHING = ("Nothing changed: no claim was added, removed or edited, and no figure became "
           "contested or stopped being contested.")


_SINGULAR = {"new claims": "new claim", "revisions": "revision", "new highs": "new high",
             "new lows": "new low", "commits": "commit", "corrections": "correction"}  # fmt: skip


def _counted(n: int | None, noun: str) -> str:
    """'1 new claim', '2 new claims', '0 removed'."""
    n = n or 0
    return f"{n:,} {_SINGULAR.get(noun, noun) if n == 1 else noun}"


def compare(old: Dataset, new: Dataset) -> Digest:
    """What changed from `old` to `new`: claims matched by id (`file` and
    `line` are where a claim is, not what it says, and are not compared), the
    analysis of each side's whole record (`record.annotate`) compared."""
    import numpy as np

    from .record import annotate

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

    from .schema import CLAIM_FIELDS

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
    from .contested import disagreements

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


# ------------------------------------------------------------------------- wording


@dataclass(frozen=True)
class Line:
    """One item of a section as it reads: the claim's id, its claimant, the
    words (pieces, the figure marked strong) and where to find it. Texts are
    as in the data; `words` and `Digest.text` make them inert."""

    id: str
    claimant: str
    pieces: tuple[tuple[str, bool], ...]  # (words, strong)
    cite: str  # 'doc-a ¶3'

    @property
    def words(self) -> str:
        return "".join(clean(words) for words, _ in self.pieces)


@dataclass(frozen=True)
class Section:
    heading: str  # 'New claims', 'Revisions', ...
    lines: tuple[Line, ...]
    more: int  # items not in `lines`
    #: What the section's items are, in a few words ('' for none).
    note: str = ""

    @property
    def count(self) -> int:
        return len(self.lines) + self.more


def _figure_words(ref: ClaimRef) -> list[tuple[str, bool]]:
    """'North Korean troops in Russia: **about 15,000**, as of Feb 2025; said 28 Mar 2025'."""
    if ref.figure:
        head = [(f"{ref.quantity}: ", False)] if ref.quantity else []
        words = [*head, (ref.figure, True)]
    else:
        summary = ref.summary if len(ref.summary) <= 100 else ref.summary[:99] + "\u2026"
        words = [(summary.rstrip(". "), False)]
    if ref.about:
        words.append((f", {ref.about}", False))
    words.append(("; undated" if ref.said == "undated" else f"; said {ref.said}", False))
    return words


def _change_words(change: float | None, previous: ClaimRef, unit: str) -> str:
    if change is None:
        return "no number to compare"
    if change == 0:
        return "the same figure"
    sign = "+" if change > 0 else "\u2212"
    moved = f"{sign}{number(abs(change))}" + (f" {unit}" if unit and unit != "%" else unit)
    if previous.best:
        moved += f" ({sign}{abs(change) / previous.best:.1%})"
    return moved


def _revision_item(r: Revised) -> Line:
    c, p = r.claim, r.previous
    body: list[tuple[str, bool]] = [(f"{c.quantity}: ", False)] if c.quantity else []
    body += [(p.figure or "no number", False), (f" ({p.id}, said {p.said}) \u2192 ", False),
             (c.figure or "no number", True), (f" (said {c.said})", False)]  # fmt: skip
    if c.about:
        body.append((f", {c.about}", False))
    body.append((f": {_change_words(r.change, p, c.unit)}", False))
    if r.revised_by:
        body.append((f"; since revised by {r.revised_by}", False))
    return Line(c.id, c.claimant, tuple(body), c.cite)


def _correction_item(x: Corrected) -> Line:
    c, w = x.claim, x.was
    head = ", ".join(v for v in (c.quantity, c.about) if v)
    body: list[tuple[str, bool]] = [(f"{head}: ", False)] if head else []
    body += [(w.figure or "no number", False), (" \u2192 ", False), (c.figure or "no number", True),
             (f": {_change_words(x.change, w, c.unit)}", False),
             ("; the record corrected (", False),
             ("; ".join(f"{f.field} {f.old} \u2192 {f.new}" for f in x.changes), False),
             (f"), not a new statement; said {c.said}", False)]  # fmt: skip
    return Line(c.id, c.claimant, tuple(body), c.cite)


def _uncontested_item(x: Uncontested) -> Line:
    body = _figure_words(x.claim)
    for k, other in enumerate(x.before[:3]):
        lead = ", no longer contradicted by" if k == 0 else " nor"
        body.append((f"{lead} {other.claimant} {other.figure} ({other.claim_id}) for "
                     f"{other.when}", False))  # fmt: skip
    if not x.before:
        body.append(("; contested before, not now", False))
    if len(x.before) > 3:
        body.append((f" and {len(x.before) - 3} more", False))
    return Line(x.claim.id, x.claim.claimant, tuple(body), x.claim.cite)


def _edited_item(e: Edited) -> Line:
    c = e.claim
    head = ", ".join(x for x in (c.quantity, c.about) if x)
    body = [(f"{head}: ", False)] if head else []
    body.append(("; ".join(f"{f.field} {f.old} \u2192 {f.new}" for f in e.changes), False))
    return Line(c.id, c.claimant, tuple(body), c.cite)


def _contested_item(x: Contested) -> Line:
    body = _figure_words(x.claim)
    body.append(("; a new claim" if x.new else "; on the record before", False))
    for k, other in enumerate(x.against[:3]):
        side = "above" if other.above else "below"
        lead = (", contradicted by" if x.new else ", now contradicted by") if k == 0 else " and"
        words = (f"{lead} {other.claimant} {other.figure} ({other.claim_id}) for "
                 f"{other.when}, {side} it by {number(other.apart)}")  # fmt: skip
        body.append((words, False))
    if len(x.against) > 3:
        body.append((f" and {len(x.against) - 3} more", False))
    return Line(x.claim.id, x.claim.claimant, tuple(body), x.claim.cite)


def _extreme_item(x: Extreme) -> Line:
    p = x.previous
    body = _figure_words(x.claim)
    words = (f"; the {'highest' if x.high else 'lowest'} before: {p.figure} "
             f"({p.claimant}, {p.id}, said {p.said})")  # fmt: skip
    body.append((words, False))
    return Line(x.claim.id, x.claim.claimant, tuple(body), x.claim.cite)


def _claim_item(ref: ClaimRef, *, removed: bool = False) -> Line:
    cite = f"{ref.cite}; was at {ref.where}" if removed else ref.cite
    return Line(ref.id, ref.claimant, tuple(_figure_words(ref)), cite)


def _sections(d: Digest, limit: int | None) -> list[Section]:
    """Each section that has items, at most `limit` of them worded (None: all)."""
    found: list[tuple[str, tuple[Any, ...], Any, str]] = [
        ("New claims", d.added, _claim_item, ""),
        ("Revisions", d.revisions, _revision_item,
         "new claims by which a claimant supersedes its own earlier figure"),
        ("Corrections of the record", d.corrections, _correction_item,
         "claims already on the record whose figure was edited; the claimant said nothing new"),
        ("Removed claims", d.removed, lambda r: _claim_item(r, removed=True), ""),
        ("Edited claims", d.edited, _edited_item, "fields other than the figure"),
        ("Newly contested", d.contested, _contested_item, ""),
        ("No longer contested", d.uncontested, _uncontested_item,
         "contested before, no other origin's figure contradicts them now"),
        ("New highs", d.highs, _extreme_item, ""),
        ("New lows", d.lows, _extreme_item, ""),
    ]  # fmt: skip
    out = []
    for heading, items, word, note in found:
        shown = items if limit is None else items[: max(limit, 1)]
        if items:
            out.append(Section(heading, tuple(word(x) for x in shown), len(items) - len(shown),
                               note))  # fmt: skip
    return out


# ---------------------------------------------------------------------- entry points


def digest_since(directory: str | os.PathLike[str], since: str, *, cache: bool = True,
                 current: Dataset | None = None) -> Digest:  # fmt: skip
    """What changed in the data directory from the commit `since` names
    (`resolve`) to its working tree as it is now, uncommitted edits included.
    `current`, if given, is the working tree already loaded (the app's).
    Raises DigestError (no repository, no such revision or date, the data at
    it cannot be loaded) or DataError (the working tree's data has problems)."""
    from .load import load_dataset

    place = locate(directory)
    revision = resolve_in(place, since)
    new = current if current is not None else load_dataset(directory, cache=cache)
    old = dataset_in(place, revision)
    found = compare(old, new)
    return replace(found, since=revision, head=head_in(place),
                   commits=commits_between(place, revision),
                   dirty=is_dirty(directory))  # fmt: skip


@dataclass(frozen=True)
class Opened:
    """What the app needs at its start for its "what changed" view."""

    #: HEAD now; None when the data directory is not in a git repository
    #: (or git is missing, or there is no commit yet): then there is no view.
    head: Revision | None
    #: The full hash remembered when the app was last opened on this data
    #: directory; None the first time.
    previous: str | None

    @property
    def since(self) -> str | None:
        """What to give `digest_since`: the revision seen last time, else
        HEAD (so a first opening shows the uncommitted changes); None without git."""
        if self.head is None:
            return None
        return self.previous or self.head.hash


def opened(directory: str | os.PathLike[str], *, remember: bool = True) -> Opened:
    """At the app's start: HEAD and the revision seen at the last opening;
    HEAD is then remembered for the next one (`seen.py`). Never raises."""
    from . import seen

    now = head(directory)
    previous = seen.last_seen(directory)
    if remember and now is not None:
        seen.remember(directory, now.hash)
    return Opened(now, previous)


__all__ = [
    "ClaimRef", "Contested", "Contradiction", "Corrected", "Digest", "DigestError", "Edited",
    "Extreme", "Uncontested",
    "FieldChange", "Line", "Opened", "Revised", "Revision", "Section", "compare", "dataset_at",
    "digest_since", "head", "is_dirty", "opened", "resolve",
]  # fmt: skip
