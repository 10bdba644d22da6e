"""`?`: every key of the screen underneath, read from its live bindings."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

#: Keys handled by widgets in ways bindings do not list.
EXTRA = [
    ("tab / shift+tab", "Move between widgets"),
    ("ctrl+p", "Command palette: panes, claimants, sources, claims by id"),
]


class HelpScreen(ModalScreen[None]):
    """The keys in force where `?` was pressed."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close"),
    ]

    def __init__(self, keys: list[tuple[str, str]], where: str) -> None:
        super().__init__()
        self.keys = keys
        self.where = where

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, padding=(0, 2, 0, 0))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        seen = set()
        for key, description in [*self.keys, *EXTRA]:
            if (key, description) in seen or not description:
                continue
            seen.add((key, description))
            table.add_row(Text(key), Text(description))
        with VerticalScroll(id="help-body"):
            yield Static(Text(f"Keys: {self.where}", style="bold"), id="help-title")
            yield Static(table, id="help-keys")
            yield Static(Text("escape closes this help", style="dim"))


def keys_in_force(screen_bindings: dict) -> list[tuple[str, str]]:
    """(keys, description) for every binding in force, grouped by action."""
    by_action: dict[tuple[str, str], list[str]] = {}
    for key, active in screen_bindings.items():
        binding = active.binding
        if not binding.description or binding.system:
            continue
        display = binding.key_display or _key_name(key)
        by_action.setdefault((binding.action, binding.description), []).append(display)
    rows = []
    for (_, description), keys in by_action.items():
        rows.append((" / ".join(dict.fromkeys(keys)), description))
    return sorted(rows, key=lambda r: (len(r[0]) > 1, r[0]))


def _key_name(key: str) -> str:
    names = {"question_mark": "?", "slash": "/", "escape": "escape", "enter": "enter"}
    return names.get(key, key)
