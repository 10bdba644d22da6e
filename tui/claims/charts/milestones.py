"""Which dated events (milestones) a chart draws as labelled vertical lines,
and where they stand among a bar chart's groups.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ..record import Milestone

if TYPE_CHECKING:
    from .casualties import BarGroup


#: Milestone lines a chart draws at most: each is numbered and named in the
#: legend, which says how many more there are.
MILESTONES_DRAWN = 6


def drawn_milestones(inside: Sequence[Milestone]) -> tuple[tuple[Milestone, ...], int]:
    """Of the milestones inside a chart's axis (one per event: `record.milestones`),
    those it draws, in date order: all when they are few, else the
    MILESTONES_DRAWN reported by the most claims (then the earliest); and how
    many it leaves out."""
    if len(inside) <= MILESTONES_DRAWN:
        return tuple(inside), 0
    kept = sorted(inside, key=lambda m: (-m.reports, m.at, m.claim_id))[:MILESTONES_DRAWN]
    return tuple(sorted(kept, key=lambda m: (m.at, m.claim_id))), len(inside) - len(kept)


def milestones_among(
    groups: tuple[BarGroup, ...], milestones: Iterable[Milestone]
) -> tuple[tuple[Milestone, ...], int]:
    """The milestones a bar chart of `groups` draws (`drawn_milestones` of
    those dated between its first and last group) and how many it leaves out."""
    if not groups:
        return (), 0
    first, last = groups[0].at, groups[-1].at
    return drawn_milestones([m for m in milestones if first <= m.at < last])


def milestone_positions(
    groups: tuple[BarGroup, ...], milestones: Iterable[Milestone]
) -> list[tuple[float, Milestone]]:
    """Where each milestone stands among bar groups placed at 1, 2, ...: after
    the groups dated before it, in the gap to the next; those before the first
    group or after the last shown are left out."""
    ats = [g.at for g in groups]
    gaps: dict[int, list[Milestone]] = {}
    for m in milestones:
        before = sum(1 for a in ats if a <= m.at)
        if 0 < before < len(ats):
            gaps.setdefault(before, []).append(m)
    # Several in one gap are spread across it, in date order.
    return [(before + (k + 1) / (len(ms) + 1), m)
            for before, ms in gaps.items() for k, m in enumerate(ms)]  # fmt: skip
