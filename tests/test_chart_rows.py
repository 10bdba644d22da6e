"""The Equipment chart's bars stand beside their own labels, at every size.

plotext placed a horizontal bar and its tick label by separate roundings, and
at 80x24 drew each bar a row below its label (HUR's ~6,500,000 with the
NIS's 10,000,000 bar). The chart is now drawn as text rows, each from one
`HBar`: these tests read the cells drawn in a running app, page by page
(`u`), with the table and in chart only (`z`), and check each label's row
holds its own bar, the bars as long as their values are ordered.
"""

from __future__ import annotations

import pytest
from conftest import EMBEDDED, settle
from test_app import board, until

from tui.app import NokoApp
from tui.claims.charts import (
    CLAIMANTS_DRAWN,
    claimant_styles,
    equipment_charts,
    most_claims,
    troops_chart,
)
from tui.claims.load import load_dataset
from tui.widgets import charts

SIZES = [(60, 20), (80, 24), (120, 40), (200, 50)]


def drawn_rows(plot: charts.RowsPlot) -> list[str]:
    """The plot's cells as drawn, one string per row."""
    from textual.geometry import Region

    box = plot.outer_size
    return ["".join(seg.text for seg in strip) for strip in
            plot.render_lines(Region(0, 0, box.width, box.height))]  # fmt: skip


def check_page(chart: charts.EquipmentChart) -> int:
    """Every label of the page on screen beside its own bar; returns the bars read."""
    plot = chart.query_one(charts.RowsPlot)
    page = chart.data.charts[chart.page]
    rows = [r for r in drawn_rows(plot) if "\u2524" in r]
    shown = chart._bars(page, plot.size.height)
    assert len(rows) == len(shown) >= 1
    lengths = []
    for row, bar in zip(rows, shown):
        label, _, cells = row.partition("\u2524")
        # The label on this row is this bar's own (cut at its end if long) ...
        wanted = charts._fit(bar.label, len(label)).strip()
        assert label.strip() == wanted, (label, bar.label)
        # ... and the row holds its bar (none for a figure of 0), nothing else.
        length = len(cells) - len(cells.lstrip("\u2588"))
        assert (length >= 1) == (bar.value > 0) and set(cells[length:]) <= {" "}
        lengths.append(length)
    values = [b.value for b in shown]
    assert values == sorted(values, reverse=True)
    for (v1, n1), (v2, n2) in zip(zip(values, lengths), zip(values[1:], lengths[1:])):
        assert n1 >= n2 and (n1 > n2 or v1 - v2 <= values[0] / max(lengths[0], 1))
    assert lengths[0] == max(lengths)
    return len(rows)


@pytest.mark.parametrize("chart_only", [False, True], ids=["with table", "chart only"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_each_label_stands_beside_its_own_bar(size, chart_only) -> None:
    app = NokoApp(str(EMBEDDED))
    async with app.run_test(size=size) as pilot:
        await until(pilot, lambda: board(app).state.filtered is not None, seconds=20)
        await pilot.press("3")
        if chart_only:
            await pilot.press("z")
        await settle(app)
        pane = board(app).query_one("#equipment")
        await until(pilot, lambda: pane.built and pane.query(charts.EquipmentChart))
        chart = pane.query_one(charts.EquipmentChart)
        await until(pilot, lambda: chart.data is not None and chart.size.height > 0)
        await pilot.pause(0.1)
        pages = len(chart.data.charts)
        assert pages >= 2
        read = 0
        for page in range(pages):
            await until(pilot, lambda p=page: chart.page == p)
            await pilot.pause(0.05)
            read += check_page(chart)
            await pilot.press("u")  # in chart only too: the header says "u: next"
        await until(pilot, lambda: chart.page == 0)
        assert read >= pages


def test_the_nis_and_hur_shells_each_have_their_own_bar() -> None:
    """The case of the issue: on the shells chart, the NIS's >10,000,000 and
    HUR's ~6,500,000 are two bars, each labelled with its own figure."""
    record = load_dataset(EMBEDDED, cache=False)
    data = equipment_charts(record.claims, record.claimants.index)
    shells = next(c for c in data.charts if c.unit == "shells" and "in all" in c.title)
    labels = [b.label for b in shells.bars]
    nis = next(b for b in shells.bars if " NIS " in b.label)
    hur = next(b for b in shells.bars if " HUR " in b.label)
    assert "10,000,000" in nis.label and nis.value == 10_000_000
    assert "6,500,000" in hur.label and hur.value < nis.value
    assert labels.index(nis.label) < labels.index(hur.label)
    chart = charts.EquipmentChart()
    chart.page = data.charts.index(shells)
    text = chart.rows(data, 80, 12).plain.splitlines()
    rows = {r.split("\u2524")[0].strip(): r.count("\u2588") for r in text if "\u2524" in r}
    nis_row = next(n for label, n in rows.items() if " NIS " in label)
    hur_row = next(n for label, n in rows.items() if " HUR " in label)
    assert nis_row > hur_row >= 1


def test_every_claimant_on_a_chart_has_its_own_marker() -> None:
    """NIS, KR media and UK MoD were all ◎ (their places in claimants.yaml
    twelve apart): with NO_COLOR they could not be told apart."""
    record = load_dataset(EMBEDDED, cache=False)
    troops = troops_chart(record.claims, record.claimants.index)
    glyphs = [e.glyph for e in troops.legend]
    assert len(glyphs) == len(set(glyphs)) and len(glyphs) <= CLAIMANTS_DRAWN
    by_claimant = {m.claimant_id: m.marker for m in troops.marks}
    assert len(set(by_claimant.values())) == len(by_claimant)
    for chart in equipment_charts(record.claims, record.claimants.index).charts:
        markers: dict[str, str] = {}
        for bar in chart.bars:
            markers.setdefault(bar.claimant, bar.marker)
            assert bar.label.startswith(bar.marker)
        assert len(set(markers.values())) == len(markers), chart.title


def test_more_claimants_than_markers_draws_those_with_most_and_says_how_many_more() -> None:
    ids = [f"c{i:02d}" for i in range(20)]
    styles = claimant_styles(ids, ids[:12])
    assert len({s.marker for s in styles.values()}) == 12
    # c13 has the most claims, then c00..c10 by their place; 8 are left out.
    claims = ids + ["c13"] * 3
    kept, left_out = most_claims(claims, ids)
    assert left_out == 8 and "c13" in kept and len(kept) == 12
    assert kept == {"c13", *ids[:11]}
    assert most_claims(ids[:5], ids) == (set(ids[:5]), 0)


def test_a_chart_of_many_claimants_names_the_ones_left_out() -> None:
    """A troops chart of 15 claimants draws 12, one marker each, and its
    summary and legend say the 3 others are in the table."""
    record = load_dataset(EMBEDDED, cache=False)
    claims = record.claims
    troops = troops_chart(claims, record.claimants.index)
    drawn = {m.claimant_id for m in troops.marks}
    if not troops.claimants_left_out:
        pytest.skip("the embedded troop claims have no more claimants than markers")
    assert len(drawn) == CLAIMANTS_DRAWN
    assert "claimants with fewer claims" in troops.summary
    chart = charts.TroopsChart()
    assert f"and {troops.claimants_left_out} more" in chart.legend(troops).plain


async def test_3_u_u_u_typed_at_once_steps_three_units() -> None:
    """The issue's keys: `u` pressed before the pane had drawn its chart was lost."""
    from test_soak import _type

    app = NokoApp(str(EMBEDDED))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: board(app).state.filtered is not None, seconds=20)
        await _type(app, ["3", "u", "u", "u"])
        pane = board(app).query_one("#equipment")
        await until(pilot, lambda: pane.built and pane.query(charts.EquipmentChart))
        chart = pane.query_one(charts.EquipmentChart)
        await until(pilot, lambda: chart.data is not None and chart.page == 3)
        await pilot.pause(0.1)
        assert check_page(chart) >= 2
