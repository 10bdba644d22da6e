"""A Markdown brief of the claims a filter keeps, for `noko-tui brief`.

Per category and quantity: each origin's latest figure with its grade, the
range of those figures, whether origins disagree, the revisions since the
previous brief and where the arithmetic of quantities.yaml does not add up;
then a numbered list of the sources cited. Every figure carries `[n] ¶p`,
source n of that list and paragraph p: in Markdown `[n]` is a shortcut
reference link (the definitions close the brief), so it links to the source
and still reads cleanly as plain text.

Text from the data is inert: it goes through `formats.markdown_text`, and a
line that begins with it has a leading list or heading sign escaped, so no
claim can add a heading, a list, a link or HTML to the brief. Every list is
capped and says how many lines it leaves out, so 100,000 claims make a brief
about as long as 300 do.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .consistency import Consistency
from .contested import disagreements
from .dates import format_partial, last_day, parse_partial
from .filters import stated_last_day
from .formats import markdown_address, markdown_text
from .formatting import about, claim_number, grade_text, is_derived, partial_date, plural, text
from .quantity_view import change_text, quantity_view
from .relations import relations
from .safetext import clean
from .schema import CATEGORIES
from .timeline import said_order

if TYPE_CHECKING:
    from .load import Dataset
    from .record import Record

TITLE = "Brief: North Korea's military support to Russia"
#: The header line `previous_date` reads back: `- Written: 2025-06-30`.
_WRITTEN = re.compile(r"- Written: ([0-9]{4}-[0-9]{2}-[0-9]{2})\s*")

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


def brief(dataset: Dataset, record: Record, claims: pd.DataFrame, *, described: str,
          previous: _dt.date | None, today: _dt.date) -> str:  # fmt: skip
    """A Markdown brief of `claims` (already filtered, annotated rows of record.claims)."""
    return _Brief(dataset, record, claims, previous).write(described, today)


def previous_date(text: str) -> _dt.date:
    """--previous: a partial date (2025, 2025-03, 2025-03-27; its last day), or
    the path of an earlier brief (the date its header says it was written);
    ValueError with a clear message otherwise."""
    given = text.strip()
    if re.fullmatch(r"[0-9]{4}(?:-[0-9]{1,2}(?:-[0-9]{1,2})?)?", given):
        first, precision = parse_partial(given)
        return last_day(first, precision)
    path = Path(given)
    if given and path.is_dir():
        raise ValueError(f"{clean(given)} is a directory, not a brief")
    if not given or not path.is_file():
        raise ValueError(f"expected a date (2025, 2025-03, 2025-03-27) or the file of an "
                         f"earlier brief, got \u201c{clean(text)}\u201d: no such date or "
                         "file")  # fmt: skip
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            head = handle.read(16_384)
    except OSError as error:
        raise ValueError(f"cannot read {clean(given)}: {clean(error.strerror or error)}") from None
    for line in head.splitlines():
        if line.startswith("## "):  # the header is over
            break
        found = _WRITTEN.fullmatch(line)
        if found:
            try:
                return _dt.date.fromisoformat(found.group(1))
            except ValueError:
                break
    raise ValueError(f"{clean(given)} is not a brief written by noko-tui: its header has no "
                     f"\u201c- Written: YYYY-MM-DD\u201d line")  # fmt: skip


# --- inert Markdown ---------------------------------------------------------

_LINE_START = re.compile(r"([-+=])|([0-9]{1,9})([.)])")


def _md(value: object) -> str:
    """Data as inert inline Markdown (`formats.markdown_text`), trimmed."""
    return markdown_text(value).strip()


def _lead(line: str) -> str:
    """A line's content with a sign that would start a list or a heading at
    its beginning escaped (`- `, `+ `, `1. `, `=`)."""
    found = _LINE_START.match(line)
    if found is None:
        return line
    if found.group(1):
        return "\\" + line
    return f"{found.group(2)}\\{line[found.end(2):]}"


def _item(content: str) -> str:
    return f"- {_lead(content)}"


def _day(value: object) -> object:
    """A date that may come as text (a joined categorical) as a Timestamp."""
    return pd.to_datetime(value, errors="coerce") if isinstance(value, str) else value


# --- the claims' fields -----------------------------------------------------

_FIELDS = ("id", "category", "qualifier", "value", "low", "high", "unit", "inferred", "as_of",
           "as_of_precision", "period_start", "period_start_precision", "period_end",
           "period_end_precision", "stated_on", "stated_on_precision", "source", "paragraph",
           "claimant", "origin", "reliability", "credibility", "suggested", "summary",
           "key_phrase", "revises", "change", "position", "source_published",
           "source_published_precision")  # fmt: skip


class _Rows:
    """The record's claims read one at a time, only those the brief words."""

    def __init__(self, claims: pd.DataFrame) -> None:
        self.frame = claims[[f for f in _FIELDS if f in claims]]
        self._rows: dict[int, dict[str, Any]] = {}

    def __getitem__(self, position: int) -> dict[str, Any]:
        row = self._rows.get(position)
        if row is None:
            row = self._rows[position] = self.frame.iloc[int(position)].to_dict()
        return row

    def figure(self, position: int) -> str:
        """'about 6,700 containers', '4,000 (derived)', 'hundreds'."""
        r = self[position]
        worded = claim_number(r["qualifier"], r["value"], r["low"], r["high"], unit=r["unit"],
                              derived=is_derived(r["inferred"]))  # fmt: skip
        return _md(worded) or "no figure"

    def said(self, position: int) -> str:
        """'said 2 Apr 2025'; 'undated, published Mar 2025' when the claim
        has no date but its source has."""
        r = self[position]
        stated = partial_date(r["stated_on"], r["stated_on_precision"])
        if stated:
            return f"said {stated}"
        published = partial_date(_day(r["source_published"]), r["source_published_precision"])
        return f"undated, published {published}" if published else "undated"

    def when(self, position: int, *, said: bool = True) -> str:
        """'as of Mar 2025, said 2 Apr 2025', 'as of 4 Nov 2024, said then';
        without `said`, the time it is about alone when it has one."""
        about_ = _md(about(self[position]))
        stated = self.said(position)
        if about_ and said:
            same = about_ == f"as of {stated.removeprefix('said ')}"
            return f"{about_}, said then" if same else f"{about_}, {stated}"
        return about_ or stated


class _Sources:
    """The sources cited, numbered in the order first cited."""

    def __init__(self, sources: pd.DataFrame) -> None:
        self.sources = sources
        self.numbers: dict[str, int] = {}

    def cite(self, row: dict[str, Any]) -> str:
        """'[3] ¶4': the claim's source and paragraph."""
        source = text(row["source"])
        n = self.numbers.setdefault(source, len(self.numbers) + 1)
        paragraph = row["paragraph"]
        return f"[{n}] \u00b6{int(paragraph)}" if not pd.isna(paragraph) else f"[{n}]"

    def lines(self) -> list[str]:
        if not self.numbers:
            return ["None cited."]
        listed, links = [], []
        for source, n in self.numbers.items():
            info = self.sources.loc[source] if source in self.sources.index else None
            if info is None:
                listed.append(f"{n}. {_lead(_md(source))} (not in sources.yaml)")
                links.append(f"[{n}]: #sources")
                continue
            published = partial_date(info.get("published"), info.get("published_precision"))
            words = [_md(info.get("outlet")) or "unknown outlet",
                     f"\u201c{_md(info.get('title'))}\u201d" if text(info.get("title")) else "",
                     published or "undated"]  # fmt: skip
            language = text(info.get("language"))
            if language and language != "en":
                words.append(f"in {_md(language)}")
            if text(info.get("translation")):
                words.append(f"{_md(info.get('translation'))} translation")
            entry = ", ".join(w for w in words if w)
            address = markdown_address(info.get("url"))
            if address:
                entry += f". <{address}>"
            elif text(info.get("url")):
                entry += f". Address: {_md(info.get('url'))}"
            listed.append(f"{n}. {_lead(entry)}")
            links.append(f"[{n}]: <{address}>" if address else f"[{n}]: #sources")
        return [*listed, "", *links]


# --- the brief --------------------------------------------------------------


class _Brief:
    def __init__(self, dataset: Dataset, record: Record, claims: pd.DataFrame,
                 previous: _dt.date | None) -> None:  # fmt: skip
        self.dataset, self.record, self.claims, self.previous = dataset, record, claims, previous
        rec = self.rec = record.claims
        self.filtered = claims is not rec
        # Where each kept claim stands in the record: every claim is worded
        # from the record, whose positions all the analyses below speak in.
        self.in_record = (np.arange(len(rec)) if not self.filtered
                          else rec.index.get_indexer(claims.index))  # fmt: skip
        if (self.in_record < 0).any():
            raise ValueError("the claims of a brief must be rows of record.claims")
        self.kept = np.zeros(len(rec), dtype=bool)
        self.kept[self.in_record] = True
        self.rows = _Rows(rec)
        self.sources = _Sources(dataset.sources)
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

    def name(self, claimant: object) -> str:
        key = text(claimant)
        return _md(self.names.get(key, key)) or "unknown"

    # The header, then the sections in order: sources are numbered as they
    # are first cited, so the text must be written top to bottom.

    def write(self, described: str, today: _dt.date) -> str:
        # Each quantity's picture is as of the known-on date, else today.
        self.as_of = self.record.known_on or today
        lines = [f"# {TITLE}", "", f"- Written: {today.isoformat()}",
                 f"- Covers: {self.covers(described)}"]  # fmt: skip
        if self.record.known_on is not None:
            lines.append(f"- Known on: {format_partial(self.record.known_on, 'day')}: only what "
                         "was on the record that day")  # fmt: skip
        lines.append(f"- Tolerances: {_md(self.record.tolerances.describe())} (what counts as "
                     "agreeing)")  # fmt: skip
        if self.previous is not None:
            lines.append(f"- Previous brief: {self.previous.isoformat()}: the revisions listed "
                         "are those said after it")  # fmt: skip
        else:
            lines.append("- Previous brief: none given: each claimant's latest revision is listed")
        lines += ["", LEGEND]
        if self.claims.empty:
            lines += ["", "No claims: the filter keeps none." if self.filtered else "No claims."]
        for category in CATEGORIES:
            lines += self.category(category)
        lines += ["", "## Sources", "", *self.sources.lines()]
        return "\n".join(lines) + "\n"

    def covers(self, described: str) -> str:
        total = plural(len(self.rec), "claim")
        if not self.filtered:
            return f"the whole record, {total}"
        what = _md(described) or "a filter"
        if len(self.claims) == len(self.rec):
            return f"{what}: all of the record's {total}"
        return f"{what}: {len(self.claims):,} of the record's {total}"

    def category(self, category: str) -> list[str]:
        quantities, counts = self.dataset.quantities, self.counts
        mine = [q for q, c in zip(quantities.index, quantities["category"])
                if text(c) == category and counts.get(q, 0) > 0]  # fmt: skip
        claims = self.claims
        counts_nothing = claims["quantity"].isna() & (claims["category"] == category)
        bare = self.in_record[counts_nothing.to_numpy(dtype=bool)]
        if not mine and not len(bare):
            return []
        # Written in the order they stand: sources are numbered as first cited.
        lines = ["", f"## {category.capitalize()}"]
        for quantity in mine:
            lines += self.quantity(str(quantity))
        return lines + self.statements(bare)

    def quantity(self, quantity: str) -> list[str]:
        record, dataset = self.record, self.dataset
        view = quantity_view(self.claims, self.rec, quantity, dataset.quantities,
                             dataset.claimants, (), record.tolerances,
                             as_of=getattr(self, "as_of", None))  # fmt: skip
        unit = f"Counted in {_md(view.unit)}; " if view.unit else ""
        reading = f"each figure is {_md(view.reading)}; " if view.reading else ""
        lines = ["", f"### {_md(view.label)}", "", f"{unit}{reading}{view.counts}.", "",
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
        at = self.position(claim_id)
        if at is None:
            return _item(f"{_md(origin)}: claim {_md(claim_id)} (not found)")
        row = self.rows[at]
        who = _md(origin)
        if text(row["claimant"]) != text(row["origin"]):
            who += f" (relayed by {self.name(row['claimant'])})"
        grade = grade_text(row["reliability"], row["credibility"], row["suggested"])
        extra = (f", grade {grade}" if grade else "") + (", contested" if contested else "")
        if grade and pd.isna(row["credibility"]):  # a suggestion says its evidence x agreement
            why = self.evidence(claim_id)
            extra += f" ({_md(why)})" if why else ""
        extra = (f", {_md(part)}" if part else "") + (f", {age}" if age else "") + extra
        return _item(f"{who}: {self.rows.figure(at)} ({self.rows.when(at)}){extra} "
                     f"{self.sources.cite(row)}")  # fmt: skip

    def evidence(self, claim_id: str) -> str:
        """Why the record suggests a claim's credibility (`grades.evidence`)."""
        from .grades import evidence

        at = self.position(claim_id)
        if at is None:
            return ""
        claimants = self.dataset.claimants
        grades = ({str(k): v for k, v in zip(claimants.index, claimants["reliability"])
                   if isinstance(v, str)} if "reliability" in claimants else {})  # fmt: skip
        found = evidence(self.rec, self.rec.index[at], self.names, self.record.tolerances,
                         grades, self._evidence)  # fmt: skip
        return found.brief_text()

    def extent(self, view: Any) -> str:
        """The lowest and highest of the origins' current figures of the
        whole, cited: by best value, as the quantity view ranks them; of equal
        best values, the figure whose stated range reaches lowest (highest).
        A stale figure, or a part's, is never in the range."""
        numbered = [(p, self.position(p.claim_id)) for p in view.current if not math.isnan(p.best)]
        numbered = [(p, at) for p, at in numbered if at is not None]
        if not numbered:
            if any(not math.isnan(p.best) for p in view.picture):
                return f"Range: none current ({view.as_of_text})."
            return "Range: none (no origin gives a number)."
        if len(numbered) == 1:
            only = numbered[0][0]
            return f"Range: one origin's figure only, {self.cited(only.claim_id, only.origin)}."

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
        note = " (figures for different periods)" if per_period and len(whens) > 1 else ""
        return (f"Range: {self.cited(low[0].claim_id, low[0].origin)} to "
                f"{self.cited(high[0].claim_id, high[0].origin)}{note}.")  # fmt: skip

    def cited(self, claim_id: str, origin: str) -> str:
        """'about 3,000 (JCS) [2] ¶3'."""
        at = self.position(claim_id)
        if at is None:
            return f"claim {_md(claim_id)} (not found)"
        return f"{self.rows.figure(at)} ({_md(origin)}) {self.sources.cite(self.rows[at])}"

    def contested(self, quantity: str) -> list[str]:
        """Where origins disagree: on the record (`contested.py`), whatever the
        filter, as the dashboard shows it; with a filter, the pairs listed are
        those involving a claim kept."""
        rec = self.rec
        codes = np.asarray(rec["quantity"].array.codes)
        known = rec["quantity"].cat.categories
        if quantity not in known:
            return ["Contested: no."]
        # Both figures of a disagreeing pair are flagged contested: only those
        # need comparing (as `quantity_view` does).
        at = np.flatnonzero((codes == known.get_loc(quantity))
                            & rec["contested"].to_numpy(dtype=bool))  # fmt: skip
        most = DISAGREEMENTS_READ if self.filtered else DISAGREEMENTS_SHOWN
        found, total = disagreements(rec, quantity, self.record.tolerances, most=most, at=at)
        if not total:
            return ["Contested: no: no two origins' figures for the same time disagree."]
        pairs = []
        for d in found:
            low, high = self.position(d.low_claim), self.position(d.high_claim)
            if low is None or high is None:
                continue
            if self.filtered and not (self.kept[low] or self.kept[high]):
                continue
            pairs.append((d, low, high))
        where = " on the record" + (", whatever the filter" if self.filtered else "")
        verb = "disagrees" if total == 1 else "disagree"
        head = (f"Contested: yes: {plural(total, 'pair')} of origins' figures for the same "
                f"time {verb}{where}")  # fmt: skip
        if not pairs:
            return [head + "; none of the latest involves a claim in this brief."]
        shown = pairs[:DISAGREEMENTS_SHOWN]
        latest = ("; the latest involving a claim in this brief:" if self.filtered
                  else "; the latest:")  # fmt: skip
        lines = [head + (latest if total > 1 else ":"), ""]
        for d, low, high in shown:
            ratio = f", {d.ratio:.1f}\u00d7" if math.isfinite(d.ratio) and d.ratio > 0 else ""
            lines.append(_item(
                f"{_md(d.when)}: {self.name(d.low_origin)} {self.rows.figure(low)} "
                f"{self.sources.cite(self.rows[low])} vs {self.name(d.high_origin)} "
                f"{self.rows.figure(high)} {self.sources.cite(self.rows[high])}: "
                f"{d.by:,.0f} apart{ratio}"))  # fmt: skip
        if total > len(shown):
            lines.append(f"- \u2026 and {plural(total - len(shown), 'more pair')}")
        return lines

    def revisions(self, quantity: str) -> list[str]:
        """With a previous brief, the revisions said after it; else each
        claimant's latest revision."""
        rec = self.rec
        mine = self.in_record[(self.claims["quantity"] == quantity).to_numpy(dtype=bool)]
        mine = mine[rec["revises"].to_numpy()[mine] >= 0]
        if self.new is not None:
            chosen = mine[self.new[mine]]
            head = f"Revisions said after {format_partial(self.previous, 'day')}"
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
            head = "Each claimant's latest revision"
        if not len(chosen):
            none = ("none" if self.new is not None
                    else "none: no claimant has revised a figure")  # fmt: skip
            return ["", f"{head}: {none}."]
        chosen = chosen[np.argsort(-self.said[chosen], kind="stable")]  # latest first
        revised = rec.index.get_indexer(rec["revises"].to_numpy()[chosen[:REVISIONS_SHOWN]])
        lines = ["", f"{head} ({len(chosen):,}):", ""]
        for at, before in zip(chosen[:REVISIONS_SHOWN], revised):
            lines.append(self.revision(int(at), int(before)))
        if len(chosen) > REVISIONS_SHOWN:
            lines.append(f"- \u2026 and {plural(len(chosen) - REVISIONS_SHOWN, 'earlier one')}")
        return lines

    def revision(self, at: int, before: int) -> str:
        """'NIS: about 11,000 (as of Jan 2025) [1] ¶3 → about 12,000 (as of
        Mar 2025, said 2 Apr 2025) [2] ¶4: +1,000'."""
        rows, row = self.rows, self.rows[at]
        earlier = "an earlier figure (not found)"
        if before >= 0:
            earlier = (f"{rows.figure(before)} ({rows.when(before, said=False)}) "
                       f"{self.sources.cite(rows[before])}")  # fmt: skip
        change = row["change"]
        moved = change_text(float(change) if not pd.isna(change) else math.nan,
                            int(row["position"]))  # fmt: skip
        moved = f": {moved}" if moved else ""
        return _item(f"{self.name(row['claimant'])}: {earlier} \u2192 {rows.figure(at)} "
                     f"({rows.when(at)}) {self.sources.cite(row)}{moved}")  # fmt: skip

    def arithmetic(self, quantity: str) -> list[str]:
        """The sums and conversions that make `quantity` and do not add up."""
        if quantity not in self.totals:
            return []
        # Worked over the claims the filter keeps, not the record: a finding
        # then involves only claims this brief covers, and each origin's
        # latest figure compared is the one the picture above shows (also
        # of the claims kept). Finding positions are into `self.claims`, so
        # they go through `in_record` to be worded from the record.
        sums = Consistency(self.claims, self.dataset.quantities.loc[[quantity]],
                           self.record.tolerances)  # fmt: skip
        if not sums.comparisons:
            return []
        bad = sums.inconsistencies
        head = "Arithmetic (the sums and conversions quantities.yaml declares)"
        if not bad:
            return ["", f"{head}: {plural(sums.comparisons, 'comparison')}, all consistent."]
        found = sums.findings(inconsistent_only=True, limit=FINDINGS_WORDED)
        found.sort(key=lambda f: -self.said[self.in_record[f.claims[-1]]])  # latest whole first
        count = f"{bad:,} of {plural(sums.comparisons, 'comparison')} inconsistent"
        lines = ["", f"{head}: {count}:", ""]
        for finding in found[:FINDINGS_SHOWN]:
            at = [int(self.in_record[p]) for p in finding.claims]
            inputs = list(dict.fromkeys(self.sources.cite(self.rows[p]) for p in at[:-1]))
            whole = self.sources.cite(self.rows[at[-1]])
            lines.append(_item(f"{_md(finding.text)} \u2014 {', '.join(inputs)} vs {whole}"))
        if bad > FINDINGS_SHOWN:
            lines.append(f"- \u2026 and {bad - FINDINGS_SHOWN:,} more")
        return lines

    def statements(self, mine: np.ndarray) -> list[str]:
        """The latest of a category's claims that count nothing (events,
        statements: their record positions `mine`), with their summary."""
        if not len(mine):
            return []
        mine = mine[np.argsort(-self.said[mine], kind="stable")]
        shown = mine[:STATEMENTS_SHOWN]
        head = "Statements without a figure" + (
            f" (the latest {len(shown)} of {len(mine):,})" if len(mine) > len(shown) else "")
        lines = ["", f"### {head}", ""]
        for at in shown:
            row = self.rows[int(at)]
            what = _md(row["summary"]) or _md(row["key_phrase"]) or "no summary"
            lines.append(_item(f"{self.name(row['claimant'])} ({self.rows.said(int(at))}): "
                               f"{what} {self.sources.cite(row)}"))  # fmt: skip
        return lines
