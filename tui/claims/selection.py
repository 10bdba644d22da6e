"""The claims a filter keeps, as the dashboard computes them, for commands
that run without it (`export`, `brief`): one path, so the command line and
the app never disagree about what a filter keeps."""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, Any

from .filters import Filter

if TYPE_CHECKING:
    import pandas as pd

    from .load import Dataset
    from .record import Record


def select(dataset: Dataset, chosen: Filter) -> tuple[Record, pd.DataFrame]:
    """The record on the filter's known-on date (annotated) and the claims
    the filter keeps of it, in file order."""
    from .record import record_for

    record = record_for(dataset, chosen.known_on, show_milestones=False)
    return record, chosen.apply(record.claims, known=True)


class FilterError(ValueError):
    """A filter given on the command line names something the data lacks."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def resolve(option: str, given: list[str], table: pd.DataFrame,
            names: tuple[str, ...]) -> tuple[frozenset[str], list[str]]:  # fmt: skip
    """The ids meant by command-line words, and the problems: each word is
    an id of `table`, or one of its `names` columns (the names and short
    labels the app shows), in any case. An id is matched first; a word that
    names two or more entries is refused naming them all. Commas separate
    words, unless the whole item is a name (names may hold commas)."""
    from .safetext import clean

    ids = [str(i) for i in table.index]
    by_id = {i.casefold(): i for i in ids}
    by_name: dict[str, set[str]] = {}
    for name in names:
        for i, label in zip(ids, table[name].astype(object)):
            if isinstance(label, str) and label.strip():
                by_name.setdefault(label.strip().casefold(), set()).add(i)

    def known(word: str) -> bool:
        key = word.casefold()
        return key in by_id or key in by_name

    words: list[str] = []
    for item in given:
        if known(item.strip()):
            words.append(item.strip())
        else:
            words.extend(w.strip() for w in item.split(",") if w.strip())
    found: set[str] = set()
    unknown: list[str] = []
    problems: list[str] = []
    for word in dict.fromkeys(words):
        key = word.casefold()
        if word in ids:
            found.add(word)
        elif key in by_id:
            found.add(by_id[key])
        elif len(by_name.get(key, ())) == 1:
            found |= by_name[key]
        elif key in by_name:
            candidates = sorted(by_name[key])
            shown = ", ".join(f"{c} ({clean(str(table.at[c, names[0]]))})" for c in candidates)
            problems.append(f"--{option}: {clean(word)!r} names {len(candidates)}: {shown}; "
                            "give the id")  # fmt: skip
        else:
            unknown.append(word)
    if unknown:
        labels = sorted(f"{i} ({clean(str(table.at[i, names[-1]]))})" for i in ids)
        shown = ", ".join(labels[:12]) + (f" and {len(labels) - 12} more" if len(labels) > 12
                                          else "")  # fmt: skip
        problems.append(f"--{option}: not in the data: {', '.join(map(clean, unknown))} "
                        f"(known: {shown})")  # fmt: skip
    return frozenset(found), problems


def build_filter(
    dataset: Dataset,
    *,
    categories: list[str] = (),  # type: ignore[assignment]
    claimants: list[str] = (),  # type: ignore[assignment]
    quantities: list[str] = (),  # type: ignore[assignment]
    since: str | None = None,
    until: str | None = None,
    known_on: str | None = None,
    latest: bool = False,
    text: str = "",
    reliability: str = "",
    hide_credibility: str = "",
) -> Filter:
    """A `Filter` from command-line words; raise FilterError naming every
    word that is not a category, claimant or quantity of the data (a
    claimant or quantity by its id, name or short label, in any case:
    `resolve`), not a grade, or not a date. Dates are partial (`2025`,
    `2025-03`, `2025-03-27`): `since` starts at the first day, `until` and
    `known_on` end at the last. Grades are read as the filter dialog reads
    them (`A-B`, `4-5`)."""
    from . import schema
    from .dates import typed_day
    from .filters import parse_credibility, parse_reliability

    problems: list[str] = []

    def named(option: str, given: list[str], table: pd.DataFrame,
              names: tuple[str, ...]) -> frozenset[str]:  # fmt: skip
        found, trouble = resolve(option, given, table, names)
        problems.extend(trouble)
        return found

    def grades(option: str, value: str, parse: Any) -> frozenset:
        try:
            return parse(value or "")
        except ValueError as error:
            problems.append(f"--{option}: {error}")
            return frozenset()

    def ids(kind: str, given: list[str], known: object) -> frozenset[str]:
        words = {w.strip() for item in given for w in item.split(",") if w.strip()}
        unknown = sorted(w for w in words if w not in known)  # type: ignore[operator]
        if unknown:
            names = sorted(map(str, known))  # type: ignore[call-overload]
            shown = ", ".join(names[:12]) + (f" and {len(names) - 12} more" if len(names) > 12
                                             else "")  # fmt: skip
            problems.append(f"--{kind}: not in the data: {', '.join(unknown)} (known: {shown})")
        return frozenset(words)

    def day(option: str, value: str | None, *, end: bool) -> _dt.date | None:
        try:
            return typed_day(value or "", end=end)
        except ValueError as error:
            problems.append(f"--{option}: {error}")
            return None

    chosen = Filter(
        categories=ids("category", categories, schema.CATEGORIES),
        claimants=named("claimant", claimants, dataset.claimants, ("name", "short")),
        quantities=named("quantity", quantities, dataset.quantities, ("label", "short")),
        said_from=day("since", since, end=False),
        said_to=day("until", until, end=True),
        known_on=day("known-on", known_on, end=True),
        latest_only=latest,
        text=(text or "").strip(),
        reliability=grades("reliability", reliability, parse_reliability),
        hide_credibility=grades("hide-credibility", hide_credibility, parse_credibility),
    )
    if problems:
        raise FilterError(problems)
    return chosen
