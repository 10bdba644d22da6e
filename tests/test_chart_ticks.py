"""Axis ticks (`claims.charts.ticks`): pure functions, no widget needed."""

from __future__ import annotations

import math

from tui.claims.charts.ticks import month_ticks, value_ticks


def test_month_ticks_fall_on_month_starts_within_the_span() -> None:
    ticks, labels = month_ticks(2025.0, 2025.5, 12)
    assert ticks[0] == 2025.0 and labels[0] == "Jan25"
    assert all(2025.0 <= t <= 2025.5 + 1e-9 for t in ticks)
    assert all(round(t * 12) == t * 12 for t in ticks)


def test_month_ticks_step_up_to_years_over_long_spans() -> None:
    ticks, labels = month_ticks(2000.0, 2020.0, 5)
    assert len(ticks) <= 6 and all(label.isdigit() for label in labels)


def test_month_ticks_of_no_span_are_none() -> None:
    assert month_ticks(math.nan, 2025.0, 4) == ([], [])
    assert month_ticks(2025.0, 2024.0, 4) == ([], [])


def test_value_ticks_are_round_with_thousands_separators() -> None:
    ticks, labels = value_ticks(12_000, 4)
    assert ticks == [0, 5000, 10000] and labels == ["0", "5,000", "10,000"]
    assert value_ticks(0) == ([0.0], ["0"])
    assert value_ticks(-3) == ([0.0], ["0"])
    assert value_ticks(0.5, 5)[1][1] == "0.1"
