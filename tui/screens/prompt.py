"""A one-line question (a path, a name; enter answers, escape cancels) and a
yes-or-no one (y or n)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static

from ..safe import plain
from .closing import ClosesOnce


class PromptDialog(ClosesOnce, ModalScreen[str | None]):
    """Ask for one line of text, with a default."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("enter", "submit", "OK", show=True, priority=False),
    ]

    def __init__(self, question: str, default: str = "") -> None:
        super().__init__()
        self.question = question
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-dialog"):
            yield Static(plain(self.question), id="prompt-question")
            yield Input(self.default, id="prompt-input")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def action_submit(self) -> None:
        self.dismiss(self.query_one(Input).value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmDialog(ClosesOnce, ModalScreen[bool]):
    """Ask yes or no: y (or enter on Yes) confirms; n or escape declines."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n", "answer(False)", "No"),
        Binding("escape", "answer(False)", "No", show=False),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-dialog"):
            yield Static(plain(self.question), id="prompt-question")
            yield Static("y: yes   n: no", id="prompt-keys")
        yield Footer()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
