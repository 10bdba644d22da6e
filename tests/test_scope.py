"""A figure's extent and basis, and the current picture's date and window."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from tui.claims import load_dataset
from tui.claims.quantity_view import age_text, quantity_view, window_days
from tui.claims.record import annotate

ROOT = Path(__file__).resolve().parent.parent


def _data(tmp_path: Path, quantity_extra: dict, claims: list[dict]):
    (tmp_path / "claims").mkdir(parents=True)
    (tmp_path / "claimants.yaml").write_text(yaml.safe_dump(
        [{"id": c, "name": c, "kind": "official", "country": "XX"} for c in ("nis", "hur")]))
    (tmp_path / "quantities.yaml").write_text(yaml.safe_dump([
        {"id": "killed", "category": "casualties", "label": "killed", "unit": "soldiers",
         "measure": "stock", **quantity_extra}]))  # fmt: skip
    (tmp_path / "sources.yaml").write_text(yaml.safe_dump(
        [{"id": "src", "title": "T", "outlet": "O", "language": "en"}]))
    full = [{"category": "casualties", "quantity": "killed", "qualifier": "about",
             "source": "src", "paragraph": i + 1, "key_phrase": "k", "summary": "s", **c}
            for i, c in enumerate(claims)]  # fmt: skip
    (tmp_path / "claims" / "c.yaml").write_text(yaml.safe_dump(full, sort_keys=False))
    return load_dataset(tmp_path, cache=False)


def _view(data, as_of: dt.date):
    claims = annotate(data.claims, data.tolerances)
    return quantity_view(claims, claims, "killed", data.quantities, data.claimants,
                         tolerances=data.tolerances, as_of=as_of)  # fmt: skip


CLAIMS = [
    {"id": "old", "claimant": "nis", "value": 300, "stated_on": "2025-01-13"},
    {"id": "new", "claimant": "hur", "value": 600, "stated_on": "2025-04-30"},
]


def test_the_window_defaults_by_measure_and_the_quantity_may_change_it(tmp_path: Path) -> None:
    data = _data(tmp_path / "a", {}, CLAIMS)
    assert window_days(data.quantities, "killed") == 180
    view = _view(data, dt.date(2025, 6, 1))
    assert [p.claim_id for p in view.current] == ["new", "old"]
    assert "as of 1 Jun 2025" in view.as_of_text and "180 days" in view.as_of_text
    narrow = _data(tmp_path / "b", {"window_days": 60}, CLAIMS)
    view = _view(narrow, dt.date(2025, 8, 1))
    assert [p.claim_id for p in view.current] == []
    assert [p.claim_id for p in view.stale] == ["new", "old"]
    assert view.extremes() == ""


def test_every_figure_says_its_age() -> None:
    assert age_text(0) == "current to the day"
    assert age_text(5) == "5 days old"
    assert age_text(21) == "3 weeks old"
    assert age_text(274) == "9 months old"
    assert age_text(800) == "2 years old"
    assert age_text(None) == "undated"


def test_a_month_stands_at_its_last_day(tmp_path: Path) -> None:
    data = _data(tmp_path, {}, [{"id": "m", "claimant": "nis", "value": 400,
                                 "stated_on": "2025-03"}])  # fmt: skip
    (entry,) = _view(data, dt.date(2025, 4, 30)).picture
    assert entry.day == dt.date(2025, 3, 31) and entry.age_days == 30


def test_a_part_is_listed_apart_and_never_in_the_range(tmp_path: Path) -> None:
    data = _data(tmp_path, {}, [
        *CLAIMS,
        {"id": "battle", "claimant": "hur", "value": 30, "qualifier": "at least",
         "stated_on": "2025-05-02", "period_start": "2025-04-30", "period_end": "2025-05-01",
         "extent": "engagement", "extent_note": "near Plekhovo", "basis": "estimate"},
    ])  # fmt: skip
    claims = data.claims.set_index("id")
    assert claims.at["battle", "extent"] == "engagement"
    assert claims.at["battle", "part"] == "engagement: near Plekhovo"
    assert claims.at["new", "extent"] == "total" and claims.at["battle", "basis"] == "estimate"
    view = _view(data, dt.date(2025, 5, 10))
    assert [p.claim_id for p in view.parts] == ["battle"]
    assert view.extremes().startswith("lowest nis about 300 (13 Jan 2025); highest hur about 600")


def test_the_embedded_engagement_figure_is_no_revision_of_the_total() -> None:
    data = load_dataset(ROOT / "data", cache=False)
    claims = annotate(data.claims, data.tolerances)
    by_id = dict(zip(claims["id"].astype(str), claims.index))
    hur_total = by_id["c-2025-02-04-euromaidan-budanov-8000-p5-casualties"]
    assert claims.at[hur_total, "revises"] == -1
    engagement = by_id["c-2024-12-16-lbc-afp-hur-30-p2-kia-wia"]
    assert claims.at[engagement, "extent"] == "engagement"
    assert not claims.at[engagement, "contested"]
    # The lawmaker's figure is dated from UPI's report of the same statement
    # (5 Mar 2025), and stands at the HUR briefing he relays (February).
    lawmaker = by_id["s000-p13-killed-lawmaker"]
    assert str(claims.at[lawmaker, "stated_on_precision"]) == "day"
    assert str(claims.at[lawmaker, "as_of_precision"]) == "month"
    assert str(claims.at[lawmaker, "inferred"]) == "claimant, relays, stated_on, as_of"


def test_no_figure_ever_revises_or_is_compared_with_another_part(tmp_path: Path) -> None:
    """Random claims of random parts: every revision links two figures of one
    claimant, quantity and part; every contested figure has a contradicting
    figure of the same part and time."""
    import random

    from tui.claims.contested import comparable

    rng = random.Random(20)
    parts = [(None, None), ("engagement", "near Plekhovo"), ("engagement", "near Kurilovka"),
             ("unit", "11th Airborne"), ("period", "the week to 27 Dec 2024")]  # fmt: skip
    claims = []
    for i in range(120):
        extent, note = rng.choice(parts)
        day = f"2024-12-{rng.randint(1, 28):02d}"
        claim = {"id": f"c{i}", "claimant": rng.choice(["nis", "hur"]), "value": rng.randint(1, 5000),
                 "stated_on": day, "qualifier": rng.choice(["about", "exact", "at least"])}  # fmt: skip
        if extent:
            claim.update(extent=extent, extent_note=note)
        if extent in ("engagement", "period"):
            claim.update(period_start="2024-12-20", period_end="2024-12-27")
        claims.append(claim)
    data = _data(tmp_path, {}, claims)
    annotated = annotate(data.claims, data.tolerances)
    part = annotated["part"].astype(object).where(annotated["part"].notna(), "whole")
    for label, earlier in zip(annotated.index, annotated["revises"]):
        if earlier >= 0:
            assert part[label] == part[earlier]
            assert annotated.at[label, "claimant"] == annotated.at[earlier, "claimant"]
    c = comparable(annotated, data.tolerances)
    groups = {}
    for row, q, s, lo, hi in zip(c.rows, c.quantity, c.slot, c.lo, c.hi):
        groups.setdefault((int(q), int(s)), []).append((part.iat[row], lo, hi))
    for figures in groups.values():
        assert len({p for p, _, _ in figures}) == 1
