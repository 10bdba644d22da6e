"""Measuring start-up and filtering: `NOKO_TUI_TRACE=FILE` appends timed
lines ("load-start", "filtered", "painted", the loop's worst stall) that the
benches read."""

from __future__ import annotations

import os
import time
from collections.abc import Sized
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.dom import DOMNode


class Trace:
    """Timed lines appended to one file."""

    def __init__(self, path: str) -> None:
        self.path = path

    @classmethod
    def from_env(cls) -> Trace | None:
        """The trace the environment asks for, if any."""
        path = os.environ.get("NOKO_TUI_TRACE")
        return cls(path) if path else None

    def log(self, line: str) -> None:
        from .claims.atomic import append_line

        append_line(self.path, f"{time.monotonic():.6f} {line}")

    def shown(self, screen: DOMNode, started: float, rows: Sized | None) -> None:
        """The pane on screen drawn with its data: how long that took, then
        (once painted) where its chart is."""
        self.log(f"filter-shown show={1000 * (time.perf_counter() - started):.1f}ms "
                 f"rows={len(rows) if rows is not None else 0}")
        screen.call_after_refresh(self.log, "painted")
        chart = screen.query_one("#troops .pane-chart")
        self.log(f"chart-region {chart.region.y} {chart.region.bottom}")

    def heartbeat(self, node: DOMNode) -> None:
        """Log the longest gap between 20 ms ticks: how long the loop was blocked."""
        last = time.monotonic()
        worst = 0.0

        def beat() -> None:
            nonlocal last, worst
            now = time.monotonic()
            gap = now - last
            last = now
            if gap > worst + 0.001:
                worst = gap
                self.log(f"heartbeat-worst {gap * 1000:.1f}ms")

        node.set_interval(0.02, beat)
