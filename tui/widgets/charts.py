"""Charts drawn in the terminal with plotext (through textual-plotext).

Each chart draws what a function of `claims.charts` decided, nothing more: the
marks, their markers and colours, and the summary of what the chart shows.
Under the plot, outside it, a legend names every series drawn and says how
to read the glyphs; claimants differ by marker as well as colour, so a chart
reads in 16 colours and with NO_COLOR.
"""

from __future__ import annotations

import math
from dataclasses import replace
from functools import lru_cache
from typing import Any

import plotext._utility as _plotext_utility
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static
from textual_plotext import PlotextPlot

from ..claims.charts.casualties import BarGroup, CasualtiesChartData
from ..claims.charts.equipment import BarChart, EquipmentChartData, HBar
from ..claims.charts.events import EventsChartData
from ..claims.charts.milestones import milestone_positions, milestones_among
from ..claims.charts.styles import LegendEntry
from ..claims.charts.ticks import month_ticks, value_ticks
from ..claims.charts.time import TroopsChartData
from ..claims.domain import GLYPHS
from ..claims.safetext import clean

# plotext removes duplicate points through a set, so the order points are drawn
# in (and which wins where two overlap) changes with Python's hash seed, from
# one run to the next. Keep first occurrences, in order: the same data draws the
# same chart every time.
_plotext_utility.no_duplicates = lambda data: list(dict.fromkeys(data))

#: plotext colour names as Rich reads them, for the legend under the plot.
_RICH_COLORS = {"orange": "dark_orange", "gray": "grey50", "white": "default"}


def legend(entries: tuple[LegendEntry, ...], key: str = "") -> Text:
    """The legend line(s): every series drawn, and how to read the glyphs."""
    text = Text()
    for entry in entries:
        style = _RICH_COLORS.get(entry.color or "", entry.color or "")
        text.append(entry.glyph, style=style)
        text.append(clean(entry.label))  # data: inert, never markup
        text.append("  ")
    if key:
        text.append(clean(key), style="dim")
    text.rstrip()
    return text


def header(title: str, summary: str = "") -> Text:
    """The line over the plot: what it draws, and what of the claims it shows."""
    text = Text(clean(title), style="bold")
    if summary:
        text.append(" \u00b7 ")
        text.append(clean(summary), style="italic")
    return text


#: What plotext raises where it cannot draw: on a canvas too small for its
#: own tick labels it divides by zero or unpacks nothing.
CANNOT_DRAW = (ArithmeticError, ValueError, IndexError)


class Plot(PlotextPlot):
    """The plot of a chart panel: redrawn from the panel's data on resize."""

    def __init__(self, panel: Chart) -> None:
        super().__init__()
        self.panel = panel

    def render(self) -> Any:
        try:
            return super().render()
        except CANNOT_DRAW:
            return Text("(the chart does not fit here: a larger terminal, or z for the table)",
                        style="italic")  # fmt: skip

    def on_resize(self) -> None:
        self.replot()

    def replot(self) -> None:
        plt = self.plt
        plt.clear_figure()
        data = self.panel.data
        if data is not None and not getattr(data, "empty", True):
            self.panel.draw(_SafePlot(plt), data, self.size.width, self.size.height)
        self.refresh()
        self.panel.describe()


class RowsPlot(Plot):
    """A plot drawn as rows of text by its panel (`EquipmentChart.rows`):
    bars whose rows are exact, where plotext's would drift."""

    def render(self) -> Any:
        data = self.panel.data
        if data is None or getattr(data, "empty", True):
            return Text()
        return self.panel.rows(data, self.size.width, self.size.height)

    def replot(self) -> None:
        self.refresh()
        self.panel.describe()


#: The cell a horizontal bar is drawn with.
GLYPHS_BAR = "\u2588"


def bar_cells(value: float, top: float, cells: int) -> int:
    """How many cells a bar of `value` fills of `cells` standing for `top`:
    at least one for any positive value, so that no figure vanishes."""
    if not (math.isfinite(value) and math.isfinite(top)) or top <= 0 or value <= 0:
        return 0
    return min(max(int(round(value / top * cells)), 1), cells)


class _SafePlot:
    """plotext, with every label made inert on its way in (plotext writes
    labels into its ANSI output as they are, and that output is read back as
    ANSI, so an escape sequence in a claimant's name would reach the
    terminal), and with axis limits that plotext can divide by (all values
    zero, or one value, would give an empty span)."""

    def __init__(self, plt: Any) -> None:
        self._plt = plt

    def text(self, label: str, *args: Any, **kwargs: Any) -> None:
        # On the plot's own background, not plotext's default white box.
        kwargs.setdefault("background", "default")
        self._plt.text(clean(label), *args, **kwargs)

    def xticks(self, ticks: Any, labels: Any = None) -> None:
        self._plt.xticks(ticks, None if labels is None else [clean(x) for x in labels])

    def yticks(self, ticks: Any, labels: Any = None) -> None:
        self._plt.yticks(ticks, None if labels is None else [clean(x) for x in labels])

    def title(self, label: str) -> None:
        self._plt.title(clean(label))

    def xlim(self, lo: float, hi: float) -> None:
        self._plt.xlim(*_span(lo, hi))

    def ylim(self, lo: float, hi: float) -> None:
        self._plt.ylim(*_span(lo, hi))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._plt, name)


def _span(lo: float, hi: float) -> tuple[float, float]:
    """Finite limits with room between them."""
    lo = lo if math.isfinite(lo) else 0.0
    hi = hi if math.isfinite(hi) else lo + 1.0
    if hi <= lo:
        hi = lo + max(abs(lo), 1.0)
    return lo, hi


#: The rows a plot keeps at least before its legend folds to one line.
PLOT_ROOM = 8


@lru_cache(maxsize=1)
def _console() -> Any:
    """A console to measure how many lines a text wraps to (never printed to)."""
    import io

    from rich.console import Console

    return Console(width=400, file=io.StringIO(), color_system=None, legacy_windows=False)


class Chart(Vertical):
    """A chart panel: the plot, and under it the legend and what it shows."""

    DEFAULT_CSS = """
    Chart { height: 1fr; }
    Chart > Plot { height: 1fr; min-height: 4; }
    Chart > .chart-legend, Chart > .chart-header { height: auto; }
    Chart > .chart-header.-folded { text-wrap: nowrap; text-overflow: ellipsis; }
    """

    empty_title = "no numbers to chart"

    def __init__(self) -> None:
        super().__init__()
        self.data: Any = None
        #: The milestones the last drawing showed, numbered as the legend names
        #: them, and how many more it left out (`claims.charts.milestones.drawn_milestones`).
        self.milestones_drawn: list[Any] = []
        self.milestones_left_out = 0
        self.full_legend = Text()
        self.full_header = Text()
        self._folding = False

    def compose(self) -> ComposeResult:
        yield Static(classes="chart-header")
        yield self.plot()
        yield Static(classes="chart-legend")

    def plot(self) -> Plot:
        """The widget the chart is drawn in."""
        return Plot(self)

    def show(self, data: Any) -> None:
        """Draw this data now, or once the panel's plot is mounted."""
        self.data = data
        if self.query(Plot):
            self.query_one(Plot).replot()

    def describe(self) -> None:
        """Say what the plot shows, over and under it (after each redraw: what
        fits depends on the size). Where the whole header and legend would
        leave the plot fewer than PLOT_ROOM rows, the legend folds to one
        line, then the header too, and `?` shows them whole."""
        empty = self.data is None or getattr(self.data, "empty", True)
        head = Text(self.empty_title, style="italic") if empty else self.header(self.data)
        full = Text() if empty else self.legend(self.data)
        #: The whole header and legend, which `?` shows when they are folded.
        self.full_header, self.full_legend = head, full
        width, height = self.size.width, self.size.height
        shown, fold_head = full, False
        if not empty and width and height:
            head_lines, legend_lines = self._lines(head, width), self._lines(full, width - 2)
            if legend_lines > 1 and height - head_lines - legend_lines < PLOT_ROOM:
                # The legend's own padding takes a column each side.
                shown = self.folded_legend(self.data, max(width - 2, 20))
                legend_lines = 1
            fold_head = head_lines > 1 and height - head_lines - legend_lines < PLOT_ROOM
        header = self.query_one(".chart-header", Static)
        header.set_class(fold_head, "-folded")  # one line, cut with an ellipsis
        header.update(head)
        self.query_one(".chart-legend", Static).update(shown)

    @staticmethod
    def _lines(text: Text, width: int) -> int:
        return len(text.wrap(_console(), max(width, 1)))

    def folded_legend(self, data: Any, width: int) -> Text:
        """The legend in one line: what fits of it, the milestones by
        number, and `?` for the rest."""
        self._folding = True
        try:
            body = self.legend(data)
        finally:
            self._folding = False
        tail = self.milestone_numbers() + "  ? legend"
        if body.cell_len + len(tail) > width:
            body.truncate(max(width - len(tail) - 1, 1))
            body.rstrip()
            body.append("\u2026")
        body.append(tail, style="dim")
        return body

    def milestone_words(self) -> str:
        """The legend's words for the milestone lines drawn (none when the
        legend is folded: it numbers them, `?` names them)."""
        if self._folding:
            return ""
        return milestone_key(self.milestones_drawn, self.milestones_left_out)

    def milestone_numbers(self) -> str:
        if not self.milestones_drawn:
            return ""
        return "  " + " ".join(f"{GLYPHS['milestone']}{i}"
                               for i in range(1, len(self.milestones_drawn) + 1))  # fmt: skip

    def header(self, data: Any) -> Text:
        return Text()

    def on_mount(self) -> None:
        if self.data is not None:
            self.show(self.data)

    def legend(self, data: Any) -> Text:
        return Text()

    def draw(self, plt: Any, data: Any, width: int, height: int) -> bool:  # pragma: no cover
        raise NotImplementedError

    def svg(self, title: str) -> str | None:
        """The chart as drawn on screen (what it shows above the plot, the
        plot, the legend under it) as an SVG document; None when it is not
        on screen or has nothing drawn."""
        import io

        from rich.console import Console
        from rich.segment import Segment, Segments
        from textual.geometry import Region

        parts = [w for w in self.children if w.display and w.size.width and w.size.height]
        empty = self.data is None or getattr(self.data, "empty", True)
        if empty or not self.size.width or not any(isinstance(w, Plot) for w in parts):
            return None
        console = Console(record=True, width=self.size.width, file=io.StringIO(),
                          color_system="truecolor", force_terminal=True)  # fmt: skip
        segments: list[Segment] = []
        for widget in parts:
            box = widget.outer_size  # padding included: `size` is the content's
            for strip in widget.render_lines(Region(0, 0, box.width, box.height)):
                segments.extend(strip)
                segments.append(Segment.line())
        console.print(Segments(segments), end="", crop=False, soft_wrap=True)
        return console.export_svg(title=title)


class TroopsChart(Chart):
    """Troops over time, one series per claimant.

    A level is the claimant's marker; a range adds a bar from low to high; an
    open bound adds a dotted ray (up for "at least", down for "up to"); a
    running total sent is a line of the claimant's marker across its period;
    one more wave is a line of + ending in the claimant's marker.
    """

    empty_title = "no troop numbers match"
    def draw(self, plt: Any, data: TroopsChartData, width: int, height: int) -> bool:
        lo, hi = data.x_range
        top = data.y_top
        span = max(hi - lo, 1e-6)
        self.milestones_drawn = draw_milestones(plt, [(m.at, m) for m in data.milestones],
                                                lo, hi, top)  # fmt: skip
        self.milestones_left_out = data.milestones_left_out
        # Faint marks (another claimant selected, or a low grade) first, in
        # grey: the others on top.
        data = replace(data, marks=tuple(
            replace(m, color=FAINT) if m.faint or m.low_grade else m
            for m in sorted(data.marks, key=lambda m: not (m.faint or m.low_grade))
        ))  # fmt: skip
        for m in data.marks:  # rays and bars first: markers go on top
            x_end = m.x1 if m.kind in ("total", "increment") else m.x0
            if m.bound == "lower":
                plt.plot([x_end, x_end], [m.y, top], marker=GLYPHS["ray"], color=m.color)
            elif m.bound == "upper":
                plt.plot([x_end, x_end], [0, m.y], marker=GLYPHS["ray"], color=m.color)
            if m.low is not None and m.high is not None and m.kind == "level":
                plt.plot([m.x0, m.x0], [m.low, m.high], marker=GLYPHS["range"], color=m.color)
        for m in data.marks:
            y = m.value if m.value is not None else m.y
            if m.kind in ("total", "increment") or (m.kind == "median" and m.x1 > m.x0):
                line = m.marker if m.kind != "increment" else GLYPHS["increment"]
                x1 = max(m.x1, m.x0 + span / max(width, 1))
                plt.plot([m.x0, x1], [y, y], marker=line, color=m.color)
                plt.scatter([x1], [y], marker=m.marker, color=m.color)
            elif m.kind == "level" and m.value is None and m.low is not None and m.high is not None:
                plt.scatter([m.x0, m.x0], [m.low, m.high], marker=m.marker, color=m.color)
            else:
                plt.scatter([m.x0], [y], marker=m.marker, color=m.color)
            if m.clipped:
                plt.text("\u25c0", lo, y, alignment="left")
        if not data.labelled:  # ≠ just right of a contested figure (labels carry it)
            for m in data.marks:
                if m.contested and not m.faint:
                    x = (m.x1 if m.kind in ("total", "increment") else m.x0) + span / max(width, 1)
                    plt.text(GLYPHS["contested"], x, m.y, alignment="left", color="red")
        column = span / max(width - 10, 1)  # the plot is narrower than the widget
        if data.labelled:
            for m in data.marks:
                if m.faint:
                    continue
                x = m.x1 if m.kind in ("total", "increment") else m.x0
                right = x > lo + span * 0.7  # near the right edge: the label ends at the mark
                label = (GLYPHS["contested"] if m.contested else "") + m.label
                # One column clear of the marker, so that the label never covers it.
                shift = -column if right else column
                plt.text(label, x + shift, m.y, alignment="right" if right else "left")
        plt.xticks(*month_ticks(lo, hi, max(width // 9, 2)))
        plt.yticks(*value_ticks(top, max(height // 3, 2)))
        plt.xlim(lo, hi)
        plt.ylim(0, top)
        return True

    def header(self, data: TroopsChartData) -> Text:
        return header(data.title, data.summary)

    def legend(self, data: TroopsChartData) -> Text:
        parts = []
        if any(m.bound for m in data.marks):
            parts.append(f"{GLYPHS['ray']}open bound")
        if any(m.kind == "increment" for m in data.marks):
            parts.append(f"{GLYPHS['increment']}more sent")
        key = " ".join(parts)
        if any(m.contested and not m.faint for m in data.marks):
            key += f" {GLYPHS['contested']}contested"
        key += "  ? explains"
        if data.aggregated:
            key = "markers: monthly medians of each claimant's figures"
        if self.milestones_drawn:
            key += "  " + self.milestone_words()
        entries = data.legend
        if data.claimants_left_out:
            key = f"and {data.claimants_left_out} more (the table)  " + key
        if any(m.low_grade and not m.faint for m in data.marks):
            key = f"{LOW_GRADES} ({FAINT})  " + key
        if data.selected is not None:
            entries = tuple(e for e in entries if e.label == _selected_label(data))
            key = f"others faint ({FAINT})  " + key
        return legend(entries, key)

    def folded_legend(self, data: TroopsChartData, width: int) -> Text:
        """One line: the claimants that fit, how many more, the milestones
        by number, and `?` for the whole legend."""
        entries = data.legend
        if data.selected is not None:
            entries = tuple(e for e in entries if e.label == _selected_label(data))
        tail = self.milestone_numbers() + "  ? legend"
        fitted: list[LegendEntry] = []
        used = 0
        for k, entry in enumerate(entries):
            rest = len(entries) - k - 1 + data.claimants_left_out
            more = f"+{rest} more" if rest else ""
            need = len(entry.glyph) + len(clean(entry.label)) + 2
            if used + need + len(more) + len(tail) > width:
                break
            fitted.append(entry)
            used += need
        left = len(entries) - len(fitted) + data.claimants_left_out
        key = (f"+{left} more" if left else "").strip() + tail
        return legend(tuple(fitted), key.strip())


#: The colour of marks drawn faint (another claimant selected, a low grade).
FAINT = "gray"
#: What the legend says of marks drawn faint for their grades (`grades.py`).
LOW_GRADES = "faint: graded D\u2013E or 4\u20135"


def _selected_label(data: TroopsChartData) -> str:
    return next((m.claimant for m in data.marks if m.claimant_id == data.selected), "")


def draw_milestones(plt: Any, placed: list[tuple[float, Any]], lo: float, hi: float,
                    top: float) -> list[Any]:  # fmt: skip
    """Vertical lines at milestones, numbered at the top in date order (the
    legend names them: labels written in the plot would cover the data).
    Returns the milestones drawn."""
    inside = [(x, m) for x, m in placed if lo <= x <= hi]
    for number, (x, _) in enumerate(inside, 1):
        plt.vline(x, color="gray")
        plt.text(str(number), x, top, alignment="center", color="gray")
    return [m for _, m in inside]


def milestone_key(drawn: list[Any], left_out: int = 0) -> str:
    """The legend's words for the numbered milestone lines (and how many
    more the chart leaves out)."""
    key = "  ".join(f"{GLYPHS['milestone']}{i} {m.label} {m.date}" for i, m in enumerate(drawn, 1))
    if left_out:
        key += f"  +{left_out} more milestone{'' if left_out == 1 else 's'} (Diplomacy lists them)"
    return key


class CasualtiesChart(Chart):
    """Killed, wounded, killed or wounded, captured: one bar per claim, side
    by side per claimant and date, so disagreement shows at a glance."""

    empty_title = "no casualty numbers match"
    def _window(self, data: CasualtiesChartData, width: int) -> tuple[BarGroup, ...]:
        return data.window(width // 18)[0]

    def draw(self, plt: Any, data: CasualtiesChartData, width: int, height: int) -> bool:
        groups = self._window(data, width)
        series = {s.quantity: s for s in data.series}
        order = [s.quantity for s in data.series]
        bars = sum(len(g.bars) for g in groups)
        top = max((b.high or b.value for g in groups for b in g.bars), default=1.0) * 1.12 or 1.0
        slot = 0.8
        for index, group in enumerate(groups, 1):
            present = sorted(group.bars, key=lambda b: order.index(b.quantity))
            share = slot / max(len(present), 1)
            for k, bar in enumerate(present):
                s = series[bar.quantity]
                x = index - slot / 2 + share * (k + 0.5)
                color = FAINT if bar.low_grade else s.color
                plt.bar([x], [bar.value], width=share * 0.9, marker=s.fill, color=color)
                if bar.bound == "lower":
                    plt.plot([x, x], [bar.value, top], marker=GLYPHS["ray"], color=color)
                mark = GLYPHS["contested"] if bar.contested else ""
                if bars <= 10:
                    plt.text(mark + bar.label, x, bar.value, alignment="center")
                elif mark:
                    plt.text(mark, x, bar.value, alignment="center", color="red")
        drawn, self.milestones_left_out = milestones_among(groups, data.milestones)
        self.milestones_drawn = draw_milestones(
            plt, milestone_positions(groups, drawn), 0.4,
            max(len(groups), 3) + 0.6, top)  # fmt: skip
        plt.xticks(list(range(1, len(groups) + 1)), [g.label for g in groups])
        plt.yticks(*value_ticks(top, max(height // 3, 2)))
        plt.xlim(0.4, max(len(groups), 3) + 0.6)
        plt.ylim(0, top)
        return True

    def header(self, data: CasualtiesChartData) -> Text:
        return header(data.title, data.window((self.query_one(Plot).size.width or 80) // 18)[1])

    def legend(self, data: CasualtiesChartData) -> Text:
        entries = tuple(LegendEntry(s.fill * 2, s.color, " " + s.label) for s in data.series)
        key = f"{GLYPHS['ray']}open bound {GLYPHS['derived']}derived"
        plots = self.query(Plot)
        shown = self._window(data, (plots.first().size.width if plots else 0) or 80)
        if any(b.contested for g in shown for b in g.bars):
            key += f" {GLYPHS['contested']}contested"
        if any(b.low_grade for g in shown for b in g.bars):
            key += f"  {LOW_GRADES} ({FAINT})"
        if self.milestones_drawn:
            key += "  " + self.milestone_words()
        return legend(entries, key)


class EquipmentChart(Chart):
    """One unit at a time (shells and containers never share an axis): each
    claimant's latest figure per system, as horizontal bars, largest on top."""

    empty_title = "no counts of equipment match (shares, money and words: see the table)"

    def __init__(self) -> None:
        super().__init__()
        self.page = 0

    def show(self, data: Any) -> None:
        count = len(data.charts) if data is not None and not data.empty else 1
        self.page = min(self.page, count - 1)
        super().show(data)

    def next_unit(self) -> None:
        if self.data is None or self.data.empty:
            return
        self.page = (self.page + 1) % len(self.data.charts)
        self.show(self.data)

    def plot(self) -> Plot:
        return RowsPlot(self)

    def _bars(self, chart: BarChart, height: int) -> tuple[HBar, ...]:
        """The bars that fit: one row each, over the axis and its labels."""
        return chart.bars[: max(height - 2, 1)]

    def draw(self, plt: Any, data: EquipmentChartData, width: int, height: int) -> bool:
        return True  # drawn as text rows (`rows`), not by plotext

    def rows(self, data: EquipmentChartData, width: int, height: int) -> Text:
        """The chart as text, one row per bar: the bar's own label, then the
        bar, both read from one `HBar`, so a label never stands beside
        another's bar (plotext placed bar and tick by separate roundings, and
        at 80x24 drew each bar a row below its label)."""
        chart = data.charts[min(self.page, len(data.charts) - 1)]
        bars = self._bars(chart, height)
        room = max(min(width // 3, max((len(clean(b.label)) for b in bars), default=1)), 12)
        room = min(room, max(width - 8, 1))
        cells = max(width - room - 2, 1)
        top = max((b.value for b in bars), default=1.0) * 1.05 or 1.0
        text = Text(no_wrap=True, overflow="crop")
        for bar in bars:
            text.append(_fit(bar.label, room).ljust(room))
            text.append("\u2524")
            length = bar_cells(bar.value, top, cells)
            style = FAINT if bar.color is None else _RICH_COLORS.get(bar.color, bar.color)
            text.append(GLYPHS_BAR * length, style=style)
            text.append("\n")
        ticks, labels = value_ticks(top, max(width // 24, 2))
        axis = ["\u2500"] * cells
        under = [" "] * (cells + 1)
        end = -2
        for tick, label in zip(ticks, labels):
            at = min(int(round(tick / top * cells)), cells - 1)
            axis[at] = "\u252c"
            start = max(at - len(label) // 2, 0)
            if start > end and start + len(label) <= cells + 1:
                under[start : start + len(label)] = label
                end = start + len(label)
        text.append(" " * room + "\u2514" + "".join(axis) + "\n")
        text.append(" " * (room + 1) + "".join(under).rstrip())
        return text

    def header(self, data: EquipmentChartData) -> Text:
        chart = data.charts[self.page]
        shown = self._bars(chart, self.query_one(Plot).size.height or 10)
        summary = chart.summary
        if len(shown) < len(chart.bars):
            summary += f"; the {len(shown)} largest of {len(chart.bars)} drawn (z: more)"
        return header(f"{chart.title} ({self.page + 1} of {len(data.charts)}, u: next)", summary)

    def legend(self, data: EquipmentChartData) -> Text:
        units = ", ".join(dict.fromkeys(c.unit for c in data.charts))
        return legend((), f"charts by unit: {units}  {GLYPHS['derived']}derived")


class EventsChart(Chart):
    """Diplomatic events and statements per month."""

    empty_title = "no dated events match"

    def draw(self, plt: Any, data: EventsChartData, width: int, height: int) -> bool:
        positions = list(range(1, len(data.months) + 1))
        plt.bar(positions, list(data.counts), color="cyan", width=0.4)
        step = max(-(-len(positions) // max(width // 7, 1)), 1)
        plt.xticks(positions[::step], list(data.months)[::step])
        plt.yticks(*value_ticks(float(max(data.counts)), max(height // 3, 2)))
        plt.xlim(0.4, max(len(positions), 6) + 0.6)
        return True

    def header(self, data: EventsChartData) -> Text:
        return header("Events and statements per month", data.summary)


def _fit(label: str, room: int) -> str:
    """A bar label cut at its end (the number comes first, so it is never
    cut), once made inert: a control character shown as `<U+0097>` takes
    eight columns, and a label longer than its room once broke plotext."""
    label = clean(label)
    return label if len(label) <= room else label[: room - 1] + "\u2026"


__all__ = ["CasualtiesChart", "Chart", "EquipmentChart", "EventsChart", "TroopsChart"]
