"""Axis ticks for the charts: month starts on a time axis, round values on
a count axis. Pure functions of the axis' extent and the room there is."""

from __future__ import annotations

import math

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def month_ticks(lo: float, hi: float, most: int) -> tuple[list[float], list[str]]:
    """Tick positions (fractional years) on month starts, at most `most` of them;
    over long spans, on year starts."""
    if not (math.isfinite(lo) and math.isfinite(hi)) or hi < lo:
        return [], []
    first = math.floor(lo * 12) / 12
    months = max(int(math.ceil((hi - first) * 12)) + 1, 1)
    most = max(most, 1)
    steps = (1, 2, 3, 6, 12, 24, 60, 120, 240, 600)
    step = next((s for s in steps if months / s <= most), 12 * math.ceil(months / most / 12))
    ticks, labels = [], []
    index = -(-int(round(first * 12)) // step) * step  # the first multiple of step
    while index / 12 <= hi + 1e-9 and len(ticks) <= most:
        ticks.append(index / 12)
        year = index // 12
        labels.append(f"{year}" if step >= 12 else f"{_MONTHS[index % 12]}{year % 100:02d}")
        index += step
    return ticks, labels


def value_ticks(top: float, most: int = 5) -> tuple[list[float], list[str]]:
    """Round ticks from 0 to `top` (1, 2 or 5 times a power of ten apart), with
    thousands separators."""
    if not math.isfinite(top) or top <= 0:
        return [0.0], ["0"]
    raw = top / max(most, 1)
    if not raw > 0:  # a top so small its share underflows
        return [0.0, top], ["0", f"{top:.3g}"]
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    count = min(int(top // step), 50)
    ticks = [i * step for i in range(count + 1)]
    return ticks, [_tick_label(t, step) for t in ticks]


def _tick_label(value: float, step: float) -> str:
    if step < 1 or value >= 1e15:  # fractions, and numbers too long to read
        return f"{value:.3g}"
    return f"{value:,.0f}"
