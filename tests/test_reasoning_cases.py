"""Reasoning cases an analyst wrote down: claims, the answer, and why.

Each file in `tests/cases/` holds cases like this one:

    - case: one statement carried by two outlets is not a revision
      rule: revision                 # the rule it pins (README: "How noko-tui reasons")
      why: >-
        The JCS said it once; CNN and Yonhap worded it differently.
      claims:                        # short claims over the small vocabulary below
        - {id: a, claimant: jcs, quantity: killed_or_wounded, value: 4000, stated_on: 2025-03-27}
        - {id: b, claimant: jcs, quantity: killed_or_wounded, value: 4100, stated_on: 2025-04-20}
      expect:                        # what the model answers; only the keys given are asked
        revises: {b: a}              # b revises a; `{a: null}`: a revises nothing
        latest: [b]                  # the claims that are latest in their sequence
        contested: []                # the claims flagged contested
        suggested: {a: 6}            # suggested credibility
        picture: [b]                 # the claims in the quantity's current picture

A claim's defaults: category from its quantity, claimant `nis`, source
`src`, qualifier `exact`, a paragraph of its own. Every key of `expect` is a
checker below (`CHECKS`); a new rule adds its checker and its cases.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import pandas as pd
import pytest
import yaml

from tui.claims import load_dataset
from tui.claims.quantity_view import quantity_view
from tui.claims.record import annotate

CASES = Path(__file__).parent / "cases"

CLAIMANTS = ["nis", "jcs", "lawmaker", "hur", "sbu", "pentagon", "ukmod", "kcna"]
QUANTITIES = [
    {"id": "in_russia", "category": "troops", "label": "troops in Russia", "unit": "soldiers",
     "measure": "stock"},
    {"id": "sent", "category": "troops", "label": "troops sent in all", "unit": "soldiers",
     "measure": "flow"},
    {"id": "wave", "category": "troops", "label": "one more wave", "unit": "soldiers",
     "measure": "flow", "scope": "per period"},
    {"id": "killed", "category": "casualties", "label": "killed", "unit": "soldiers",
     "measure": "stock"},
    {"id": "wounded", "category": "casualties", "label": "wounded", "unit": "soldiers",
     "measure": "stock"},
    {"id": "killed_or_wounded", "category": "casualties", "label": "killed or wounded",
     "unit": "soldiers", "measure": "stock", "sum_of": ["killed", "wounded"]},
]  # fmt: skip
_CATEGORY = {q["id"]: q["category"] for q in QUANTITIES}


def _load_cases() -> list[dict]:
    found = []
    for path in sorted(CASES.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            found.append({**case, "_file": path.name})
    return found


ALL = _load_cases()


def build(tmp_path: Path, claims: list[dict]):
    """A data directory of these claims over the small vocabulary, loaded."""
    (tmp_path / "claims").mkdir(exist_ok=True)
    (tmp_path / "claimants.yaml").write_text(yaml.safe_dump(
        [{"id": c, "name": c.upper(), "short": c.upper(), "kind": "official", "country": "XX"}
         for c in CLAIMANTS]))  # fmt: skip
    (tmp_path / "quantities.yaml").write_text(yaml.safe_dump(QUANTITIES))
    (tmp_path / "sources.yaml").write_text(yaml.safe_dump(
        [{"id": s, "title": "T", "outlet": s.upper(), "language": "en", "published": "2025-12-31"}
         for s in ("src", "cnn", "yonhap")]))  # fmt: skip
    full = []
    for i, claim in enumerate(claims):
        record = {"category": _CATEGORY.get(claim.get("quantity"), "troops"), "claimant": "nis",
                  "source": "src", "paragraph": i + 1, "key_phrase": "k", "summary": "s",
                  "qualifier": "exact", **claim}  # fmt: skip
        for field in ("stated_on", "as_of", "period_start", "period_end"):
            if isinstance(record.get(field), _dt.date):
                record[field] = record[field].isoformat()
        if "value" not in record and "low" not in record and record["qualifier"] == "exact":
            record.pop("qualifier")
        full.append(record)
    (tmp_path / "claims" / "c.yaml").write_text(yaml.safe_dump(full, sort_keys=False))
    return load_dataset(tmp_path, cache=False)


class Answer:
    """The model's answers about one case's claims, worked out once."""

    def __init__(self, dataset) -> None:
        self.dataset = dataset
        self.claims = annotate(dataset.claims, dataset.tolerances)
        self.ids = self.claims["id"].astype(str).tolist()
        self.by_label = dict(zip(self.claims.index, self.ids))

    def id_of(self, label: int) -> str | None:
        return self.by_label.get(int(label)) if label is not None and label >= 0 else None

    def column(self, name: str) -> dict[str, object]:
        return dict(zip(self.ids, self.claims[name].tolist()))

    def view(self, quantity: str):
        d = self.dataset
        return quantity_view(self.claims, self.claims, quantity, d.quantities, d.claimants,
                             tolerances=d.tolerances)  # fmt: skip


def _revises(answer: Answer, wanted: dict) -> None:
    got = {i: answer.id_of(v) for i, v in answer.column("revises").items()}
    assert {k: got[k] for k in wanted} == wanted


def _latest(answer: Answer, wanted: list) -> None:
    got = [i for i, v in answer.column("latest").items() if v]
    assert sorted(got) == sorted(wanted)


def _contested(answer: Answer, wanted: list) -> None:
    got = [i for i, v in answer.column("contested").items() if v]
    assert sorted(got) == sorted(wanted)


def _suggested(answer: Answer, wanted: dict) -> None:
    got = answer.column("suggested")
    assert {k: int(got[k]) for k in wanted} == {k: int(v) for k, v in wanted.items()}


def _picture(answer: Answer, wanted: list | dict) -> None:
    """`[ids]` for one quantity in the record, or `{quantity: [ids]}`."""
    quantities = (wanted if isinstance(wanted, dict)
                  else {str(answer.claims["quantity"].dropna().iat[0]): wanted})  # fmt: skip
    for quantity, ids in quantities.items():
        got = [p.claim_id for p in answer.view(quantity).picture]
        assert sorted(got) == sorted(ids), quantity


def _stands(answer: Answer, wanted: list) -> None:
    """The claims that stand for their statement (`revisions.py`): every
    claim but the less cautious copies of one statement entered twice."""
    got = [i for i, v in answer.column("stands").items() if v]
    assert sorted(got) == sorted(wanted)


def _change(answer: Answer, wanted: dict) -> None:
    """Each claim's change from the figure before it; null where there is none."""
    got = answer.column("change")
    assert {k: (None if pd.isna(got[k]) else float(got[k])) for k in wanted} == {
        k: (None if v is None else float(v)) for k, v in wanted.items()}


def _duplicates(answer: Answer, wanted: list) -> None:
    """The pairs `check` warns of as one statement entered twice."""
    from tui.claims.statements import duplicates

    ids = answer.dataset.claims["id"].astype(str).tolist()
    got = [sorted([ids[a], ids[b]]) for a, b in duplicates(answer.dataset.claims)]
    assert sorted(got) == sorted(sorted(p) for p in wanted)


def _cautious(answer: Answer, wanted: dict) -> None:
    """The source whose wording of a claim's statement is the most cautious,
    of the claim's own and its also_in entries' wordings."""
    from tui.claims.statements import most_cautious_outlet

    claims = answer.dataset.claims.set_index("id", drop=False)
    got = {k: most_cautious_outlet(claims.loc[k], answer.dataset.tolerances)[0] for k in wanted}
    assert got == wanted


def _as_of_view(answer: Answer, wanted: dict):
    """The quantity view as of `wanted['as_of']` (for `quantity`, else the
    first claim's quantity): the current picture is as of a date."""
    quantity = wanted.get("quantity") or str(answer.claims["quantity"].dropna().iat[0])
    as_of = wanted["as_of"]
    as_of = as_of if isinstance(as_of, _dt.date) else _dt.date.fromisoformat(str(as_of))
    d = answer.dataset
    return quantity_view(answer.claims, answer.claims, quantity, d.quantities, d.claimants,
                         tolerances=d.tolerances, as_of=as_of)  # fmt: skip


def _current(answer: Answer, wanted: dict) -> None:
    """`{as_of: DATE, ids: [...]}`: the current figures of the whole, in the
    order shown (the most recent first)."""
    assert [p.claim_id for p in _as_of_view(answer, wanted).current] == wanted["ids"]


def _stale(answer: Answer, wanted: dict) -> None:
    """`{as_of: DATE, ids: [...]}`: the figures of the whole listed as stale."""
    assert [p.claim_id for p in _as_of_view(answer, wanted).stale] == wanted["ids"]


def _parts(answer: Answer, wanted: dict) -> None:
    """`{as_of: DATE, ids: [...]}`: the figures of a part, listed apart."""
    assert [p.claim_id for p in _as_of_view(answer, wanted).parts] == wanted["ids"]


def _range(answer: Answer, wanted: dict) -> None:
    """`{as_of: DATE, low: id, high: id}`: the ends of the range (`extremes`)."""
    view = _as_of_view(answer, wanted)
    numbered = [p for p in view.current if p.best == p.best]
    got = {"low": min(numbered, key=lambda p: p.best).claim_id,
           "high": max(numbered, key=lambda p: p.best).claim_id} if numbered else {}  # fmt: skip
    assert got == {k: wanted[k] for k in ("low", "high") if k in wanted}
    if numbered:
        assert view.extremes()


def _arithmetic(answer: Answer, wanted: list) -> None:
    """`[{claims: [part, part, whole], consistent: bool, apart: "the same
    month"}]`: every sum or part set against its whole (`consistency.py`);
    `[]`: none is compared."""
    from tui.claims.consistency import findings

    got = []
    for f in findings(answer.claims, answer.dataset.quantities, answer.dataset.tolerances):
        ids = [answer.ids[p] for p in f.claims]
        got.append({"claims": ids, "consistent": f.consistent})
        for w in wanted:
            if w["claims"] == ids and "apart" in w:
                assert f.text.endswith(f"({w['apart']})"), f.text
    assert got == [{"claims": w["claims"], "consistent": w["consistent"]} for w in wanted]


def _evidence(answer: Answer, wanted: dict) -> None:
    """`{claim: {agree: [ids], loose: [ids], disagree: [ids], agreement:
    "high"}}`: the other origins' figures behind a suggestion (`grades.evidence`),
    those that agree and test it, those too loose to, those that contradict it,
    and the first word of its agreement."""
    from tui.claims.grades import evidence

    for claim, want in wanted.items():
        label = answer.claims.index[answer.ids.index(claim)]
        found = evidence(answer.claims, label, {}, answer.dataset.tolerances)
        for key in ("agree", "loose", "disagree"):
            if key in want:
                assert sorted(w.claim_id for w in getattr(found, key)) == sorted(want[key]), key
        if "agreement" in want:
            assert found.agreement_text().split(":")[0] == want["agreement"], found.agreement_text()


def _reliability(answer: Answer, wanted: dict) -> None:
    """`{origin: "B (3 tested: 3 confirmed, 0 contradicted)"}`: the grade the
    threshold rule gives an origin, with its counts (`reliability.py`)."""
    from tui.claims.reliability import Record, records

    got = records(answer.dataset.claims, answer.dataset.tolerances)
    for origin, want in wanted.items():
        record = got.get(origin, Record(origin))
        assert f"{record.grade} ({record.counts()})" == want, origin


#: What a case may ask of the model, by its key in `expect`.
CHECKS = {
    "arithmetic": _arithmetic,
    "evidence": _evidence,
    "revises": _revises,
    "latest": _latest,
    "contested": _contested,
    "suggested": _suggested,
    "picture": _picture,
    "stands": _stands,
    "change": _change,
    "duplicates": _duplicates,
    "cautious": _cautious,
    "current": _current,
    "stale": _stale,
    "parts": _parts,
    "range": _range,
    "reliability": _reliability,
}


def test_there_are_enough_cases_and_each_is_complete() -> None:
    assert len(ALL) >= 12
    for case in ALL:
        assert {"case", "rule", "why", "claims", "expect"} <= set(case), case.get("case")
        assert set(case["expect"]) <= set(CHECKS), case["case"]
    names = [c["case"] for c in ALL]
    assert len(names) == len(set(names)), "two cases of one name"


@pytest.mark.parametrize("case", ALL, ids=[f"{c['rule']}: {c['case']}" for c in ALL])
def test_case(case: dict, tmp_path: Path) -> None:
    answer = Answer(build(tmp_path, case["claims"]))
    for key, wanted in case["expect"].items():
        CHECKS[key](answer, wanted)
