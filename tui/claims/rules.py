"""Rules between the fields of a claim, checked on all claims at once.

Vectorised over the concatenated columns, so 100,000 claims cost a few
milliseconds. A rule skips a claim only where a field it involves already
had a problem (the `bad` bits), so one mistake is reported once and every
other mistake of the same claim is still reported.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from . import schema
from .claimfile import field_bits
from .dates import PRECISIONS, iso_partial

#: (file, claim line, field, message)
Finding = tuple[str, int, str, str]


def is_in(values: np.ndarray, allowed: set) -> np.ndarray:
    """Membership of each value of an object array, without building a Series
    (which would convert every string to Arrow first)."""
    return np.fromiter((v in allowed for v in values), dtype=bool, count=len(values))


def present(values: np.ndarray) -> np.ndarray:
    return np.fromiter((v is not None for v in values), dtype=bool, count=len(values))


def last_days(first: np.ndarray, precision: np.ndarray) -> np.ndarray:
    """The last day covered by each date, given its precision."""
    months = first.astype("datetime64[M]")
    years = first.astype("datetime64[Y]")
    month_end = (months + 1).astype("datetime64[D]") - 1
    year_end = (years + 1).astype("datetime64[D]") - 1
    year, month = PRECISIONS.index("year"), PRECISIONS.index("month")
    return np.where(precision == year, year_end, np.where(precision == month, month_end, first))


def claim_rules(columns: dict[str, np.ndarray]) -> list[Finding]:
    found: list[Finding] = []
    bad = columns["bad"]
    files, lines = columns["file"], columns["line"]

    def report(mask: np.ndarray, field: str, message: Callable[[int], str],
               involves: tuple[str, ...] = ()) -> None:  # fmt: skip
        clean = (bad & field_bits((field, *involves))) == 0
        for i in np.flatnonzero(mask & clean):
            found.append((files[i], int(lines[i]), field, message(i)))

    category, q = columns["category"], columns["qualifier"]
    has_quantity = present(columns["quantity"])
    value, low, high = columns["value"], columns["low"], columns["high"]
    has_value, has_low, has_high = ~np.isnan(value), ~np.isnan(low), ~np.isnan(high)
    has_number = has_value | has_low | has_high
    has_qualifier = present(q)
    numeric = is_in(q, set(schema.NUMERIC_QUALIFIERS))
    is_range = is_in(q, {"range"})
    lower_bound = is_in(q, set(schema.LOWER_BOUND_QUALIFIERS))
    upper_bound = is_in(q, set(schema.UPPER_BOUND_QUALIFIERS))

    known = ", ".join(schema.CATEGORIES)
    report(present(category) & ~is_in(category, set(schema.CATEGORIES)), "category",
           lambda i: f"unknown category {category[i]!r}; known: {known}")  # fmt: skip
    extent, basis = columns["extent"], columns["basis"]
    extents, bases = ", ".join(schema.EXTENTS), ", ".join(schema.BASES)
    report(present(extent) & ~is_in(extent, set(schema.EXTENTS)), "extent",
           lambda i: f"unknown extent {extent[i]!r}; known: {extents}")  # fmt: skip
    report(present(basis) & ~is_in(basis, set(schema.BASES)), "basis",
           lambda i: f"unknown basis {basis[i]!r}; known: {bases} (leave it out when the "
                     "source does not say)")  # fmt: skip
    whole = ~present(extent) | is_in(extent, {schema.DEFAULT_EXTENT})
    report(present(columns["extent_note"]) & whole, "extent_note",
           lambda i: "names a part, but the extent is total; give the extent (engagement, "
                     "unit, region, site, period) or leave the note out", ("extent",))  # fmt: skip
    numbers = ("value", "low", "high")
    report(has_quantity & ~has_qualifier, "qualifier",
           lambda i: "required when a quantity is given (exact, about, at least, ... or words)",
           ("quantity",))  # fmt: skip
    report(is_range & ~(has_low & has_high), "qualifier",
           lambda i: "'range' needs both low and high", ("low", "high"))  # fmt: skip
    report(numeric & ~is_range & ~has_value, "value", lambda i: f"qualifier {q[i]!r} needs a value",
           ("qualifier",))  # fmt: skip
    report(lower_bound & has_high, "high",
           lambda i: f"qualifier {q[i]!r} is an open upper bound; leave high empty",
           ("qualifier",))  # fmt: skip
    report((upper_bound | is_in(q, {"nearly"})) & has_low, "low",
           lambda i: f"qualifier {q[i]!r} is an open lower bound; leave low empty",
           ("qualifier",))  # fmt: skip
    numeric_list = ", ".join(schema.NUMERIC_QUALIFIERS)
    report(has_qualifier & ~numeric & has_number, "qualifier",
           lambda i: f"{q[i]!r} is not a numeric qualifier ({numeric_list}); "
                     "vague words come without a number", numbers)  # fmt: skip
    report(~has_qualifier & has_number & ~has_quantity, "qualifier",
           lambda i: "a number needs a qualifier (exact, about, at least, ...)", numbers)  # fmt: skip
    report(has_number & ~has_quantity, "quantity", lambda i: "a number needs the quantity it counts",
           numbers)  # fmt: skip
    with np.errstate(invalid="ignore"):
        report(has_low & has_high & (low > high), "low",
               lambda i: f"low ({low[i]:g}) is greater than high ({high[i]:g})", ("high",))  # fmt: skip
        report(has_value & has_low & (value < low), "value",
               lambda i: f"value ({value[i]:g}) is below low ({low[i]:g})", ("low",))  # fmt: skip
        report(has_value & has_high & (value > high), "value",
               lambda i: f"value ({value[i]:g}) is above high ({high[i]:g})", ("high",))  # fmt: skip

    start, end = columns["period_start"], columns["period_end"]
    start_p, end_p = columns["period_start_precision"], columns["period_end_precision"]
    has_start, has_end = ~np.isnat(start), ~np.isnat(end)
    both = has_start & has_end
    late = np.zeros(len(start), dtype=bool)
    if both.any():
        late[both] = start[both] > last_days(end[both], end_p[both])

    def period_message(i: int) -> str:
        a = iso_partial(start[i].item(), PRECISIONS[start_p[i]])
        b = iso_partial(end[i].item(), PRECISIONS[end_p[i]])
        return f"{a} is after period_end {b}"

    report(late, "period_start", period_message, ("period_end",))
    report(~np.isnat(columns["as_of"]) & (has_start | has_end), "as_of",
           lambda i: "give as_of (a level at a date) or a period, not both",
           ("period_start", "period_end"))  # fmt: skip

    relays, claimant = columns["relays"], columns["claimant"]
    report(present(relays) & (relays == claimant), "relays",
           lambda i: "names the claim's own claimant; leave relays out when the claimant "
                     "speaks for itself", ("claimant",))  # fmt: skip
    milestone = present(columns["milestone"])
    report(milestone & present(category) & ~is_in(category, {"diplomacy"}), "milestone",
           lambda i: "only diplomacy events are milestones", ("category",))  # fmt: skip
    report(milestone & np.isnat(columns["stated_on"]) & ~has_start, "milestone",
           lambda i: "a milestone needs a date (period_start or stated_on) to stand at",
           ("stated_on", "period_start"))  # fmt: skip

    # 0: no grade; a grade given is 1 to 6, or was refused as it was read (records.py).
    graded = columns["credibility"] > 0
    reason = present(columns["credibility_reason"])
    report(graded & ~reason, "credibility",
           lambda i: "a grade needs its reason: add credibility_reason (one line, from the record)",
           ("credibility_reason",))  # fmt: skip
    report(reason & ~graded, "credibility_reason",
           lambda i: "a reason without a grade: add credibility (1-6) or remove the reason",
           ("credibility",))  # fmt: skip

    inferred_bit = field_bits(("inferred",))
    for i, names in enumerate(columns["inferred"]):
        if names is not None and not bad[i] & inferred_bit:
            for name in names.split(", "):
                if name not in schema.CLAIM_FIELDS:
                    message = f"{name!r} is not a claim field"
                    found.append((files[i], int(lines[i]), "inferred", message))

    report(present(columns["inferred"]) & ~present(columns["notes"]), "inferred",
           lambda i: "inferred fields need their reasoning in notes", ("notes",))  # fmt: skip

    limit = schema.KEY_PHRASE_MAX_WORDS
    words = np.fromiter(
        (len(p.split()) if p is not None else 0 for p in columns["key_phrase"]),
        dtype=np.int32, count=len(columns["key_phrase"]),
    )  # fmt: skip
    report(words > limit, "key_phrase",
           lambda i: f"{words[i]} words; a key phrase is at most {limit} "
                     "(summarise in your own words instead)")  # fmt: skip
    return found
