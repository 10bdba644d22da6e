"""Arithmetic between quantities: sums and conversions declared in
quantities.yaml, honouring qualifiers, and `check --consistency`."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml

from tests.test_check_bad_data import run_cli
from tui.claims import load_dataset
from tui.claims.consistency import claim_findings, findings
from tui.claims.tolerances import DEFAULT

QUANTITIES = [
    {"id": "killed", "category": "casualties", "label": "killed", "short": "killed",
     "unit": "soldiers", "measure": "stock"},
    {"id": "wounded", "category": "casualties", "label": "wounded", "short": "wounded",
     "unit": "soldiers", "measure": "stock"},
    {"id": "kia_wia", "category": "casualties", "label": "killed or wounded", "short": "kia/wia",
     "unit": "soldiers", "measure": "stock", "sum_of": ["killed", "wounded"]},
    {"id": "containers", "category": "equipment", "label": "containers", "short": "containers",
     "unit": "containers", "measure": "flow"},
    {"id": "per_container", "category": "equipment", "label": "shells a container holds",
     "short": "per container", "unit": "shells per container", "measure": "stock", "chart": "none"},
    {"id": "shells", "category": "equipment", "label": "shells", "short": "shells",
     "unit": "shells", "measure": "flow", "converts_from": "containers",
     "factor": "per_container"},
]  # fmt: skip


def write(root: Path, claims: list[dict], quantities: list[dict] = QUANTITIES) -> Path:
    (root / "claims").mkdir(parents=True, exist_ok=True)
    (root / "claimants.yaml").write_text(yaml.safe_dump(
        [{"id": c, "name": c.upper(), "short": c.upper(), "kind": "official", "country": "XX"}
         for c in ("nis", "jcs", "mnd", "hur")]))  # fmt: skip
    (root / "quantities.yaml").write_text(yaml.safe_dump(quantities, sort_keys=False))
    (root / "sources.yaml").write_text(yaml.safe_dump(
        [{"id": "src", "title": "T", "outlet": "O", "language": "en", "published": "2025-12-31"}]))
    full = []
    for i, claim in enumerate(claims):
        category = "equipment" if claim["quantity"] in ("containers", "per_container", "shells") \
            else "casualties"
        full.append({"id": f"c{i}", "category": category, "source": "src", "paragraph": i + 1,
                     "key_phrase": "k", "summary": "s", "stated_on": "2025-03-10", **claim})
    (root / "claims" / "c.yaml").write_text(yaml.safe_dump(full, sort_keys=False))
    return root


def figure(quantity: str, qualifier: str, value: float, claimant: str = "nis", **more) -> dict:
    claim = {"quantity": quantity, "qualifier": qualifier, "claimant": claimant, **more}
    if qualifier == "range":
        claim.update(low=value * 0.8, high=value * 1.2)
    else:
        claim["value"] = value
        if qualifier in ("at least", "more than"):
            claim["low"] = value
        elif qualifier in ("up to", "fewer than"):
            claim["high"] = value
    return claim


def interval(qualifier: str, value: float) -> tuple[float, float]:
    """The documented bands, written out again independently of intervals.py."""
    return {
        "exact": (value * (1 - DEFAULT.exact), value * (1 + DEFAULT.exact)),
        "about": (value * (1 - DEFAULT.about), value * (1 + DEFAULT.about)),
        "at least": (value, math.inf),
        "up to": (0.0, value),
        "range": (value * 0.8, value * 1.2),
    }[qualifier]


def load(root: Path):
    return load_dataset(root, cache=False)


QUALIFIERS = ["exact", "about", "at least", "up to", "range"]


@pytest.mark.parametrize("part", QUALIFIERS)
@pytest.mark.parametrize("whole", QUALIFIERS)
@pytest.mark.parametrize("total", [4000, 6000, 1000])
def test_a_sum_honours_every_qualifier_pair(tmp_path: Path, part: str, whole: str,
                                            total: int) -> None:  # fmt: skip
    data = load(write(tmp_path, [
        figure("killed", part, 400, claimant="nis", as_of="2025-03-01"),
        figure("wounded", part, 3600, claimant="nis", as_of="2025-03-01"),
        figure("kia_wia", whole, total, claimant="jcs", as_of="2025-03-20"),
    ]))  # fmt: skip
    found = [f for f in findings(data.claims, data.quantities) if len(f.claims) == 3]
    assert len(found) == 1
    lo = interval(part, 400)[0] + interval(part, 3600)[0]
    hi = interval(part, 400)[1] + interval(part, 3600)[1]
    t_lo, t_hi = interval(whole, total)
    assert found[0].consistent == (not (t_lo > hi or t_hi < lo)), found[0].text
    assert found[0].claims == (0, 1, 2)


def test_the_analysts_example_reads_as_arithmetic(tmp_path: Path) -> None:
    data = load(write(tmp_path, [
        figure("killed", "exact", 400, as_of="2025-03-01"),
        figure("wounded", "exact", 3600, as_of="2025-03-01"),
        figure("kia_wia", "about", 4000, claimant="jcs", as_of="2025-03-27"),
    ]))  # fmt: skip
    (finding,) = findings(data.claims, data.quantities)
    assert finding.consistent
    assert finding.text.startswith("400 killed + 3,600 wounded (NIS, as of 1 Mar 2025) = 4,000, "
                                   "consistent with about 4,000 kia/wia (JCS")  # fmt: skip


def test_parts_of_other_times_or_origins_are_not_added(tmp_path: Path) -> None:
    data = load(write(tmp_path, [
        figure("killed", "exact", 400, claimant="nis", as_of="2025-03-01"),
        figure("wounded", "exact", 3600, claimant="hur", as_of="2025-03-01"),
        figure("wounded", "exact", 3000, claimant="nis", as_of="2025-01-01"),
        figure("kia_wia", "about", 4000, claimant="jcs", as_of="2025-03-27"),
    ]))  # fmt: skip
    assert [f for f in findings(data.claims, data.quantities) if len(f.claims) == 3] == []


def test_a_part_above_its_whole_is_inconsistent(tmp_path: Path) -> None:
    data = load(write(tmp_path, [
        figure("killed", "at least", 5000, claimant="hur", as_of="2025-03-05"),
        figure("kia_wia", "about", 4000, claimant="jcs", as_of="2025-03-27"),
    ]))  # fmt: skip
    (finding,) = findings(data.claims, data.quantities)
    assert not finding.consistent and "is more than about 4,000 kia/wia" in finding.text


def test_a_conversion_goes_through_the_factor_claim(tmp_path: Path) -> None:
    claims = [
        figure("containers", "about", 6700, claimant="mnd", period_end="2024-02"),
        figure("per_container", "up to", 448, claimant="mnd", as_of="2024-02"),
        figure("shells", "more than", 6_000_000, claimant="hur", period_end="2024-02"),
    ]
    data = load(write(tmp_path, claims))
    (finding,) = findings(data.claims, data.quantities)
    assert not finding.consistent
    assert "about 6,700 containers (MND, \u2013Feb 2024) \u00d7 up to 448 shells per container" \
        in finding.text
    assert "= up to 3,450,000, inconsistent with more than 6,000,000 shells" in finding.text
    # Disputing the factor changes the derived figure: a container holding 1,000 shells.
    claims[1] = figure("per_container", "about", 1000, claimant="hur", as_of="2024-02")
    data = load(write(tmp_path, claims))
    (finding,) = findings(data.claims, data.quantities)
    assert finding.consistent and "= 6,700,000 (4,840,000\u20138,860,000)" in finding.text


def test_a_claims_own_findings_are_those_it_is_in(tmp_path: Path) -> None:
    data = load(write(tmp_path, [
        figure("killed", "exact", 400, as_of="2025-03-01"),
        figure("wounded", "exact", 3600, as_of="2025-03-01"),
        figure("kia_wia", "about", 4000, claimant="jcs", as_of="2025-03-27"),
        figure("containers", "about", 100, claimant="mnd"),
    ]))  # fmt: skip
    assert len(claim_findings(data.claims, data.quantities, 0)) == 1
    assert len(claim_findings(data.claims, data.quantities, 2)) == 1
    assert claim_findings(data.claims, data.quantities, 3) == []


def test_check_consistency_reports_inconsistencies_and_exits_0(tmp_path: Path) -> None:
    write(tmp_path / "d", [
        figure("killed", "exact", 400, as_of="2025-03-01"),
        figure("wounded", "exact", 3600, as_of="2025-03-01"),
        figure("kia_wia", "more than", 6000, claimant="jcs", as_of="2025-03-27"),
    ])  # fmt: skip
    result = run_cli("check", "d", "--consistency", "--no-cache", cwd=tmp_path)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Consistency:"))
    assert lines[start] == ("Consistency: 1 comparison through the relations of quantities.yaml; "
                            "1 inconsistency (findings, not errors)")  # fmt: skip
    assert lines[start + 1].startswith("- 400 killed + 3,600 wounded (NIS, as of 1 Mar 2025) = 4,000,"
                                       " inconsistent with more than 6,000 kia/wia")  # fmt: skip
    assert [line.split()[0] for line in lines[start + 2 :]] == [
        "d/claims/c.yaml:1", "d/claims/c.yaml:13", "d/claims/c.yaml:25"]  # fmt: skip


def test_check_consistency_on_a_consistent_record(tmp_path: Path) -> None:
    write(tmp_path / "d", [
        figure("killed", "exact", 400, as_of="2025-03-01"),
        figure("wounded", "exact", 3600, as_of="2025-03-01"),
        figure("kia_wia", "about", 4000, claimant="jcs", as_of="2025-03-27"),
    ])  # fmt: skip
    result = run_cli("check", "d", "--consistency", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.splitlines()[-1] == ("Consistency: 1 comparison through the relations of "
                                              "quantities.yaml; 0 inconsistencies (findings, not errors)")  # fmt: skip


def test_bad_relations_are_problems(tmp_path: Path) -> None:
    bad = [dict(q) for q in QUANTITIES]
    bad[2]["sum_of"] = ["killed", "wonded"]
    del bad[5]["factor"]
    bad[4]["sum_of"] = ["per_container"]
    write(tmp_path / "d", [figure("killed", "exact", 1)], quantities=bad)
    text = (tmp_path / "d" / "quantities.yaml").read_text().splitlines()
    # A list is reported at its first item (the line after `sum_of:`).
    sums = [i + 2 for i, line in enumerate(text) if line.startswith("  sum_of:")]
    converts = next(i + 1 for i, line in enumerate(text) if line.startswith("  converts_from:"))
    result = run_cli("check", "d", "--no-cache", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"d/quantities.yaml:{sums[0]}: sum_of: unknown quantity 'wonded'; add it to "
        "quantities.yaml or fix the spelling",
        f"d/quantities.yaml:{sums[1]}: sum_of: a quantity cannot be a sum of itself",
        f"d/quantities.yaml:{sums[1]}: sum_of: a sum needs two parts or more",
        f"d/quantities.yaml:{converts}: converts_from: a conversion needs both converts_from "
        "and factor",
    ]


def brute_force(data):
    """Each derived sum against each origin's latest claim about the whole
    whose time overlaps, one pair at a time (months widened, periods equal)."""
    from tui.claims.consistency import columns_of
    from tui.claims.relations import relations

    claims = data.claims
    (relation,) = [r for r in relations(data.quantities) if r.kind == "sum"]
    cols = columns_of(claims, data.tolerances)
    found = set()
    parts = [cols.rows_of(p) for p in relation.parts]
    totals = cols.rows_of(relation.total)

    def latest(rows):
        best = {}
        for r in rows:
            key = (cols.origin[r], cols.first[r], cols.last[r])
            if key not in best or (cols.said[r], r) > (cols.said[best[key]], best[key]):
                best[key] = r
        return best

    chosen = [latest(rows) for rows in parts]
    for key in set(chosen[0]) & set(chosen[1]):
        a, b = chosen[0][key], chosen[1][key]
        lo, hi = cols.lo[a] + cols.lo[b], cols.hi[a] + cols.hi[b]
        per = cols.per_period[a]
        by_origin = {}
        for t in totals:
            if per or cols.per_period[t]:
                same = (per == cols.per_period[t] and cols.first[a] == cols.first[t]
                        and cols.last[a] == cols.last[t])
            else:
                same = cols.first[a] <= cols.last[t] and cols.first[t] <= cols.last[a]
            if same:
                o = cols.origin[t]
                if o not in by_origin or (cols.said[t], t) > (cols.said[by_origin[o]], by_origin[o]):
                    by_origin[o] = t
        for t in by_origin.values():
            ok = not (cols.lo[t] > hi or cols.hi[t] < lo)
            found.add((int(a), int(b), int(t), ok))
    return found


@pytest.mark.parametrize("seed", range(5))
def test_the_pass_equals_a_comparison_one_pair_at_a_time(tmp_path: Path, seed: int) -> None:
    import random

    from tui.claims.consistency import Consistency

    rng = random.Random(seed)
    claims = []
    for _ in range(60):
        quantity = rng.choice(["killed", "wounded", "kia_wia"])
        month = rng.randint(1, 4)
        when = rng.choice([f"2025-0{month}-1{rng.randint(0, 9)}", f"2025-0{month}", "2025"])
        claims.append(figure(quantity, rng.choice(QUALIFIERS), rng.choice([300, 900, 3000, 4000]),
                             claimant=rng.choice(["nis", "jcs", "mnd", "hur"]), as_of=when,
                             stated_on=f"2025-0{rng.randint(5, 6)}-1{rng.randint(0, 9)}"))  # fmt: skip
    data = load(write(tmp_path, claims))
    arithmetic = Consistency(data.claims, data.quantities, data.tolerances)
    block = next(b for b in arithmetic.blocks if not b.parts)
    item, other, consistent = block.pairs()
    got = {(int(block.inputs[i][0]), int(block.inputs[i][1]), int(t), bool(c))
           for i, t, c in zip(item, other, consistent)}  # fmt: skip
    assert got == brute_force(data)


@pytest.mark.parametrize("count", QUALIFIERS)
@pytest.mark.parametrize("factor", QUALIFIERS)
@pytest.mark.parametrize("total", [300_000, 3_000_000, 30_000_000])
def test_a_conversion_honours_every_qualifier_pair(tmp_path: Path, count: str, factor: str,
                                                   total: int) -> None:  # fmt: skip
    data = load(write(tmp_path, [
        figure("containers", count, 6700, claimant="mnd", period_end="2024-02"),
        figure("per_container", factor, 448, claimant="mnd", as_of="2024-02"),
        figure("shells", "about", total, claimant="hur", period_end="2024-02"),
    ]))  # fmt: skip
    (c_lo, c_hi), (f_lo, f_hi) = interval(count, 6700), interval(factor, 448)
    lo, hi = c_lo * f_lo, c_hi * f_hi
    found = findings(data.claims, data.quantities)
    if lo <= 0 and math.isinf(hi):  # open at both ends: says nothing, not compared
        assert found == []
        return
    (finding,) = found
    t_lo, t_hi = interval("about", total)
    assert finding.consistent == (not (t_lo > hi or t_hi < lo)), finding.text
    assert finding.claims == (0, 1, 2)


def test_a_sum_and_its_whole_are_compared_within_the_window_only(tmp_path: Path) -> None:
    """March's parts against May's whole: not the same time by default (31
    days); a 92-day window (tolerances.yaml) sets them side by side, and the
    finding says how far apart they stand."""
    claims = [figure("killed", "about", 400, as_of="2025-03"),
              figure("wounded", "about", 3600, as_of="2025-03"),
              figure("kia_wia", "about", 4000, claimant="jcs", as_of="2025-05-15")]  # fmt: skip
    assert findings(load(write(tmp_path / "a", claims)).claims,
                    load(write(tmp_path / "a", claims)).quantities) == []  # fmt: skip
    root = write(tmp_path / "b", claims)
    (root / "tolerances.yaml").write_text("arithmetic_window_days: 92\n")
    data = load(root)
    (found,) = findings(data.claims, data.quantities, data.tolerances)
    assert found.consistent and found.text.endswith("(2 months apart)")
    # A figure dated only to its year is wider than the window: compared with nothing.
    dated = [dict(c, as_of="2025") if c["quantity"] != "kia_wia" else c for c in claims]
    data = load(write(tmp_path / "c", dated))
    assert findings(data.claims, data.quantities, data.tolerances) == []
