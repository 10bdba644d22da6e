"""The one filter: what the analyst has narrowed the claims to.

A `Filter` is an immutable value. The app holds exactly one, applies it to the
claims table once (in a worker), and every pane renders from the result.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from .dates import format_partial
from .rules import last_days

#: Columns the free-text search looks in.
TEXT_FIELDS = ("summary", "key_phrase", "claimant_name", "notes", "via", "id")


@dataclass(frozen=True)
class Filter:
    """Claimants, categories, quantities, a range of when claims were made, text."""

    claimants: frozenset[str] = field(default_factory=frozenset)
    categories: frozenset[str] = field(default_factory=frozenset)
    quantities: frozenset[str] = field(default_factory=frozenset)
    #: Claims stated within [said_from, said_to]; a claim dated only to a month
    #: or year is kept when that month or year overlaps the range.
    said_from: _dt.date | None = None
    said_to: _dt.date | None = None
    text: str = ""
    #: Only what was on the record on this day (`known_mask`).
    known_on: _dt.date | None = None
    #: Only each claimant's latest figure per quantity (`revisions.py`).
    latest_only: bool = False
    #: Only claims by claimants graded one of these (A-F; `grades.py`).
    reliability: frozenset[str] = field(default_factory=frozenset)
    #: Hide claims whose credibility (the analyst's, else the suggested) is one of these.
    hide_credibility: frozenset[int] = field(default_factory=frozenset)

    @property
    def is_empty(self) -> bool:
        return self == Filter()

    def with_text(self, text: str) -> Filter:
        return replace(self, text=text.strip())

    def toggled(self, kind: str, value: str) -> Filter:
        """The filter with one claimant, category or quantity added or removed."""
        current: frozenset[str] = getattr(self, kind)
        return replace(self, **{kind: current ^ {value}})

    def only(self, kind: str, value: str) -> Filter:
        """The filter keeping just this one claimant, category or quantity."""
        return replace(self, **{kind: frozenset({value})})

    def apply(self, claims: pd.DataFrame, *, known: bool = False) -> pd.DataFrame:
        """The claims this filter keeps, in their original order.

        What was known on `known_on` is cut first, and "latest" means latest
        on that day. With `known`, `claims` is already that cut, annotated
        (`record.Record.claims`); else the cut is made here."""
        if self.is_empty:
            return claims
        if self.known_on is not None and not known:
            claims = claims[known_mask(claims, self.known_on)]
        keep = np.ones(len(claims), dtype=bool)
        if self.latest_only:
            if "latest" in claims:
                keep &= claims["latest"].to_numpy(dtype=bool)
            else:
                from .revisions import revisions

                keep &= revisions(claims)["latest"].to_numpy(dtype=bool)
        for column, wanted in (
            ("claimant", self.claimants),
            ("category", self.categories),
            ("quantity", self.quantities),
        ):
            if wanted:
                keep &= claims[column].isin(list(wanted)).to_numpy()
        if self.reliability:
            keep &= claims["reliability"].isin(list(self.reliability)).to_numpy(dtype=bool)
        if self.hide_credibility:
            column = "credibility_shown" if "credibility_shown" in claims else "credibility"
            keep &= ~claims[column].isin(list(self.hide_credibility)).to_numpy(dtype=bool)
        if self.said_from or self.said_to:
            keep &= self._said_within(claims)
        if self.text:
            keep &= self._text_matches(claims)
        return claims[keep]

    def _said_within(self, claims: pd.DataFrame) -> np.ndarray:
        first = claims["stated_on"].to_numpy().astype("datetime64[D]")
        dated = ~np.isnat(first)
        codes = claims["stated_on_precision"].cat.codes.to_numpy()
        last = first.copy()
        last[dated] = last_days(first[dated], codes[dated])
        inside = dated.copy()
        if self.said_from:
            inside &= last >= np.datetime64(self.said_from, "D")
        if self.said_to:
            inside &= first <= np.datetime64(self.said_to, "D")
        return inside

    def _text_matches(self, claims: pd.DataFrame) -> np.ndarray:
        needle = self.text.casefold()
        found = np.zeros(len(claims), dtype=bool)
        for column in TEXT_FIELDS:
            values = claims[column]
            if isinstance(values.dtype, pd.CategoricalDtype):
                # Search the few categories, then map back through the codes.
                hits = np.array(
                    [needle in str(c).casefold() for c in values.cat.categories] + [False]
                )
                found |= hits[values.cat.codes.to_numpy()]
            else:
                found |= (
                    values.str.contains(needle, case=False, regex=False)
                    .fillna(False)
                    .to_numpy(dtype=bool)
                )
        return found

    def describe(self, names: dict[str, str] | None = None) -> str:
        """One line for the status bar, e.g. `claimant: JCS · said: Jan 2025– · "killed"`."""
        names = names or {}
        parts = []
        for label, values in (
            ("claimant", self.claimants),
            ("category", self.categories),
            ("quantity", self.quantities),
        ):
            if values:
                shown = ", ".join(sorted(names.get(v, v) for v in values))
                parts.append(f"{label}: {shown}")
        if self.said_from or self.said_to:
            start = format_partial(self.said_from, "day") if self.said_from else ""
            end = format_partial(self.said_to, "day") if self.said_to else ""
            parts.append(f"said: {start}\u2013{end}")
        if self.text:
            parts.append(f'text: "{self.text}"')
        if self.known_on:
            parts.append(f"known on {format_partial(self.known_on, 'day')}")
        if self.latest_only:
            parts.append("latest only")
        if self.reliability:
            parts.append(f"sources {grade_letters(self.reliability)}")
        if self.hide_credibility:
            parts.append(f"credibility not {grade_digits(self.hide_credibility)}")
        return " \u00b7 ".join(parts)

    def stepped(self, months: int, newest: _dt.date) -> Filter:
        """The known-on date moved by whole months (`[` and `]`). Unset, a step
        back starts from the first of the newest statement's month; a step
        past `newest` unsets it (everything is known)."""
        if self.known_on is None:
            if months >= 0:
                return self
            return replace(self, known_on=_add_months(newest.replace(day=1), months + 1))
        moved = _add_months(self.known_on, months)
        return replace(self, known_on=None if moved > newest else moved)


def vocabulary_names(claimants: pd.DataFrame, quantities: pd.DataFrame) -> dict[str, str]:
    """Claimant and quantity ids -> the short names `Filter.describe` uses
    (on the status line, in exports and briefs)."""
    names = dict(zip(claimants.index, claimants["short"].astype(str)))
    names |= dict(zip(quantities.index, quantities["short"].astype(str)))
    return names


def grade_letters(grades: frozenset[str]) -> str:
    """{'A', 'B'} -> 'A, B'."""
    return ", ".join(sorted(grades))


def grade_digits(grades: frozenset[int]) -> str:
    """{4, 5} -> '4, 5'."""
    return ", ".join(str(g) for g in sorted(grades))


def parse_reliability(text: str) -> frozenset[str]:
    """'A-C', 'AB', 'a, b' -> {'A', 'B', 'C'}; '' -> all (empty)."""
    from .schema import RELIABILITY

    letters = list(RELIABILITY)
    found: set[str] = set()
    for part in text.upper().replace(",", " ").split():
        if "-" in part or "\u2013" in part:
            first, _, last = part.replace("\u2013", "-").partition("-")
            if first not in letters or last not in letters or letters.index(first) > letters.index(last):
                raise ValueError(f"{part!r} is not a range of grades A-F")
            found.update(letters[letters.index(first) : letters.index(last) + 1])
            continue
        for letter in part:
            if letter not in letters:
                raise ValueError(f"{letter!r} is not a reliability grade (A-F)")
            found.add(letter)
    return frozenset(found)


def parse_credibility(text: str) -> frozenset[int]:
    """'4-5', '45', '4, 5' -> {4, 5}; '' -> none."""
    found: set[int] = set()
    for part in text.replace(",", " ").split():
        if "-" in part or "\u2013" in part:
            first, _, last = part.replace("\u2013", "-").partition("-")
            if not (first.isdigit() and last.isdigit()) or not 1 <= int(first) <= int(last) <= 6:
                raise ValueError(f"{part!r} is not a range of grades 1-6")
            found.update(range(int(first), int(last) + 1))
            continue
        for digit in part:
            if digit not in "123456":
                raise ValueError(f"{digit!r} is not a credibility grade (1-6)")
            found.add(int(digit))
    return frozenset(found)


def _add_months(day: _dt.date, months: int) -> _dt.date:
    """The same day of the month `months` later (the month's last day if
    shorter); a month's last day steps to the last day of the other month, so
    `[` then `]` comes back to the same record. Kept within the years a date
    can have."""
    import calendar

    index = day.year * 12 + day.month - 1 + months
    index = min(max(index, 12), 9999 * 12 + 11)
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    at_end = day.day == calendar.monthrange(day.year, day.month)[1]
    return _dt.date(year, month + 1, last if at_end else min(day.day, last))


def _dates(column: pd.Series) -> np.ndarray:
    """A joined date column (a categorical of the vocabulary's few dates) as
    datetime64, NaT where missing: converted through its categories, not per
    claim, and whatever dtype the categories were given when all are missing."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        days = pd.to_datetime(pd.Series(column.cat.categories, dtype=object), errors="coerce")
        table = np.append(days.to_numpy(dtype="datetime64[s]"), np.datetime64("NaT", "s"))
        return table[np.asarray(column.cat.codes)]
    return pd.to_datetime(column, errors="coerce").to_numpy(dtype="datetime64[s]")


def stated_last_day(claims: pd.DataFrame) -> np.ndarray:
    """The last day by which each claim was certainly stated: the end of its
    `stated_on` span or of its source's publication date, whichever is
    earlier (a source cannot report what was not yet said); NaT when neither
    is given."""
    from .timeline import span

    _, said = span(claims["stated_on"], claims["stated_on_precision"])
    if "source_published" in claims:
        precision = pd.Categorical(claims["source_published_precision"].astype(object),
                                   categories=["year", "month", "day"])  # fmt: skip
        _, published = span(_dates(claims["source_published"]), precision)
        both = ~np.isnat(said) & ~np.isnat(published)
        said = np.where(np.isnat(said), published, said)
        said[both] = np.minimum(said[both], published[both])
    return said


def known_mask(claims: pd.DataFrame, day: _dt.date) -> np.ndarray:
    """Claims on the record on `day`: certainly stated by then (a claim dated
    "Mar 2025" is known from 31 March). A claim with no date, and no dated
    source, cannot be placed and is left out."""
    last = stated_last_day(claims)
    return ~np.isnat(last) & (last <= np.datetime64(day, "D"))

