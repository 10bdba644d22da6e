"""One statement, several outlets: each entry's wording, checked like a
claim's; `check` warns of one statement entered twice; the detail and the
export show each outlet's wording."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import run_cli

from tui.claims import DataError, load_dataset
from tui.claims.export import export_frame
from tui.claims.statements import outlets
from tui.screens.detail import describe

VOCAB = {
    "claimants.yaml": [{"id": "jcs", "name": "JCS", "kind": "military", "country": "KR"}],
    "quantities.yaml": [{"id": "kw", "category": "casualties", "label": "killed or wounded",
                         "unit": "soldiers", "measure": "stock"}],
    "sources.yaml": [{"id": s, "title": "T", "outlet": s, "language": "en"}
                     for s in ("yonhap", "cnn", "afp")],
}  # fmt: skip


def claim(**fields) -> dict:
    return {"id": "a", "category": "casualties", "quantity": "kw", "value": 4000,
            "qualifier": "about", "claimant": "jcs", "stated_on": "2025-03-27", "source": "cnn",
            "paragraph": 5, "key_phrase": "about 4,000", "summary": "s", **fields}  # fmt: skip


def write(root: Path, claims: list[dict]) -> Path:
    (root / "claims").mkdir(parents=True, exist_ok=True)
    for name, records in VOCAB.items():
        (root / name).write_text(yaml.safe_dump(records))
    (root / "claims" / "c.yaml").write_text(yaml.safe_dump(claims, sort_keys=False))
    return root


def test_an_entry_keeps_its_outlets_wording_and_the_detail_and_export_show_it(tmp_path) -> None:
    also = [{"source": "yonhap", "paragraph": 3, "qualifier": "exact", "value": 4000,
             "key_phrase": "4,000 casualties have occurred"},
            {"source": "afp", "paragraph": 2}]  # fmt: skip
    claims = load_dataset(write(tmp_path, [claim(also_in=also)]), cache=False).claims
    row = claims.iloc[0]
    assert row["also_in"] == "yonhap:3; afp:2"
    found = outlets(row["also_in"], row["also_in_wording"])
    assert [o.describe() for o in found] == [
        "yonhap \u00b63: 4,000 (exact) \u201c4,000 casualties have occurred\u201d", "afp \u00b62"]
    card = describe(row)
    cells = [str(c) for column in card.columns for c in column._cells]
    assert "yonhap \u00b63: 4,000 (exact) \u201c4,000 casualties have occurred\u201d" in cells
    assert "afp \u00b62" in cells
    assert export_frame(claims)["also_in"].iat[0] == (
        "yonhap \u00b63: 4,000 (exact) \u201c4,000 casualties have occurred\u201d; afp \u00b62")


@pytest.mark.parametrize(("entry", "message"), [
    ({"qualifier": "about"}, "qualifier 'about' needs a value"),
    ({"qualifier": "roughly-ish", "value": 4000}, "is not a numeric qualifier"),
    ({"value": 4000}, "a number needs a qualifier"),
    ({"qualifier": "range", "low": 5000, "high": 4000}, "low (5000) is greater than high (4000)"),
    ({"qualifier": "more than", "value": 4000, "high": 5000}, "open upper bound"),
    ({"qualifier": "about", "value": -4}, "expected a count"),
    ({"qualifier": "about", "value": "4000"}, "quoted text"),
    ({"qualifier": "about", "value": 4000, "colour": "red"}, "may add that outlet's wording"),
])  # fmt: skip
def test_an_entrys_wording_is_checked_like_a_claims(tmp_path, entry: dict, message: str) -> None:
    also = [{"source": "yonhap", "paragraph": 3, **entry}]
    with pytest.raises(DataError) as error:
        load_dataset(write(tmp_path, [claim(also_in=also)]), cache=False)
    problems = [str(p) for p in error.value.problems]
    assert len(problems) == 1 and "also_in" in problems[0], problems
    assert message in problems[0], problems
    assert "entry 1 (yonhap, paragraph 3)" in problems[0] or "each entry" in problems[0]


def test_check_warns_of_one_statement_entered_twice_and_still_exits_0(tmp_path) -> None:
    root = write(tmp_path, [claim(), claim(id="b", qualifier="exact", source="yonhap",
                                           paragraph=3)])  # fmt: skip
    result = run_cli("check", str(root), "--no-cache")
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1, result.stderr
    assert "claims/c.yaml:12: b and " in warnings[0] and "claims/c.yaml:1 (a)" in warnings[0]
    assert "said 2025-03-27" in warnings[0]
    assert "warning" not in result.stdout


def test_check_of_the_embedded_data_warns_of_nothing() -> None:
    result = run_cli("check", "--no-cache")
    assert result.returncode == 0
    assert "warning:" not in result.stderr, result.stderr
