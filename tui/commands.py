"""The command palette: commands first, then sources, then claims.

Commands are named "area: verb" and offered only where they apply ("Filter:
clear" only with a filter set, "Claim: copy citation" only with a claim under
the cursor). Text from the data (claimant names, source titles, claim
summaries) is shown literally: never read as markup, control characters made
visible. Every command posts an intent; nothing here calls the dashboard.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from textual import work
from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.css.query import NoMatches

from .claims.palette_entries import matching_claims, palette_entries
from .messages import (
    AskKnownOn,
    ClearFilter,
    CopyCitation,
    FilterBy,
    Intent,
    OpenClaim,
    OpenDigest,
    OpenFrequency,
    OpenQuantity,
    OpenSource,
    SaveChart,
    SetFilter,
    ShowMilestones,
    ShowPane,
)
from .panes import PANES, DashboardPane
from .safe import clean, markup_literal
from .screens.closing import ClosesOnce
from .state import ShowsBoard

if TYPE_CHECKING:
    from textual.fuzzy import Matcher

    from .state import BoardState

#: Claim hits score below any command or source that matches as well: an
#: analyst typing "JCS" wants the claimant first, then its claims.
CLAIM_WEIGHT = 0.3
SOURCE_WEIGHT = 0.8
CLAIM_HITS = 30


@dataclass(frozen=True)
class Command:
    """One palette entry: what it says, what it searches, what it asks for."""

    name: str
    intent: Intent | Callable[[], object]
    help: str = ""
    search: str = ""
    weight: float = 1.0


class NokoPalette(ClosesOnce, CommandPalette):
    """Textual's palette, safe against keys that arrive after it closed and
    against paging a list that has not been laid out yet."""

    @work(exclusive=True, group=CommandPalette._GATHER_COMMANDS_GROUP, exit_on_error=False)
    async def _gather_commands(self, search_value: str) -> None:
        """Textual's search, unless the palette closed before it ran (its
        widgets are gone: a quick escape after typing)."""
        if not self.is_attached:
            return
        try:
            await _GATHER(self, search_value)
        except NoMatches:
            pass

    def _action_command_list(self, action: str) -> None:
        try:
            super()._action_command_list(action)
        except KeyError:  # the list has no lines yet (a tiny terminal): move one step
            fallback = {"page_down": "cursor_down", "page_up": "cursor_up"}.get(action)
            if fallback:
                super()._action_command_list(fallback)


_GATHER = CommandPalette._gather_commands.__wrapped__  # type: ignore[attr-defined]


@runtime_checkable
class ShowsPanes(Protocol):
    """A screen of panes (the dashboard): the palette offers what applies to
    the pane on screen."""

    def active_pane_id(self) -> str: ...

    def active_pane(self) -> DashboardPane | None: ...


class NokoCommands(Provider):
    """Everything in noko-tui one can name."""

    def state(self) -> BoardState | None:
        """The board's state, from the lowest screen that shows it."""
        return next((s.state for s in self.app.screen_stack if isinstance(s, ShowsBoard)), None)

    def _post(self, intent: Intent) -> Callable[[], None]:
        return lambda: self.app.post_message(intent)

    async def startup(self) -> None:
        """The commands are listed once, when the palette opens: what applies
        cannot change while it is open."""
        self._commands = self.commands()

    def listed(self) -> list[Command]:
        found = getattr(self, "_commands", None)
        if found is None:
            found = self._commands = self.commands()
        return found

    def commands(self) -> list[Command]:
        """The commands that apply to the screen under the palette."""
        under = next((s for s in reversed(self.app.screen_stack)
                      if not isinstance(s, CommandPalette)), None)  # fmt: skip
        board = under if isinstance(under, ShowsPanes) else None
        active = board.active_pane_id() if board is not None and under.is_mounted else ""
        found = [
            Command(f"Go to pane: {pane.title}", ShowPane(pane.pane_id()), f"key {pane.key}")
            for pane in PANES
            if pane.pane_id() != active or board is None
        ]
        state = self.state()
        dataset = state.dataset if state is not None else None
        if state is None or dataset is None:
            return found
        current = state.filter
        if current is not None and not current.is_empty:
            found.append(Command("Filter: clear", ClearFilter(), "show every claim again (key c)"))
        if current is not None:
            if current.latest_only:
                found.append(Command("Filter: every figure, not only the latest",
                                     SetFilter(replace(current, latest_only=False)), "key n"))  # fmt: skip
            else:
                found.append(Command("Filter: latest figures only",
                                     SetFilter(replace(current, latest_only=True)),
                                     "each claimant's latest per quantity (key n)"))  # fmt: skip
            found.append(Command("Filter: known on a date\u2026", AskKnownOn(),
                                 "what was on the record that day ([ and ] step by month)"))  # fmt: skip
            if current.known_on is not None:
                found.append(Command("Filter: known on: drop the date",
                                     SetFilter(replace(current, known_on=None)),
                                     "everything on the record"))  # fmt: skip
        if current is not None:
            found.append(Command("Filter: sources graded A\u2013B only",
                                 SetFilter(replace(current, reliability=frozenset("AB"))),
                                 "completely or usually reliable claimants (filter dialog: f)"))  # fmt: skip
            found.append(Command("Filter: hide doubtful and improbable (credibility 4\u20135)",
                                 SetFilter(replace(current, hide_credibility=frozenset({4, 5}))),
                                 "the analyst's grade, else the record's suggestion"))  # fmt: skip
            if current.reliability or current.hide_credibility:
                found.append(Command("Filter: drop the grade filters",
                                     SetFilter(replace(current, reliability=frozenset(),
                                                       hide_credibility=frozenset())),
                                     "every grade again"))  # fmt: skip
        found.append(Command("What changed (digest)", OpenDigest(),
                             "in the record since noko-tui was last opened here, when the data "
                             "is kept in git (key d)", "digest changes new revisions git"))  # fmt: skip
        found.append(Command("Who says what (frequency)", OpenFrequency(),
                             "claims by claimant and quantity, category or month (key F)",
                             "frequency count claimants"))  # fmt: skip
        shown = state.show_milestones
        found.append(Command(f"Charts: {'hide' if shown else 'show'} milestones",
                             ShowMilestones(not shown), "the labelled lines of events (key m)"))  # fmt: skip
        pane = board.active_pane() if board is not None else None
        chart, what = None, ""
        if pane is not None:
            chart, what = pane.chart_on_screen(), f"{pane.title} chart"
        elif board is None and hasattr(under, "chart_on_screen"):
            chart = under.chart_on_screen()
            view = getattr(under, "view", None)
            what = f"{getattr(view, 'label', 'quantity')} chart"
        if chart is not None:
            found.append(Command("Chart: save as SVG\u2026", SaveChart(chart, what),
                                 "the chart as on screen, with its summary and legend, "
                                 "in a directory you name"))  # fmt: skip
        claim = pane.current_claim() if pane is not None else None
        if claim is not None:
            found.append(Command("Claim: copy citation", CopyCitation(claim), clean(claim)))
            found.append(Command("Claim: open its provenance", OpenClaim(claim), clean(claim)))
        entries = palette_entries(dataset)
        chosen = current.claimants if current is not None else frozenset()
        for claimant in entries.claimants:
            if claimant.id in chosen:
                found.append(Command(f"Filter: drop claimant {claimant.name}",
                                     FilterBy("claimants", claimant.id),
                                     f"{claimant.claims} claims"))  # fmt: skip
            found.append(Command(f"Filter: only claimant {claimant.name}",
                                 FilterBy("claimants", claimant.id, only=True),
                                 f"{claimant.claims} claims"))  # fmt: skip
        for quantity in entries.quantities:
            found.append(Command(f"Quantity: {quantity.name}", OpenQuantity(quantity.id),
                                 f"{quantity.claims} claims: every figure, by origin"))  # fmt: skip
        for source in entries.sources:
            found.append(Command(f"Open source: {source.name}", OpenSource(source.id),
                                 clean(source.id), f"{source.name} {clean(source.id)}",
                                 SOURCE_WEIGHT))  # fmt: skip
        return found

    def _hit(self, command: Command) -> tuple[Content, Callable[[], object], str]:
        action = command.intent
        callback = self._post(action) if isinstance(action, Intent) else action
        return Content(command.name), callback, markup_literal(command.help)

    async def discover(self) -> Hits:
        for command in self.listed():
            if command.weight >= 1:
                display, callback, help_text = self._hit(command)
                yield DiscoveryHit(display, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self.listed():
            score = max(matcher.match(command.name), matcher.match(command.search) * 0.9)
            if score > 0:
                _, callback, help_text = self._hit(command)
                yield Hit(score * command.weight, _highlight(matcher, command.name), callback,
                          text=command.name, help=help_text)  # fmt: skip
        # Claims by id or summary, searched in a thread: the keys typed next stay quick.
        state = self.state()
        dataset = state.dataset if state is not None else None
        needle = query.strip()
        if dataset is None or len(needle) < 2:
            return
        found = await asyncio.to_thread(matching_claims, dataset, needle, CLAIM_HITS)
        for claim_id, summary in found:
            name = f"Claim: {clean(claim_id)}"
            score = max(matcher.match(name), 0.05) * CLAIM_WEIGHT
            yield Hit(score, _highlight(matcher, name), self._post(OpenClaim(str(claim_id))),
                      text=name, help=markup_literal(summary))  # fmt: skip


def _highlight(matcher: Matcher, candidate: str) -> Content:
    """The candidate with the matched letters marked, its text taken literally
    (Textual's own `highlight` reads the candidate as markup)."""
    content = Content(candidate)
    score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    if not score:
        return content
    for offset in offsets:
        if not candidate[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
