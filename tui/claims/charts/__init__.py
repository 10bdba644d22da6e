"""What each chart draws, decided here as typed values that tests can check.

Plain pandas in, frozen dataclasses out: for every mark, the claim it comes
from, where it is drawn, its value and qualifier, and the claimant's marker
and colour. The chart widgets only draw what these return, and each chart's
`summary` says what it shows of the claims it was given, so a chart never
says more or less than the data.

One module per chart, named for it, and what they share:

- `time`: the troops chart and every claim of one quantity over time
  (`TimeMark`, `TroopsChartData`, `time_kind`);
- `casualties`: bars by claimant and date (`Bar`, `BarGroup`, `Series`);
- `equipment`: horizontal bars per unit (`HBar`, `BarChart`);
- `events`: diplomacy claims per month;
- `styles`: claimants' markers and colours, legend entries;
- `milestones`: the dated events a chart draws as vertical lines;
- `ticks`: axis ticks (month starts, round values);
- `reading`: what the charts read from the claims table.

The names below are this package's API, for a reader who wants them in one place.
"""

from __future__ import annotations

from .casualties import (
    CASUALTY_GROUPS_KEPT,
    Bar,
    BarGroup,
    CasualtiesChartData,
    Series,
    casualties_chart,
    casualty_series,
)
from .equipment import BarChart, EquipmentChartData, HBar, equipment_charts
from .events import EventsChartData, events_chart
from .milestones import MILESTONES_DRAWN, drawn_milestones, milestone_positions, milestones_among
from .reading import numbered
from .styles import CLAIMANTS_DRAWN, LegendEntry, Style, claimant_styles, most_claims
from .ticks import month_ticks, value_ticks
from .time import (
    CHART_CLAIMANTS,
    CHART_POINTS,
    LABELLED_MARKS,
    TimeMark,
    TroopsChartData,
    quantity_chart,
    time_chart,
    time_kind,
    troop_kind,
    troops_chart,
)

__all__ = [
    "CASUALTY_GROUPS_KEPT", "CHART_CLAIMANTS", "CHART_POINTS", "CLAIMANTS_DRAWN",
    "LABELLED_MARKS", "MILESTONES_DRAWN", "Bar", "BarChart", "BarGroup", "CasualtiesChartData",
    "EquipmentChartData", "EventsChartData", "HBar", "LegendEntry", "Series", "Style",
    "TimeMark", "TroopsChartData", "casualties_chart", "casualty_series", "claimant_styles",
    "drawn_milestones", "equipment_charts", "events_chart", "milestone_positions",
    "milestones_among", "month_ticks", "most_claims", "numbered", "quantity_chart",
    "time_chart", "time_kind", "troop_kind", "troops_chart", "value_ticks",
]  # fmt: skip
