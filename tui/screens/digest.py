"""`d`: what changed in the record, when the data directory is kept in git.

By default, since the revision the app saw when it was last opened here
(`claims.seen` remembers it per data directory); `r` asks for another
revision or date. The digest (`claims.digest`) is made in a worker: it
reads the data at that revision out of git and compares it with the
working tree, uncommitted edits included.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Footer, Static

from ..safe import plain
from .closing import ClosesOnce
from .prompt import PromptDialog

if TYPE_CHECKING:
    from .dashboard import Dashboard


class DigestScreen(ClosesOnce, Screen[None]):
    """The digest of the record since a revision, as text."""

    HELP_TITLE = "what changed"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("r", "since", "Since\u2026", tooltip="Another revision or date to compare with"),
        Binding("j,down", "scroll('down')", "Down", show=False),
        Binding("k,up", "scroll('up')", "Up", show=False),
        Binding("space,pagedown", "page('down')", "Page down", show=False),
        Binding("b,pageup", "page('up')", "Page up", show=False),
        Binding("g,home", "edge('home')", "Top", show=False),
        Binding("G,end", "edge('end')", "Bottom", show=False),
    ]

    def __init__(self, dashboard: Dashboard, since: str | None = None) -> None:
        super().__init__(classes="digest-view")
        self.dashboard = dashboard
        #: The revision or date compared with; None: the one seen last time.
        self.since = since
        #: What the screen says, once made (tests read it).
        self.said: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text("What changed \u00b7 working\u2026", style="bold"), id="digest-title")
        with VerticalScroll(id="digest-body"):
            yield Static(id="digest-text")
        yield Footer()

    def on_mount(self) -> None:
        self.build()

    @work(thread=True, exclusive=True, group="digest")
    def build(self) -> None:
        from ..claims import DataError
        from ..claims.digest import DigestError, digest_since, head

        directory = self.dashboard.data_dir
        title, body = "What changed", ""
        try:
            current = head(directory)
            since = self.since or self.dashboard.seen_before
            if current is None:
                body = ("The data directory is not kept in git (or git is not installed), so "
                        "there is no earlier record to compare with. `noko-tui digest` and "
                        "this view work on a data directory that is a git repository.")  # fmt: skip
            else:
                first = since is None
                found = digest_since(directory, since or current.hash,
                                     cache=self.dashboard.use_cache)  # fmt: skip
                title, body = found.title(), found.text()
                if body.startswith(title):  # the title stands over the text already
                    body = body[len(title):].lstrip("\n")
                if first:
                    body = (f"noko-tui had not been opened on this data directory before; it now "
                            f"remembers {current.short} and will show what changed since. Below: "
                            "the uncommitted edits. r compares with a revision or a date of "
                            "your choice.\n\n" + body)  # fmt: skip
        except DigestError as error:
            body = str(error)
        except DataError as error:
            body = "The data has problems:\n" + "\n".join(str(p) for p in error.problems[:20])
        self.app.call_from_thread(self.show, title, body)

    def show(self, title: str, body: str) -> None:
        if not self.is_attached:
            return
        try:
            self.query_one("#digest-title", Static).update(plain(title, style="bold",
                                                                 one_line=True))  # fmt: skip
            self.query_one("#digest-text", Static).update(plain(body))
        except NoMatches:  # closing
            return
        self.said = f"{title}\n{body}"

    def action_back(self) -> None:
        self.dismiss()

    def action_since(self) -> None:
        def chosen(answer: str | None) -> None:
            if answer:
                self.since = answer
                self.said = None
                self.query_one("#digest-title", Static).update(
                    Text(f"What changed since {answer} \u00b7 working\u2026", style="bold"))
                self.build()

        self.app.push_screen(PromptDialog(
            "Compare with which revision (HEAD~3, a tag, a hash) or date (2025-03-01)?",
            self.since or self.dashboard.seen_before or "HEAD~1"), chosen)  # fmt: skip

    def _body(self) -> VerticalScroll:
        return self.query_one("#digest-body", VerticalScroll)

    def action_scroll(self, direction: str) -> None:
        body = self._body()
        body.scroll_down() if direction == "down" else body.scroll_up()

    def action_page(self, direction: str) -> None:
        body = self._body()
        body.scroll_page_down() if direction == "down" else body.scroll_page_up()

    def action_edge(self, edge: str) -> None:
        body = self._body()
        body.scroll_home() if edge == "home" else body.scroll_end()
