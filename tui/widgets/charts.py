"""Charts drawn in the terminal with plotext (through textual-plotext).

Each chart takes what a function of `claims.views` returns and draws it;
no chart computes its own data. Claimants get distinct markers as well as
colours, so the charts read in 16 colours and with NO_COLOR too.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import plotext._utility as _plotext_utility
from textual_plotext import PlotextPlot

# plotext removes duplicate points through a set, so the order points are drawn
# in (and which wins where two overlap) changes with Python's hash seed, from
# one run to the next. Keep first occurrences, in order: the same data draws the
# same chart every time.
_plotext_utility.no_duplicates = lambda data: list(dict.fromkeys(data))

if TYPE_CHECKING:
    pass

MARKERS = ("\u25cf", "\u25a0", "\u25c6", "\u271a", "\u2716", "\u25cb", "\u25a1", "\u25c7", "\u2605")
FILLS = ("\u2588", "\u2592", "\u2591", "\u259a")
COLORS = ("cyan", "orange", "green", "magenta", "yellow", "blue", "red", "white", "gray")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def month_ticks(lo: float, hi: float, most: int) -> tuple[list[float], list[str]]:
    """Tick positions (fractional years) on month starts, at most `most` of them."""
    first = math.floor(lo * 12) / 12
    months = max(int(math.ceil((hi - first) * 12)) + 1, 1)
    step = next(s for s in (1, 2, 3, 6, 12, 24) if months / s <= max(most, 1))
    ticks, labels = [], []
    index = int(round(first * 12))
    while index / 12 <= hi + 1e-9:
        if index % step == 0:
            ticks.append(index / 12)
            labels.append(f"{_MONTHS[index % 12]}{(index // 12) % 100:02d}")
        index += 1
    return ticks, labels


def value_ticks(top: float, most: int = 5) -> tuple[list[float], list[str]]:
    """Round ticks from 0 to `top` (1, 2 or 5 times a power of ten apart)."""
    if top <= 0:
        return [0.0], ["0"]
    raw = top / max(most, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    ticks = [i * step for i in range(int(top // step) + 1)]
    return ticks, [f"{t:,.0f}" if step >= 1 else f"{t:g}" for t in ticks]


class Chart(PlotextPlot):
    """A plot that is redrawn from data, and says so when it has none."""

    DEFAULT_CSS = """
    Chart { height: 1fr; min-height: 6; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id, classes=classes)
        self._data: object = None

    def show(self, data: object) -> None:
        self._data = data
        self.replot()

    def on_resize(self) -> None:
        self.replot()

    def replot(self) -> None:
        plt = self.plt
        plt.clear_figure()
        if not self.draw(self._data):
            plt.title(self.empty_title)
        self.refresh()

    empty_title = "no numbers to chart"

    def draw(self, data: object) -> bool:  # pragma: no cover - overridden
        raise NotImplementedError


class TroopsChart(Chart):
    """Estimates of North Korean troops over time, one series per claimant.

    A level is a point; a range is a vertical bar from low to high; an open
    bound ("at least", "more than") is a dotted ray upwards from the bound and
    "up to" a ray downwards, so a bound never reads as a point. Troops sent
    over a period are a horizontal bar across that period.
    """

    empty_title = "no troop numbers match"

    def draw(self, data: object) -> bool:
        import pandas as pd

        frame = data if isinstance(data, pd.DataFrame) else pd.DataFrame()
        if frame.empty:
            return False
        plt = self.plt
        numbers = pd.concat([frame["value"], frame["low"], frame["high"]]).dropna()
        top = float(numbers.max()) * 1.15 if len(numbers) else 1.0
        lo, hi = float(frame["x0"].min()), float(frame["x1"].max())
        pad = max((hi - lo) * 0.05, 1 / 24)
        # The legend sits inside the plot: it names only the claimants with the
        # most estimates, as many as the height allows (the table names them all).
        room = max(self.size.height // 4, 2)
        named = set(frame["claimant"].value_counts().index[:room])
        for index, (claimant, rows) in enumerate(frame.groupby("claimant", sort=True)):
            marker, color = MARKERS[index % len(MARKERS)], COLORS[index % len(COLORS)]
            # The legend entry goes on the claimant's first level, else its first bar.
            levels = rows.index[rows["kind"] != "sent"]
            labelled = levels[0] if len(levels) else rows.index[0]
            for key, row in zip(rows.index, rows.itertuples()):
                label = str(claimant) if key == labelled and claimant in named else None
                point = row.value if not math.isnan(row.value) else None
                if row.kind == "sent":
                    y = (
                        point
                        if point is not None
                        else (row.low if not math.isnan(row.low) else row.high)
                    )
                    plt.plot([row.x0, max(row.x1, row.x0 + 1 / 48)], [y, y], marker="=", color=color,
                             label=label)  # fmt: skip
                    continue
                if not math.isnan(row.low) and not math.isnan(row.high):
                    plt.plot([row.x0, row.x0], [row.low, row.high], marker="|", color=color)
                if row.qualifier in ("at least", "more than"):
                    base = point if point is not None else row.low
                    plt.plot([row.x0, row.x0], [base, top], marker="\u00b7", color=color)
                    plt.scatter([row.x0], [base], marker="\u25b2", color=color, label=label)
                    continue
                if row.qualifier in ("up to", "fewer than"):
                    base = point if point is not None else row.high
                    plt.plot([row.x0, row.x0], [0, base], marker="\u00b7", color=color)
                    plt.scatter([row.x0], [base], marker="\u25bc", color=color, label=label)
                    continue
                if point is not None:
                    plt.scatter([row.x0], [point], marker=marker, color=color, label=label)
        ticks, labels = month_ticks(lo - pad, hi + pad, max(self.size.width // 9, 2))
        plt.xticks(ticks, labels)
        plt.yticks(*value_ticks(top, max(self.size.height // 3, 2)))
        plt.xlim(lo - pad, hi + pad)
        plt.ylim(0, top)
        if len(frame) <= 12:  # few enough to say each number, qualifier included
            for row in frame.itertuples():
                y = next((v for v in (row.value, row.low, row.high) if not math.isnan(v)), None)
                if y is not None:
                    words = _short_number(row.qualifier, y) + (
                        " sent" if row.kind == "sent" else ""
                    )
                    plt.text(" " + words, row.x0 + pad / 3, y, alignment="left")
        title = "NK troops: levels (points, ▲ at least) and sent (═ over the period)"
        if frame.attrs.get("aggregated"):
            title = (
                f"NK troops: monthly medians of {frame.attrs['claims']:,} estimates, top claimants"
            )
        plt.title(title)
        return True


class CasualtiesChart(Chart):
    """Killed, wounded, killed-or-wounded, captured: bars side by side per
    claimant and date, so disagreement shows at a glance."""

    empty_title = "no casualty numbers match"
    LABELS = {"killed": "killed", "wounded": "wounded", "killed_or_wounded": "killed or wounded",
              "captured": "captured"}  # fmt: skip

    def draw(self, data: object) -> bool:
        groups, series = data if isinstance(data, tuple) else ([], {})
        if not groups:
            return False
        plt = self.plt
        names = [self.LABELS.get(q, q.replace("_", " ")) for q in series]
        colors = [COLORS[i % len(COLORS)] for i in range(len(series))]
        fills = [
            FILLS[i % len(FILLS)] for i in range(len(series))
        ]  # tell series apart without colour
        positions = list(range(1, len(groups) + 1))
        plt.multiple_bar(positions, list(series.values()), labels=names, color=colors, marker=fills)
        plt.xticks(*_every(positions, groups, max(self.size.width // 18, 1)))
        top = max((max(v) for v in series.values() if v), default=0.0)
        plt.yticks(*value_ticks(top * 1.05, max(self.size.height // 3, 2)))
        plt.title("NK casualties by claimant and date (bars: the number claimed)")
        return True


class EquipmentChart(Chart):
    """Numbered equipment claims as horizontal bars, one per claim."""

    empty_title = "no equipment numbers match (see the table for words)"

    def draw(self, data: object) -> bool:
        import pandas as pd

        frame = data if isinstance(data, pd.DataFrame) else pd.DataFrame()
        if frame.empty:
            return False
        plt = self.plt
        labels = [
            f"{str(label)[:22]} ({claimant}, {_short_number(q, n)})"
            for label, claimant, q, n in zip(frame["quantity_short"], frame["claimant_short"],
                                             frame["qualifier"], frame["number"])
        ]  # fmt: skip
        values = frame["number"].to_numpy(dtype=float)
        positions = list(range(1, len(labels) + 1))
        plt.bar(positions, values, orientation="horizontal", color=COLORS[0], width=0.4)
        plt.yticks(*_every(positions, labels, max(self.size.height - 5, 1)))
        plt.title("Equipment with a number, each claimant's latest (words-only claims: table)")
        return True


class EventsChart(Chart):
    """Diplomatic events and statements per month."""

    empty_title = "no dated events match"

    def draw(self, data: object) -> bool:
        import pandas as pd

        counts = data if isinstance(data, pd.Series) else pd.Series(dtype=int)
        if counts.empty:
            return False
        plt = self.plt
        labels = [f"{_MONTHS[p.month - 1]}{p.year % 100:02d}" for p in counts.index]
        positions = list(range(1, len(labels) + 1))
        plt.bar(positions, counts.to_numpy(dtype=float), color=COLORS[0], width=0.4)
        plt.xticks(*_every(positions, labels, max(self.size.width // 7, 1)))
        plt.yticks(*value_ticks(float(counts.max()), max(self.size.height // 3, 2)))
        plt.title("Events and statements per month")
        return True


__all__ = ["CasualtiesChart", "Chart", "EquipmentChart", "EventsChart", "TroopsChart"]


def _short_number(qualifier: object, value: float) -> str:
    signs = {"at least": "\u2265", "more than": ">", "up to": "\u2264", "fewer than": "<",
             "about": "~", "range": ""}  # fmt: skip
    return f"{signs.get(str(qualifier), '')}{value:,.0f}"


def _every(positions: list[int], labels: list[str], room: int) -> tuple[list[int], list[str]]:
    """Ticks at numeric positions (not string categories, which plotext orders
    by hash, differently in every process), thinned to the room there is."""
    step = max(-(-len(positions) // max(room, 1)), 1)
    return positions[::step], labels[::step]
