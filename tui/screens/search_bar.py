"""The dashboard's search line (`/`): it filters as the analyst types, once
typing pauses (0.15 s); closing it keeps what was typed."""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input


class SearchBar(Input):
    """The search line; `search` is called with the text to filter on."""

    def __init__(self, search: Callable[[str], None]) -> None:
        super().__init__(placeholder="search summaries, key phrases, claimants, notes", id="search")
        self._search = search
        self._timer: Timer | None = None

    @classmethod
    def open_on(cls, screen: Screen, text: str, search: Callable[[str], None], *,
                before: str) -> None:  # fmt: skip
        """Show the line on `screen` with `text`, made (before `before`) when first needed."""
        found = screen.query(cls)
        if found:
            bar = found.first()
        else:
            bar = cls(search)
            screen.mount(bar, before=screen.query_one(before))
        bar.open(text)

    @classmethod
    def close_on(cls, screen: Screen) -> bool:
        """Close the line on `screen`; False when it was not open."""
        found = screen.query(cls)
        return bool(found) and found.first().close()

    def open(self, text: str) -> None:
        self.value = text
        self.display = True
        self.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if not self.display:
            return
        if self._timer is not None:
            self._timer.stop()
        text = event.value
        self._timer = self.set_timer(0.15, lambda: self._now(text))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._now(event.value)  # the screen closes the line

    def _now(self, text: str) -> None:
        self._timer = None
        self._search(text)

    def close(self) -> bool:
        """Hide the line, searching for what is typed if not done yet; False
        when it was not open."""
        if not self.display:
            return False
        if self._timer is not None:  # what was typed is kept, not dropped
            self._timer.stop()
            self._now(self.value)
        self.display = False
        return True
