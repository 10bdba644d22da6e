"""How far a worded number reaches, and when two figures are about the same time.

The one place these judgements live. Each has a default here, documented in
`data/README.md`; an analyst changes them for a data directory in an optional
`tolerances.yaml` beside `quantities.yaml`, checked like every other file:

    about: 0.15          # "about 4,000" is 3,400 to 4,600
    exact: 0.01          # an exact figure still allows for rounding
    nearly: 0.10         # "nearly 1,000" is 900 to 1,000
    vague:               # the conventional span of vague words, [low, high]
      hundreds: [200, 999]
    vague_edge: 0.15     # a vague span's edges are soft: it reaches 15% beyond
    bound_reach: 0.5     # an open bound confirms only within a factor 2 of a figure
    width_reach: 3       # an interval confirms only if not 3x wider than the other's
    arithmetic_window_days: 31  # a sum and its whole are compared this close in time

A claim becomes an interval (`intervals.claim_intervals`); two claims of
different origins about the same time whose intervals do not meet are
contested (`contested.py`). Agreement confirms a claim only where it
constrains it (`grades.py`: `bound_reach`, `width_reach`), and a sum is
compared with its whole only within `arithmetic_window_days` (`consistency.py`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from .problems import Problem
from .yamlread import describe, node_line, parse_bytes

FILE = "tolerances.yaml"

#: Vague words and their conventional spans. "Hundreds" is read as at least two
#: hundred (one hundred would be "a hundred"); the words are otherwise taken at
#: their order of magnitude. Words not listed (considerable, a few, several,
#: significant numbers, ...) have no span and are never compared.
VAGUE_SPANS: dict[str, tuple[float, float]] = {
    "dozens": (24, 99),
    "hundreds": (200, 999),
    "several hundred": (200, 999),
    "thousands": (2_000, 9_999),
    "several thousand": (2_000, 9_999),
    "tens of thousands": (20_000, 99_999),
    "hundreds of thousands": (200_000, 999_999),
    "millions": (2_000_000, 999_999_999),
}


@dataclass(frozen=True)
class Tolerances:
    """The bands around worded numbers and the rule for "the same time"."""

    #: Share either side of an exact figure (rounding, a count still moving).
    exact: float = 0.01
    #: Share either side of "about".
    about: float = 0.15
    #: How far below its figure "nearly" reaches.
    nearly: float = 0.10
    #: Vague words' spans (see VAGUE_SPANS), as (word, low, high).
    vague: tuple[tuple[str, float, float], ...] = tuple(
        (word, float(low), float(high)) for word, (low, high) in VAGUE_SPANS.items()
    )
    #: How far beyond its conventional span a vague word reaches, as a share of
    #: each edge: "several hundred" (200-999) is compared as 170-1,149, so it
    #: is not contested by "more than 1,000", one soldier past its span.
    vague_edge: float = 0.15
    #: An open bound ("at least 30", "up to 5,000") is confirmed by a figure,
    #: or confirms one, only if its bound is at least this share of the
    #: other's end on that side (and the other's at least this share of it):
    #: "at least 30" is consistent with 11,000 but says nothing of it.
    bound_reach: float = 0.5
    #: A bounded interval is confirmed by another figure only if its spread
    #: (log of high/low) is at most this many times the other's, the other
    #: counted at least as wide as an "about" figure: "hundreds" (200-999)
    #: is not confirmed by "about 300".
    width_reach: float = 3.0
    #: A sum of parts and its whole (`consistency.py`) are compared only when
    #: their figures stand at most this many days apart.
    arithmetic_window_days: int = 31

    def describe(self) -> str:
        """One line for a view's footnote."""
        return (
            f"about \u00b1{self.about:.0%}, exact \u00b1{self.exact:.0%}, "
            f"nearly \u2212{self.nearly:.0%}, vague words {self.vague_edge:.0%} beyond their "
            f"span; same time = same calendar month; agreement confirms an open bound within "
            f"\u00d7{1 / self.bound_reach:g} of the other figure, a span at most "
            f"{self.width_reach:g}\u00d7 as wide"
        )


DEFAULT = Tolerances()

_SHARES = ("exact", "about", "nearly", "vague_edge")
#: Fields that are a positive number, with the message for a bad one.
_POSITIVE = {
    "bound_reach": ("a share above 0 up to 1 (0.5: within a factor of 2)", 0.0, 1.0),
    "width_reach": ("a number of times, at least 1 (3: three times as wide)", 1.0, math.inf),
    "arithmetic_window_days": ("a whole number of days, at least 0", 0.0, math.inf),
}


def read_tolerances(root: Path, display: str) -> tuple[Tolerances, list[Problem]]:
    """The tolerances of a data directory: the defaults, changed by its
    `tolerances.yaml` if there is one. Every problem is reported, and the
    defaults stand for a field that has one."""
    path = root / FILE
    if not path.exists():
        return DEFAULT, []
    try:
        data = path.read_bytes()
    except OSError as exc:
        return DEFAULT, [Problem(display, 1, "file", f"cannot read: {exc.strerror}")]
    return parse_tolerances(data, display)


def parse_tolerances(data: bytes, display: str) -> tuple[Tolerances, list[Problem]]:
    """The tolerances a `tolerances.yaml` holding `data` sets, and its problems
    (the loader reads the file, refusing a link out of the data directory)."""
    node, trouble = parse_bytes(data, display)
    if node is None:
        return DEFAULT, trouble
    if not isinstance(node, MappingNode):
        message = f"expected a mapping of tolerances, got {describe(node)}"
        return DEFAULT, [*trouble, Problem(display, node_line(node), "file", message)]
    problems: list[Problem] = list(trouble)  # tags: the file is read on
    changes: dict[str, Any] = {}
    for key, value in node.value:
        name = key.value if isinstance(key, ScalarNode) else "?"
        line = node_line(value)
        if name in _SHARES:
            share = _number(value)
            if share is None or not 0 <= share < 1:
                problems.append(Problem(display, line, name,
                                        "a share from 0 up to 1 (0.15 is \u00b115%)"))  # fmt: skip
            else:
                changes[name] = share
        elif name in _POSITIVE:
            message, low, high = _POSITIVE[name]
            number = _number(value)
            whole = name != "arithmetic_window_days" or (number is not None and number == int(number))
            fits = number is not None and whole and (
                (low < number <= high) if name == "bound_reach" else (low <= number <= high))
            if not fits:
                problems.append(Problem(display, line, name, message))
            else:
                changes[name] = int(number) if name == "arithmetic_window_days" else number  # type: ignore[arg-type]
        elif name == "vague":
            spans, found = _spans(value, display)
            problems.extend(found)
            merged = {**VAGUE_SPANS, **spans}
            changes["vague"] = tuple((w, float(a), float(b)) for w, (a, b) in merged.items())
        else:
            known = ", ".join((*_SHARES, *_POSITIVE, "vague"))
            problems.append(Problem(display, node_line(key), name or "?",
                                    f"unknown field; known fields: {known}"))  # fmt: skip
    return replace(DEFAULT, **changes), problems


def _number(node: Any) -> float | None:
    if not isinstance(node, ScalarNode) or node.style or node.tag.startswith("!"):
        return None
    try:
        number = float(node.value)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _spans(node: Any, display: str) -> tuple[dict[str, tuple[float, float]], list[Problem]]:
    if not isinstance(node, MappingNode):
        return {}, [Problem(display, node_line(node), "vague",
                            "expected a mapping of words to [low, high]")]  # fmt: skip
    spans: dict[str, tuple[float, float]] = {}
    problems = []
    for key, value in node.value:
        word = key.value if isinstance(key, ScalarNode) else "?"
        ends = (
            [_number(v) for v in value.value]
            if isinstance(value, SequenceNode) and len(value.value) == 2
            else [None]
        )
        if None in ends or ends[0] < 0 or ends[0] > ends[1]:  # type: ignore[operator]
            problems.append(Problem(display, node_line(value), f"vague: {word}",
                                    "expected [low, high], two numbers with low <= high"))  # fmt: skip
        else:
            spans[word] = (float(ends[0]), float(ends[1]))  # type: ignore[arg-type]
    return spans, problems
