"""The model layer on its own: the filter, where claims sit in time, how
numbers read, what each chart draws, and how table columns share the width."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest
from conftest import SNAPSHOT, VALID

from tui.claims import charts, domain, load_dataset
from tui.claims.filters import Filter
from tui.claims.formatting import citation, claim_number, is_derived, row_number
from tui.claims.safetext import clean


@pytest.fixture(scope="module")
def valid():
    return load_dataset(VALID, cache=False)


@pytest.fixture(scope="module")
def record():
    return load_dataset(SNAPSHOT, cache=False)


def ids(frame: pd.DataFrame) -> list[str]:
    return list(frame["id"])


# -- the filter ---------------------------------------------------------------------


def test_an_empty_filter_keeps_everything(valid) -> None:
    assert Filter().is_empty and ids(Filter().apply(valid.claims)) == ids(valid.claims)


@pytest.mark.parametrize(("chosen", "kept"), [
    (Filter(claimants=frozenset({"ua-gur"})), ["t-2", "d-1"]),
    (Filter(categories=frozenset({"casualties", "diplomacy"})), ["c-1", "d-1"]),
    (Filter(quantities=frozenset({"troops_in_russia"})), ["t-1", "t-2"]),
    (Filter(text="KILLED"), ["c-1"]),
    (Filter(text="hur"), ["t-2", "d-1"]),  # the claimant's name is searched too
    # "2025" (a year) overlaps March; "Nov 2024" does not reach 2025.
    (Filter(said_from=dt.date(2025, 3, 1)), ["t-1", "c-1"]),
    # The end date keeps a month that starts before it: Nov 2024 to 1 Nov.
    (Filter(said_to=dt.date(2024, 11, 1)), ["t-2"]),
    (Filter(said_from=dt.date(2024, 11, 30), said_to=dt.date(2024, 12, 31)), ["t-2"]),
    (Filter(claimants=frozenset({"kr-jcs"}), categories=frozenset({"troops"})), ["t-1"]),
])  # fmt: skip
def test_the_filter_keeps_what_each_field_says(valid, chosen: Filter, kept: list[str]) -> None:
    assert sorted(ids(chosen.apply(valid.claims))) == sorted(kept)


def test_filter_values_toggle_only_and_describe() -> None:
    f = Filter().toggled("claimants", "kr-jcs").toggled("claimants", "ua-gur")
    assert f.claimants == {"kr-jcs", "ua-gur"}
    assert f.toggled("claimants", "ua-gur").claimants == {"kr-jcs"}
    assert f.only("claimants", "ua-gur").claimants == {"ua-gur"}
    described = Filter(claimants=frozenset({"kr-jcs"}), said_from=dt.date(2025, 1, 1),
                       text="x").describe({"kr-jcs": "JCS"})  # fmt: skip
    assert described == 'claimant: JCS \u00b7 said: 1 Jan 2025\u2013 \u00b7 text: "x"'


# -- time -------------------------------------------------------------------------------


def test_a_month_sorts_by_the_middle_of_its_span(record) -> None:
    claims = record.claims.set_index("id")
    month = claims.loc["c-2024-10-18-unn-budanov-11000-p2-in-russia"]  # "Oct 2024"
    day_8 = claims.loc["c-2024-10-18-kbs-nis-troop-dispatch-began-p1-sent"]  # 18 Oct
    assert month["stated_on_precision"] == "month"
    assert month["said_at"] < day_8["said_at"]  # 16 Oct < 18 Oct
    assert month["said_at"] > 2024 + (7 + 31 + 29 + 31 + 30 + 31 + 30 + 31 + 31 + 30) / 366


def test_troop_levels_sit_where_the_table_sorts_them(record) -> None:
    chart = charts.troops_chart(record.claims, record.claimants.index)
    about = record.claims.set_index("id")["about_at"]
    for mark in chart.marks:
        if mark.kind == "level":
            assert mark.x0 == pytest.approx(about[mark.claim_id])


# -- how numbers read --------------------------------------------------------------------


@pytest.mark.parametrize(("args", "kwargs", "shown"), [
    (("about", 4000, None, None), {}, "about 4,000"),
    (("nearly", 1000, None, None), {}, "nearly 1,000"),
    (("at least", 3000, 3000, None), {"compact": True}, "\u22653,000"),
    (("range", None, 10000, 12000), {}, "10,000\u201312,000"),
    (("range", 11000, 10000, 12000), {}, "10,000\u201312,000 (best 11,000)"),
    (("exact", 6700, None, None), {"unit": "containers"}, "6,700 containers"),
    (("about", 50, None, None), {"unit": "percent"}, "about 50%"),
    (("about", 4000, None, None), {"unit": "soldiers"}, "about 4,000"),
    (("about", 2667, None, None), {"derived": True}, "about 2,667 (derived)"),
    (("about", 2667, None, None), {"derived": True, "compact": True}, "~2,667\u2020"),
    (("thousands", None, None, None), {}, "thousands"),
])  # fmt: skip
def test_claim_numbers_keep_qualifier_unit_and_derivation(args, kwargs, shown: str) -> None:
    assert claim_number(*args, **kwargs) == shown


def test_derived_means_the_number_was_inferred() -> None:
    assert is_derived("value") and is_derived("value, stated_on")
    assert not is_derived("stated_on") and not is_derived(None)


def test_the_citation_names_the_address_and_says_what_was_derived(record) -> None:
    row = record.claims.set_index("id", drop=False).loc[
        "c-2025-02-27-kyivindependent-nis-additional-p8-zelensky-killed"
    ]
    text = citation(row)
    assert "about 2,667 (North Korean soldiers killed), derived from \u201ctwo-thirds" in text
    assert "https://kyivindependent.com/" in text and "paragraph 8" in text
    assert row_number(row) == "about 2,667 (derived)"


def test_clean_leaves_no_control_sequence_and_one_line() -> None:
    text = clean("a\x1b]52;c;aGk=\x07b\r\nc\u2028d\x00e\x9b2J\u202e")
    assert "\x1b" not in text and "\r" not in text and "\x07" not in text and "\x00" not in text
    assert "\u2028" not in text and "\x9b" not in text and "\u202e" not in text
    assert text.startswith("a\u241b]52;c;aGk=\u2407b c d\u2400e")


# -- what the charts draw ------------------------------------------------------------------


def test_a_claimant_keeps_its_marker_and_colour_under_any_filter(record) -> None:
    everyone = charts.troops_chart(record.claims, record.claimants.index)
    nis_only = charts.troops_chart(Filter(claimants=frozenset({"kr-nis"})).apply(record.claims),
                                  record.claimants.index)  # fmt: skip
    style = {
        (m.claimant_id, m.marker, m.color) for m in everyone.marks if m.claimant_id == "kr-nis"
    }
    assert style == {(m.claimant_id, m.marker, m.color) for m in nis_only.marks}
    pairs = {(e.glyph, e.color) for e in everyone.legend}
    assert len(pairs) == len(everyone.legend)  # no two claimants share both
    assert {e.label for e in everyone.legend} == {m.claimant for m in everyone.marks}
    # The legend shows the claimant's marker, never a qualifier's glyph.
    assert {e.glyph for e in everyone.legend} <= set(domain.MARKERS)


def test_styles_stay_unique_beyond_the_pairs_there_are() -> None:
    many = [f"c{i}" for i in range(150)]
    styles = charts.claimant_styles(many, many[100:140])
    assert len(set(styles.values())) == 40


def test_troops_chart_tells_waves_from_totals_and_keeps_year_periods_off_the_axis(record) -> None:
    chart = charts.troops_chart(record.claims, record.claimants.index)
    kinds = {m.claim_id: m for m in chart.marks}
    wave = kinds["s000-p03-troops-sent-jan-feb"]
    assert wave.kind == "increment" and wave.label == "+\u22653,000" and wave.bound == "lower"
    total = kinds["c-2025-04-30-kbs-nis-600-dead-p3-sent-15000"]
    assert total.kind == "total" and total.value == 15000
    in_2024 = kinds["c-2025-05-cnn-msmt-14000-troops-100-missiles-p1-troops2024"]
    assert in_2024.clipped and in_2024.x0 == chart.x_range[0] + (in_2024.x0 - chart.x_range[0])
    assert chart.x_range[0] > 2024.5  # not stretched back to January 2024
    assert "plans" in chart.summary  # what the chart leaves to the table, it says


def test_many_troop_claims_are_medians_and_say_so() -> None:
    rows = []
    for i in range(200):
        rows.append({"id": f"t{i}", "category": "troops", "quantity": "troops_in_russia",
                     "measure": "stock", "unit": "soldiers", "chart": "troops", "scope": "cumulative", "value": 1000.0 + i, "low": None,
                     "high": None, "qualifier": "about", "claimant": f"c{i % 10}",
                     "claimant_short": f"C{i % 10}", "inferred": None, "best": 1000.0 + i,
                     "as_of": pd.Timestamp(2025, 1 + i % 12, 1), "as_of_precision": "month",
                     "stated_on": pd.Timestamp(2025, 1 + i % 12, 1),
                     "stated_on_precision": "month", "period_start": pd.NaT,
                     "period_start_precision": None, "period_end": pd.NaT,
                     "period_end_precision": None})  # fmt: skip
    frame = pd.DataFrame(rows)
    for column in ("as_of_precision", "stated_on_precision", "period_start_precision",
                   "period_end_precision"):  # fmt: skip
        frame[column] = pd.Categorical(frame[column], categories=["year", "month", "day"])
    chart = charts.troops_chart(frame, [f"c{i}" for i in range(10)])
    assert chart.aggregated and "medians" in chart.title and "median" in chart.summary
    assert {m.qualifier for m in chart.marks} == {"median"}
    assert all(m.label.startswith("median") for m in chart.marks)


def test_casualties_draw_every_claim_in_date_order_with_fixed_fills(record) -> None:
    chart = charts.casualties_chart(record.claims)
    numbered = charts.numbered(record.claims[record.claims["category"] == "casualties"])
    drawn = [b.claim_id for g in chart.groups for b in g.bars]
    assert sorted(drawn) == sorted(numbered["id"])
    assert [g.at for g in chart.groups] == sorted(g.at for g in chart.groups)
    assert chart.summary == f"every claim with a number: {len(numbered)} claims"
    fills = {s.quantity: s.fill for s in chart.series}
    assert fills["killed"] == "\u2588" and fills["wounded"] == "\u2592"
    # Each group is labelled with the date that orders it.
    lawmaker = next(g for g in chart.groups if g.claimant == "kr-lawmaker-unnamed-ukraine-visit")
    assert lawmaker.label.endswith("2025")
    shown, said = chart.window(3)
    assert len(shown) == 3 and said.startswith("the latest 3 of")


def test_equipment_charts_one_per_unit_with_periods_apart(record) -> None:
    data = charts.equipment_charts(record.claims, record.claimants.index)
    units = [c.unit for c in data.charts]
    assert "shells" in units and "containers" in units and "percent" not in units
    shells = [c for c in data.charts if c.unit == "shells"]
    assert len(shells) == 2 and "within one period" in shells[1].title
    # HUR's zero for one month is a per-period figure, never its running total.
    running = shells[0]
    assert all(b.value > 0 for b in running.bars)
    assert any(b.value == 0 for b in shells[1].bars)
    assert [b.value for b in running.bars] == sorted((b.value for b in running.bars), reverse=True)


def test_events_count_by_month_and_say_what_they_leave_out(record) -> None:
    data = charts.events_chart(record.claims)
    assert sum(data.counts) + int(data.summary.split("; ")[1].split()[0]) == int(
        (record.claims["category"] == "diplomacy").sum()
    )


# -- ticks that never fail -----------------------------------------------------------


def test_ticks_cope_with_decades_and_infinity() -> None:
    from tui.claims.charts.ticks import month_ticks, value_ticks

    ticks, labels = month_ticks(2004.4, 2026.0, 8)
    assert 0 < len(ticks) <= 12 and labels[0].isdigit()
    assert value_ticks(math.inf) == ([0.0], ["0"])
    assert value_ticks(12_500_000, 4)[1][-1] == "10,000,000"


# -- columns share the width -----------------------------------------------------------


def test_columns_share_the_width_and_never_cut_a_number() -> None:
    from tui.widgets.columns import NUMBERED
    from tui.widgets.frame_table import Measure, layout

    # said, claimant, what, number, grade, about, summary
    measures = [Measure(11, 7), Measure(14, 14), Measure(16, 16), Measure(26, 12),
                Measure(3, 3), Measure(17, 11), Measure(200, 200)]  # fmt: skip
    wide = layout(NUMBERED, measures, 200)
    assert [w for w, _ in wide[:6]] == [11, 14, 16, 26, 5, 17] and not any(c for _, c in wide)
    narrow = layout(NUMBERED, measures, 80)
    for (width, compact), measure, column in zip(narrow, measures, NUMBERED):
        if column.atomic and width:
            assert width >= (measure.compact if compact else measure.full)
    assert sum(w + 1 for w, _ in narrow if w) <= 81


def test_a_bar_label_of_control_characters_fits_and_draws() -> None:
    """A label that grew past its room once made inert (a control character
    reads `<U+0097>`) broke plotext at 200x50; the property test found it.
    Drawn as text rows now, it still fits its width."""
    from tui.widgets import charts

    bar = charts.HBar(claim_id="k", label="\u25a1 0\u2013333,961,857,862,130.25\u2020 \u00e3*"
                     "\U000738f3\xa0R\x97 \u00b7 A!\u00df\U000d56cc\U000640cc]\x8a\u00edG"
                     "\U0003999d\x87S\u00cd\u00b2\u00ea\U0005126f\u00aa\u00d8\U0002170c\x1a",
                     value=44242993097041.945, qualifier="range", derived=True, color="red")  # fmt: skip
    data = charts.EquipmentChartData(charts=(charts.BarChart(
        title="t", unit="soldiers", bars=(bar,), summary="s"),))  # fmt: skip
    chart = charts.EquipmentChart()
    for width, height in ((78, 14), (200, 50)):
        rows = chart.rows(data, width, height).plain.splitlines()
        assert all(len(row) <= width for row in rows)
        assert rows[0].count("\u2524") == 1
