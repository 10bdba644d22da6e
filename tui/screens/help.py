"""`?`: the keys in force where it was pressed, grouped by what they do, and
how to read the charts. It scrolls (j/k, page keys) and escape closes it."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from ..claims.domain import GLYPHS
from .closing import ClosesOnce
from ..widgets.card import Card

#: What the keys do, by group, in the order help lists them. Actions not
#: named here (Textual's generic ones) are not listed.
GROUPS: tuple[tuple[str, frozenset[str]], ...] = (
    ("Panes", frozenset({"show_pane"})),
    (
        "Moving",
        frozenset(
            {
                "cursor",
                "page",
                "edge",
                "column",
                "scroll_down",
                "scroll_up",
                "page_down",
                "page_up",
                "scroll_home",
                "scroll_end",
                "focus_next",
                "focus_previous",
                "cursor_up",
                "cursor_down",
                "cursor_left",
                "cursor_right",
                "scroll_top",
                "scroll_bottom",
            }
        ),
    ),  # fmt: skip
    ("The claim under the cursor", frozenset({"select", "copy", "open_source", "back"})),
    ("What we know about a number", frozenset({"quantity"})),
    ("Who says what", frozenset({"frequency", "dimension", "select_cursor"})),
    ("Tables", frozenset({"sort"})),
    ("Filter and search", frozenset({"search", "filter", "clear_filter", "latest_only",
                                     "step_known", "filter_value"})),
    ("Charts", frozenset({"zoom", "next_unit", "milestones"})),
    ("Taking work out", frozenset({"export", "digest"})),
    ("Everywhere", frozenset({"quit", "help"})),
)

#: Keys handled by widgets or Textual in ways bindings do not list.
EXTRA = {
    "Everywhere": [("ctrl+p", "command palette: panes, filters, sources, claims by id or words")],
    "Taking work out": [("ctrl+p", "Chart: save as SVG\u2026 (the chart on screen, in a directory "
                                   "you name)")],
}

CHARTS = [
    (
        "\u25cf \u25a0 \u25c6 \u2026",
        "a claimant's marker: the same in every chart and under every filter",
    ),
    (f"{GLYPHS['ray']} (dotted)", "an open bound: up for at least / more than, down for up to"),
    (GLYPHS["range"], "a range, from its low to its high figure"),
    ("marker line", "troops or shells sent in all, drawn across the period they cover"),
    (GLYPHS["increment"], "more troops sent in one wave, on top of earlier ones"),
    (
        GLYPHS["derived"],
        "a number the data computed from the source's words (see the claim's notes)",
    ),
    ("\u25c0", "a period that starts before the axis (known only to the year)"),
    ("\u2588 \u2592 \u2591 \u259a", "casualty bars: killed, wounded, killed or wounded, captured"),
    ("~ \u2265 > \u2264 < \u2272", "about, at least, more than, up to, fewer than, nearly"),
    (GLYPHS["contested"], "contested: another origin's figure for the same time that no one value "
                          "fits (about \u00b115%, exact \u00b11%; tolerances.yaml)"),
    (GLYPHS["milestone"], "a milestone: a dated event marked in the data (m hides them)"),
    ("grey marks", "in the quantity view, the claimants not under the cursor; on any chart, "
                   "figures the analyst graded D\u2013E or 4\u20135 (the legend says so)"),
    ("B2  C4?", "grade: the source's reliability (A\u2013F) and the claim's credibility "
                "(1\u20136); ? a suggestion from the record, not an analyst's grade; "
                "\u2013 no grade (data/README.md)"),
]

_NAMES = {"question_mark": "?", "slash": "/", "escape": "escape", "enter": "enter"}


class HelpScreen(ClosesOnce, ModalScreen[None]):
    """The keys in force on the screen underneath."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Close"),
    ]

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self.groups = keys_in_force(under)
        self.where = getattr(under, "HELP_TITLE", "the claim's detail")
        if under.id == "dashboard":
            self.where = "the dashboard"
        #: The whole legend of the chart on screen (folded to one line under
        #: a small plot, it is read here).
        self.chart_legend = None
        for chart in under.query("Chart"):
            full = getattr(chart, "full_legend", None)
            if chart.display and chart.region.area and full is not None and full.plain:
                self.chart_legend = Text("\n").join([chart.full_header, full])
                break

    def compose(self) -> ComposeResult:
        with Card(id="help-body"):
            yield Static(Text(f"Keys on {self.where}", style="bold"), id="help-title")
            yield Static(render(self.groups), id="help-keys")
            if self.chart_legend is not None:
                yield Static(Text("The chart on screen", style="bold underline"))
                yield Static(self.chart_legend, id="help-legend")
            yield Static(Text("escape closes this help; j/k and page keys scroll it", style="dim"))

    def on_mount(self) -> None:
        self.query_one(Card).focus()

    def action_close(self) -> None:
        self.dismiss()


def keys_in_force(screen: Screen) -> list[tuple[str, list[tuple[str, str]]]]:
    """(group, [(keys, description)]) for every binding in force on `screen`."""
    by_action: dict[tuple[str, str], list[str]] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if not binding.description or binding.system:
            continue
        display = binding.key_display or _NAMES.get(key, key)
        by_action.setdefault((binding.action, binding.description), []).append(display)
    groups = []
    for title, actions in GROUPS:
        rows = [(" / ".join(dict.fromkeys(keys)), description)
                for (action, description), keys in by_action.items()
                if action.split("(")[0].removeprefix("app.") in actions]  # fmt: skip
        rows += EXTRA.get(title, [])
        if rows:
            groups.append((title, rows))
    return groups


def render(groups: list[tuple[str, list[tuple[str, str]]]]) -> Table:
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for title, rows in [*groups, ("Reading the charts", CHARTS)]:
        table.add_row(Text(""), Text(""))
        table.add_row(Text(title, style="bold underline"), Text(""))
        for keys, description in rows:
            table.add_row(Text(keys), Text(description))
    return table
