"""`d`: what changed in the record, when the data directory is kept in git.

By default, since the revision the app saw when it was last opened here
(`claims.seen` remembers it per data directory); `r` asks for another
revision or date. The digest (`claims.digest`) is made in a worker: it
reads the data at that revision out of git and compares it with the
working tree, uncommitted edits included. Each item is a line of a list:
enter opens its claim as the record has it now.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from ..messages import OpenClaim
from ..safe import clean, plain
from .closing import ClosesOnce
from .prompt import PromptDialog

if TYPE_CHECKING:
    from textual.signal import Signal

    from ..claims.digest.wording import Section
    from ..state import BoardState


class DigestScreen(ClosesOnce, Screen[None]):
    """The digest of the record since a revision, as text."""

    HELP_TITLE = "what changed"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("r", "since", "Since\u2026", tooltip="Another revision or date to compare with"),
        Binding("enter", "open", "Open claim", show=True, priority=True),
        Binding("j", "move('cursor_down')", "Down", show=False),
        Binding("k", "move('cursor_up')", "Up", show=False),
        Binding("g", "move('first')", "Top", show=False),
        Binding("G", "move('last')", "Bottom", show=False),
        Binding("space,b", "page", "Page", show=False),
    ]

    def __init__(self, state: BoardState, updates: Signal[BoardState],
                 since: str | None = None) -> None:  # fmt: skip
        super().__init__(classes="digest-view")
        #: The board's state (the data directory, the revision seen before), followed.
        self.state = state
        self._updates = updates
        #: The revision or date compared with; None: the one seen last time.
        self.since = since
        #: What the screen says, once made (tests read it).
        self.said: str | None = None
        #: The list's option ids -> the claim id of each item.
        self.items: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield Static(Text("What changed \u00b7 working\u2026", style="bold"), id="digest-title")
        yield Static(id="digest-text")
        yield OptionList(id="digest-list")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self._updates.subscribe(self, self._follow, immediate=True)
        self.build()

    def _follow(self, state: BoardState) -> None:
        self.state = state

    @work(thread=True, exclusive=True, group="digest")
    def build(self) -> None:
        from ..claims import DataError
        from ..claims.digest import DigestError, digest_since, head
        from ..claims.digest.wording import NOTHING

        state = self.state
        directory = state.data_dir
        title, body, sections = "What changed", "", []
        try:
            current = head(directory)
            since = self.since or state.seen_before
            if current is None:
                body = ("The data directory is not kept in git (or git is not installed), so "
                        "there is no earlier record to compare with. `noko-tui digest` and "
                        "this view work on a data directory that is a git repository.")  # fmt: skip
            else:
                first = since is None
                found = digest_since(directory, since or current.hash,
                                     cache=state.use_cache)  # fmt: skip
                title = found.title()
                body = "\n".join(p for p in (found.situation(), found.summary()) if p)
                if found.unchanged:
                    body += "\n\n" + NOTHING
                sections = found.sections()
                if first:
                    body = (f"noko-tui had not been opened on this data directory before; it now "
                            f"remembers {current.short} and will show what changed since. Below: "
                            "the uncommitted edits. r compares with a revision or a date of "
                            "your choice.\n\n" + body)  # fmt: skip
        except DigestError as error:
            body = str(error)
        except DataError as error:
            body = "The data has problems:\n" + "\n".join(str(p) for p in error.problems[:20])
        self.app.call_from_thread(self.show, title, body, sections)

    def show(self, title: str, body: str, sections: list[Section]) -> None:
        if not self.is_attached:
            return
        try:
            self.query_one("#digest-title", Static).update(plain(title, style="bold",
                                                                 one_line=True))  # fmt: skip
            self.query_one("#digest-text", Static).update(plain(body))
            listing = self.query_one(OptionList)
        except NoMatches:  # closing
            return
        options: list[Option | None] = []
        self.items = {}
        words = [title, body]
        for section in sections:
            heading = f"{section.heading} ({section.count})"
            title_row = Text(heading, style="bold")
            if section.note:  # what the items are: a revision is new, a correction is not
                title_row.append(f": {section.note}", style="dim")
            options.append(Option(title_row, disabled=True))
            words.append(title_row.plain)
            for line in section.lines:
                row = plain(line.id, style="bold", one_line=True)
                row.append("  ")
                row.append_text(plain(line.claimant, one_line=True))
                row.append("  ")
                row.append_text(plain(line.words, one_line=True))
                row.append_text(plain(f"  [{line.cite}]", style="dim", one_line=True))
                key = f"item-{len(self.items)}"
                self.items[key] = line.id
                options.append(Option(row, id=key))
                words.append(row.plain)
            if section.more:
                more = f"\u2026 and {section.more} more (noko-tui digest lists them all)"
                options.append(Option(Text(more, style="dim italic"), disabled=True))
                words.append(more)
        listing.clear_options()
        listing.add_options([o for o in options if o is not None])
        listing.display = bool(sections)
        self.said = "\n".join(words)

    def action_open(self) -> None:
        """Enter: the claim under the cursor, as the record has it now."""
        listing = self.query_one(OptionList)
        if listing.highlighted is None:
            return
        option = listing.get_option_at_index(listing.highlighted)
        claim_id = self.items.get(option.id or "")
        if claim_id is None:
            return
        dataset = self.state.dataset
        if dataset is None or dataset.claim(claim_id) is None:
            self.notify(f"{clean(claim_id)} is not on the record now (removed, or the record "
                        "has changed since it was loaded).", title="What changed",
                        markup=False)  # fmt: skip
            return
        self.post_message(OpenClaim(claim_id))

    def action_move(self, where: str) -> None:
        getattr(self.query_one(OptionList), f"action_{where}")()

    def action_page(self) -> None:
        self.query_one(OptionList).action_page_down()

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
            self.since or self.state.seen_before or "HEAD~1"), chosen)  # fmt: skip
