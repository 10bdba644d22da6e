"""Facts about the domain that decide what a number means on screen.

One documented place, so that no widget keeps its own copy: which units are
not counts of things, how units and qualifiers read, and which glyphs,
colours and fills stand for claimants and quantities. Which chart draws a
quantity, and how, is a fact of the data (`chart`, `measure` and `scope` in
`data/quantities.yaml`); how far a worded number reaches is in
`tolerances.py`.
"""

from __future__ import annotations

# -- units --------------------------------------------------------------------

#: Units a number is shown without: a count of soldiers is the default reading.
SILENT_UNITS = frozenset({"soldiers"})

#: How a unit reads after a number ("4,000 containers", "20,000,000,000 US$").
UNIT_LABELS: dict[str, str] = {"USD": "US$", "percent": "%"}

#: Units that are not counts of things: never charted on a count axis.
NOT_COUNTS = frozenset({"percent", "USD", "US dollars", "dollars"})

# -- qualifiers ---------------------------------------------------------------

#: Compact signs for narrow cells and chart labels ("≥3,000", "~4,000").
QUALIFIER_SIGNS: dict[str, str] = {
    "exact": "",
    "about": "~",
    "nearly": "\u2272",  # ≲: approximately, and not above
    "at least": "\u2265",
    "more than": ">",
    "up to": "\u2264",
    "fewer than": "<",
    "range": "",
}

# -- charts ------------------------------------------------------------------

# Which chart draws a quantity, and whether its figures are cumulative or per
# period, are facts of `data/quantities.yaml` (`chart`, `measure`, `scope`),
# read with the claims: a quantity is moved to another chart there, not here.
# On the Troops chart a stock is a level, a cumulative flow a running total
# sent, a per-period flow one more wave on top of earlier ones.

# -- glyphs and colours ---------------------------------------------------------

#: A claimant's marker and colour come from its place in claimants.yaml, so
#: they are the same in every chart and under every filter. Twelve markers by
#: nine colours give 108 distinct pairs; a chart with a clash moves the later
#: claimant to the next free pair (see `charts.styles.claimant_styles`). No marker
#: looks like a glyph that means something else (+ for a wave, · for a ray).
MARKERS = ("\u25cf", "\u25a0", "\u25c6", "\u2605", "\u2716", "\u25cb", "\u25a1", "\u25c7",
           "\u25ce", "\u25d0", "\u25a3", "\u25c8")  # fmt: skip
COLORS = ("cyan", "orange", "green", "magenta", "yellow", "blue", "red", "white", "gray")

#: Glyphs that say what kind of mark a claim is, whatever its claimant.
GLYPHS: dict[str, str] = {
    "at least": "\u25b2",  # ▲ with a dotted ray up: an open lower bound
    "up to": "\u25bc",  # ▼ with a dotted ray down: an open upper bound
    "ray": "\u00b7",
    "range": "|",
    "increment": "+",
    "derived": "\u2020",  # †: a value the data computed, not a claimant's words
    "contested": "\u2260",  # ≠: another origin's figure for the same time contradicts it
    "milestone": "\u2502",  # │: a milestone's vertical line
}

#: Casualty bars keep one fill per quantity, in every chart.
CASUALTY_FILLS: dict[str, str] = {
    "killed": "\u2588",  # █
    "wounded": "\u2592",  # ▒
    "killed_or_wounded": "\u2591",  # ░
    "captured": "\u259a",  # ▚
    "missing": "\u2593",  # ▓
}
CASUALTY_COLORS: dict[str, str] = {
    "killed": "red",
    "wounded": "orange",
    "killed_or_wounded": "magenta",
    "captured": "cyan",
    "missing": "yellow",
}
#: Fills for casualty quantities not named above, in order of their ids.
SPARE_FILLS = ("\u2586", "\u2584", "\u259e", "\u2580")
SPARE_COLORS = ("green", "blue", "white", "gray")
#: The order casualty quantities stand in a group of bars.
CASUALTY_ORDER = ("killed", "wounded", "killed_or_wounded", "captured", "missing")
