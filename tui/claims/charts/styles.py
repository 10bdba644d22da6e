"""How each claimant is drawn: its marker and colour, the same under every
filter, and no two alike in one chart (so a chart reads with NO_COLOR).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .. import domain


@dataclass(frozen=True)
class Style:
    """How one claimant is drawn: its marker and its colour."""

    marker: str
    color: str


@lru_cache(maxsize=8)
def _base_styles(claimant_ids: tuple[str, ...]) -> dict[str, Style]:
    markers, colors = domain.MARKERS, domain.COLORS
    styles = {}
    for i, claimant in enumerate(claimant_ids):
        # Twelve markers by nine colours: unique pairs for the first 108 claimants.
        styles[claimant] = Style(
            markers[i % len(markers)], colors[(i + i // len(markers)) % len(colors)]
        )
    return styles


def claimant_styles(
    claimant_ids: Iterable[str], drawn: Iterable[str] | None = None
) -> dict[str, Style]:
    """Each claimant's style, from its place in claimants.yaml, so it is the
    same under every filter. Among the claimants `drawn` in one chart, no two
    share a marker, so that a chart reads with NO_COLOR: a claimant whose
    marker an earlier one (in claimants.yaml's order) holds takes the next
    free marker, keeping its colour. A chart draws at most
    `CLAIMANTS_DRAWN` claimants (`most_claims`); beyond that, no two share
    both marker and colour (the next free pair)."""
    ids = tuple(str(c) for c in claimant_ids)
    base = _base_styles(ids)
    if drawn is None:
        return dict(base)
    order = {c: i for i, c in enumerate(ids)}
    markers = domain.MARKERS
    styles: dict[str, Style] = {}
    used: set[Style] = set()
    used_markers: set[str] = set()
    pairs = [Style(m, c) for c in domain.COLORS for m in markers]
    for claimant in sorted(set(drawn), key=lambda c: (order.get(c, len(order)), c)):
        style = base.get(claimant) or pairs[len(styles) % len(pairs)]
        if len(used_markers) < len(markers):
            if style.marker in used_markers:
                start = markers.index(style.marker)
                free = next(markers[(start + k) % len(markers)] for k in range(len(markers))
                            if markers[(start + k) % len(markers)] not in used_markers)  # fmt: skip
                style = Style(free, style.color)
        elif style in used:
            style = next((p for p in pairs if p not in used), style)
        used.add(style)
        used_markers.add(style.marker)
        styles[claimant] = style
    return styles


#: The most claimants one chart draws: one distinct marker each. A chart of
#: more draws those with the most claims and says how many it leaves out.
CLAIMANTS_DRAWN = len(domain.MARKERS)


def most_claims(claimants: Sequence[str], claimant_ids: Iterable[str],
                most: int = CLAIMANTS_DRAWN) -> tuple[set[str], int]:  # fmt: skip
    """Of the claimants of a chart's claims (one entry per claim), the `most`
    with the most claims (ties: the earlier in claimants.yaml), and how many
    claimants are left out."""
    counts: dict[str, int] = {}
    for c in claimants:
        counts[c] = counts.get(c, 0) + 1
    if len(counts) <= most:
        return set(counts), 0
    order = {str(c): i for i, c in enumerate(claimant_ids)}
    ranked = sorted(counts, key=lambda c: (-counts[c], order.get(c, len(order)), c))
    return set(ranked[:most]), len(counts) - most


@dataclass(frozen=True)
class LegendEntry:
    """One series a chart draws, as the legend names it."""

    glyph: str
    color: str | None
    label: str
