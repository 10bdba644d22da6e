"""The known-on prompt: which day's record to show; a month or year means
its last day, nothing means everything on the record."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual.screen import Screen

from .prompt import PromptDialog

QUESTION = ("What was on the record on which day? (YYYY-MM-DD; a month or year means its "
            "last day; empty: everything)")  # fmt: skip


def ask_known_on(screen: Screen, current: date | None,
                 chosen: Callable[[date | None], None]) -> None:  # fmt: skip
    """Ask, then call `chosen` with the day (None: everything), unless the
    analyst cancelled or typed no date (which is said)."""
    from ..claims.dates import typed_day

    def answered(answer: str | None) -> None:
        if answer is None:
            return
        if not answer:
            chosen(None)
            return
        try:
            day = typed_day(answer, end=True)
        except ValueError as error:
            screen.notify(str(error), title="Known on", severity="error", timeout=5, markup=False)
            return
        chosen(day)

    screen.app.push_screen(PromptDialog(QUESTION, current.isoformat() if current else ""), answered)
