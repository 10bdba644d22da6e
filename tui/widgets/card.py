"""A scrolling card the keyboard moves through: the claim detail, help, the
quantity view's notes and the Sources pane's card."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll


class Card(VerticalScroll):
    """A scrolling card that the keyboard can move through."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "scroll_down", "Scroll", show=False),
        Binding("k,up", "scroll_up", "Scroll up", show=False),
        Binding("space,pagedown,ctrl+f", "page_down", "Page down", show=False),
        Binding("pageup,ctrl+b", "page_up", "Page up", show=False),
        Binding("g,home", "scroll_home", "Top", show=False),
        Binding("G,end", "scroll_end", "End", show=False),
    ]
