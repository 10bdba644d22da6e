"""Screens that close once.

A key queued while a screen closes (a second escape typed quickly, an enter
that also submits) reaches it after it has gone; its `dismiss` would then pop
whatever screen is on top, the dashboard included. Every screen that closes
itself mixes this in, so the guard lives in one place.
"""

from __future__ import annotations

from typing import Any

from textual.await_complete import AwaitComplete


class ClosesOnce:
    """Mix in before the Textual screen class: `dismiss` does nothing unless
    the screen is the active one."""

    def dismiss(self, result: Any = None) -> AwaitComplete:
        if not self.is_active:  # type: ignore[attr-defined]
            return AwaitComplete.nothing()
        return super().dismiss(result)  # type: ignore[misc]
