"""The brief's words: its header, then per category and quantity the lines
for what `selection.py` chose, then the sources.

Written top to bottom in one pass, because sources are numbered as they are
first cited (`sources.py`). Data text is inert (`markdown.text`), and a line
that begins with it is a `markdown.item`, so no claim can add a heading, a
list, a link or HTML.
"""

from __future__ import annotations

import datetime as _dt
import math
from typing import Any

import pandas as pd

from .. import markdown
from ..dates import format_partial
from ..formatting import about, claim_number, grade_text, is_derived, partial_date, plural, text
from ..quantity_view import change_text
from ..schema import CATEGORIES
from .selection import FINDINGS_SHOWN, PICTURE_SHOWN, REVISIONS_SHOWN, Selection
from .sources import Sources, inline

TITLE = "Brief: North Korea's military support to Russia"

LEGEND = (
    "Per quantity: each origin's latest figure (an origin is whose information it is, so a "
    "relayed figure counts for the claimant relayed) with its grade (the claimant's "
    "reliability A\u2013F and the claim's credibility 1\u20136; \u201c?\u201d marks a "
    "credibility the record suggests, not the analyst's) and its age, the most recent first "
    "(figures older than the quantity's window listed apart as stale, figures of one part "
    "apart as parts), the range of the current figures of the whole, "
    "whether origins disagree, the revisions, and the sums and conversions of quantities.yaml "
    "that do not add up. [n] \u00b6p cites source n of the list at the end, paragraph p."
)


def _day(value: object) -> object:
    """A date that may come as text (a joined categorical) as a Timestamp."""
    return pd.to_datetime(value, errors="coerce") if isinstance(value, str) else value


class Writer:
    """Words one brief of what `chosen` reports."""

    def __init__(self, chosen: Selection) -> None:
        self.chosen = chosen
        self.rows = chosen.rows
        self.sources = Sources(chosen.dataset.sources)
        self.as_of: _dt.date | None = None

    # -- a claim's words ------------------------------------------------------

    def name(self, claimant: object) -> str:
        key = text(claimant)
        return inline(self.chosen.names.get(key, key)) or "unknown"

    def figure(self, position: int) -> str:
        """'about 6,700 containers', '4,000 (derived)', 'hundreds'."""
        r = self.rows[position]
        worded = claim_number(r["qualifier"], r["value"], r["low"], r["high"], unit=r["unit"],
                              derived=is_derived(r["inferred"]))  # fmt: skip
        return inline(worded) or "no figure"

    def said(self, position: int) -> str:
        """'said 2 Apr 2025'; 'undated, published Mar 2025' when the claim
        has no date but its source has."""
        r = self.rows[position]
        stated = partial_date(r["stated_on"], r["stated_on_precision"])
        if stated:
            return f"said {stated}"
        published = partial_date(_day(r["source_published"]), r["source_published_precision"])
        return f"undated, published {published}" if published else "undated"

    def when(self, position: int, *, said: bool = True) -> str:
        """'as of Mar 2025, said 2 Apr 2025', 'as of 4 Nov 2024, said then';
        without `said`, the time it is about alone when it has one."""
        about_ = inline(about(self.rows[position]))
        stated = self.said(position)
        if about_ and said:
            same = about_ == f"as of {stated.removeprefix('said ')}"
            return f"{about_}, said then" if same else f"{about_}, {stated}"
        return about_ or stated

    def cited(self, claim_id: str, origin: str) -> str:
        """'about 3,000 (JCS) [2] ¶3'."""
        at = self.chosen.position(claim_id)
        if at is None:
            return f"claim {inline(claim_id)} (not found)"
        return f"{self.figure(at)} ({inline(origin)}) {self.sources.cite(self.rows[at])}"

    # -- the brief, top to bottom ----------------------------------------------

    def write(self, described: str, today: _dt.date) -> str:
        chosen, record = self.chosen, self.chosen.record
        # Each quantity's picture is as of the known-on date, else today.
        self.as_of = record.known_on or today
        lines = [markdown.heading(1, TITLE), "", f"- Written: {today.isoformat()}",
                 f"- Covers: {self.covers(described)}"]  # fmt: skip
        if record.known_on is not None:
            lines.append(f"- Known on: {format_partial(record.known_on, 'day')}: only what "
                         "was on the record that day")  # fmt: skip
        lines.append(f"- Tolerances: {inline(record.tolerances.describe())} (what counts as "
                     "agreeing)")  # fmt: skip
        if chosen.previous is not None:
            lines.append(f"- Previous brief: {chosen.previous.isoformat()}: the revisions listed "
                         "are those said after it")  # fmt: skip
        else:
            lines.append("- Previous brief: none given: each claimant's latest revision is listed")
        lines += ["", LEGEND]
        if chosen.claims.empty:
            lines += ["", "No claims: the filter keeps none." if chosen.filtered else "No claims."]
        for category in CATEGORIES:
            lines += self.category(category)
        lines += ["", markdown.heading(2, "Sources"), "", *self.sources.lines()]
        return "\n".join(lines) + "\n"

    def covers(self, described: str) -> str:
        chosen = self.chosen
        total = plural(len(chosen.rec), "claim")
        if not chosen.filtered:
            return f"the whole record, {total}"
        what = inline(described) or "a filter"
        if len(chosen.claims) == len(chosen.rec):
            return f"{what}: all of the record's {total}"
        return f"{what}: {len(chosen.claims):,} of the record's {total}"

    def category(self, category: str) -> list[str]:
        mine, bare = self.chosen.category(category)
        if not mine and not len(bare):
            return []
        # Written in the order they stand: sources are numbered as first cited.
        lines = ["", markdown.heading(2, category.capitalize())]
        for quantity in mine:
            lines += self.quantity(quantity)
        return lines + self.statements(bare)

    def quantity(self, quantity: str) -> list[str]:
        view = self.chosen.view(quantity, self.as_of)
        unit = f"Counted in {inline(view.unit)}; " if view.unit else ""
        reading = f"each figure is {inline(view.reading)}; " if view.reading else ""
        lines = ["", markdown.heading(3, inline(view.label)), "",
                 f"{unit}{reading}{view.counts}.", "",
                 f"Each origin's latest figure, the most recent first, {view.as_of_text}:",
                 ""]  # fmt: skip
        lines += self.figures(view.current, "No origin's figure is current.")
        if view.stale:
            lines += ["", "Stale (older than the window; not in the range):", ""]
            lines += self.figures(view.stale, "")
        if view.parts:
            lines += ["", "Figures of a part only (not of the whole; not in the range):", ""]
            lines += self.figures(view.parts, "")
        lines += ["", self.extent(view), "", *self.contested(quantity)]
        lines += self.revisions(quantity)
        lines += self.arithmetic(quantity)
        return lines

    def figures(self, picture: Any, none: str) -> list[str]:
        """Picture entries as items, each with its age and part, at most PICTURE_SHOWN."""
        if not picture:
            return [none] if none else []
        lines = [self.latest(p.claim_id, p.origin, p.contested, p.age, p.part)
                 for p in picture[:PICTURE_SHOWN]]  # fmt: skip
        more = len(picture) - PICTURE_SHOWN
        if more > 0:
            lines.append(f"- \u2026 and {plural(more, 'more figure')} (the dashboard's "
                         "quantity view lists them all)")  # fmt: skip
        return lines

    def latest(self, claim_id: str, origin: str, contested: bool, age: str = "",
               part: str = "") -> str:  # fmt: skip
        at = self.chosen.position(claim_id)
        if at is None:
            return markdown.item(f"{inline(origin)}: claim {inline(claim_id)} (not found)")
        row = self.rows[at]
        who = inline(origin)
        if text(row["claimant"]) != text(row["origin"]):
            who += f" (relayed by {self.name(row['claimant'])})"
        grade = grade_text(row["reliability"], row["credibility"], row["suggested"])
        extra = (f", grade {grade}" if grade else "") + (", contested" if contested else "")
        if grade and pd.isna(row["credibility"]):  # a suggestion says its evidence x agreement
            why = self.chosen.evidence(claim_id)
            extra += f" ({inline(why)})" if why else ""
        extra = (f", {inline(part)}" if part else "") + (f", {age}" if age else "") + extra
        return markdown.item(f"{who}: {self.figure(at)} ({self.when(at)}){extra} "
                             f"{self.sources.cite(row)}")  # fmt: skip

    def extent(self, view: Any) -> str:
        found = self.chosen.extent(view)
        if found.kind == "none current":
            return f"Range: none current ({view.as_of_text})."
        if found.kind == "none":
            return "Range: none (no origin gives a number)."
        if found.kind == "one":
            only = found.low
            return f"Range: one origin's figure only, {self.cited(only.claim_id, only.origin)}."
        note = " (figures for different periods)" if found.periods else ""
        return (f"Range: {self.cited(found.low.claim_id, found.low.origin)} to "
                f"{self.cited(found.high.claim_id, found.high.origin)}{note}.")  # fmt: skip

    def contested(self, quantity: str) -> list[str]:
        found = self.chosen.disputes(quantity)
        if not found.known:
            return ["Contested: no."]
        total = found.total
        if not total:
            return ["Contested: no: no two origins' figures for the same time disagree."]
        filtered = self.chosen.filtered
        where = " on the record" + (", whatever the filter" if filtered else "")
        verb = "disagrees" if total == 1 else "disagree"
        head = (f"Contested: yes: {plural(total, 'pair')} of origins' figures for the same "
                f"time {verb}{where}")  # fmt: skip
        if not found.shown:
            return [head + "; none of the latest involves a claim in this brief."]
        latest = ("; the latest involving a claim in this brief:" if filtered
                  else "; the latest:")  # fmt: skip
        lines = [head + (latest if total > 1 else ":"), ""]
        for d, low, high in found.shown:
            ratio = f", {d.ratio:.1f}\u00d7" if math.isfinite(d.ratio) and d.ratio > 0 else ""
            lines.append(markdown.item(
                f"{inline(d.when)}: {self.name(d.low_origin)} {self.figure(low)} "
                f"{self.sources.cite(self.rows[low])} vs {self.name(d.high_origin)} "
                f"{self.figure(high)} {self.sources.cite(self.rows[high])}: "
                f"{d.by:,.0f} apart{ratio}"))  # fmt: skip
        if total > len(found.shown):
            lines.append(f"- \u2026 and {plural(total - len(found.shown), 'more pair')}")
        return lines

    def revisions(self, quantity: str) -> list[str]:
        found = self.chosen.revisions(quantity)
        previous = self.chosen.previous
        if previous is not None:
            head = f"Revisions said after {format_partial(previous, 'day')}"
        else:
            head = "Each claimant's latest revision"
        if not found.count:
            none = "none" if previous is not None else "none: no claimant has revised a figure"
            return ["", f"{head}: {none}."]
        lines = ["", f"{head} ({found.count:,}):", ""]
        for at, before in found.shown:
            lines.append(self.revision(at, before))
        if found.count > REVISIONS_SHOWN:
            lines.append(f"- \u2026 and {plural(found.count - REVISIONS_SHOWN, 'earlier one')}")
        return lines

    def revision(self, at: int, before: int) -> str:
        """'NIS: about 11,000 (as of Jan 2025) [1] ¶3 → about 12,000 (as of
        Mar 2025, said 2 Apr 2025) [2] ¶4: +1,000'."""
        row = self.rows[at]
        earlier = "an earlier figure (not found)"
        if before >= 0:
            earlier = (f"{self.figure(before)} ({self.when(before, said=False)}) "
                       f"{self.sources.cite(self.rows[before])}")  # fmt: skip
        change = row["change"]
        moved = change_text(float(change) if not pd.isna(change) else math.nan,
                            int(row["position"]))  # fmt: skip
        moved = f": {moved}" if moved else ""
        return markdown.item(f"{self.name(row['claimant'])}: {earlier} \u2192 {self.figure(at)} "
                             f"({self.when(at)}) {self.sources.cite(row)}{moved}")  # fmt: skip

    def arithmetic(self, quantity: str) -> list[str]:
        found = self.chosen.arithmetic(quantity)
        if found is None:
            return []
        head = "Arithmetic (the sums and conversions quantities.yaml declares)"
        if not found.inconsistent:
            return ["", f"{head}: {plural(found.comparisons, 'comparison')}, all consistent."]
        count = f"{found.inconsistent:,} of {plural(found.comparisons, 'comparison')} inconsistent"
        lines = ["", f"{head}: {count}:", ""]
        for finding, at in found.shown:
            inputs = list(dict.fromkeys(self.sources.cite(self.rows[p]) for p in at[:-1]))
            whole = self.sources.cite(self.rows[at[-1]])
            lines.append(markdown.item(f"{inline(finding.text)} \u2014 {', '.join(inputs)} vs "
                                       f"{whole}"))  # fmt: skip
        if found.inconsistent > FINDINGS_SHOWN:
            lines.append(f"- \u2026 and {found.inconsistent - FINDINGS_SHOWN:,} more")
        return lines

    def statements(self, mine: Any) -> list[str]:
        """The latest of a category's claims that count nothing, with their summary."""
        if not len(mine):
            return []
        shown, total = self.chosen.statements(mine)
        head = "Statements without a figure" + (
            f" (the latest {len(shown)} of {total:,})" if total > len(shown) else "")
        lines = ["", markdown.heading(3, head), ""]
        for at in shown:
            row = self.rows[int(at)]
            what = inline(row["summary"]) or inline(row["key_phrase"]) or "no summary"
            lines.append(markdown.item(f"{self.name(row['claimant'])} ({self.said(int(at))}): "
                                       f"{what} {self.sources.cite(row)}"))  # fmt: skip
        return lines
