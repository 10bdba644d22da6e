"""The digest's words: each section's lines, and the whole as plain text
for a terminal or as Markdown for a document. Every item names the claim's
id, its claimant and its source and paragraph; data text is made inert
(`safetext.clean` for a terminal, `markdown.text` for Markdown).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .. import markdown as md
from ..formatting import number
from ..safetext import clean

if TYPE_CHECKING:
    from .changes import (
        ClaimRef,
        Contested,
        Corrected,
        Digest,
        Edited,
        Extreme,
        Revised,
        Uncontested,
    )

#: Items listed per section, by default; the rest are counted.
LIMIT = 50


#: What the digest says when nothing changed.
NOTHING = ("Nothing changed: no claim was added, removed or edited, and no figure became "
           "contested or stopped being contested.")


_SINGULAR = {"new claims": "new claim", "revisions": "revision", "new highs": "new high",
             "new lows": "new low", "commits": "commit", "corrections": "correction"}  # fmt: skip


def counted(n: int | None, noun: str) -> str:
    """'1 new claim', '2 new claims', '0 removed'."""
    n = n or 0
    return f"{n:,} {_SINGULAR.get(noun, noun) if n == 1 else noun}"


def sentence(words: str) -> str:
    return f"{words[:1].upper()}{words[1:]}."


def summary(d: Digest) -> str:
    """'4 new claims, 2 revisions, 1 correction, 1 removed, 0 edited, 2
    newly contested, 0 no longer contested, 1 new high, 0 new lows'."""
    return ", ".join(counted(n, what) for what, n in d.counts().items())


def title(d: Digest) -> str:
    """'What changed since abc1234 (3 Apr 2025, “Subject”) to the working tree', inert."""
    if d.since is None:
        return f"What changed between two data sets, to {d.to}"
    return f"What changed since {d.since.describe()} to {d.to}"


def situation(d: Digest) -> str:
    """Where HEAD stands and whether uncommitted changes count, inert."""
    parts = []
    if d.head is not None and d.since is not None:
        if d.head.hash == d.since.hash:
            parts.append(f"HEAD is {d.head.short}")
        else:
            later = f", {counted(d.commits, 'commits')} later" if d.commits else ""
            parts.append(f"HEAD is {d.head.describe()}{later}")
    if d.since is not None:
        parts.append("uncommitted changes in the data directory count" if d.dirty
                     else "no uncommitted changes")  # fmt: skip
    return "; ".join(parts)


def text(d: Digest, limit: int = LIMIT) -> str:
    """Plain text for a terminal: the counts, then each section aligned;
    at most `limit` items a section. Data text is inert."""
    out = [title(d)]
    if situation(d):
        out.append(sentence(situation(d)))
    out.append("")
    if d.unchanged:
        out.append(NOTHING)
        return "\n".join(out) + "\n"
    out.append(summary(d))
    for section in sections(d, limit):
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


def markdown(d: Digest, limit: int = LIMIT) -> str:
    """Markdown: a heading, the counts, a section each; data text escaped."""
    if d.since is None:
        out = [md.heading(1, md.text(title(d))), ""]
    else:
        out = [md.heading(1, f"What changed since {md.text(d.since.short)}"), "",
               f"{md.text(title(d))}."]  # fmt: skip
        if situation(d):
            out.append(md.text(sentence(situation(d))))
        out.append("")
    if d.unchanged:
        out.append(NOTHING)
        return "\n".join(out) + "\n"
    numbers = (counted(n, what).split(" ", 1) for what, n in d.counts().items())
    out.append(", ".join(f"{md.strong(n)} {what}" for n, what in numbers) + ".")
    for section in sections(d, limit):
        out += ["", md.heading(2, f"{section.heading} ({section.count})"), ""]
        if section.note:
            out += [sentence(md.text(section.note)), ""]
        for line in section.lines:
            words = "".join(md.strong(md.text(w)) if strong and w else md.text(w)
                            for w, strong in line.pieces)  # fmt: skip
            # The item begins with an id made inert: nothing to escape at its start.
            out.append(md.item(f"{md.text(line.id)} ({md.text(line.claimant)}): {words}. "
                               f"Source: {md.text(line.cite)}.", escape_start=False))  # fmt: skip
        if section.more:
            out.append(md.item(f"... and {section.more} more", escape_start=False))
    return "\n".join(out) + "\n"


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


def sections(d: Digest, limit: int | None) -> list[Section]:
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
