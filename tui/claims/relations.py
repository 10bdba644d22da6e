"""How quantities relate, as quantities.yaml says: sums and conversions.

- `sum_of: [killed, wounded]` on `killed_or_wounded`: the quantity is the sum
  of its parts, so one origin's figures for the parts at one time add up to
  a figure for the whole.
- `converts_from: containers_sent` with `factor: shells_per_container` on
  `artillery_shells_supplied`: the quantity is the other times a factor, and
  the factor is itself a quantity whose claims give it (a ministry's
  statement of what a container holds). Disputing the factor is adding or
  grading a claim about it, and every figure derived through it follows.

The relations are facts of the data, never of the code; `consistency.py`
does the arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from .problems import Problem


@dataclass(frozen=True)
class Relation:
    """`total` = the sum of `parts`, or `parts[0]` times `factor`."""

    total: str
    parts: tuple[str, ...]
    factor: str | None = None

    @property
    def kind(self) -> str:
        return "conversion" if self.factor else "sum"


def relations(quantities: pd.DataFrame) -> list[Relation]:
    """The relations quantities.yaml declares, in its order."""
    found: list[Relation] = []
    if quantities.empty:
        return found

    def column(name: str) -> list:
        return list(quantities[name]) if name in quantities else [None] * len(quantities)

    for qid, sums, source, factor in zip(quantities.index, column("sum_of"),
                                         column("converts_from"), column("factor")):  # fmt: skip
        parts = _names(sums)
        if parts:
            found.append(Relation(str(qid), parts))
        source, factor = _present(source), _present(factor)
        if source and factor:
            found.append(Relation(str(qid), (source,), factor))
    return found


def relation_problems(records: list[dict[str, Any]], path: str) -> list[Problem]:
    """Every problem with the relations of quantities.yaml's records: unknown
    or repeated quantities, a quantity summing itself, a conversion without
    its factor, parts counted in another unit."""
    from .vocab import field_line

    known = {r.get("id"): r for r in records if r.get("id")}
    problems: list[Problem] = []

    def report(record: dict[str, Any], field: str, message: str) -> None:
        problems.append(Problem(path, field_line(record, field), field, message))

    for record in records:
        qid = record.get("id")
        parts = record.get("sum_of") or ()
        for name in parts:
            if name not in known:
                report(record, "sum_of", f"unknown quantity {name!r}; add it to quantities.yaml "
                                          "or fix the spelling")  # fmt: skip
            elif name == qid:
                report(record, "sum_of", "a quantity cannot be a sum of itself")
            elif known[name].get("unit") != record.get("unit"):
                report(record, "sum_of", f"{name!r} is counted in {known[name].get('unit')!r}, "
                                          f"not {record.get('unit')!r}: a sum adds one unit")  # fmt: skip
        if parts and len(set(parts)) != len(parts):
            report(record, "sum_of", "a part is named twice")
        if parts and len(parts) < 2:
            report(record, "sum_of", "a sum needs two parts or more")
        source, factor = record.get("converts_from"), record.get("factor")
        if bool(source) != bool(factor):
            field = "converts_from" if source else "factor"
            report(record, field, "a conversion needs both converts_from and factor")
        for field, name in (("converts_from", source), ("factor", factor)):
            if name and name not in known:
                report(record, field, f"unknown quantity {name!r}; add it to quantities.yaml "
                                      "or fix the spelling")  # fmt: skip
            elif name and name == qid:
                report(record, field, "a quantity cannot be converted from itself")
    return problems


def _names(value: object) -> tuple[str, ...]:
    text = _present(value)
    return tuple(n.strip() for n in text.split(",") if n.strip()) if text else ()


def _present(value: object) -> str | None:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return str(value) or None
