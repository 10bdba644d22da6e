"""The dashboard's two lines of state: loading progress, then what is shown
(how many claims, under which filter, from which data directory)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from rich.text import Text

from ..safe import plain

if TYPE_CHECKING:
    from ..messages import LoadProgress
    from ..state import BoardState


def loading_line(message: LoadProgress) -> str:
    """Files and claims read so far, with a bar of 30 cells."""
    share = message.files / message.total if message.total else 1.0
    bar = "\u2588" * round(share * 30) + "\u2591" * (30 - round(share * 30))
    return (f"Loading claims  {bar}  {message.files:,} of {message.total:,} files, "
            f"{message.claims:,} claims")  # fmt: skip


def status_line(state: BoardState, origin: str) -> Text:
    """How many claims are shown, and under which filter."""
    assert state.dataset is not None and state.filter is not None
    assert state.filtered is not None
    total, shown = len(state.dataset.claims), len(state.filtered)
    status = Text()
    if state.filter.is_empty:
        status.append(f"All {total:,} claims", style="bold")
        status.append_text(_origin(state.data_dir, origin))
        status.append("  \u00b7  / search  f filter  ? help", style="dim")
    else:
        status.append(f"{shown:,} of {total:,} claims", style="bold")
        status.append("  filter: ", style="bold")
        status.append_text(plain(state.filter.describe(state.names()), one_line=True))
        status.append("  (c clears)", style="dim")
    if not state.show_milestones:  # a view option, not part of the filter
        status.append("  \u00b7 milestones hidden (m)", style="dim")
    return status


def _origin(data_dir: str, origin: str) -> Text:
    """Which data this is, when it is not the embedded copy."""
    if origin == "the embedded data":
        return Text()
    where = os.path.relpath(data_dir)
    if where.startswith(".."):
        where = data_dir
    return plain(f" in {where}", style="dim", one_line=True)
