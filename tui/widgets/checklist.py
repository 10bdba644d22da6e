"""A list of choices to tick, with type-ahead, counts and "only this".

Ticked and unticked differ by shape (☑ ☐), not only by colour, so the list
reads with NO_COLOR. Typing letters narrows the list to the choices whose
label contains them (shown in the border); backspace widens it again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.content import Content
from textual.binding import Binding, BindingType
from textual.widgets import Checkbox, OptionList
from textual.widgets.option_list import Option

from ..safe import clean

TICKED, UNTICKED = "\u2611", "\u2610"


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    count: int | None = None


class CheckList(OptionList):
    """Choices with a tick each; none ticked means all."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle", "Tick"),
        Binding("enter", "only", "Only this"),
    ]

    def __init__(self, choices: list[Choice], ticked: frozenset[str], *, title: str,
                 id: str | None = None) -> None:  # noqa: A002  # fmt: skip
        super().__init__(id=id)
        self.choices = choices
        self.ticked = set(ticked)
        self.title = title
        self.find = ""

    def on_mount(self) -> None:
        self._rebuild()

    def on_resize(self) -> None:
        self._rebuild()

    @property
    def selected(self) -> frozenset[str]:
        return frozenset(self.ticked)

    def visible(self) -> list[Choice]:
        """The choices with a word that starts with what was typed."""
        needle = self.find.casefold()
        if not needle:
            return list(self.choices)
        return [c for c in self.choices if _starts_a_word(c.label.casefold(), needle)]

    def _rebuild(self) -> None:
        keep = self._current_value()
        shown = self.visible()
        width = max((len(f"{c.count:,}") for c in shown if c.count is not None), default=0)
        # One line each, cut at the end (the short label comes first, so two
        # long names that start alike stay apart).
        room = max(self.scrollable_content_region.width - 1, 4)
        options = []
        for choice in shown:
            text = Text(TICKED if choice.value in self.ticked else UNTICKED)
            text.append(" ")
            if choice.count is not None:
                text.append(f"{choice.count:>{width},} ", style="dim")
            text.append(clean(choice.label))
            text.truncate(room, overflow="ellipsis")
            options.append(Option(text, id=choice.value))
        self.clear_options()
        self.add_options(options)
        values = [c.value for c in shown]
        if values:
            self.highlighted = values.index(keep) if keep in values else 0
        ticked = len(self.ticked)
        # Content, not a str: what the analyst types ("[/") is never markup.
        self.border_title = Content(f"{self.title}" + (f" (find: {self.find})" if self.find else ""))
        self.border_subtitle = f"{ticked} ticked" if ticked else "none ticked = all"

    def _current_value(self) -> str | None:
        if self.highlighted is None or self.highlighted >= self.option_count:
            return None
        return self.get_option_at_index(self.highlighted).id

    def action_toggle(self) -> None:
        value = self._current_value()
        if value is not None:
            self.ticked ^= {value}
            self._rebuild()

    def action_only(self) -> None:
        value = self._current_value()
        if value is not None:
            self.ticked = {value}
            self._rebuild()

    def clear_find(self) -> None:
        self.find = ""
        self._rebuild()

    def clear(self) -> None:
        self.ticked = set()
        self.find = ""
        self._rebuild()

    def on_key(self, event: events.Key) -> None:
        if event.key == "backspace" and self.find:
            self.find = self.find[:-1]
        elif event.is_printable and event.character and event.character != " ":
            self.find += event.character
        else:
            return
        event.stop()
        event.prevent_default()
        self._rebuild()

    def action_page_down(self) -> None:
        try:
            super().action_page_down()
        except KeyError:  # not laid out yet (a tiny terminal)
            self.action_cursor_down()

    def action_page_up(self) -> None:
        try:
            super().action_page_up()
        except KeyError:
            self.action_cursor_up()


def _starts_a_word(text: str, needle: str) -> bool:
    import re

    return any(m.start() == 0 or not text[m.start() - 1].isalnum()
               for m in re.finditer(re.escape(needle), text))  # fmt: skip


class TickBox(Checkbox):
    """A checkbox that reads ☑/☐ like the lists beside it, with or without colour
    (Textual's draws an X either way and tells them apart by colour alone)."""

    BUTTON_LEFT = ""
    BUTTON_RIGHT = " "

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # noqa: N802
        return TICKED if self.value else UNTICKED
