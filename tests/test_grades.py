"""Grades: the data fields, the suggested credibility, the filter on grades,
how grades read and where they show (tables, detail, charts)."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import numpy as np
import pytest

from tests.test_analysis import make, stock
from tui.claims.contested import comparable
from tui.claims.formatting import grade_text
from tui.claims.filters import Filter, parse_credibility, parse_reliability
from tui.claims.grades import (
    CONFIRMED,
    DOUBTFUL,
    POSSIBLY,
    UNJUDGED,
    evidence,
    grade_lines,
    low_grades,
    suggest,
)
from tui.claims.intervals import intervals_of
from tui.claims.record import record_for

SNAPSHOT = Path(__file__).parent / "data" / "snapshot"


def says_as_much(lo, hi, other_lo, other_hi, tolerances) -> bool:
    """One pair at a time: whether the other figure's agreement constrains
    the claim (an open bound within `bound_reach` of the other's end on that
    side; two bounded intervals, neither more than `width_reach` times as
    spread as the other)."""
    import math

    r = tolerances.bound_reach
    if math.isinf(hi) or math.isinf(other_hi):
        if min(lo, other_lo) < r * max(lo, other_lo):
            return False
    if lo <= 0 or other_lo <= 0:
        if min(hi, other_hi) < r * max(hi, other_hi):
            return False
    if math.isinf(hi) or math.isinf(other_hi) or lo <= 0 or other_lo <= 0:
        return True
    about = math.log((1 + tolerances.about) / (1 - tolerances.about))
    mine, theirs = max(math.log(hi / lo), about), max(math.log(other_hi / other_lo), about)
    return max(mine, theirs) <= tolerances.width_reach * min(mine, theirs)


def brute_force(claims, tolerances):
    """The suggestion counted one claim at a time, against every other
    origin's latest figure for the same quantity and time: the figures that
    agree and constrain it, and those that contradict it."""
    lo, hi, slot = intervals_of(claims, tolerances)
    c = comparable(claims, tolerances)
    quantity = np.asarray(claims["quantity"].cat.codes)
    origin = np.asarray(claims["origin"].cat.codes)
    agree = np.zeros(len(claims), dtype=int)
    disagree = np.zeros(len(claims), dtype=int)
    for i in range(len(claims)):
        if quantity[i] < 0 or slot[i] < 0 or np.isnan(lo[i]) or origin[i] < 0:
            continue
        for k in range(len(c.rows)):
            if c.quantity[k] != quantity[i] or c.slot[k] != slot[i] or c.origin[k] == origin[i]:
                continue
            if c.lo[k] > hi[i] or c.hi[k] < lo[i]:
                disagree[i] += 1
            elif says_as_much(lo[i], hi[i], c.lo[k], c.hi[k], tolerances):
                agree[i] += 1
    return agree, disagree


def test_suggestions_confirm_contradict_or_stand_alone(tmp_path: Path) -> None:
    data = make(tmp_path, [
        stock(1000, "about", claimant="nis", as_of="2025-01-10"),
        stock(1100, "about", claimant="jcs", as_of="2025-01-20"),
        stock(5000, "at least", claimant="hur", low=5000, as_of="2025-01-05"),
        stock(900, "about", claimant="lawmaker", relays="nis", as_of="2025-01-11"),
        stock(300, "about", claimant="pentagon", as_of="2025-06-01"),
        stock(None, "thousands", claimant="pentagon", said="2025-09-01"),
    ])  # fmt: skip
    claims = record_for(data).claims
    s = suggest(claims)
    # NIS: the JCS agrees, the HUR contradicts; its relay (the lawmaker) counts for nothing.
    assert (s.grade[0], s.agree[0], s.disagree[0]) == (POSSIBLY, 1, 1)
    assert s.grade[2] == DOUBTFUL and s.disagree[2] == 2
    # The relay is compared with other origins, never with the NIS it relays.
    assert (s.agree[3], s.disagree[3]) == (1, 1)
    assert s.grade[4] == UNJUDGED and s.grade[5] == UNJUDGED
    (tmp_path / "b").mkdir()
    data = make(tmp_path / "b", [stock(1000, "about", claimant="nis"),
                                 stock(1050, "about", claimant="jcs")])  # fmt: skip
    assert list(suggest(record_for(data).claims).grade) == [CONFIRMED, CONFIRMED]


@pytest.mark.parametrize("seed", range(6))
def test_suggestions_equal_a_count_one_claim_at_a_time(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    claims = []
    for _ in range(40):
        qualifier = rng.choice(["exact", "about", "at least", "up to", "range", "thousands"])
        value = rng.choice([100, 300, 1000, 1100, 3000, 5000])
        extra: dict = {}
        number = None if qualifier in ("thousands", "range") else value
        if qualifier == "range":
            extra = {"low": value, "high": value * 2}
        elif qualifier == "at least":
            extra = {"low": value}
        elif qualifier == "up to":
            extra = {"high": value}
        claim = stock(number, qualifier,
                      claimant=rng.choice(["nis", "jcs", "hur", "lawmaker", "pentagon"]),
                      quantity=rng.choice(["in_russia", "killed"]),
                      as_of=f"2025-0{rng.randint(1, 3)}-1{rng.randint(0, 9)}",
                      said=f"2025-0{rng.randint(4, 6)}-1{rng.randint(0, 9)}", **extra)  # fmt: skip
        if claim.get("value") is None:
            claim.pop("value", None)
        if rng.random() < 0.2 and claim["claimant"] != "nis":
            claim["relays"] = "nis"
        claims.append(claim)
    data = make(tmp_path, claims)
    record = record_for(data)
    s = suggest(record.claims, record.tolerances)
    agree, disagree = brute_force(record.claims, record.tolerances)
    assert list(s.agree) == list(agree) and list(s.disagree) == list(disagree)


def test_grades_read_as_the_admiralty_pair() -> None:
    assert grade_text("B", 2, 6) == "B2"
    assert grade_text("B", None, 4) == "B4?"
    assert grade_text(None, None, 6) == "\u20136?"
    assert grade_text(None, 3, 1) == "\u20133"


def test_grade_filters_parse_and_say_what_they_keep() -> None:
    assert parse_reliability("a-c") == frozenset("ABC")
    assert parse_reliability("A, E") == frozenset("AE")
    assert parse_credibility("4-5") == frozenset({4, 5})
    for bad in ("G", "C-A"):
        with pytest.raises(ValueError):
            parse_reliability(bad)
    with pytest.raises(ValueError):
        parse_credibility("7")
    f = Filter(reliability=frozenset("AB"), hide_credibility=frozenset({4, 5}))
    assert f.describe() == "sources A, B \u00b7 credibility not 4, 5"


def test_the_filter_keeps_graded_sources_and_hides_low_credibility() -> None:
    from tui.claims import load_dataset

    data = load_dataset(SNAPSHOT, cache=False)
    claims = record_for(data).claims
    kept = Filter(reliability=frozenset("C")).apply(claims, known=True)
    assert set(kept["claimant"].astype(str)) == {"kr-jcs"}
    hidden = Filter(hide_credibility=frozenset({3})).apply(claims, known=True)
    assert "s000-p13-killed-lawmaker" not in set(hidden["id"])
    # Suggested grades count too: the JCS's contested 4,000 is suggested doubtful (4).
    doubtful = Filter(hide_credibility=frozenset({4})).apply(claims, known=True)
    assert "s000-p05-killed-or-wounded" not in set(doubtful["id"])
    assert len(doubtful) < len(claims)


def test_the_detail_gives_each_grade_with_its_reason() -> None:
    from tui.claims import load_dataset

    data = load_dataset(SNAPSHOT, cache=False)
    record = record_for(data)
    claims = record.claims
    names = dict(zip(data.claimants.index, data.claimants["short"].astype(str)))
    row = claims[claims["id"] == "s000-p05-killed-or-wounded"].iloc[0]
    found = evidence(claims, row.name, names, record.tolerances, {"gb-mod": "B"})
    agree, disagree = found
    assert agree == [] and disagree[0].startswith("UK MoD more than 5,000")
    lines = dict(grade_lines(row, data.claimants.loc["kr-jcs"], found))
    # Evidence x agreement: who else speaks, their grades, and how far they agree.
    assert lines["Evidence"] == "1 other independent origin for Mar 2025 (UK MoD B)"
    assert lines["Agreement"].startswith("low: UK MoD more than 5,000 contradicts")
    assert lines["Reliability"].startswith("C fairly reliable: its \u201c") or \
        lines["Reliability"].startswith('C fairly reliable: its "about 4,000"')
    assert lines["Reliability"].endswith("(graded 2 Dec 2026)")
    assert lines["Credibility"].startswith("4? doubtful: 1 other origin contradicts")
    assert "not an analyst's grade" in lines["Credibility"]
    graded = claims[claims["id"] == "s000-p13-killed-lawmaker"].iloc[0]
    lines = dict(grade_lines(graded, data.claimants.loc[str(graded["claimant"])], ([], [])))
    assert lines["Credibility"].startswith("3 possibly true: with the 3,600 wounded")
    assert lines["Credibility"].endswith("(the analyst's grade)")
    assert lines["Reliability"].startswith("not graded")


def test_low_grades_are_drawn_faint_and_the_legend_says_so(tmp_path: Path) -> None:
    from tui.claims.charts.time import troops_chart
    from tui.widgets.charts import LOW_GRADES, TroopsChart

    data = make(tmp_path, [
        stock(1000, "about", claimant="nis", credibility=5,
              credibility_reason="the test says so"),
        stock(1100, "about", claimant="jcs"),
    ])  # fmt: skip
    record = record_for(data)
    assert list(low_grades(record.claims)) == [True, False]
    chart = troops_chart(record.claims, data.claimants.index)
    assert [m.low_grade for m in chart.marks] == [True, False]
    assert LOW_GRADES in TroopsChart().legend(chart).plain


def test_a_claimants_grade_joins_every_claim(tmp_path: Path) -> None:
    data = make(tmp_path, [stock(1000, "about", claimant="nis")])
    assert record_for(data).claims["reliability"].isna().all()
    assert data.claimants["reliability"].isna().all() if "reliability" in data.claimants else True
    assert dt.date(2026, 12, 2)  # the graded date is read by the detail test
