"""The reasoning over claims: intervals, time slots, revisions, origins,
contested figures, knowledge on a date, milestones and the quantity view.
Each test builds a small data directory, loads it as the app does, and checks
the model's answer."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import numpy as np
import pytest
import yaml

from tui.claims import load_dataset
from tui.claims.contested import contested_flags, disagreements
from tui.claims.filters import Filter, known_mask
from tui.claims.intervals import claim_intervals, slot_label, time_slots
from tui.claims.quantity_view import change_text, claim_disagreements, quantity_view
from tui.claims.record import annotate, milestones, record_for
from tui.claims.revisions import claim_id, revisions, sequence
from tui.claims.tolerances import DEFAULT, Tolerances, read_tolerances

CLAIMANTS = ["nis", "jcs", "lawmaker", "hur", "pentagon"]
QUANTITIES = [
    {"id": "in_russia", "category": "troops", "label": "troops in Russia", "unit": "soldiers",
     "measure": "stock"},
    {"id": "sent", "category": "troops", "label": "troops sent in all", "unit": "soldiers",
     "measure": "flow"},
    {"id": "wave", "category": "troops", "label": "one more wave", "unit": "soldiers",
     "measure": "flow", "scope": "per period"},
    {"id": "killed", "category": "casualties", "label": "killed", "unit": "soldiers",
     "measure": "stock"},
]  # fmt: skip


def make(tmp_path: Path, claims: list[dict], extra: dict[str, str] | None = None):
    """A data directory with these claims (defaults filled in), loaded."""
    (tmp_path / "claims").mkdir(exist_ok=True)
    (tmp_path / "claimants.yaml").write_text(yaml.safe_dump(
        [{"id": c, "name": c.upper(), "short": c.upper(), "kind": "official", "country": "XX"}
         for c in CLAIMANTS]))  # fmt: skip
    (tmp_path / "quantities.yaml").write_text(yaml.safe_dump(QUANTITIES))
    (tmp_path / "sources.yaml").write_text(yaml.safe_dump(
        [{"id": "src", "title": "T", "outlet": "O", "language": "en", "published": "2025-12-31"}]))
    full = []
    for i, claim in enumerate(claims):
        record = {"id": f"c{i}", "category": "troops", "claimant": "nis", "source": "src",
                  "paragraph": i + 1, "key_phrase": "k", "summary": "s", **claim}  # fmt: skip
        if record.get("quantity") in ("killed",):
            record["category"] = "casualties"
        full.append(record)
    (tmp_path / "claims" / "c.yaml").write_text(yaml.safe_dump(full, sort_keys=False))
    for name, text in (extra or {}).items():
        (tmp_path / name).write_text(text)
    return load_dataset(tmp_path, cache=False)


def stock(value: float | None, qualifier: str = "exact", *, said: str = "2025-01-10",
          claimant: str = "nis", quantity: str = "in_russia", **more) -> dict:
    claim = {"quantity": quantity, "qualifier": qualifier, "claimant": claimant,
             "stated_on": said, **more}  # fmt: skip
    if value is not None:
        claim["value"] = value
    return claim


# -- intervals ---------------------------------------------------------------------


def test_every_qualifier_is_an_interval(tmp_path: Path) -> None:
    data = make(tmp_path, [
        stock(1000, "exact"), stock(1000, "about"), stock(1000, "nearly"),
        stock(1000, "at least", low=1000), stock(1000, "more than"),
        stock(1000, "up to", high=1000), stock(1000, "fewer than"),
        stock(None, "range", low=800, high=1200), stock(900, "range", low=800, high=1200),
        stock(None, "thousands"), stock(None, "hundreds"), stock(None, "considerable"),
    ])  # fmt: skip
    lo, hi = claim_intervals(data.claims)
    expected = [(990, 1010), (850, 1150), (900, 1000), (1000, math.inf), (1000, math.inf),
                (0, 1000), (0, 1000), (800, 1200), (800, 1200),
                # a vague span's edges are soft: 15% beyond its conventional 2,000-9,999
                (1700, 9999 * 1.15), (170, 999 * 1.15)]  # fmt: skip
    for i, (a, b) in enumerate(expected):
        assert lo[i] == pytest.approx(a) and hi[i] == pytest.approx(b), data.claims["id"][i]
    assert np.isnan(lo[11]) and np.isnan(hi[11])  # a vague word with no span is never compared


def test_tolerances_file_changes_the_bands(tmp_path: Path) -> None:
    text = ("about: 0.25\nexact: 0\nvague:\n  thousands: [1000, 9999]\nvague_edge: 0\n"
            "bound_reach: 0.25\nwidth_reach: 4\narithmetic_window_days: 92\n")
    data = make(tmp_path, [stock(1000, "about"), stock(1000, "exact"), stock(None, "thousands")],
                {"tolerances.yaml": text})  # fmt: skip
    assert data.tolerances.about == 0.25 and data.tolerances.exact == 0
    lo, hi = claim_intervals(data.claims, data.tolerances)
    assert (lo[0], hi[0]) == (750, 1250) and (lo[1], hi[1]) == (1000, 1000)
    assert (lo[2], hi[2]) == (1000, 9999)  # no soft edge with vague_edge 0
    t = data.tolerances
    assert (t.bound_reach, t.width_reach, t.arithmetic_window_days) == (0.25, 4, 92)


def test_a_bad_confirmation_or_window_tolerance_is_named(tmp_path: Path) -> None:
    (tmp_path / "tolerances.yaml").write_text(
        "vague_edge: 1.2\nbound_reach: 0\nwidth_reach: 0.5\narithmetic_window_days: 3.5\n"
    )
    tolerances, problems = read_tolerances(tmp_path, "tolerances.yaml")
    assert tolerances == DEFAULT
    assert [(p.line, p.field) for p in problems] == [
        (1, "vague_edge"), (2, "bound_reach"), (3, "width_reach"), (4, "arithmetic_window_days")]


def test_a_bad_tolerances_file_names_every_problem(tmp_path: Path) -> None:
    (tmp_path / "tolerances.yaml").write_text(
        "about: 1.5\nexcat: 0.1\nnearly: '0.1'\nvague:\n  dozens: [99, 24]\n"
    )
    tolerances, problems = read_tolerances(tmp_path, "tolerances.yaml")
    assert tolerances == DEFAULT
    found = [(p.line, p.field) for p in problems]
    assert found == [(1, "about"), (2, "excat"), (3, "nearly"), (5, "vague: dozens")]


def test_check_reports_a_bad_tolerances_file(tmp_path: Path) -> None:
    from conftest import run_cli

    make(tmp_path, [stock(1000)])
    (tmp_path / "tolerances.yaml").write_text("about: -1\n")
    result = run_cli("check", str(tmp_path), "--no-cache")
    assert result.returncode == 1
    assert f"{tmp_path}/tolerances.yaml:1: about: a share from 0 up to 1" in result.stdout


# -- time slots ----------------------------------------------------------------------


def test_time_slots_follow_measure_scope_and_precision(tmp_path: Path) -> None:
    data = make(tmp_path, [
        stock(1, as_of="2025-01-20"),                       # a level: its as_of month
        stock(1, as_of="2025-01"),                          # a month: the same slot
        stock(1, said="2025-02-03"),                        # no as_of: when it was said
        stock(1, as_of="2025"),                             # a year: too coarse, never compared
        stock(1, quantity="sent", period_end="2025-03"),    # a running total: its end
        stock(1, quantity="wave", period_start="2025-01", period_end="2025-02"),
        stock(1, quantity="wave", period_start="2024"),     # one end, a year: Jan to Dec
        stock(1, said=None),                                # undated
    ])  # fmt: skip
    slots = time_slots(data.claims)
    labels = [slot_label(s) for s in slots]
    assert labels == ["Jan 2025", "Jan 2025", "Feb 2025", "", "Mar 2025",
                      "Jan 2025\u2013Feb 2025", "Jan 2024\u2013Dec 2024", ""]  # fmt: skip


# -- contested -------------------------------------------------------------------------


def test_at_least_against_up_to_is_contested_only_when_they_cannot_meet(tmp_path: Path) -> None:
    data = make(tmp_path, [
        stock(3000, "at least", claimant="nis", as_of="2025-01"),
        stock(2000, "up to", claimant="hur", as_of="2025-01-15"),
        stock(3000, "at least", claimant="nis", as_of="2025-03"),
        stock(4000, "up to", claimant="hur", as_of="2025-03-02"),
    ])  # fmt: skip
    assert list(contested_flags(data.claims)) == [True, True, False, False]
    found, _ = disagreements(data.claims, "in_russia")
    assert len(found) == 1
    d = found[0]
    assert (d.when, d.low_origin, d.high_origin, d.by) == ("Jan 2025", "hur", "nis", 1000)
    assert d.ratio == pytest.approx(1.5)


def test_about_bands_overlap_and_exact_figures_do_not(tmp_path: Path) -> None:
    data = make(tmp_path, [
        stock(10000, "about", claimant="nis", as_of="2025-01"),
        stock(11000, "about", claimant="jcs", as_of="2025-01"),   # bands meet: agree
        stock(12000, "exact", claimant="pentagon", as_of="2025-01"),  # 11,880+ vs <=11,500
    ])  # fmt: skip
    assert list(contested_flags(data.claims)) == [True, False, True]


def test_figures_of_different_months_or_periods_are_not_compared(tmp_path: Path) -> None:
    data = make(tmp_path, [
        stock(100, claimant="nis", as_of="2024-12"),
        stock(300, claimant="hur", as_of="2025-01"),
        stock(3000, quantity="wave", claimant="nis", period_start="2025-01", period_end="2025-02"),
        stock(1000, quantity="wave", claimant="hur", period_start="2025-02", period_end="2025-02"),
        stock(500, claimant="jcs", as_of="2025"),   # year precision: not placed in a month
    ])  # fmt: skip
    assert not contested_flags(data.claims).any()


def test_a_relay_is_its_origin_and_never_contests_or_confirms_it(tmp_path: Path) -> None:
    data = make(tmp_path, [
        stock(300, "about", claimant="nis", as_of="2025-01", said="2025-01-10"),
        # A lawmaker relays the NIS's newer figure, in the same month: one origin,
        # so this revises the NIS's voice rather than contradicting it.
        stock(1000, "about", claimant="lawmaker", relays="nis", as_of="2025-01",
              said="2025-01-20"),
        stock(1000, "about", claimant="hur", as_of="2025-01", said="2025-01-15"),
    ])  # fmt: skip
    claims = data.claims
    assert list(claims["origin"].astype(str)) == ["nis", "nis", "hur"]
    # The NIS's latest (the relayed 1,000) agrees with the HUR's: nothing contested,
    # and the NIS's older 300 no longer speaks for it.
    assert not contested_flags(claims).any()
    view = quantity_view(annotate(claims), claims, "in_russia", data.quantities, data.claimants)
    assert view.counts == "3 reports, 2 origins"
    assert {p.origin for p in view.picture} == {"NIS", "HUR"}


def test_two_reports_of_one_origin_do_not_count_twice_against_another(tmp_path: Path) -> None:
    data = make(tmp_path, [
        stock(300, "about", claimant="nis", as_of="2025-01", said="2025-01-10"),
        stock(300, "about", claimant="lawmaker", relays="nis", as_of="2025-01", said="2025-01-11"),
        stock(1000, "about", claimant="hur", as_of="2025-01", said="2025-01-15"),
    ])  # fmt: skip
    found, _ = disagreements(data.claims, "in_russia")
    assert len(found) == 1 and (found[0].low_origin, found[0].high_origin) == ("nis", "hur")
    # Only the origin's latest report is flagged, not both of its reports.
    assert list(contested_flags(data.claims)) == [False, True, True]


def test_relays_is_validated(tmp_path: Path) -> None:
    from tui.claims import DataError

    with pytest.raises(DataError) as error:
        make(tmp_path, [stock(1, claimant="nis", relays="nis"), stock(1, relays="nobody")])
    found = sorted((p.field, p.message.split(";")[0]) for p in error.value.problems)
    assert found == [("relays", "names the claim's own claimant"),
                     ("relays", "unknown relays 'nobody'")]  # fmt: skip


# -- revisions -------------------------------------------------------------------------


def test_a_claimants_figures_form_a_sequence_with_changes(tmp_path: Path) -> None:
    data = make(tmp_path, [
        stock(600, "about", said="2025-04"),
        stock(100, "at least", said="2024-12-19", low=100),
        stock(300, "about", said="2025-01-13"),
        stock(2000, "about", said="2025-09"),
        stock(11000, claimant="jcs", said="2025-02"),
        stock(5, said=None),  # undated: before the dated ones
    ])  # fmt: skip
    found = revisions(data.claims)
    assert list(found["latest"]) == [False, False, False, True, True, False]
    assert found["revised_by"].tolist()[1] == 2 and found["revises"].tolist()[2] == 1
    assert claim_id(data.claims, 2) == "c2" and claim_id(data.claims, -1) is None
    assert found["change"].tolist()[2] == 200 and found["change"].tolist()[3] == 1400
    assert found["position"].tolist() == [4, 2, 3, 5, 1, 1]
    ordered = sequence(data.claims, "c2")["id"].tolist()
    assert ordered == ["c5", "c1", "c2", "c0", "c3"]
    assert change_text(1400.0, 5) == "+1,400" and change_text(-100.0, 2) == "\u2212100"
    assert change_text(0.0, 2) == "same" and change_text(float("nan"), 1) == "first"


def test_per_period_figures_revise_only_the_same_period(tmp_path: Path) -> None:
    data = make(tmp_path, [
        stock(3000, quantity="wave", period_start="2025-01", period_end="2025-02", said="2025-03"),
        stock(1000, quantity="wave", period_start="2025-04", period_end="2025-04", said="2025-05"),
        stock(3500, quantity="wave", period_start="2025-01", period_end="2025-02", said="2025-06"),
    ])  # fmt: skip
    found = revisions(data.claims)
    assert list(found["latest"]) == [False, True, True]
    assert found["revised_by"].tolist()[0] == 2


def test_latest_only_keeps_each_claimants_latest_per_quantity(tmp_path: Path) -> None:
    data = make(tmp_path, [
        stock(100, said="2024-12"), stock(300, said="2025-01"),
        stock(200, claimant="hur", said="2024-12"),
        {"category": "diplomacy", "claimant": "nis", "stated_on": "2024-11"},
    ])  # fmt: skip
    kept = Filter(latest_only=True).apply(data.claims)
    assert kept["id"].tolist() == ["c1", "c2", "c3"]  # statements without a number stay


# -- knowledge on a date -----------------------------------------------------------------


def test_known_on_keeps_what_was_certainly_said_by_then(tmp_path: Path) -> None:
    data = make(tmp_path, [
        stock(100, said="2025-01-31"),
        stock(300, said="2025-01"),      # a month: known from its last day
        stock(500, said="2025-02-01"),
        stock(700, said=None),           # no date: the source's (31 Dec 2025)
        stock(900, said="2025"),         # a year, but its source dates it sooner
    ])  # fmt: skip
    mask = known_mask(data.claims, dt.date(2025, 1, 31))
    assert mask.tolist() == [True, True, False, False, False]
    assert known_mask(data.claims, dt.date(2025, 12, 31)).all()
    # "latest" is latest on that day: the 100 of 31 Jan (a claim dated only
    # "Jan 2025" sits mid-month), not the 500 said the next day.
    record = record_for(data, dt.date(2025, 1, 31))
    kept = Filter(known_on=dt.date(2025, 1, 31), latest_only=True).apply(record.claims, known=True)
    assert kept["value"].tolist() == [100]
    assert Filter(known_on=dt.date(2025, 1, 31), latest_only=True).apply(data.claims)[
        "value"].tolist() == [100]  # fmt: skip
    assert Filter(latest_only=True).apply(data.claims)["value"].tolist() == [900]  # mid-2025


def test_known_on_steps_by_month() -> None:
    newest = dt.date(2026, 3, 17)
    f = Filter()
    assert f.stepped(1, newest) == f  # nothing to step forward from
    back = f.stepped(-1, newest)
    assert back.known_on == dt.date(2026, 3, 1)
    assert back.stepped(-1, newest).known_on == dt.date(2026, 2, 1)
    assert Filter(known_on=dt.date(2025, 3, 31)).stepped(-1, newest).known_on == dt.date(2025, 2, 28)
    assert back.stepped(1, newest).known_on is None  # past the newest: everything
    assert "known on 1 Mar 2026" in back.describe() and not back.is_empty
    assert "latest only" in Filter(latest_only=True).describe()


# -- milestones and the record -------------------------------------------------------------


def test_milestones_are_dated_diplomacy_events(tmp_path: Path) -> None:
    data = make(tmp_path, [
        {"category": "diplomacy", "period_start": "2024-12-04", "stated_on": "2024-12-05",
         "milestone": "Treaty in force"},
        {"category": "diplomacy", "stated_on": "2025-04-28", "milestone": "Acknowledged"},
        stock(1),
    ])  # fmt: skip
    found = milestones(data.claims)
    assert [(m.label, m.date) for m in found] == [("Treaty in force", "4Dec24"),
                                                  ("Acknowledged", "28Apr25")]  # fmt: skip
    assert record_for(data, show_milestones=False).milestones == ()
    assert len(record_for(data, dt.date(2025, 1, 1)).milestones) == 1  # not known yet


def test_an_event_many_claims_report_is_one_milestone_in_the_legend(tmp_path: Path) -> None:
    """At 100,000 claims an event is reported hundreds of times; the chart
    draws it once and its legend names it once."""
    from tui.claims.charts.time import troops_chart
    from tui.widgets.charts import milestone_key

    treaty = [{"category": "diplomacy", "period_start": "2024-12-04", "period_end": "2024-12-04",
               "stated_on": f"2024-12-{5 + i % 20:02d}", "claimant": CLAIMANTS[i % 5],
               "milestone": ["Treaty in force", "treaty  in FORCE"][i % 2]}
              for i in range(250)]  # fmt: skip
    other_day = {"category": "diplomacy", "period_start": "2024-12-05", "stated_on": "2024-12-06",
                 "milestone": "Treaty in force"}  # the same words on another day: another event
    data = make(tmp_path, [*treaty, other_day, stock(100, said="2024-11-01"),
                           stock(300, said="2025-02-01")])  # fmt: skip
    found = milestones(data.claims)
    assert [(m.label, m.date, m.reports) for m in found] == [
        ("Treaty in force", "4Dec24", 250), ("Treaty in force", "5Dec24", 1)]  # fmt: skip
    assert found[0].claim_id == min(f"c{i}" for i in range(250))
    record = record_for(data)
    chart = troops_chart(record.claims, data.claimants.index, record.milestones)
    assert len(chart.milestones) == 2 and chart.milestones_left_out == 0
    key = milestone_key(list(chart.milestones), chart.milestones_left_out)
    assert key.count("Treaty in force") == 2 and "4Dec24" in key and "more" not in key


def test_a_chart_draws_the_most_reported_milestones_and_counts_the_rest() -> None:
    from tui.claims.record import Milestone
    from tui.claims.charts import MILESTONES_DRAWN, BarGroup, drawn_milestones, milestones_among
    from tui.widgets.charts import milestone_key

    events = [Milestone(f"m{i}", f"event {i}", 2025 + i / 10, f"{i}Jan25", reports=1 + i % 3)
              for i in range(MILESTONES_DRAWN + 2)]  # fmt: skip
    drawn, left_out = drawn_milestones(events)
    assert len(drawn) == MILESTONES_DRAWN and left_out == 2
    assert [m.at for m in drawn] == sorted(m.at for m in drawn)  # numbered in date order
    assert min(m.reports for m in drawn) >= max(m.reports for m in events if m not in drawn)
    assert drawn_milestones(events[:3]) == (tuple(events[:3]), 0)
    key = milestone_key(list(drawn), left_out)
    assert key.endswith("+2 more milestones (Diplomacy lists them)")
    groups = (BarGroup("a", 2025.0, "x", ()), BarGroup("b", 2025.35, "x", ()))
    assert milestones_among(groups, events) == (tuple(events[:4]), 0)  # between the bars


def test_milestones_are_validated(tmp_path: Path) -> None:
    from tui.claims import DataError

    with pytest.raises(DataError) as error:
        make(tmp_path, [{"category": "diplomacy", "milestone": "Undated"},
                        stock(1, milestone="A number")])  # fmt: skip
    found = sorted(p.message for p in error.value.problems)
    assert found == ["a milestone needs a date (period_start or stated_on) to stand at",
                     "only diplomacy events are milestones"]  # fmt: skip


def test_the_quantity_view_tells_what_we_know(tmp_path: Path) -> None:
    data = make(tmp_path, [
        stock(100, "at least", quantity="killed", low=100, said="2024-12-19", as_of="2024-12-19"),
        stock(300, "about", quantity="killed", said="2025-01-13", as_of="2025-01-13"),
        stock(1000, "about", quantity="killed", claimant="hur", said="2025-01-20",
              as_of="2025-01-15"),
        stock(300, "about", quantity="killed", claimant="lawmaker", relays="nis",
              said="2025-01-14", as_of="2025-01-13"),
    ])  # fmt: skip
    record = record_for(data)
    # The picture is as of a date: a day in the window of these January figures.
    view = quantity_view(record.claims, record.claims, "killed", data.quantities, data.claimants,
                         as_of=dt.date(2025, 2, 1))  # fmt: skip
    assert view.counts == "4 reports, 2 origins" and view.reading == "a level at a date"
    assert view.sequences[0].startswith("HUR: about 1,000")
    nis = next(s for s in view.sequences if s.startswith("NIS"))
    assert nis == "NIS: at least 100 (as of 19 Dec 2024) \u2192 about 300 (as of 13 Jan 2025)"
    assert [(p.origin, p.contested) for p in view.picture] == [("HUR", True), ("NIS", True)]
    assert view.extremes().startswith("lowest NIS about 300")
    assert view.disagreements == ("Jan 2025: NIS about 300 vs HUR about 1,000: 505 apart, 3.3\u00d7",)
    assert view.rows["id"].tolist() == ["c2", "c3", "c1", "c0"]
    changes = [change_text(c, p) for c, p in zip(view.rows["change"], view.rows["position"])]
    assert changes == ["first", "first", "+200", "first"]
    names = dict(zip(data.claimants.index, data.claimants["short"]))
    assert claim_disagreements(record.claims, "c2", names) == list(view.disagreements)
    assert claim_disagreements(record.claims, "c0", names) == []
    selected = view.chart.with_selected("hur")
    assert not view.chart.empty and selected.selected == "hur"
    assert all(m.faint == (m.claimant_id != "hur") for m in selected.marks)


def test_a_tolerance_is_hashable_and_describes_itself() -> None:
    assert hash(Tolerances()) == hash(DEFAULT)
    assert "about \u00b115%" in DEFAULT.describe()


def test_known_on_steps_keep_month_ends_and_stay_in_range() -> None:
    newest = dt.date(2026, 3, 17)
    end = Filter(known_on=dt.date(2025, 3, 31))
    assert end.stepped(-1, newest).known_on == dt.date(2025, 2, 28)
    assert end.stepped(-1, newest).stepped(1, newest).known_on == dt.date(2025, 3, 31)
    assert Filter(known_on=dt.date(1, 1, 31)).stepped(-1, newest).known_on == dt.date(1, 1, 31)
    far = Filter(known_on=dt.date(9999, 12, 31)).stepped(1, dt.date(9999, 12, 31))
    assert far.known_on is None or far.known_on.year == 9999


def test_many_disagreements_are_counted_and_the_latest_listed(tmp_path: Path) -> None:
    claims = []
    for month in range(1, 13):
        claims.append(stock(100, claimant="nis", as_of=f"2024-{month:02d}", said=f"2024-{month:02d}-20"))
        claims.append(stock(900, claimant="hur", as_of=f"2024-{month:02d}", said=f"2024-{month:02d}-21"))
        claims.append(stock(5000, claimant="jcs", as_of=f"2024-{month:02d}", said=f"2024-{month:02d}-22"))
    data = make(tmp_path, claims)
    record = record_for(data)
    from tui.claims import quantity_view as qv

    view = quantity_view(record.claims, record.claims, "in_russia", data.quantities, data.claimants)
    assert view.disagreeing == 36 and len(view.disagreements) == qv.DISAGREEMENTS_SHOWN
    assert view.disagreements[0].startswith("Dec 2024")


def test_milestones_in_one_gap_between_bars_are_spread() -> None:
    from tui.claims.record import Milestone
    from tui.claims.charts import BarGroup, milestone_positions

    groups = (BarGroup("a", 2025.0, "x", ()), BarGroup("b", 2025.5, "x", ()))
    placed = milestone_positions(groups, [Milestone("m1", "one", 2025.1, ""),
                                          Milestone("m2", "two", 2025.2, "")])  # fmt: skip
    assert [round(x, 3) for x, _ in placed] == [1.333, 1.667]
